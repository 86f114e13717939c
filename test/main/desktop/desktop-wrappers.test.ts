import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../../mocks/electron'));

import { desktopClipboard, MAX_CLIPBOARD_TEXT } from '../../../main/desktop/clipboard';
import { chooseSavePath, safeFileName } from '../../../main/desktop/dialogs';
import { guardAllWebContents } from '../../../main/desktop/navigation-guards';
import { showNotification } from '../../../main/desktop/notifications';
import { setupSingleInstance } from '../../../main/desktop/single-instance';
import { badgeLabel, PendingInvitationCounter, setupTray } from '../../../main/desktop/tray';
import type { HubSnapshot } from '../../../preload/api';
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
  it('writes text through the main-process clipboard, capped at the channel limit', () => {
    desktopClipboard.writeText('aws sso login --profile dev');
    expect(clipboard.text).toBe('aws sso login --profile dev');
    desktopClipboard.writeText('x'.repeat(MAX_CLIPBOARD_TEXT + 10));
    expect(clipboard.text).toHaveLength(MAX_CLIPBOARD_TEXT);
    expect(() => desktopClipboard.writeText(42 as never)).toThrow(TypeError);
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

function row(profile: string, region: string, invitations: string[], error = false): HubSnapshot {
  return {
    profile,
    region,
    accountId: '222222222222',
    arn: null,
    hub: 'on',
    hubArn: null,
    subscribedAt: null,
    administrator: null,
    pendingInvitations: invitations.map((id) => ({
      accountId: '111111111111',
      invitationId: id,
      invitedAt: null,
      memberStatus: 'Invited',
    })),
    invitationsCount: invitations.length,
    members: null,
    error: error ? { kind: 'network', message: 'down', remediation: null, command: null, retryable: true } : null,
    partialErrors: [],
    notes: [],
    fetchedAt: '2026-11-25T00:00:00.000Z',
    stale: false,
  };
}
const progress = (r: HubSnapshot) => ({ type: 'refresh-progress', refreshId: 'r', done: 1, total: 1, row: r }) as const;
const finished = {
  type: 'refresh-finished',
  refreshId: 'r',
  done: 1,
  total: 1,
  failed: 0,
  cancelled: false,
  ms: 1,
} as const;

describe('PendingInvitationCounter', () => {
  it('counts pending invitations per row and reports only invitations that appear after the first refresh', () => {
    const c = new PendingInvitationCounter();
    expect(c.observe(progress(row('member', 'us-east-1', ['i1'])))).toEqual([]);
    expect(c.observe(progress(row('member', 'eu-west-1', ['i2'])))).toEqual([]);
    expect(c.count).toBe(2);
    c.observe(finished);
    // Re-reading a row replaces its count; a failed read keeps the last known one.
    expect(c.observe(progress(row('member', 'us-east-1', ['i1', 'i3'])))).toEqual(['us-east-1/i3']);
    expect(c.observe(progress(row('member', 'eu-west-1', [], true)))).toEqual([]);
    expect(c.count).toBe(3);
    expect(c.observe(progress(row('member', 'eu-west-1', [])))).toEqual([]);
    expect(c.count).toBe(2);
    expect(c.observe({ type: 'menu', command: 'refresh' })).toEqual([]);
  });

  it('labels the badge', () => {
    expect(badgeLabel(0)).toContain('no pending invitations');
    expect(badgeLabel(1)).toContain('1 pending invitation');
    expect(badgeLabel(3)).toContain('3 pending invitations');
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
