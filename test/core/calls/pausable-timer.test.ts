/** The pausable timer: paused time is not counted, pauses nest, and a cleared or fired timer stays so. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startPausableTimer } from '../../../main/core/calls/pausable-timer';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('startPausableTimer', () => {
  it('fires after the limit of running time, not counting paused time', () => {
    const fire = vi.fn();
    const timer = startPausableTimer(1000, fire);
    vi.advanceTimersByTime(600);
    timer.pause();
    vi.advanceTimersByTime(10_000);
    expect(fire).not.toHaveBeenCalled();
    timer.resume();
    vi.advanceTimersByTime(399);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fire).toHaveBeenCalledOnce();
    expect(timer.fired).toBe(true);
  });

  it('runs again only when the last of nested pauses ends', () => {
    const fire = vi.fn();
    const timer = startPausableTimer(500, fire);
    timer.pause();
    timer.pause();
    timer.resume();
    vi.advanceTimersByTime(5000);
    expect(fire).not.toHaveBeenCalled();
    timer.resume();
    vi.advanceTimersByTime(500);
    expect(fire).toHaveBeenCalledOnce();
  });

  it('never fires once cleared, and ignores pause and resume after', () => {
    const fire = vi.fn();
    const timer = startPausableTimer(100, fire);
    timer.clear();
    timer.pause();
    timer.resume();
    timer.resume();
    vi.advanceTimersByTime(1000);
    expect(fire).not.toHaveBeenCalled();
    expect(timer.fired).toBe(false);
  });
});
