/**
 * The worker threads that talk to AWS, seen from the main thread: started when first needed, watched
 * (their exit, and a heartbeat for one that hangs), replaced when they die, and ended on dispose.
 *
 * A job sent to a worker (a contract channel, a bulk answer's step, a reload) resolves with its
 * result; when the worker dies before answering, the job's `recover` decides what happens on its
 * replacement (a read is sent again, a write is settled by reading: pool-handlers.ts). The worker's
 * questions are answered here from the main thread's stores (pool-ports.ts). Why worker_threads and
 * not Electron's utilityProcess: the same code must run in the app, the command line and the tests,
 * and utilityProcess exists only inside Electron's main process.
 */
import { Worker } from 'node:worker_threads';
import { AppErrorException, appError } from '../../domain/errors';
import type { Settings } from '../../domain/types';
import { createInbox } from './inbox';
import { type FromWorker, type FromWorkerParsed, fromWorkerSchema, type ToWorker, type WorkerInit } from './messages';
import { isWindowed, WINDOW } from './outbox';
import { type PoolPorts, servePorts } from './pool-ports';
import { type WorkerFile, workerFile } from './worker-file';

/** A job for a worker: every ToWorker message with an id, without it (the pool gives one). */
export type JobMessage = DistributiveOmit<Extract<ToWorker, { id: string }>, 'id'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface Job {
  worker: number;
  message: JobMessage;
  /** What to do when the worker died before answering; absent: send the job again. */
  recover?: (job: Job) => Promise<unknown>;
  /** Whether an activity entry the worker writes belongs to this job (it then is not written twice). */
  owns?: (entry: { action: string; profile: string; region: string }) => boolean;
  /** Set when an entry it owns reached the activity log with its outcome. */
  logged: boolean;
  /** The id of the "sent, outcome pending" entry it wrote ahead of AWS: its settling line uses the same id. */
  pendingId?: string;
}

export interface PoolListener {
  progress?(worker: number, run: string, key: { service: string; profile: string; region: string }): void;
  finished?(worker: number, run: string): void;
  died?(worker: number): void;
}

export interface PoolOptions extends PoolPorts {
  size: number;
  init: Omit<WorkerInit, 'index' | 'settings' | 'pathReady'>;
  /** The settings as this worker gets them (its share of the concurrency). */
  settingsFor(worker: number): Settings;
  /** Credential helpers wait for it: the login shell's PATH, sent to every worker once known. */
  helperPathReady?: Promise<unknown>;
  /** How often each worker is asked for a sign of life (default 2 s). */
  heartbeatMs?: number;
  /** A worker silent this long is hung: it is ended and replaced (default 30 s). */
  hangAfterMs?: number;
  file?: WorkerFile;
}

export interface WorkerPool {
  readonly size: number;
  /**
   * Runs the job in its worker. `signal`: the caller may give up (a call timed out or cancelled); the
   * job then ends at once as cancelled, and its worker is told to stop it (`abandon`).
   */
  run(job: Omit<Job, 'logged'>, signal?: AbortSignal): Promise<unknown>;
  post(worker: number, message: ToWorker): void;
  /** To every worker started (the others get it when they start). */
  broadcast(message: ToWorker): void;
  listen(listener: PoolListener): void;
  /** Keeps the process alive while a worker has work the main thread waits for (a refresh's part). */
  hold(worker: number, by: 1 | -1): void;
  /** The workers running now (for tests: ending one on purpose). */
  running(): { index: number; threadId: number }[];
  /** Ends a worker as a crash would (for tests). */
  kill(worker: number): Promise<void>;
  /** Starts every worker now rather than at its first job (the app does, so its first refresh does not wait). */
  startAll(): void;
  dispose(): void;
}

interface Handle {
  index: number;
  worker: Worker;
  ready: boolean;
  lastSeen: number;
  jobs: Map<string, Job & { resolve(value: unknown): void; reject(error: unknown): void }>;
  /** Refresh runs and jobs keeping the process alive while they last. */
  holds: number;
  /** Windowed messages handled and not yet acknowledged to the worker (outbox.ts). */
  handled: number;
}

const cancelled = () => new AppErrorException(appError('cancelled', 'The request was cancelled.'));

/** How long a worker may take to start before it counts as hung. */
const STARTUP_MS = 60_000;

