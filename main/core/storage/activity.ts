/**
 * The activity log: one JSON line per action in <settings folder>/activity.jsonl.
 *
 * The app and the command line may write at the same time, so this is not a conf file (conf
 * rewrites the whole file and would lose the other process's entries). Every append and every
 * trim takes a cross-process lock; reads take none and skip a torn or malformed line. The log
 * keeps the newest `cap` entries: once it holds a tenth more than that, it is rewritten with the
 * newest `cap` (the file's own work is activity-file.ts's).
 *
 * An entry records an action that has already happened at AWS, so it is never dropped: while the
 * lock is held by another live process (or the file cannot be written), entries wait in memory,
 * in order, and are retried with a growing pause until they are written; `list` shows them
 * meanwhile. A lock left by a process that died is taken over once stale (10 s). At exit, what is
 * still waiting is written at once, best effort (see flushAtExit).
 *
 * A write is recorded before it is sent (outcome "pending", with this process's id) and settled by a
 * second line with the same id once its outcome is known (activity-file.ts mergeSettled reads the two
 * as one entry). Writes still pending when the process ends (Ctrl-C, `kill`) are settled at exit as
 * "interrupted": the outcome is unknown. A write left pending by a process that died without its
 * exit running (kill -9, a crash, a power cut) is found at the next start (settleLeftOvers).
 */

import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { AppErrorException, appError } from '../../domain/errors';
import type { ActivityEntry } from '../../domain/types';
import { type ActivityFile, appendLines, lockNowOrNull, mergeSettled, readLines, withLock } from './activity-file';
import { type ActivityInput, activityInputSchema } from './activity-schema';
import { interruptedLine, isLeftOver, leftOverLine } from './activity-writes';

export const ACTIVITY_FILE_NAME = 'activity.jsonl';
export const DEFAULT_ACTIVITY_CAP = 5000;

export interface ActivityLog {
  readonly path: string;
  /**
   * Safe with several processes appending at once. Resolves once the entry is in the file, which
   * may take as long as another process holds the lock; rejects only for a malformed entry.
   */
  append(entry: ActivityInput): Promise<ActivityEntry>;
  /** Newest first; at most `cap` entries, those still waiting to be written included. */
  list(limit?: number): Promise<ActivityEntry[]>;
  /** How many entries wait to be written. */
  pending(): number;
  /** Waits until every waiting entry is written or `timeoutMs` has passed; resolves with how many still wait. */
  flush(timeoutMs: number): Promise<number>;
  /**
   * The writes a process sent and never settled, because it died before it could (not this process's,
   * not a live one's): each is settled now as "interrupted" and returned as settled, oldest first.
   */
  settleLeftOvers(): Promise<ActivityEntry[]>;
}

export interface ActivityLogOptions {
  cwd: string;
  source: 'app' | 'cli';
  cap?: number;
  clock?: () => Date;
}

// Pauses between attempts at a held lock: short at first (the other writer takes milliseconds),
// then no more than a few seconds, for as long as it takes.
const RETRY_FIRST_MS = 50;
const RETRY_MAX_MS = 2000;
// How long an action waits for its entry before it answers anyway (the entry keeps waiting).
export const RECORD_WAIT_MS = 3000;

interface Waiting {
  entry: ActivityEntry;
  written(entry: ActivityEntry): void;
}

/** One log of this process. */
interface LogState {
  file: ActivityFile;
  source: 'app' | 'cli';
  clock: () => Date;
  /**
   * Entries of this process not yet in the file, in the order they were recorded. One drain writes
   * them (a batch per lock taken); the file lock orders them with other processes.
   */
  waiting: Waiting[];
  draining: Promise<void> | null;
  /** Writes this process recorded as pending and has not settled yet, by id. */
  inFlight: Map<string, ActivityEntry>;
  /** This log's own exit flush (one function per log, so it can be registered and let go). */
  exitFlush: (code: number) => void;
}

