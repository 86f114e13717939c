/**
 * A shared fake of the parts of `electron` the main process uses. Load it with
 * `vi.mock('electron', () => import('./electron'))`; call `resetElectronMock()` in beforeEach.
 * It records what the code under test did (window options, handlers, menus, IPC registrations) and
 * lets a test fire events (`app.emit('second-instance')`, `contents.emit('will-navigate', …)`).
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';
import {
  clipboard,
  dialog,
  Menu,
  Notification,
  nativeImage,
  nativeTheme,
  screen,
  shell,
  Tray,
} from './electron-desktop';
import { shared } from './electron-shared';

export * from './electron-desktop';

/** An event object like Electron's: preventDefault() is recorded. */
export function fakeEvent(extra: Record<string, unknown> = {}) {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
    ...extra,
  };
  return event;
}

type Handler = (...args: never[]) => unknown;

// ---------------------------------------------------------------------------------------------
// app
// ---------------------------------------------------------------------------------------------

class FakeApp extends EventEmitter {
  isPackaged = false;
  name = 'Electron';
  paths = new Map<string, string>([
    ['userData', '/tmp/fake-electron/userData'],
    ['downloads', '/tmp/fake-electron/Downloads'],
    ['home', '/tmp/fake-electron/home'],
  ]);
  /** Order of notable calls, to check what happened before ready. */
  calls: string[] = [];
  hasLock = true;
  isReadyNow = false;
  private resolveReady: (() => void) | null = null;
  private readyPromise = this.newReadyPromise();

  private newReadyPromise() {
    return new Promise<void>((resolve) => {
      this.resolveReady = resolve;
    });
  }

  setName = vi.fn((name: string) => {
    this.calls.push('setName');
    this.name = name;
  });
  getName = vi.fn(() => this.name);
  appUserModelId: string | null = null;
  setAppUserModelId = vi.fn((id: string) => {
    this.calls.push('setAppUserModelId');
    this.appUserModelId = id;
  });
  getVersion = vi.fn(() => '0.1.0-test');
  getAppPath = vi.fn(() => '/tmp/fake-electron/app');
  getPath = vi.fn((name: string) => this.paths.get(name) ?? `/tmp/fake-electron/${name}`);
  setPath = vi.fn((name: string, value: string) => {
    this.calls.push(`setPath:${name}`);
    this.paths.set(name, value);
  });
  requestSingleInstanceLock = vi.fn(() => {
    this.calls.push('requestSingleInstanceLock');
    return this.hasLock;
  });
  enableSandbox = vi.fn(() => {
    this.calls.push('enableSandbox');
  });
  quit = vi.fn(() => {
    this.calls.push('quit');
  });
  exit = vi.fn();
  focus = vi.fn();
  setBadgeCount = vi.fn((_count: number) => true);
  isReady = vi.fn(() => this.isReadyNow);
  whenReady = vi.fn(() => this.readyPromise);

  /** Test helper: makes `whenReady()` resolve and emits 'ready'. */
  becomeReady() {
    this.calls.push('ready');
    this.isReadyNow = true;
    this.resolveReady?.();
    this.emit('ready');
  }

  reset() {
    this.removeAllListeners();
    this.isPackaged = false;
    this.name = 'Electron';
    this.calls = [];
    this.hasLock = true;
    this.isReadyNow = false;
    this.readyPromise = this.newReadyPromise();
    this.paths = new Map([
      ['userData', '/tmp/fake-electron/userData'],
      ['downloads', '/tmp/fake-electron/Downloads'],
      ['home', '/tmp/fake-electron/home'],
    ]);
  }
}

export const app = shared('app', () => new FakeApp());

// ---------------------------------------------------------------------------------------------
// BrowserWindow and webContents
// ---------------------------------------------------------------------------------------------

export class FakeWebContents extends EventEmitter {
  sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  url = '';
  send = vi.fn((channel: string, ...args: unknown[]) => {
    this.sent.push({ channel, args });
  });
  setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => { action: string }) => {
    this.windowOpenHandler = handler;
  });
  reload = vi.fn();
  reloadIgnoringCache = vi.fn();
  openDevTools = vi.fn();
  toggleDevTools = vi.fn();
  getURL = vi.fn(() => this.url);
  isDestroyed = vi.fn(() => false);

  /** Test helper: fires an event whose first argument is a fake Event; returns that event. */
  fire(name: string, ...args: unknown[]) {
    const event = fakeEvent();
    this.emit(name, event, ...args);
    return event;
  }
}

