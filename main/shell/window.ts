/**
 * The one BrowserWindow factory. Every secure webPreferences value is written out even where it is
 * Electron's default, so a reader (and a test) can see the whole policy in one place.
 */

import path from 'node:path';
import { BrowserWindow, nativeTheme, screen } from 'electron';
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
  /** The theme the settings ask for; `system` (the default) follows the OS. */
  theme?: () => ThemeChoice;
}

export type ThemeChoice = 'light' | 'dark' | 'system';

/** Cloudscape's page background (color-background-layout-main) in light and dark mode. */
export const WINDOW_BACKGROUND = { light: '#ffffff', dark: '#161d26' } as const;

/**
 * The colour the window paints before the page does (and while resizing): the page's own background, so a
 * dark-mode user sees no white flash. `system` follows nativeTheme, which tracks the OS setting.
 */
export function windowBackground(theme: ThemeChoice = 'system'): string {
  const dark = theme === 'system' ? nativeTheme.shouldUseDarkColors : theme === 'dark';
  return dark ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light;
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
  const themeChoice = () => {
    try {
      return options.theme?.() ?? 'system';
    } catch {
      return 'system';
    }
  };
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
    backgroundColor: windowBackground(themeChoice()),
    webPreferences: secureWebPreferences(options.preloadPath),
  });

  applyNavigationGuards(win.webContents, { origins: options.origins, openExternal: options.openExternal });
  if (options.windowState) trackWindowState(win, options.windowState);

  // The OS switching between light and dark (or a schedule doing it) repaints the background to match.
  const followTheme = () => {
    if (!win.isDestroyed()) win.setBackgroundColor(windowBackground(themeChoice()));
  };
  nativeTheme.on('updated', followTheme);
  win.on('closed', () => nativeTheme.removeListener('updated', followTheme));

  const reveal = () => {
    if (win.isDestroyed() || win.isVisible()) return;
    if (state.maximized) win.maximize();
    win.show();
  };
  win.once('ready-to-show', reveal);
  // A page that fails to load never becomes ready-to-show: the window would stay hidden and the app look
  // dead but for its tray icon. Show it with a page that says what failed.
  win.webContents.on(
    'did-fail-load',
    (_event, code: number, description: string, url: string, isMainFrame: boolean) => {
      if (!isMainFrame || code === ABORTED) return;
      console.error(`The window could not load ${url}: ${description} (${code})`);
      void win.loadURL(loadFailurePage(description, code)).catch(() => undefined);
      reveal();
    },
  );
  win.loadURL(options.url).catch((error: unknown) => console.error('The window could not load its page:', error));
  return win;
}

/** Chromium's ERR_ABORTED: a load replaced by another (a redirect, a second loadURL), not a failure. */
const ABORTED = -3;

/** A self-contained page (a data: URL, no script) naming the failure and what to try. */
export function loadFailurePage(description: string, code: number): string {
  const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const html =
    `<!doctype html><meta charset="utf-8"><title>${APP_NAME}</title>` +
    '<body style="font-family:system-ui,sans-serif;margin:3em;max-width:40em">' +
    `<h1 style="font-size:1.4em">${APP_NAME} could not show its window</h1>` +
    `<p>The page did not load: ${escapeHtml(description)} (${code}).</p>` +
    '<p>Quit the app and start it again. If this keeps happening, reinstall it: its files may be damaged.</p>';
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

/** What a second launch does: bring the existing window forward. */
export function focusWindow(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}