export function openActivityLog(options: ActivityLogOptions): ActivityLog {
  const cap = Math.max(1, Math.floor(options.cap ?? DEFAULT_ACTIVITY_CAP));
  const state: LogState = {
    file: {
      cwd: options.cwd,
      path: path.join(options.cwd, ACTIVITY_FILE_NAME),
      cap,
      slack: Math.max(1, Math.floor(cap / 10)),
    },
    source: options.source,
    clock: options.clock ?? (() => new Date()),
    waiting: [],
    draining: null,
    inFlight: new Map(),
    exitFlush: (code) => flushSync(state, code),
  };
  return {
    path: state.file.path,
    pending: () => state.waiting.length,
    flush: (timeoutMs) => flush(state, timeoutMs),
    append: (input) => append(state, input),
    list: (limit = cap) => list(state, limit),
    settleLeftOvers: () => settleLeftOvers(state),
  };
}

function append(state: LogState, input: ActivityInput): Promise<ActivityEntry> {
  const parsed = activityInputSchema.safeParse(input);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    return Promise.reject(
      new AppErrorException(appError('invalid-request', `Activity entry not recorded: ${detail}.`)),
    );
  }
  const { id, ...fields } = parsed.data;
  const entry: ActivityEntry = {
    id: id ?? randomUUID(),
    time: state.clock().toISOString(),
    source: state.source,
    ...fields,
    target: fields.target === null ? null : redactKeys(fields.target),
    detail: redactKeys(fields.detail),
    // Whose write it is while pending: a live process's is in flight, a dead one's was left over.
    ...(fields.outcome === 'pending' ? { pid: process.pid } : {}),
  };
  if (entry.outcome === 'pending') state.inFlight.set(entry.id, entry);
  else state.inFlight.delete(entry.id);
  const written = new Promise<ActivityEntry>((resolve) => {
    state.waiting.push({ entry, written: resolve });
  });
  registerAtExit(state.exitFlush);
  void drain(state);
  return written;
}

async function list(state: LogState, limit: number): Promise<ActivityEntry[]> {
  // Taken before the read: an entry written while the file is read is then in one or the other.
  const unwritten = state.waiting.map((w) => w.entry);
  // No file yet: the entries still waiting may be all there is.
  const lines = await readLines(state.file);
  // Still waiting for the lock: newer than anything in the file. A line is the same line when its
  // id, time and outcome are (a settled write has two lines with one id).
  if (unwritten.length > 0) {
    const lineKey = (e: ActivityEntry) => `${e.id}\u0000${e.time}\u0000${e.outcome}`;
    const inFile = new Set(lines.map(lineKey));
    for (const entry of unwritten) if (!inFile.has(lineKey(entry))) lines.push(entry);
  }
  const entries = mergeSettled(lines);
  // File order is the order the lock granted, which clocks of two processes may not agree on.
  const wanted = Math.max(0, Math.min(Math.floor(limit), state.file.cap));
  return entries.slice(Math.max(0, entries.length - wanted)).reverse();
}

async function settleLeftOvers(state: LogState): Promise<ActivityEntry[]> {
  const now = state.clock();
  const left = (await list(state, state.file.cap))
    .filter((e) => e.outcome === 'pending' && !state.inFlight.has(e.id) && isLeftOver(e, now))
    .reverse();
  const settled: ActivityEntry[] = [];
  for (const entry of left) settled.push(await append(state, leftOverLine(entry, state.source)));
  return settled.map((entry, i) => ({ ...entry, sentAt: left[i]?.time ?? null }));
}

async function flush(state: LogState, timeoutMs: number): Promise<number> {
  if (state.waiting.length > 0) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([drain(state), timeout]);
    clearTimeout(timer);
  }
  return state.waiting.length;
}

