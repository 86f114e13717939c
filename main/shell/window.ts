/**
 * The one BrowserWindow factory. Every secure webPreferences value is written out even where it is
 * Electron's default, so a reader (and a test) can see the whole policy in one place.
 */

import path from 'node:path';
import { BrowserWindow, screen } from 'electron';
import { APP_NAME } from '../domain/ids';
import type { TrustedOrigin } from './bind-ipc';
import { applyNavigationGuards } from './desktop/navigation-guards';
import { initialWindowState, trackWindowState, type WindowStateStore } from './desktop/window-state';

export interface MainWindowOptions {
  /** The page to load: app://renderer/index.html, or the dev server's URL in development. */
  url: string;
  /** Origins the window may navigate within and accept IPC from. */
  origins: readonly TrustedOrigin[];
  /** Absolute path of the built preload (out/preload/index.cjs). */
  preloadPath: string;
  /** Receives only allowlisted https URLs (see desktop/external-links.ts). */
  openExternal: (url: string) => void;
  windowState?: WindowStateStore | null;
  title?: string;
}

/** out/preload/index.cjs, next to the built main process (out/main). */
export function defaultPreloadPath(mainDir: string): string {
  return path.join(mainDir, '..', 'preload', 'index.cjs');
}

export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    safeDialogs: true,
  } as const;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  let saved = null;
  try {
    saved = options.windowState?.getWindowState() ?? null;
  } catch (error) {
    console.error('Could not read the saved window state:', error);
  }
  const workAreas = screen.getAllDisplays().map((d) => d.workArea);
  const state = initialWindowState(saved, workAreas);

  const win = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: options.title ?? APP_NAME,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(options.preloadPath),
  });

  applyNavigationGuards(win.webContents, { origins: options.origins, openExternal: options.openExternal });
  if (options.windowState) trackWindowState(win, options.windowState);

  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });
  win.loadURL(options.url).catch((error: unknown) => console.error('The window could not load its page:', error));
  return win;
}

/** What a second launch does: bring the existing window forward. */
export function focusWindow(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}