class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows = vi.fn(() => FakeBrowserWindow.instances.filter((w) => !w.destroyed));
  static getFocusedWindow = vi.fn(() => FakeBrowserWindow.instances.find((w) => w.focused && !w.destroyed) ?? null);

  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  destroyed = false;
  visible = false;
  focused = false;
  minimized = false;
  maximized = false;
  bounds: { x: number; y: number; width: number; height: number };
  loadedUrl: string | null = null;

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    this.bounds = {
      x: typeof options.x === 'number' ? options.x : 100,
      y: typeof options.y === 'number' ? options.y : 100,
      width: typeof options.width === 'number' ? options.width : 800,
      height: typeof options.height === 'number' ? options.height : 600,
    };
    FakeBrowserWindow.instances.push(this);
  }

  loadURL = vi.fn(async (url: string) => {
    this.loadedUrl = url;
    this.webContents.url = url;
  });
  loadFile = vi.fn(async (file: string) => {
    this.loadedUrl = `file://${file}`;
  });
  show = vi.fn(() => {
    this.visible = true;
  });
  hide = vi.fn(() => {
    this.visible = false;
  });
  focus = vi.fn(() => {
    this.focused = true;
  });
  restore = vi.fn(() => {
    this.minimized = false;
  });
  minimize = vi.fn(() => {
    this.minimized = true;
  });
  maximize = vi.fn(() => {
    this.maximized = true;
  });
  close = vi.fn(() => {
    this.emit('close', fakeEvent());
    this.destroy();
  });
  destroy = vi.fn(() => {
    this.destroyed = true;
    this.emit('closed');
  });
  isDestroyed = vi.fn(() => this.destroyed);
  isVisible = vi.fn(() => this.visible);
  isFocused = vi.fn(() => this.focused);
  isMinimized = vi.fn(() => this.minimized);
  isMaximized = vi.fn(() => this.maximized);
  backgroundColor: string | null = null;
  setBackgroundColor = vi.fn((color: string) => {
    this.backgroundColor = color;
  });
  getBounds = vi.fn(() => ({ ...this.bounds }));
  getNormalBounds = vi.fn(() => ({ ...this.bounds }));
  setBounds = vi.fn((b: Partial<{ x: number; y: number; width: number; height: number }>) => {
    this.bounds = { ...this.bounds, ...b };
  });
}

export const BrowserWindow = shared('BrowserWindow', () => FakeBrowserWindow);
export type BrowserWindow = FakeBrowserWindow;

// ---------------------------------------------------------------------------------------------
// ipcMain, protocol, session
// ---------------------------------------------------------------------------------------------

class FakeIpcMain extends EventEmitter {
  handlers = new Map<string, Handler>();
  handle = vi.fn((channel: string, handler: Handler) => {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  });
  handleOnce = vi.fn((channel: string, handler: Handler) => {
    this.handlers.set(channel, handler);
  });
  removeHandler = vi.fn((channel: string) => {
    this.handlers.delete(channel);
  });
}
export const ipcMain = shared('ipcMain', () => new FakeIpcMain());

export const protocol = shared('protocol', () => createProtocol());
function createProtocol() {
  const protocol = {
    privileged: [] as { scheme: string; privileges?: Record<string, boolean> }[],
    handlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
    registerSchemesAsPrivileged: vi.fn((schemes: { scheme: string; privileges?: Record<string, boolean> }[]) => {
      if (app.isReadyNow) throw new Error('registerSchemesAsPrivileged must be called before the app is ready');
      app.calls.push('registerSchemesAsPrivileged');
      protocol.privileged.push(...schemes);
    }),
    handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response> | Response) => {
      if (!app.isReadyNow) throw new Error('protocol.handle must be called after the app is ready');
      protocol.handlers.set(scheme, handler);
    }),
    unhandle: vi.fn((scheme: string) => {
      protocol.handlers.delete(scheme);
    }),
    isProtocolHandled: vi.fn((scheme: string) => protocol.handlers.has(scheme)),
  };
  return protocol;
}

type PermissionRequestHandler = (
  webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details?: unknown,
) => void;
type PermissionCheckHandler = (webContents: unknown, permission: string, origin?: string, details?: unknown) => boolean;

class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  devicePermissionHandler: ((details: unknown) => boolean) | null = null;
  setPermissionRequestHandler = vi.fn((h: PermissionRequestHandler | null) => {
    this.permissionRequestHandler = h;
  });
  setPermissionCheckHandler = vi.fn((h: PermissionCheckHandler | null) => {
    this.permissionCheckHandler = h;
  });
  setDevicePermissionHandler = vi.fn((h: ((details: unknown) => boolean) | null) => {
    this.devicePermissionHandler = h;
  });
}
export const session = shared('session', () => ({ defaultSession: new FakeSession() }));

/** Puts every fake back to its initial state and clears all recorded calls. */
export function resetElectronMock(): void {
  app.reset();
  BrowserWindow.instances = [];
  ipcMain.removeAllListeners();
  ipcMain.handlers.clear();
  protocol.privileged = [];
  protocol.handlers.clear();
  const s = session.defaultSession;
  s.permissionRequestHandler = null;
  s.permissionCheckHandler = null;
  s.devicePermissionHandler = null;
  clipboard.text = '';
  clipboard.failure = null;
  dialog.nextSaveResult = { canceled: true, filePath: '' };
  Menu.applicationMenu = null;
  Tray.instances = [];
  Notification.instances = [];
  Notification.supported = true;
  nativeImage.existing.clear();
  nativeTheme.shouldUseDarkColors = false;
  nativeTheme.removeAllListeners();
  screen.displays = [
    { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
  ];
  vi.clearAllMocks();
}

const electron = {
  app,
  BrowserWindow,
  ipcMain,
  protocol,
  session,
  shell,
  clipboard,
  dialog,
  Menu,
  Tray,
  Notification,
  nativeImage,
  nativeTheme,
  screen,
};
export default electron;
