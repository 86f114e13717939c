/**
 * Every AWS call of a refresh or an action goes through one scheduler:
 * - at most `concurrency` calls in flight;
 * - the lowest priority number runs first, so a row's later calls overtake rows that have not
 *   started yet and complete rows arrive early (depth-first);
 * - a call that comes back throttled after the SDK's own retries pauses its account-region (the
 *   unit AWS throttles by) with exponential backoff and jitter and is tried again, instead of failing;
 * - each call has a timeout and honours the caller's AbortSignal, queued or in flight.
 */
import { appError } from '../../../preload/api';
import { AppErrorException, isAppErrorException } from '../../domain/errors';

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

const THROTTLE_CODES = new Set([
  'LimitExceededException',
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
]);

/** A 5xx from AWS (InternalException and the like), which the same request may not meet again. */
export function isServerError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || isAppErrorException(error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata?.httpStatusCode;
  return typeof status === 'number' && status >= 500 && status <= 599;
}

/** True for an error that means "too many requests", whatever shape it arrives in. */
export function isThrottlingError(error: unknown): boolean {
  if (isAppErrorException(error)) return error.appError.kind === 'throttled';
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; code?: unknown; $metadata?: { httpStatusCode?: unknown } };
  if (typeof e.name === 'string' && THROTTLE_CODES.has(e.name)) return true;
  if (typeof e.code === 'string' && THROTTLE_CODES.has(e.code)) return true;
  return e.$metadata?.httpStatusCode === 429;
}

interface Task {
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
  /** Set while the call is in flight. */
  controller: AbortController | null;
}

/** A binary min-heap on (priority, seq). */
class TaskHeap {
  private items: Task[] = [];
  get size(): number {
    return this.items.length;
  }
  private less(a: Task, b: Task): boolean {
    return a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq);
  }
  push(task: Task): void {
    const items = this.items;
    items.push(task);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }
  pop(): Task | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && this.less(items[l]!, items[m]!)) m = l;
        if (r < items.length && this.less(items[r]!, items[m]!)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m]!, items[i]!];
        i = m;
      }
    }
    return top;
  }
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
  const heap = new TaskHeap();
  const keys = new Map<string, KeyState>();
  const laneShares = options.laneShares ?? {};
  const laneActive = new Map<string, number>();
  // Tasks popped while their lane was full, in the (priority) order they were popped.
  const laneParked = new Map<string, Task[]>();
  const laneLimit = (lane: string) => Math.max(1, Math.ceil(concurrency * (laneShares[lane] ?? 1)));
  let active = 0;
  let seq = 0;
  let started = 0;
  let throttled = 0;

  function keyState(key: string): KeyState {
    let state = keys.get(key);
    if (!state) {
      state = { strikes: 0, pausedUntil: 0, parked: [], timer: null };
      keys.set(key, state);
    }
    return state;
  }

  // One abort listener per caller signal (not per call: thousands of calls share a refresh's signal).
  const watched = new WeakMap<AbortSignal, Set<Task>>();
  function watch(task: Task): void {
    const signal = task.signal;
    if (!signal) return;
    let tasks = watched.get(signal);
    if (!tasks) {
      const set = new Set<Task>();
      tasks = set;
      watched.set(signal, set);
      signal.addEventListener(
        'abort',
        () => {
          for (const t of [...set]) {
            if (t.controller) t.controller.abort();
            else settle(t, false, cancelledError());
          }
        },
        { once: true },
      );
    }
    tasks.add(task);
  }

  function settle(task: Task, ok: boolean, value: unknown): void {
    if (task.settled) return;
    task.settled = true;
    if (task.signal) watched.get(task.signal)?.delete(task);
    if (ok) task.resolve(value);
    else task.reject(value);
  }

  function unpark(state: KeyState, key: string): void {
    state.timer = null;
    for (const task of state.parked) heap.push(task);
    state.parked = [];
    if (state.strikes === 0) keys.delete(key);
    pump();
  }

  function pump(): void {
    while (active < concurrency && heap.size > 0) {
      const task = heap.pop()!;
      if (task.settled) continue;
      const state = keys.get(task.key);
      if (state && state.pausedUntil > now()) {
        state.parked.push(task);
        state.timer ??= setTimeout(() => unpark(state, task.key), state.pausedUntil - now());
        continue;
      }
      if (task.lane !== undefined && (laneActive.get(task.lane) ?? 0) >= laneLimit(task.lane)) {
        let parked = laneParked.get(task.lane);
        if (!parked) {
          parked = [];
          laneParked.set(task.lane, parked);
        }
        parked.push(task);
        continue;
      }
      start(task);
    }
  }

  function start(task: Task): void {
    active++;
    started++;
    if (task.lane !== undefined) laneActive.set(task.lane, (laneActive.get(task.lane) ?? 0) + 1);
    const controller = new AbortController();
    task.controller = controller;
    let timedOut = false;
    const limit = task.timeoutMs ?? timeoutMs;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, limit);
    const finish = () => {
      clearTimeout(timer);
      task.controller = null;
      active--;
      if (task.lane !== undefined) {
        laneActive.set(task.lane, (laneActive.get(task.lane) ?? 1) - 1);
        const next = laneParked.get(task.lane)?.shift();
        if (next) heap.push(next);
      }
    };
    task.call(controller.signal).then(
      (value) => {
        finish();
        const state = keys.get(task.key);
        if (state && state.parked.length === 0 && !state.timer) keys.delete(task.key);
        else if (state) state.strikes = 0;
        settle(task, true, value);
        pump();
      },
      (error: unknown) => {
        finish();
        if (task.signal?.aborted) settle(task, false, cancelledError());
        else if (timedOut)
          settle(
            task,
            false,
            new AppErrorException(
              appError('timeout', `AWS did not answer within ${Math.round(limit / 1000)} s.`, { retryable: true }),
            ),
          );
        else if (isThrottlingError(error) && task.throttledAttempts < backoff.maxRetries) {
          throttled++;
          task.throttledAttempts++;
          const state = keyState(task.key);
          state.strikes++;
          const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(state.strikes - 1, 16));
          // Equal jitter: at least half the step, so a paused key really slows down.
          const delay = ceiling / 2 + random() * (ceiling / 2);
          state.pausedUntil = Math.max(state.pausedUntil, now() + delay);
          heap.push(task);
        } else if (isServerError(error) && task.serverAttempts < backoff.serverRetries) {
          // The SDK already retried; one more try a little later, without pausing the key.
          task.serverAttempts++;
          const delay = backoff.baseMs * (0.5 + random() / 2);
          setTimeout(() => {
            if (task.settled) return;
            heap.push(task);
            pump();
          }, delay);
        } else settle(task, false, error);
        pump();
      },
    );
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
          controller: null,
        };
        // A queued call is settled at once on cancel; it stays in the heap and is skipped when popped.
        watch(task);
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
      let parked = 0;
      for (const state of keys.values()) parked += state.parked.length;
      for (const list of laneParked.values()) parked += list.length;
      return { active, queued: heap.size + parked, started, throttled };
    },
  };
}
