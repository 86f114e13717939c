/**
 * main/index.ts wired to the fake electron module and the real backend (settings in a temp folder):
 * what happens before ready, which IPC channels exist, and that IPC reaches the desktop wrappers.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron'));

// Each test re-imports main/index.ts (it starts the app on import), so the fake electron module is
// re-imported after vi.resetModules() too: these bindings always point at the instance index.ts sees.
let E: typeof import('../mocks/electron');

import { EVENT_CHANNEL, requestSchemas } from '../../contract/api';
import type { Result } from '../../main/domain/errors';

const channels = Object.keys(requestSchemas).sort();
let userData: string;

async function importApp(env: Record<string, string> = {}) {
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  const mod = await import('../../main/shell/index');
  return mod;
}

async function startReady(env: Record<string, string> = {}) {
  const mod = await importApp(env);
  E.app.becomeReady();
  expect(await mod.started.ready).toBe(true);
  const win = E.BrowserWindow.instances[0];
  if (!win) throw new Error('no window');
  return { mod, win };
}

function invoke(channel: string, payload: unknown, url = 'app://renderer/index.html') {
  const listener = E.ipcMain.handlers.get(channel) as (event: unknown, payload: unknown) => Promise<Result<unknown>>;
  return listener({ senderFrame: { url, parent: null } }, payload);
}

async function quit() {
  const event = E.fakeEvent();
  E.app.emit('will-quit', event);
  await vi.waitFor(() => expect(E.app.quit).toHaveBeenCalled());
  return event;
}

beforeEach(async () => {
  vi.resetModules();
  E = await import('../mocks/electron');
  E.resetElectronMock();
  userData = mkdtempSync(path.join(tmpdir(), 'shi-index-'));
  vi.stubEnv('SHI_USER_DATA', userData);
  vi.stubEnv('ELECTRON_RENDERER_URL', '');
  vi.stubEnv('SHI_DEMO', '');
  // Keep the AWS side away from the real home folder.
  vi.stubEnv('AWS_CONFIG_FILE', path.join(userData, 'aws-config'));
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', path.join(userData, 'aws-credentials'));
});

afterEach(() => {
  vi.unstubAllEnvs();
  delete (process as { resourcesPath?: string }).resourcesPath;
  rmSync(userData, { recursive: true, force: true });
});

describe('before ready', () => {
  it('names the app, moves userData, takes the lock and registers the privileged scheme', async () => {
    await importApp();
    expect(E.app.setName).toHaveBeenCalledWith('Security Hub Invitations');
    expect(E.app.setPath).toHaveBeenCalledWith('userData', userData);
    expect(E.app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
    expect(E.protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(E.app.calls).toEqual([
      'setName',
      'setAppUserModelId',
      'setPath:userData',
      'requestSingleInstanceLock',
      'registerSchemesAsPrivileged',
      'enableSandbox',
    ]);
    // Nothing that needs ready has happened yet.
    expect(E.BrowserWindow.instances).toHaveLength(0);
    expect(E.ipcMain.handlers.size).toBe(0);
  });

  it('sets the Windows AppUserModelID to electron-builder.yml appId', async () => {
    await importApp();
    const yml = readFileSync(path.resolve(__dirname, '../../electron-builder.yml'), 'utf8');
    const appId = /^appId:\s*(\S+)\s*$/m.exec(yml)?.[1];
    expect(appId).toBeTruthy();
    expect(E.app.setAppUserModelId).toHaveBeenCalledWith(appId);
  });

  it('quits at once when another instance holds the lock', async () => {
    E.app.hasLock = false;
    const mod = await importApp();
    expect(E.app.quit).toHaveBeenCalled();
    expect(E.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
    expect(await mod.started.ready).toBe(false);
    E.app.becomeReady();
    await new Promise((r) => setTimeout(r, 10));
    expect(E.BrowserWindow.instances).toHaveLength(0);
    expect(E.ipcMain.handlers.size).toBe(0);
  });
});

describe('after ready', () => {
  it('binds exactly the contract channels, denies permissions, serves app:// and opens the window', async () => {
    const { win } = await startReady();
    expect([...E.ipcMain.handlers.keys()].sort()).toEqual(channels);
    expect(E.protocol.handlers.has('app')).toBe(true);

    const callback = vi.fn();
    E.session.defaultSession.permissionRequestHandler?.({}, 'notifications', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(E.session.defaultSession.permissionCheckHandler?.({}, 'clipboard-read')).toBe(false);

    expect(win.loadURL).toHaveBeenCalledWith('app://renderer/index.html');
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String(prefs.preload).endsWith(path.join('preload', 'index.cjs'))).toBe(true);
    const traversal = await E.protocol.handlers.get('app')?.(new Request('app://renderer/..%2f..%2fpackage.json'));
    expect(traversal?.status).toBe(403);

    const roles = JSON.stringify(E.Menu.applicationMenu?.template);
    expect(roles).not.toContain('toggleDevTools');
    await quit();
  });

  it('routes IPC through the checks to the backend and the desktop wrappers', async () => {
    await startReady();
    expect(await invoke('clipboard:write', { text: 'aws sso login --profile dev' })).toEqual({ ok: true, value: null });
    expect(E.clipboard.text).toBe('aws sso login --profile dev');

    expect(await invoke('external:open', { url: 'https://aws.amazon.com@evil.com/' })).toMatchObject({
      ok: true,
      value: { opened: false },
    });
    expect(E.shell.openExternal).not.toHaveBeenCalled();
    expect(await invoke('external:open', { url: 'https://docs.aws.amazon.com/securityhub/' })).toEqual({
      ok: true,
      value: { opened: true, reason: null },
    });
    expect(E.shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://docs.aws.amazon.com/securityhub/');

    // A clipboard that refuses the text is an error the page shows, never "Copied".
    E.clipboard.failure = new Error('The clipboard is held by another application.');
    expect(await invoke('clipboard:write', { text: 'x' })).toMatchObject({
      ok: false,
      error: {
        kind: 'internal',
        message: 'The text could not be copied: The clipboard is held by another application.',
      },
    });
    E.clipboard.failure = null;

    const info = await invoke('app:info', undefined);
    expect(info).toMatchObject({ ok: true, value: { version: '0.1.0-test', demo: false } });

    const foreign = await invoke('clipboard:write', { text: 'x' }, 'https://evil.example/');
    expect(foreign).toMatchObject({ ok: false, error: { kind: 'forbidden-sender' } });
    // The dev server is not trusted outside development.
    expect(await invoke('app:info', undefined, 'http://localhost:5173/')).toMatchObject({ ok: false });
    await quit();
  });

  it('sends menu commands to the window on the event channel', async () => {
    const { win } = await startReady();
    const items = (E.Menu.applicationMenu?.template ?? []) as MenuItemConstructorOptions[];
    const all = items.flatMap((i) => [i, ...((i.submenu as MenuItemConstructorOptions[] | undefined) ?? [])]);
    const refresh = all.find((i) => i.accelerator === 'CmdOrCtrl+R');
    const onClick = refresh?.click as (() => void) | undefined;
    expect(onClick).toBeTypeOf('function');
    onClick?.();
    expect(win.webContents.sent).toContainEqual({
      channel: EVENT_CHANNEL,
      args: [{ type: 'menu', command: 'refresh' }],
    });
    expect(win.webContents.reload).not.toHaveBeenCalled();
    await quit();
  });

  it('focuses the existing window on a second launch', async () => {
    const { win } = await startReady();
    win.minimized = true;
    E.app.emit('second-instance', E.fakeEvent(), ['app', '--x'], '/');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(E.BrowserWindow.instances).toHaveLength(1);
    await quit();
  });

  it.skipIf(process.platform === 'darwin')(
    'quits when the last window closes, disposing the backend first',
    async () => {
      const { win } = await startReady();
      win.close();
      E.app.emit('window-all-closed');
      expect(E.app.quit).toHaveBeenCalledTimes(1);
      const event = await quit();
      expect(event.defaultPrevented).toBe(true);
      // The second will-quit (after dispose) goes through.
      const again = E.fakeEvent();
      E.app.emit('will-quit', again);
      expect(again.defaultPrevented).toBe(false);
    },
  );

  it('opens the window without waiting for a slow login shell', async () => {
    // A shell whose rc files take 4 s (a slow oh-my-zsh, a network home folder): the PATH probe runs
    // alongside the window; only credential helpers wait for it.
    const slowShell = path.join(userData, 'slow-shell');
    writeFileSync(slowShell, '#!/bin/sh\nsleep 4\n');
    chmodSync(slowShell, 0o755);
    vi.stubEnv('SHELL', slowShell);
    const mod = await importApp();
    const started = Date.now();
    E.app.becomeReady();
    expect(await mod.started.ready).toBe(true);
    expect(E.BrowserWindow.instances).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1500);
    await quit();
  });

  it('passes SHI_DEMO=1 to the backend as demo mode', async () => {
    await startReady({ SHI_DEMO: '1' });
    expect(await invoke('app:info', undefined)).toMatchObject({ ok: true, value: { demo: true } });
    await quit();
  });
});

describe('development', () => {
  it('loads the dev server, trusts its origin and offers DevTools', async () => {
    const { win } = await startReady({ ELECTRON_RENDERER_URL: 'http://localhost:5173' });
    expect(win.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
    expect(await invoke('app:info', undefined, 'http://localhost:5173/')).toMatchObject({ ok: true });
    expect(win.webContents.fire('will-navigate', 'http://localhost:5173/x').defaultPrevented).toBe(false);
    expect(JSON.stringify(E.Menu.applicationMenu?.template)).toContain('toggleDevTools');
    await quit();
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app', async () => {
    E.app.isPackaged = true;
    (process as { resourcesPath?: string }).resourcesPath = userData;
    const trayIcon = path.join(userData, 'tray', process.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png');
    E.nativeImage.existing.add(trayIcon);
    const { win } = await startReady({ ELECTRON_RENDERER_URL: 'http://localhost:5173' });
    expect(win.loadURL).toHaveBeenCalledWith('app://renderer/index.html');
    expect(await invoke('app:info', undefined, 'http://localhost:5173/')).toMatchObject({ ok: false });
    // The tray icon comes from the resources folder electron-builder fills.
    expect(E.Tray.instances).toHaveLength(1);
    await quit();
  });
});
