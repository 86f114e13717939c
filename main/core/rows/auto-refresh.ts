/**
 * The one owner of auto-refresh: a main-process timer that refreshes everything every
 * `settings.autoRefreshMinutes`, so the watch (watch.ts) runs whatever the window does.
 */

export interface Timers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface AutoRefresh {
  /** Re-reads the interval (after a settings change) and restarts the timer. */
  reschedule(): void;
  /** The current interval in ms, or null when auto-refresh is off. */
  intervalMs(): number | null;
  stop(): void;
}

/**
 * The one owner of auto-refresh: a main-process timer, so the watch runs whatever the window does.
 * `minutes()` reads the setting (0 = off); `tick` starts a refresh of everything.
 */
export function createAutoRefresh(options: { minutes: () => number; tick: () => void; timers?: Timers }): AutoRefresh {
  const timers: Timers = options.timers ?? {
    // Unref'd: the timer alone never keeps a process (the command line, a test) alive.
    setInterval: (callback, ms) => setInterval(callback, ms).unref(),
    clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
  };
  let handle: unknown = null;
  let current: number | null = null;
  const stop = () => {
    if (handle !== null) timers.clearInterval(handle);
    handle = null;
    current = null;
  };
  const reschedule = () => {
    const minutes = options.minutes();
    const ms = minutes > 0 ? minutes * 60_000 : null;
    if (ms === current) return;
    stop();
    if (ms === null) return;
    current = ms;
    handle = timers.setInterval(() => {
      try {
        options.tick();
      } catch (error) {
        console.error('The background refresh could not start:', error);
      }
    }, ms);
  };
  return { reschedule, intervalMs: () => current, stop };
}
