/**
 * Every AWS call of a refresh or an action goes through one scheduler:
 * - at most `concurrency` calls in flight;
 * - the lowest priority number runs first, so a row's later calls overtake rows that have not
 *   started yet and complete rows arrive early (depth-first);
 * - a call that comes back throttled after the SDK's own retries pauses its account-region (the
 *   unit AWS throttles by) with exponential backoff and jitter and is tried again, instead of failing;
 * - each call has a timeout and honours the caller's AbortSignal, queued or in flight; a call that
 *   times out frees its slot at once, and its clock stops while it waits for credentials.
 */
import { AppErrorException, appError, isAppErrorException } from '../../domain/errors';
import { registerCallContext } from './call-context';
import { startPausableTimer } from './pausable-timer';
import { TaskHeap } from './task-heap';

export interface CallOptions {
  /** Lower runs first (row start order; actions use a negative number). */
  priority: number;
  /** The throttling unit, e.g. `111111111111/us-east-1` (or `profile:<name>` before the account is known). */
  key: string;
  signal?: AbortSignal;
  /** Timeout for this call, overriding the scheduler's. */
  timeoutMs?: number;
  /** A class of calls with its own share of the slots (see SchedulerOptions.laneShares). */
  lane?: string;
  /** A write: never tried again after a 5xx, which may come after AWS applied it. */
  write?: boolean;
}

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** Throttled attempts of one call before its error is returned. */
  maxRetries: number;
  /** Extra attempts for a call that still fails with a 5xx after the SDK's retries. */
  serverRetries: number;
}

export interface SchedulerOptions {
  concurrency: number;
  timeoutMs: number;
  /**
   * Whether a failed call was throttled (the caller's rule: main/core/aws/errors.ts isThrottlingError
   * for AWS). A throttled call pauses its key and is tried again; anything else is its answer.
   */
  isThrottled: (error: unknown) => boolean;
  backoff?: Partial<BackoffOptions>;
  random?: () => number;
  now?: () => number;
  /**
   * Most slots a lane may hold, as a share of the concurrency. The first call of a profile (its
   * identity) costs far more CPU than the others (client, credentials); capping them keeps the
   * process responsive so rows already started finish first.
   */
  laneShares?: Record<string, number>;
}

export interface SchedulerStats {
  active: number;
  queued: number;
  started: number;
  throttled: number;
}

export interface CallScheduler {
  run<T>(options: CallOptions, call: (signal: AbortSignal) => Promise<T>): Promise<T>;
  setConcurrency(concurrency: number): void;
  setTimeoutMs(timeoutMs: number): void;
  stats(): SchedulerStats;
}

