/**
 * The scheduler's parts that keep their own state: the abort watch (one listener per caller
 * signal), the pauses of throttled keys (account-regions), and the lanes (a share of the slots for a
 * class of calls). scheduler.ts puts them together.
 */

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** Throttled attempts of one call before its error is returned. */
  maxRetries: number;
  /** Extra attempts for a call that still fails with a 5xx after the SDK's retries. */
  serverRetries: number;
}

export interface Task {
  priority: number;
  seq: number;
  key: string;
  signal: AbortSignal | undefined;
  timeoutMs: number | undefined;
  call: (signal: AbortSignal) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  settled: boolean;
  throttledAttempts: number;
  serverAttempts: number;
  lane: string | undefined;
  write: boolean;
  /** Set while the call is in flight. */
  controller: AbortController | null;
}

interface KeyState {
  /** Consecutive throttled answers, for the exponent. */
  strikes: number;
  pausedUntil: number;
  parked: Task[];
  timer: ReturnType<typeof setTimeout> | null;
}

/** One abort listener per caller signal (not per call: thousands of calls share a refresh's signal). */
export function createAbortWatch(cancel: (task: Task) => void) {
  const watched = new WeakMap<AbortSignal, Set<Task>>();
  return {
    watch(task: Task): void {
      const signal = task.signal;
      if (!signal) return;
      let tasks = watched.get(signal);
      if (!tasks) {
        const set = new Set<Task>();
        tasks = set;
        watched.set(signal, set);
        signal.addEventListener('abort', () => [...set].forEach(cancel), { once: true });
      }
      tasks.add(task);
    },
    forget(task: Task): void {
      if (task.signal) watched.get(task.signal)?.delete(task);
    },
  };
}

/**
 * Throttling pauses per account-region (the unit AWS throttles by): a throttled answer pauses its
 * key with exponential backoff and equal jitter; calls of a paused key wait aside until it resumes.
 */
export function createKeyPauses(
  backoff: BackoffOptions,
  random: () => number,
  now: () => number,
  resume: (tasks: Task[]) => void,
) {
  const keys = new Map<string, KeyState>();
  function stateOf(key: string): KeyState {
    let state = keys.get(key);
    if (!state) {
      state = { strikes: 0, pausedUntil: 0, parked: [], timer: null };
      keys.set(key, state);
    }
    return state;
  }
  function unpark(state: KeyState, key: string): void {
    state.timer = null;
    const tasks = state.parked;
    state.parked = [];
    if (state.strikes === 0) keys.delete(key);
    resume(tasks);
  }
  return {
    /** Sets the task aside when its key is paused; false when it may run now. */
    parkIfPaused(task: Task): boolean {
      const state = keys.get(task.key);
      if (!state || state.pausedUntil <= now()) return false;
      state.parked.push(task);
      state.timer ??= setTimeout(() => unpark(state, task.key), state.pausedUntil - now());
      return true;
    },
    /** A call of the key succeeded: the backoff starts over. */
    succeeded(key: string): void {
      const state = keys.get(key);
      if (state && state.parked.length === 0 && !state.timer) keys.delete(key);
      else if (state) state.strikes = 0;
    },
    /** A call of the key was throttled: pause the key. */
    throttled(key: string): void {
      const state = stateOf(key);
      state.strikes++;
      const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(state.strikes - 1, 16));
      // Equal jitter: at least half the step, so a paused key really slows down.
      const delay = ceiling / 2 + random() * (ceiling / 2);
      state.pausedUntil = Math.max(state.pausedUntil, now() + delay);
    },
    parkedCount(): number {
      let parked = 0;
      for (const state of keys.values()) parked += state.parked.length;
      return parked;
    },
  };
}

/** Lanes: a class of calls (the costly first call of each profile) holds at most its share of the slots. */
export function createLanes(shares: Record<string, number>, concurrency: () => number) {
  const active = new Map<string, number>();
  // Tasks popped while their lane was full, in the (priority) order they were popped.
  const parked = new Map<string, Task[]>();
  const limit = (lane: string) => Math.max(1, Math.ceil(concurrency() * (shares[lane] ?? 1)));
  return {
    /** Sets the task aside when its lane is full; false when it may run now. */
    parkIfFull(task: Task): boolean {
      if (task.lane === undefined || (active.get(task.lane) ?? 0) < limit(task.lane)) return false;
      let list = parked.get(task.lane);
      if (!list) {
        list = [];
        parked.set(task.lane, list);
      }
      list.push(task);
      return true;
    },
    started(task: Task): void {
      if (task.lane !== undefined) active.set(task.lane, (active.get(task.lane) ?? 0) + 1);
    },
    /** The task's call ended: its slot goes to the next parked task of the lane, if any. */
    ended(task: Task): Task | undefined {
      if (task.lane === undefined) return undefined;
      active.set(task.lane, (active.get(task.lane) ?? 1) - 1);
      return parked.get(task.lane)?.shift();
    },
    parkedCount(): number {
      let count = 0;
      for (const list of parked.values()) count += list.length;
      return count;
    },
  };
}

/** The scheduler's state; the functions below work on it. */