/** Writes the waiting entries, oldest first, until none is left; one drain at a time. */
function drain(state: LogState): Promise<void> {
  // With entries waiting the loop always awaits, so `draining` is cleared after it is set.
  if (!state.draining && state.waiting.length > 0) state.draining = drainLoop(state);
  return state.draining ?? Promise.resolve();
}

async function drainLoop(state: LogState): Promise<void> {
  let failures = 0;
  try {
    while (state.waiting.length > 0) {
      const batch = state.waiting.slice();
      try {
        await withLock(state.file, () =>
          appendLines(
            state.file,
            batch.map((w) => w.entry),
          ),
        );
      } catch (error) {
        failures++;
        // Said once per streak: the retries that follow would only repeat it.
        if (failures === 1) {
          const why = error instanceof Error ? error.message : String(error);
          console.error(`${why} ${state.waiting.length} activity entries are kept and written as soon as it can be.`);
        }
        await pause(Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** (failures - 1)));
        continue;
      }
      failures = 0;
      state.waiting.splice(0, batch.length);
      for (const w of batch) w.written(w.entry);
    }
    if (state.inFlight.size === 0) unregisterAtExit(state.exitFlush);
  } finally {
    // Cleared in the same step as the last check of `waiting`: an append that comes after
    // finds no drain running and starts one.
    state.draining = null;
  }
}

/**
 * At exit: the waiting entries in one write, under the lock if it can be had at once, then the writes
 * still in flight settled as interrupted (the process ends before AWS's answer can arrive).
 */
function flushSync(state: LogState, code: number): void {
  const time = state.clock().toISOString();
  const interrupted = [...state.inFlight.values()].map((entry) => interruptedLine(entry, state.source, code, time));
  state.inFlight.clear();
  if (state.waiting.length === 0 && interrupted.length === 0) return;
  const entries = [...state.waiting.splice(0).map((w) => w.entry), ...interrupted];
  // Held by a live process: the lines go in anyway, whole, in one append. Only a trim running in
  // that process this very moment could lose them; waiting is not possible at exit.
  const release = lockNowOrNull(state.file);
  try {
    appendLines(state.file, entries);
  } catch (error) {
    console.error(`${entries.length} activity entries could not be written to ${state.file.path}:`, error);
  } finally {
    try {
      release?.();
    } catch {}
  }
}

/** A pause that does not keep a finished process alive: the exit flush takes over then. */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

// One exit listener for every log with entries waiting or writes in flight (tests open hundreds of logs).
const atExit = new Set<(code: number) => void>();
function registerAtExit(flushLog: (code: number) => void) {
  if (atExit.size === 0) process.once('exit', flushAtExit);
  atExit.add(flushLog);
}
function unregisterAtExit(flushLog: (code: number) => void) {
  atExit.delete(flushLog);
  if (atExit.size === 0) process.removeListener('exit', flushAtExit);
}
/** Best effort at exit: 'exit' listeners may only do synchronous work. */
function flushAtExit(code: number) {
  for (const flushLog of atExit) flushLog(code);
  atExit.clear();
}

// Access key ids have a fixed shape; an error text that echoes one must not put it on disk.
function redactKeys(text: string): string {
  return text.replace(/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, '$1****************');
}

/**
 * Appends an entry for an action that has already happened: a log that cannot be written is reported
 * on the console and never turns the action itself into a failure. The action waits for its entry
 * at most RECORD_WAIT_MS; an entry not written by then stays queued and is written later.
 */
export async function recordActivity(log: Pick<ActivityLog, 'append' | 'path'>, entry: ActivityInput): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), RECORD_WAIT_MS);
  });
  try {
    const outcome = await Promise.race([log.append(entry), late]);
    if (outcome === 'late') {
      console.error(`The activity log ${log.path} is busy: the entry is kept and written as soon as it is free.`);
    }
  } catch (error) {
    console.error('Could not write the activity log:', error instanceof Error ? error.message : error);
  } finally {
    clearTimeout(timer);
  }
}