/** A 5xx from AWS (InternalException and the like), which the same request may not meet again. */
export function isServerError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || isAppErrorException(error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata?.httpStatusCode;
  return typeof status === 'number' && status >= 500 && status <= 599;
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

function cancelledError(): AppErrorException {
  return new AppErrorException(appError('cancelled', 'The request was cancelled.'));
}

function timeoutError(limitMs: number): AppErrorException {
  return new AppErrorException(
    appError('timeout', `AWS did not answer within ${Math.round(limitMs / 1000)} s.`, { retryable: true }),
  );
}

/** One abort listener per caller signal (not per call: thousands of calls share a refresh's signal). */
function createAbortWatch(cancel: (task: Task) => void) {
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
function createKeyPauses(
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
function createLanes(shares: Record<string, number>, concurrency: () => number) {
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

export function createCallScheduler(options: SchedulerOptions): CallScheduler {
  let concurrency = Math.max(1, options.concurrency);
  let timeoutMs = options.timeoutMs;
  const backoff: BackoffOptions = {
    baseMs: 250,
    maxMs: 8_000,
    maxRetries: 12,
    serverRetries: 2,
    ...options.backoff,
  };
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const heap = new TaskHeap<Task>();
  const pauses = createKeyPauses(backoff, random, now, (tasks) => {
    for (const task of tasks) heap.push(task);
    pump();
  });
  const lanes = createLanes(options.laneShares ?? {}, () => concurrency);
  // A queued call is settled at once on cancel; a running one is aborted and settles when it ends.
  const aborts = createAbortWatch((task) => {
    if (task.controller) task.controller.abort();
    else settle(task, false, cancelledError());
  });
  let active = 0;
  let seq = 0;
  let started = 0;
  let throttled = 0;

  function settle(task: Task, ok: boolean, value: unknown): void {
    if (task.settled) return;
    task.settled = true;
    aborts.forget(task);
    if (ok) task.resolve(value);
    else task.reject(value);
  }

  function pump(): void {
    while (active < concurrency && heap.size > 0) {
      const task = heap.pop()!;
      if (task.settled || pauses.parkIfPaused(task) || lanes.parkIfFull(task)) continue;
      start(task);
    }
  }

  function start(task: Task): void {
    active++;
    started++;
    lanes.started(task);
    const controller = new AbortController();
    task.controller = controller;
    const limit = task.timeoutMs ?? timeoutMs;
    let ended = false;
    /** Gives the slot back, once; false when it was given back already (the call had timed out). */
    const end = () => {
      if (ended) return false;
      ended = true;
      timer.clear();
      task.controller = null;
      active--;
      const next = lanes.ended(task);
      if (next) heap.push(next);
      return true;
    };
    // A call that times out gives its slot back at once, not when it finally settles: a call that
    // is slow to notice its signal must not keep healthy calls waiting. Its late answer is ignored.
    const timer = startPausableTimer(
      limit,
      () => {
        controller.abort();
        end();
        settle(task, false, timeoutError(limit));
        pump();
      },
      now,
    );
    // The clock stops while the call waits for credentials, which have their own deadline.
    registerCallContext({
      signal: controller.signal,
      pauseClock: () => timer.pause(),
      resumeClock: () => timer.resume(),
    });
    (async () => task.call(controller.signal))().then(
      (value) => {
        if (!end()) return;
        pauses.succeeded(task.key);
        settle(task, true, value);
        pump();
      },
      (error: unknown) => {
        if (!end()) return;
        if (task.signal?.aborted) settle(task, false, cancelledError());
        else if (!retryLater(task, error)) settle(task, false, error);
        pump();
      },
    );
  }

  /** Queues the task again when its error is worth another try; false when the error is final. */
  function retryLater(task: Task, error: unknown): boolean {
    if (options.isThrottled(error) && task.throttledAttempts < backoff.maxRetries) {
      throttled++;
      task.throttledAttempts++;
      pauses.throttled(task.key);
      heap.push(task);
      return true;
    }
    if (isServerError(error) && !task.write && task.serverAttempts < backoff.serverRetries) {
      // The SDK already retried; one more try a little later, without pausing the key.
      task.serverAttempts++;
      setTimeout(
        () => {
          if (task.settled) return;
          heap.push(task);
          pump();
        },
        backoff.baseMs * (0.5 + random() / 2),
      );
      return true;
    }
    return false;
  }

  return {
    run<T>(callOptions: CallOptions, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        if (callOptions.signal?.aborted) {
          reject(cancelledError());
          return;
        }
        const task: Task = {
          priority: callOptions.priority,
          seq: seq++,
          key: callOptions.key,
          signal: callOptions.signal,
          timeoutMs: callOptions.timeoutMs,
          call,
          resolve: resolve as (value: unknown) => void,
          reject,
          settled: false,
          throttledAttempts: 0,
          serverAttempts: 0,
          lane: callOptions.lane,
          write: callOptions.write === true,
          controller: null,
        };
        aborts.watch(task);
        heap.push(task);
        pump();
      });
    },
    setConcurrency(value: number) {
      concurrency = Math.max(1, Math.floor(value));
      pump();
    },
    setTimeoutMs(value: number) {
      timeoutMs = value;
    },
    stats() {
      return { active, queued: heap.size + pauses.parkedCount() + lanes.parkedCount(), started, throttled };
    },
  };
}
