/** Fakes of Electron's desktop modules: shell, clipboard, dialog, Menu, Tray, Notification, nativeImage, nativeTheme, screen. */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';
import { shared } from './electron-shared';

// ---------------------------------------------------------------------------------------------
// shell, clipboard, dialog, Menu, Tray, Notification, nativeImage, screen
// ---------------------------------------------------------------------------------------------

export const shell = shared('shell', () => ({
  openExternal: vi.fn(async (_url: string) => {}),
  openPath: vi.fn(async (_path: string) => ''),
  showItemInFolder: vi.fn((_path: string) => {}),
}));

export const clipboard = shared('clipboard', () => createClipboard());
function createClipboard() {
  const clipboard = {
    text: '',
    /** Set to make the next writes fail, as a locked or missing system clipboard does. */
    failure: null as Error | null,
    // Electron 44+ resolves once the text is on the system clipboard (electron.d.ts: Promise<void>).
    writeText: vi.fn(async (text: string) => {
      if (clipboard.failure) throw clipboard.failure;
      clipboard.text = text;
    }),
    readText: vi.fn(() => clipboard.text),
  };
  return clipboard;
}

export const dialog = shared('dialog', () => createDialog());
function createDialog() {
  const dialog = {
    nextSaveResult: { canceled: true, filePath: '' } as { canceled: boolean; filePath: string },
    showSaveDialog: vi.fn(async (..._args: unknown[]) => dialog.nextSaveResult),
    showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] })),
    showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0, checkboxChecked: false })),
    showErrorBox: vi.fn((_title: string, _content: string) => {}),
  };
  return dialog;
}

export interface FakeMenu {
  template: unknown[];
}
export const Menu = shared('Menu', () => createMenu());
function createMenu() {
  const Menu = {
    applicationMenu: null as FakeMenu | null,
    buildFromTemplate: vi.fn((template: unknown[]): FakeMenu => ({ template })),
    setApplicationMenu: vi.fn((menu: FakeMenu | null) => {
      Menu.applicationMenu = menu;
    }),
    getApplicationMenu: vi.fn(() => Menu.applicationMenu),
  };
  return Menu;
}

class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  tooltip = '';
  contextMenu: FakeMenu | null = null;
  destroyed = false;
  constructor(readonly image: unknown) {
    super();
    FakeTray.instances.push(this);
  }
  setToolTip = vi.fn((t: string) => {
    this.tooltip = t;
  });
  setContextMenu = vi.fn((m: FakeMenu | null) => {
    this.contextMenu = m;
  });
  destroy = vi.fn(() => {
    this.destroyed = true;
  });
}

class FakeNotification extends EventEmitter {
  static instances: FakeNotification[] = [];
  static supported = true;
  static isSupported = vi.fn(() => FakeNotification.supported);
  shown = false;
  constructor(readonly options: { title?: string; body?: string; silent?: boolean }) {
    super();
    FakeNotification.instances.push(this);
  }
  show = vi.fn(() => {
    this.shown = true;
  });
  close = vi.fn();
}

export const Tray = shared('Tray', () => FakeTray);
export type Tray = FakeTray;
export const Notification = shared('Notification', () => FakeNotification);
export type Notification = FakeNotification;

export const nativeImage = shared('nativeImage', () => createNativeImage());
function createNativeImage() {
  const nativeImage = {
    /** Paths that "exist" as images for createFromPath. */
    existing: new Set<string>(),
    createFromPath: vi.fn((p: string) => ({ path: p, isEmpty: () => !nativeImage.existing.has(p) })),
    createEmpty: vi.fn(() => ({ path: null, isEmpty: () => true })),
  };
  return nativeImage;
}

/** The OS appearance: tests flip shouldUseDarkColors and emit 'updated', as Electron does. */
export const nativeTheme = shared('nativeTheme', () => createNativeTheme());
function createNativeTheme() {
  const theme = Object.assign(new EventEmitter(), { shouldUseDarkColors: false, themeSource: 'system' });
  return theme;
}

export const screen = shared('screen', () => createScreen());
function createScreen() {
  const screen = {
    displays: [
      { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
    ],
    getAllDisplays: vi.fn(() => screen.displays),
    getPrimaryDisplay: vi.fn(() => screen.displays[0]),
  };
  return screen;
}
