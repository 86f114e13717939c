/**
 * App lifecycle only: single-instance lock, the app:// scheme, permissions, the backend behind IPC,
 * the menu and the one window. Everything else lives in its own module.
 */

import path from 'node:path';
import { app, type BrowserWindow, ipcMain, protocol, session, shell } from 'electron';
import { type AppEvent, EVENT_CHANNEL } from '../../contract/api';
import { applyLoginShellPath } from '../core/aws/login-shell-path';
import { type Backend, createBackend } from '../core/backend';
import { limitHeapGrowth } from '../core/heap-growth';
import { openSettings, type SettingsStore } from '../core/storage/settings';
import { APP_NAME } from '../domain/ids';
import { bindIpc, createDispatch, parseTrustedOrigin, type TrustedOrigin } from './bind-ipc';
import { desktopClipboard } from './desktop/clipboard';
import { chooseOpenPath, chooseSavePath } from './desktop/dialogs';
import { openExternalChecked, openSignInPageChecked } from './desktop/external-links';
import { setupMenu } from './desktop/menu';
import { guardAllWebContents } from './desktop/navigation-guards';
import { createWatchNotifier } from './desktop/notifications';
import { denyAllPermissions } from './desktop/permissions';
import { setupSingleInstance } from './desktop/single-instance';
import { setBadgeCount, setupTray, type TrayController, trayIconPath } from './desktop/tray';
import { APP_ENTRY_URL, APP_ORIGIN_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './protocol';
import { createMainWindow, defaultPreloadPath, focusWindow } from './window';

/** The same string as `appId` in electron-builder.yml (a test keeps the two equal). */
export const APP_USER_MODEL_ID = 'io.github.securityhub-invitations';

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  argv?: readonly string[];
  /** Folder of the built main process (out/main); the preload and renderer sit beside it. */
  mainDir?: string;
}

export interface StartedApp {
  /** Resolves once the app is ready and the window is created (false when another instance runs). */
  ready: Promise<boolean>;
  window(): BrowserWindow | null;
}

