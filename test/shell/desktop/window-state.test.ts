import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initialWindowState, trackWindowState } from '../../../main/shell/desktop/window-state';

const oneScreen = [{ x: 0, y: 0, width: 1920, height: 1040 }];
const twoScreens = [...oneScreen, { x: 1920, y: 0, width: 2560, height: 1400 }];

describe('initialWindowState', () => {
  it('uses defaults when nothing was saved', () => {
    expect(initialWindowState(null, oneScreen)).toEqual({ width: 1280, height: 800, maximized: false });
  });

  it('keeps a saved position that is on a display', () => {
    expect(initialWindowState({ x: 2000, y: 50, width: 1200, height: 900, maximized: false }, twoScreens)).toEqual({
      x: 2000,
      y: 50,
      width: 1200,
      height: 900,
      maximized: false,
    });
  });

  it('drops a position on a display that is gone, and one barely peeking in', () => {
    const saved = { x: 2000, y: 50, width: 1200, height: 900, maximized: true };
    expect(initialWindowState(saved, oneScreen)).toEqual({ width: 1200, height: 900, maximized: true });
    expect(initialWindowState({ ...saved, x: 1900 }, oneScreen).x).toBeUndefined();
  });

  it('clamps sizes to the minimum and to the largest display, and ignores garbage', () => {
    expect(initialWindowState({ width: 10, height: 10, maximized: false }, oneScreen)).toMatchObject({
      width: 800,
      height: 500,
    });
    expect(initialWindowState({ width: 9000, height: 9000, maximized: false }, oneScreen)).toMatchObject({
      width: 1920,
      height: 1040,
    });
    const garbage = { x: Number.NaN, y: 'a', width: 'wide', height: null, maximized: 'yes' } as never;
    expect(initialWindowState(garbage, oneScreen)).toEqual({ width: 1280, height: 800, maximized: false });
  });
});

class FakeWin extends EventEmitter {
  bounds = { x: 1, y: 2, width: 1000, height: 700 };
  maximized = false;
  destroyed = false;
  isMaximized = () => this.maximized;
  isDestroyed = () => this.destroyed;
  getNormalBounds = () => ({ ...this.bounds });
}

describe('trackWindowState', () => {
  afterEach(() => vi.useRealTimers());

  it('saves once after moves and resizes settle, and at once on close', () => {
    vi.useFakeTimers();
    const win = new FakeWin();
    const store = { getWindowState: vi.fn(() => null), setWindowState: vi.fn() };
    trackWindowState(win, store, { delayMs: 100 });
    win.emit('move');
    win.bounds = { x: 5, y: 6, width: 1100, height: 750 };
    win.emit('resize');
    expect(store.setWindowState).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(store.setWindowState).toHaveBeenCalledExactlyOnceWith({
      x: 5,
      y: 6,
      width: 1100,
      height: 750,
      maximized: false,
    });

    win.maximized = true;
    win.emit('maximize');
    win.emit('close');
    expect(store.setWindowState).toHaveBeenLastCalledWith({ x: 5, y: 6, width: 1100, height: 750, maximized: true });
    vi.advanceTimersByTime(1000);
    expect(store.setWindowState).toHaveBeenCalledTimes(2);
  });

  it('survives a store that cannot write', () => {
    const win = new FakeWin();
    const store = {
      getWindowState: () => null,
      setWindowState: vi.fn(() => {
        throw new Error('EACCES');
      }),
    };
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    trackWindowState(win, store);
    expect(() => win.emit('close')).not.toThrow();
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });
});
