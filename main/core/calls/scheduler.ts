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
import { type BackoffOptions, createAbortWatch, createKeyPauses, createLanes, type Task } from './scheduler-parts';
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

export type { BackoffOptions } from './scheduler-parts';

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

function cancelledError(): AppErrorException {
  return new AppErrorException(appError('cancelled', 'The request was cancelled.'));
}

function timeoutError(limitMs: number): AppErrorException {
  return new AppErrorException(
    appError('timeout', `AWS did not answer within ${Math.round(limitMs / 1000)} s.`, { retryable: true }),
  );
}
interface SchedulerState {
  options: SchedulerOptions;
  concurrency: number;
  timeoutMs: number;
  backoff: BackoffOptions;
  random: () => number;
  now: () => number;
  heap: TaskHeap<Task>;
  pauses: ReturnType<typeof createKeyPauses>;
  lanes: ReturnType<typeof createLanes>;
  aborts: ReturnType<typeof createAbortWatch>;
  active: number;
  seq: number;
  started: number;
  throttled: number;
}

export function createCallScheduler(options: SchedulerOptions): CallScheduler {
  const backoff: BackoffOptions = {
    baseMs: 250,
    maxMs: 8_000,
    maxRetries: 12,
    serverRetries: 2,
    ...options.backoff,
  };
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const state = {
    options,
    concurrency: Math.max(1, options.concurrency),
    timeoutMs: options.timeoutMs,
    backoff,
    random,
    now,
    heap: new TaskHeap<Task>(),
    active: 0,
    seq: 0,
    started: 0,
    throttled: 0,
  } as SchedulerState;
  state.pauses = createKeyPauses(backoff, random, now, (tasks) => {
    for (const task of tasks) state.heap.push(task);
    pump(state);
  });
  state.lanes = createLanes(options.laneShares ?? {}, () => state.concurrency);
  // A queued call is settled at once on cancel; a running one is aborted and settles when it ends.
  state.aborts = createAbortWatch((task) => {
    if (task.controller) task.controller.abort();
    else settle(state, task, false, cancelledError());
  });
  return {
    run: (callOptions, call) => enqueue(state, callOptions, call),
    setConcurrency(value: number) {
      state.concurrency = Math.max(1, Math.floor(value));
      pump(state);
    },
    setTimeoutMs(value: number) {
      state.timeoutMs = value;
    },
    stats: () => ({
      active: state.active,
      queued: state.heap.size + state.pauses.parkedCount() + state.lanes.parkedCount(),
      started: state.started,
      throttled: state.throttled,
    }),
  };
}

function settle(state: SchedulerState, task: Task, ok: boolean, value: unknown): void {
  if (task.settled) return;
  task.settled = true;
  state.aborts.forget(task);
  if (ok) task.resolve(value);
  else task.reject(value);
}

function pump(state: SchedulerState): void {
  while (state.active < state.concurrency && state.heap.size > 0) {
    const task = state.heap.pop()!;
    if (task.settled || state.pauses.parkIfPaused(task) || state.lanes.parkIfFull(task)) continue;
    start(state, task);
  }
}

function start(state: SchedulerState, task: Task): void {
  state.active++;
  state.started++;
  state.lanes.started(task);
  const controller = new AbortController();
  task.controller = controller;
  const limit = task.timeoutMs ?? state.timeoutMs;
  let ended = false;
  /** Gives the slot back, once; false when it was given back already (the call had timed out). */
  const end = () => {
    if (ended) return false;
    ended = true;
    timer.clear();
    task.controller = null;
    state.active--;
    const next = state.lanes.ended(task);
    if (next) state.heap.push(next);
    return true;
  };
  // A call that times out gives its slot back at once, not when it finally settles: a call that
  // is slow to notice its signal must not keep healthy calls waiting. Its late answer is ignored.
  const timer = startPausableTimer(
    limit,
    () => {
      controller.abort();
      end();
      settle(state, task, false, timeoutError(limit));
      pump(state);
    },
    state.now,
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
      state.pauses.succeeded(task.key);
      settle(state, task, true, value);
      pump(state);
    },
    (error: unknown) => {
      if (!end()) return;
      if (task.signal?.aborted) settle(state, task, false, cancelledError());
      else if (!retryLater(state, task, error)) settle(state, task, false, error);
      pump(state);
    },
  );
}

/** Queues the task again when its error is worth another try; false when the error is final. */
function retryLater(state: SchedulerState, task: Task, error: unknown): boolean {
  const { backoff } = state;
  if (state.options.isThrottled(error) && task.throttledAttempts < backoff.maxRetries) {
    state.throttled++;
    task.throttledAttempts++;
    state.pauses.throttled(task.key);
    state.heap.push(task);
    return true;
  }
  if (isServerError(error) && !task.write && task.serverAttempts < backoff.serverRetries) {
    // The SDK already retried; one more try a little later, without pausing the key.
    task.serverAttempts++;
    setTimeout(
      () => {
        if (task.settled) return;
        state.heap.push(task);
        pump(state);
      },
      backoff.baseMs * (0.5 + state.random() / 2),
    );
    return true;
  }
  return false;
}

function enqueue<T>(
  state: SchedulerState,
  callOptions: CallOptions,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (callOptions.signal?.aborted) {
      reject(cancelledError());
      return;
    }
    const task: Task = {
      priority: callOptions.priority,
      seq: state.seq++,
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
    state.aborts.watch(task);
    state.heap.push(task);
    pump(state);
  });
}
