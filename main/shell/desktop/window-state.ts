/**
 * Remembers the window's size, position and maximised state through the settings store, and refuses a
 * saved position that no longer lies on any display (a monitor was unplugged).
 */

import type { WindowState } from '../../core/storage/settings-schema';

export type { WindowState };

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The two settings-store methods this module uses (main/settings.ts implements them). */
export interface WindowStateStore {
  getWindowState(): WindowState | null;
  setWindowState(state: WindowState): void;
}

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 800 };
export const MIN_WINDOW_SIZE = { width: 800, height: 500 };
/** How much of the window must overlap a display's work area for a saved position to be kept. */
const MIN_VISIBLE = { width: 120, height: 60 };

function finite(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * The bounds to open the window with. Sizes are clamped to the minimum and to the largest work area;
 * x/y are kept only when the window would be visibly on a display, otherwise the OS centres it.
 */
export function initialWindowState(saved: WindowState | null | undefined, workAreas: readonly Rect[]): WindowState {
  const largest = workAreas.reduce(
    (m, a) => ({ width: Math.max(m.width, a.width), height: Math.max(m.height, a.height) }),
    { width: 0, height: 0 },
  );
  const maxWidth = largest.width > 0 ? largest.width : Number.POSITIVE_INFINITY;
  const maxHeight = largest.height > 0 ? largest.height : Number.POSITIVE_INFINITY;
  const clamp = (v: unknown, min: number, max: number, fallback: number) =>
    Math.round(Math.min(Math.max(finite(v) ? v : fallback, min), Math.max(min, max)));

  const width = clamp(saved?.width, MIN_WINDOW_SIZE.width, maxWidth, DEFAULT_WINDOW_SIZE.width);
  const height = clamp(saved?.height, MIN_WINDOW_SIZE.height, maxHeight, DEFAULT_WINDOW_SIZE.height);
  const state: WindowState = { width, height, maximized: saved?.maximized === true };
  if (saved && finite(saved.x) && finite(saved.y)) {
    const rect = { x: Math.round(saved.x), y: Math.round(saved.y), width, height };
    const visible = workAreas.some((area) => {
      const o = overlap(rect, area);
      return o.width >= MIN_VISIBLE.width && o.height >= MIN_VISIBLE.height;
    });
    if (visible) {
      state.x = rect.x;
      state.y = rect.y;
    }
  }
  return state;
}

/** The slice of BrowserWindow this module reads. */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'close' | 'maximize' | 'unmaximize', listener: () => void): void;
  isMaximized(): boolean;
  isDestroyed(): boolean;
  getNormalBounds(): Rect;
}

/** Saves the window state after moves and resizes settle (debounced) and when the window closes. */
export function trackWindowState(
  win: TrackedWindow,
  store: WindowStateStore,
  options: { delayMs?: number } = {},
): { save(): void } {
  const delayMs = options.delayMs ?? 500;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const save = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (win.isDestroyed()) return;
    const b = win.getNormalBounds();
    try {
      store.setWindowState({ x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
    } catch (error) {
      // A settings file that cannot be written must not stop the window from closing.
      console.error('Could not save the window state:', error);
    }
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, delayMs);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(event, later);
  win.on('close', save);
  return { save };
}
