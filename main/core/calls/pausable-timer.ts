/**
 * A timeout that can be paused: time spent waiting for the person (an MFA prompt) or for another
 * clock (credential resolution, which has its own deadline) must not count against a limit that is
 * about something else. Pauses nest: the timer runs again when the last one ends.
 */
export interface PausableTimer {
  pause(): void;
  resume(): void;
  clear(): void;
  readonly fired: boolean;
}

export function startPausableTimer(limitMs: number, onFire: () => void, now: () => number = Date.now): PausableTimer {
  let remaining = limitMs;
  let startedAt = now();
  let paused = 0;
  let fired = false;
  let cleared = false;
  let handle: ReturnType<typeof setTimeout> | null = null;
  const arm = () => {
    startedAt = now();
    handle = setTimeout(
      () => {
        handle = null;
        fired = true;
        onFire();
      },
      Math.max(0, remaining),
    );
  };
  arm();
  return {
    pause() {
      if (fired || cleared) return;
      if (paused++ > 0 || !handle) return;
      clearTimeout(handle);
      handle = null;
      remaining -= now() - startedAt;
    },
    resume() {
      if (fired || cleared || paused === 0) return;
      if (--paused === 0) arm();
    },
    clear() {
      cleared = true;
      if (handle) clearTimeout(handle);
      handle = null;
    },
    get fired() {
      return fired;
    },
  };
}