/** Starts that failed before the worker was ready, in a row, before the pool stops trying. */
const MAX_FAILED_STARTS = 3;

export function createWorkerPool(options: PoolOptions): WorkerPool {
  const file = options.file ?? workerFile();
  const heartbeatMs = options.heartbeatMs ?? 2_000;
  const hangAfterMs = options.hangAfterMs ?? 30_000;
  const handles = new Array<Handle | null>(options.size).fill(null);
  const failedStarts = new Array<number>(options.size).fill(0);
  const listeners: PoolListener[] = [];
  let pathKnown = options.helperPathReady === undefined;
  let disposed = false;
  let nextJob = 0;
  let seq = 0;
  const ports = servePorts(options, (index, message) => handles[index]?.worker.postMessage(message));
  // Messages are taken a slice at a time, so a burst of rows never holds the main thread long.
  const inbox = createInbox();

  void options.helperPathReady?.then(() => {
    pathKnown = true;
    pool.broadcast({ type: 'path', path: process.env.PATH ?? '' });
  });

  const heartbeat = setInterval(() => {
    const now = Date.now();
    for (const handle of handles) {
      if (!handle) continue;
      // Loading the SDK takes a while (more on a busy machine): a worker not ready yet gets longer.
      if (now - handle.lastSeen > (handle.ready ? hangAfterMs : Math.max(hangAfterMs, STARTUP_MS))) {
        console.error(`Worker ${handle.index} gave no sign of life for ${hangAfterMs} ms: it is ended and replaced.`);
        void handle.worker.terminate();
        continue;
      }
      handle.worker.postMessage({ type: 'ping', seq: ++seq } satisfies ToWorker);
    }
  }, heartbeatMs);
  heartbeat.unref();

  function start(index: number): Handle {
    const worker = new Worker(file.file, {
      workerData: {
        ...options.init,
        index,
        settings: options.settingsFor(index),
        pathReady: pathKnown,
      } satisfies WorkerInit,
      ...(file.execArgv ? { execArgv: file.execArgv } : {}),
    });
    const handle: Handle = {
      index,
      worker,
      ready: false,
      lastSeen: Date.now(),
      jobs: new Map(),
      holds: 0,
      handled: 0,
    };
    worker.unref();
    worker.on('message', (raw: unknown) => {
      handle.lastSeen = Date.now();
      const windowed = isWindowed(raw);
      inbox.push(() => {
        receive(handle, raw);
        if (windowed) acknowledge(handle);
      });
    });
    worker.on('error', (error) => console.error(`Worker ${index} failed:`, error));
    // Behind the messages the worker sent before it ended: its last rows are taken first.
    worker.on('exit', (code) => inbox.push(() => died(handle, code)));
    handles[index] = handle;
    if (pathKnown && options.helperPathReady) worker.postMessage({ type: 'path', path: process.env.PATH ?? '' });
    return handle;
  }

  function handleOf(index: number): Handle {
    if (disposed) throw new AppErrorException(appError('cancelled', 'The app is closing.'));
    if ((failedStarts[index] as number) >= MAX_FAILED_STARTS) {
      throw new AppErrorException(
        appError('internal', `The worker thread that reads AWS could not start (${MAX_FAILED_STARTS} tries).`),
      );
    }
    return handles[index] ?? start(index);
  }

  /**
   * Gives the worker room for more rows (outbox.ts): at once when half its window is handled, so it
   * sends more while this thread takes the rest, and otherwise once this turn of the loop is over.
   */
  function acknowledge(handle: Handle): void {
    handle.handled++;
    if (handle.handled >= WINDOW / 2) sendAck(handle);
    else if (handle.handled === 1) setImmediate(() => sendAck(handle));
  }

  function sendAck(handle: Handle): void {
    if (handle.handled === 0) return;
    handle.worker.postMessage({ type: 'ack', count: handle.handled } satisfies ToWorker);
    handle.handled = 0;
  }

  function hold(handle: Handle, by: number): void {
    handle.holds += by;
    if (handle.holds > 0) handle.worker.ref();
    else handle.worker.unref();
  }

  function receive(handle: Handle, raw: unknown): void {
    const parsed = fromWorkerSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      console.error(`Worker ${handle.index}: a message was dropped (${issue?.path.join('.')}: ${issue?.message}).`);
      return;
    }
    const message: FromWorkerParsed = parsed.data;
    switch (message.type) {
      case 'ready':
        handle.ready = true;
        failedStarts[handle.index] = 0;
        return;
      case 'pong':
        return;
      case 'progress':
        for (const l of listeners) l.progress?.(handle.index, message.run, message.key);
        return;
      case 'finished':
        for (const l of listeners) l.finished?.(handle.index, message.run);
        return;
      case 'result': {
        const job = handle.jobs.get(message.id);
        if (!job) return;
        handle.jobs.delete(message.id);
        hold(handle, -1);
        if (message.error) job.reject(new AppErrorException(message.error));
        else if (message.unexpected !== undefined) job.reject(new Error(message.unexpected));
        else job.resolve(message.value);
        return;
      }
      case 'question':
        if (message.question.type === 'activity') {
          const { entry } = message.question;
          for (const job of handle.jobs.values()) {
            if (!job.owns?.(entry)) continue;
            if (entry.outcome === 'pending' && entry.id) job.pendingId = entry.id;
            else job.logged = true;
          }
        }
        ports.receive(handle.index, message);
        return;
      default:
        ports.receive(handle.index, message);
    }
  }

  function died(handle: Handle, code: number): void {
    if (handles[handle.index] !== handle) return;
    handles[handle.index] = null;
    ports.forget(handle.index);
    if (disposed) return;
    if (!handle.ready) failedStarts[handle.index] = (failedStarts[handle.index] as number) + 1;
    console.error(`Worker ${handle.index} ended (exit code ${code}); its work goes to a new one.`);
    for (const l of listeners) l.died?.(handle.index);
    for (const job of handle.jobs.values()) {
      const again = job.recover ?? ((j: Job) => pool.run(j));
      let recovered: Promise<unknown>;
      try {
        recovered = again({ worker: job.worker, message: job.message, logged: job.logged, ...extras(job) });
      } catch (error) {
        recovered = Promise.reject(error);
      }
      recovered.then(job.resolve, job.reject);
    }
  }

  const extras = (job: Job) => ({
    ...(job.recover ? { recover: job.recover } : {}),
    ...(job.owns ? { owns: job.owns } : {}),
    ...(job.pendingId ? { pendingId: job.pendingId } : {}),
  });

  const pool: WorkerPool = {
    size: options.size,
    run(job, signal) {
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(cancelled());
        const handle = handleOf(job.worker);
        const id = `j${++nextJob}`;
        const abandon = () => {
          if (!handle.jobs.delete(id)) return;
          hold(handle, -1);
          handle.worker.postMessage({ type: 'abandon', job: id } satisfies ToWorker);
          reject(cancelled());
        };
        const done =
          (settle: (value: unknown) => void) =>
          (value: unknown): void => {
            signal?.removeEventListener('abort', abandon);
            settle(value);
          };
        signal?.addEventListener('abort', abandon, { once: true });
        handle.jobs.set(id, { ...job, logged: false, resolve: done(resolve), reject: done(reject) });
        hold(handle, 1);
        handle.worker.postMessage({ ...job.message, id } as ToWorker);
      });
    },
    post(worker, message) {
      handleOf(worker).worker.postMessage(message);
    },
    broadcast(message) {
      for (const handle of handles) handle?.worker.postMessage(message);
    },
    listen(listener) {
      listeners.push(listener);
    },
    hold(worker, by) {
      const handle = handles[worker];
      if (handle) hold(handle, by);
    },
    running: () => handles.flatMap((h) => (h?.ready ? [{ index: h.index, threadId: h.worker.threadId }] : [])),
    async kill(worker) {
      await handles[worker]?.worker.terminate();
    },
    startAll() {
      for (let index = 0; index < options.size; index++) if (!disposed && !handles[index]) start(index);
    },
    dispose() {
      disposed = true;
      clearInterval(heartbeat);
      inbox.clear();
      ports.dispose();
      for (const [index, handle] of handles.entries()) {
        if (!handle) continue;
        handles[index] = null;
        const closing = new AppErrorException(appError('cancelled', 'The app is closing.'));
        for (const job of handle.jobs.values()) job.reject(closing);
        handle.jobs.clear();
        handle.worker.unref();
        void handle.worker.terminate();
      }
    },
  };
  return pool;
}

export type { FromWorker };