/** The dev server electron-vite announces, accepted only when it is a plain http(s) URL. */
export function devServerUrl(env: NodeJS.ProcessEnv, packaged: boolean): string | null {
  const raw = env.ELECTRON_RENDERER_URL;
  if (packaged || !raw) return null;
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export function startApp(options: StartOptions = {}): StartedApp {
  const env = options.env ?? process.env;
  const argv = options.argv ?? process.argv;
  const mainDir = options.mainDir ?? __dirname;
  let win: BrowserWindow | null = null;

  app.setName(APP_NAME);
  limitHeapGrowth();
  // Windows groups taskbar buttons and attributes notifications by this id; it must equal the installer's
  // appId (electron-builder.yml) or notifications from the installed app are not shown.
  // https://www.electronjs.org/docs/latest/tutorial/notifications#windows and
  // https://www.electronjs.org/docs/latest/api/app#appsetappusermodelidid-windows
  app.setAppUserModelId(APP_USER_MODEL_ID);
  // The demo (and tests) keep their settings apart from the user's; must happen before ready.
  if (env.SHI_USER_DATA) app.setPath('userData', path.resolve(env.SHI_USER_DATA));

  if (!setupSingleInstance(app, () => focusWindow(win))) {
    return { ready: Promise.resolve(false), window: () => null };
  }

  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  app.enableSandbox();

  const devUrl = devServerUrl(env, app.isPackaged);
  const origins: TrustedOrigin[] = [
    parseTrustedOrigin(APP_ORIGIN_URL),
    ...(devUrl ? [parseTrustedOrigin(devUrl)] : []),
  ];
  const openInBrowser = (url: string) => {
    void openExternalChecked(shell, url);
  };
  guardAllWebContents(app, openInBrowser);

  let tray: TrayController | null = null;
  // The backend's watch decides what is news; here it only becomes a notification and a badge.
  const onWatch = createWatchNotifier({
    setCount: (count, byService) => {
      setBadgeCount(count);
      tray?.setCount(count, byService);
    },
    isFocused: () => Boolean(win && !win.isDestroyed() && win.isFocused()),
    onClick: () => focusWindow(win),
  });
  const emit = (event: AppEvent) => {
    if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event);
    onWatch(event);
  };

  let backend: Backend | null = null;
  // The settings, opened for the window: its size and place, and the theme it paints before the page.
  let windowState: SettingsStore | null = null;

  const createWindow = () => {
    win = createMainWindow({
      url: devUrl ?? APP_ENTRY_URL,
      origins,
      preloadPath: defaultPreloadPath(mainDir),
      openExternal: openInBrowser,
      windowState,
      title: APP_NAME,
      theme: () => windowState?.get().theme ?? 'system',
    });
    win.on('closed', () => {
      win = null;
    });
  };

  const onReady = async (): Promise<boolean> => {
    denyAllPermissions(session.defaultSession);
    protocol.handle(APP_SCHEME, createAppProtocolHandler(path.join(mainDir, '..', 'renderer')));

    // Launched from a dock or menu, the app gets a minimal PATH: take the login shell's, so that
    // credential_process tools (aws-vault, granted, saml2aws) are found. Skipped when started from a terminal.
    // Not awaited: the window opens alongside, and only credential helpers wait for it.
    const helperPathReady = applyLoginShellPath().catch((error: unknown) =>
      console.error('Reading the login shell PATH failed:', error),
    );

    const settingsDir = app.getPath('userData');
    backend = createBackend({
      env,
      settingsDir,
      source: 'app',
      version: app.getVersion(),
      demo: env.SHI_DEMO === '1' || argv.includes('--demo'),
      emit,
      clipboard: desktopClipboard,
      openExternal: (url: string) => openExternalChecked(shell, url),
      openSignInPage: (url, origins) => openSignInPageChecked(shell, url, origins),
      chooseSavePath: (defaultName: string) => chooseSavePath(win, defaultName, app.getPath('downloads')),
      chooseOpenPath: (options) => chooseOpenPath(win, options),
      aws: { helperPathReady },
    });
    const dispatch = createDispatch(backend.invoke, { origins });
    bindIpc(ipcMain, dispatch);

    // Opened after the backend, which opens the same file first: if it was damaged, the backend repairs
    // it and tells the user (its notice), and this second handle finds it clean.
    try {
      windowState = openSettings({ cwd: settingsDir });
    } catch (error) {
      console.error('Could not open the settings for the window state:', error);
    }

    setupMenu({ isMac: process.platform === 'darwin', dev: devUrl !== null, send: emit, appName: APP_NAME });
    createWindow();
    try {
      tray = setupTray({
        iconPath: trayIconPath({
          platform: process.platform,
          folder: app.isPackaged
            ? path.join(process.resourcesPath, 'tray')
            : path.join(app.getAppPath(), 'build', 'tray'),
        }),
        onShow: () => focusWindow(win),
        onRefresh: () => emit({ type: 'menu', command: 'refresh' }),
      });
    } catch (error) {
      // Some Linux desktops have no tray; the app works without it.
      console.error('The tray icon could not be created:', error);
    }
    return true;
  };

  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open creates one again.
    if (backend && !win) createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed || !backend) return;
    disposed = true;
    event.preventDefault();
    // Finish pending writes (snapshots, activity) but never let quitting hang on them.
    const timeout = new Promise((resolve) => setTimeout(resolve, 3000));
    Promise.race([backend.dispose(), timeout])
      .catch((error: unknown) => console.error('Shutting down the backend failed:', error))
      .finally(() => {
        tray?.destroy();
        app.quit();
      });
  });

  const ready = app.whenReady().then(onReady);
  ready.catch((error: unknown) => {
    console.error('The app could not start:', error);
    app.quit();
  });
  return { ready, window: () => win };
}

export const started = startApp();
