import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../../mocks/electron'));

import type { WatchChange } from '../../../main/domain/types';
import { desktopClipboard, MAX_CLIPBOARD_TEXT } from '../../../main/shell/desktop/clipboard';
import { chooseOpenPath, chooseSavePath, safeFileName } from '../../../main/shell/desktop/dialogs';
import { guardAllWebContents } from '../../../main/shell/desktop/navigation-guards';
import {
  createWatchNotifier,
  heldNotificationCount,
  showNotification,
} from '../../../main/shell/desktop/notifications';
import { setupSingleInstance } from '../../../main/shell/desktop/single-instance';
import { badgeLabel, setupTray } from '../../../main/shell/desktop/tray';
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  fakeEvent,
  Notification,
  nativeImage,
  resetElectronMock,
  Tray,
} from '../../mocks/electron';

beforeEach(() => resetElectronMock());

describe('clipboard', () => {
  it('writes text through the main-process clipboard, capped at the channel limit', async () => {
    await desktopClipboard.writeText('aws sso login --profile dev');
    expect(clipboard.text).toBe('aws sso login --profile dev');
    await desktopClipboard.writeText('x'.repeat(MAX_CLIPBOARD_TEXT + 10));
    expect(clipboard.text).toHaveLength(MAX_CLIPBOARD_TEXT);
    await expect(desktopClipboard.writeText(42 as never)).rejects.toThrow(TypeError);
  });

  it('resolves once the text is written, and lets a failure through instead of reporting success', async () => {
    await desktopClipboard.writeText('aws sso login --sso-session corp');
    expect(clipboard.text).toBe('aws sso login --sso-session corp');
    clipboard.failure = new Error('The clipboard is held by another application');
    await expect(desktopClipboard.writeText('x')).rejects.toThrow('held by another application');
    expect(clipboard.text).toBe('aws sso login --sso-session corp');
  });
});

describe('dialogs', () => {
  it('reduces a suggested name to a bare file name', () => {
    expect(safeFileName('activity.csv')).toBe('activity.csv');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('..\\..\\x.json')).toBe('x.json');
    expect(safeFileName('..')).toBe('export');
    expect(safeFileName('a:b?.csv')).toBe('a_b_.csv');
  });

  it('returns the chosen path, or null when cancelled', async () => {
    const win = new BrowserWindow();
    dialog.nextSaveResult = { canceled: false, filePath: '/home/me/activity.csv' };
    expect(await chooseSavePath(win as never, 'activity.csv', '/home/me/Downloads')).toBe('/home/me/activity.csv');
    const [parent, options] = dialog.showSaveDialog.mock.calls[0] as [
      unknown,
      { defaultPath: string; filters: { extensions: string[] }[] },
    ];
    expect(parent).toBe(win);
    expect(options.defaultPath).toBe(path.join('/home/me/Downloads', 'activity.csv'));
    expect(options.filters[0]?.extensions).toEqual(['csv']);

    dialog.nextSaveResult = { canceled: true, filePath: '' };
    expect(await chooseSavePath(null, '../x.json', '/d')).toBeNull();
    expect(dialog.showSaveDialog.mock.calls[1]?.[0]).toMatchObject({ defaultPath: path.join('/d', 'x.json') });
  });
});

describe('notifications', () => {
  it('shows a notification and wires its click; reports false where unsupported', () => {
    const onClick = vi.fn();
    expect(showNotification('Title', 'Body', onClick)).toBe(true);
    const n = Notification.instances[0];
    expect(n?.options).toMatchObject({ title: 'Title', body: 'Body' });
    expect(n?.shown).toBe(true);
    n?.emit('click');
    expect(onClick).toHaveBeenCalled();

    Notification.supported = false;
    expect(showNotification('Title', 'Body')).toBe(false);
    expect(Notification.instances).toHaveLength(1);
  });

  it('holds each notification until it is clicked, closed or has failed, so its click still works', () => {
    const onClick = vi.fn();
    const before = heldNotificationCount();
    showNotification('a', 'clicked', onClick);
    showNotification('b', 'closed');
    showNotification('c', 'failed');
    expect(heldNotificationCount()).toBe(before + 3);
    const [clicked, closed, failed] = Notification.instances.slice(-3);
    clicked?.emit('click');
    expect(onClick).toHaveBeenCalledOnce();
    closed?.emit('close');
    failed?.emit('failed', {}, 'no notification server');
    expect(heldNotificationCount()).toBe(before);
  });
});

describe('single instance', () => {
  it('registers the second-instance handler when it holds the lock', () => {
    const onSecond = vi.fn();
    expect(setupSingleInstance(app, onSecond)).toBe(true);
    app.emit('second-instance');
    expect(onSecond).toHaveBeenCalled();
    expect(app.quit).not.toHaveBeenCalled();
  });

  it('quits when another instance holds the lock', () => {
    app.hasLock = false;
    const onSecond = vi.fn();
    expect(setupSingleInstance(app, onSecond)).toBe(false);
    expect(app.quit).toHaveBeenCalled();
    expect(app.listenerCount('second-instance')).toBe(0);
  });
});

describe('guardAllWebContents', () => {
  it('denies webviews and window.open in any web contents created later', () => {
    const openExternal = vi.fn();
    guardAllWebContents(app as never, openExternal);
    const win = new BrowserWindow();
    app.emit('web-contents-created', fakeEvent(), win.webContents);
    expect(win.webContents.fire('will-attach-webview', {}, {}).defaultPrevented).toBe(true);
    expect(win.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(win.webContents.windowOpenHandler?.({ url: 'https://docs.aws.amazon.com/x' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://docs.aws.amazon.com/x');
  });
});

const change = (message: string, kind: WatchChange['kind'] = 'new-invitation'): WatchChange => ({
  kind,
  service: 'securityhub',
  profile: 'member',
  region: 'us-east-1',
  accountId: '222222222222',
  otherAccountId: '111111111111',
  before: null,
  after: 'Invited',
  message,
});

describe('watch notifier', () => {
  it('sets the pending count on every watch-change and notifies news only when the window is not in front', () => {
    const counts: number[] = [];
    let focused = false;
    const onClick = vi.fn();
    const handle = createWatchNotifier({ setCount: (n) => counts.push(n), isFocused: () => focused, onClick });
    handle({ type: 'menu', command: 'refresh' });
    handle({ type: 'watch-change', changes: [], pendingCount: 2 });
    expect(counts).toEqual([2]);
    expect(Notification.instances).toHaveLength(0);
    handle({
      type: 'watch-change',
      changes: [change('member has a new invitation from 111111111111')],
      pendingCount: 3,
    });
    expect(Notification.instances).toHaveLength(1);
    const shown = Notification.instances[0]!;
    expect(shown.options.title).toBe('1 new Security Hub invitation');
    expect(shown.options.body).toContain('new invitation from 111111111111');
    expect(shown.shown).toBe(true);
    shown.emit('click');
    expect(onClick).toHaveBeenCalledTimes(1);
    focused = true;
    handle({ type: 'watch-change', changes: [change('again')], pendingCount: 4 });
    expect(Notification.instances).toHaveLength(1);
    expect(counts).toEqual([2, 3, 4]);
  });

  it('sums up several changes of different kinds, at most three lines and a count', () => {
    const handle = createWatchNotifier({ setCount: vi.fn(), isFocused: () => false, onClick: vi.fn() });
    handle({
      type: 'watch-change',
      changes: [change('a'), change('b', 'member-status'), change('c'), change('d')],
      pendingCount: 0,
    });
    expect(Notification.instances[0]?.options.title).toBe('4 Security Hub changes');
    expect(Notification.instances[0]?.options.body).toBe('a\nb\nc\n…and 1 more.');
  });

  it('shows nothing where the platform has no notifications', () => {
    Notification.supported = false;
    const handle = createWatchNotifier({ setCount: vi.fn(), isFocused: () => false, onClick: vi.fn() });
    handle({ type: 'watch-change', changes: [change('a')], pendingCount: 1 });
    expect(Notification.instances).toHaveLength(0);
  });

  it('labels the badge', () => {
    expect(badgeLabel(0)).toContain('no pending invitations');
    expect(badgeLabel(1)).toContain('1 pending invitation');
    expect(badgeLabel(3)).toContain('3 pending invitations');
    expect(badgeLabel(3, 'Security Hub 2, GuardDuty 1')).toBe(
      'Security Hub Invitations — 3 pending invitations (Security Hub 2, GuardDuty 1)',
    );
  });

  it('hands the tray each service’s pending count in words', () => {
    const set: [number, string][] = [];
    const handle = createWatchNotifier({
      setCount: (n, by) => set.push([n, by]),
      isFocused: () => true,
      onClick: vi.fn(),
    });
    handle({ type: 'watch-change', changes: [], pendingCount: 3, pendingByService: { guardduty: 1, securityhub: 2 } });
    // An event of an earlier version without the split still sets the count.
    handle({ type: 'watch-change', changes: [], pendingCount: 1 });
    expect(set).toEqual([
      [3, 'Security Hub 2, GuardDuty 1'],
      [1, ''],
    ]);
  });
});

describe('chooseOpenPath', () => {
  it('asks for one file with the given filter and answers its path, or null when cancelled', async () => {
    expect(await chooseOpenPath(null, { title: 'Import', extensions: ['csv'] })).toBeNull();
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/tmp/members.csv'] });
    expect(await chooseOpenPath(null, { title: 'Import', extensions: ['csv'] })).toBe('/tmp/members.csv');
    const options = dialog.showOpenDialog.mock.calls[1]?.[0] as {
      properties: string[];
      filters: { extensions: string[] }[];
    };
    expect(options.properties).toEqual(['openFile']);
    expect(options.filters[0]?.extensions).toEqual(['csv']);
  });
});

describe('setupTray', () => {
  it('creates nothing without an icon', () => {
    expect(setupTray({ iconPath: '/nowhere.png', onShow: vi.fn(), onRefresh: vi.fn() })).toBeNull();
    expect(Tray.instances).toHaveLength(0);
  });

  it('shows the count in the tooltip and the launcher badge', () => {
    nativeImage.existing.add('/icon.png');
    const onShow = vi.fn();
    const tray = setupTray({ iconPath: '/icon.png', onShow, onRefresh: vi.fn() });
    const t = Tray.instances[0];
    tray?.setCount(2);
    expect(t?.tooltip).toContain('2 pending invitations');
    expect(app.setBadgeCount).toHaveBeenLastCalledWith(2);
    t?.emit('click');
    expect(onShow).toHaveBeenCalled();
    tray?.destroy();
    expect(t?.destroyed).toBe(true);
  });
});

describe('notifications of AWS values', () => {
  it('show controls and bidi marks escaped, a line break in a value never starting a line of its own', () => {
    const handle = createWatchNotifier({ setCount: () => undefined, isFocused: () => false, onClick: () => undefined });
    handle({
      type: 'watch-change',
      changes: [
        change('member has a new invitation from 1111\u202e2222'),
        change('member2 has a new invitation from 3333\nforged line\u001b[2J'),
      ],
      pendingCount: 2,
    });
    const shown = Notification.instances.at(-1)!;
    expect(shown.options.body).toBe(
      'member has a new invitation from 1111\\u202e2222\nmember2 has a new invitation from 3333\\nforged line\\u001b[2J',
    );
    expect((shown.options.body ?? '').split('\n')).toHaveLength(2);
  });
});
