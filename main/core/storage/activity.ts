/**
 * The activity log: one JSON line per action in <settings folder>/activity.jsonl.
 *
 * The app and the command line may write at the same time, so this is not a conf file (conf
 * rewrites the whole file and would lose the other process's entries). Every append and every
 * trim takes a cross-process lock (proper-lockfile: an atomic mkdir of activity.jsonl.lock); reads
 * take none and skip a torn or malformed line. The log keeps the newest `cap` entries: once it
 * holds a tenth more than that, it is rewritten (temp file + rename) with the newest `cap`.
 *
 * An entry records an action that has already happened at AWS, so it is never dropped: while the
 * lock is held by another live process (or the file cannot be written), entries wait in memory,
 * in order, and are retried with a growing pause until they are written; `list` shows them
 * meanwhile. A lock left by a process that died is taken over once stale (10 s). At exit, what is
 * still waiting is written at once, best effort (see flushAtExit).
 */

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { csvCell } from '../../domain/csv';
import { AppErrorException, appError } from '../../domain/errors';
import type { ActivityEntry } from '../../domain/types';
import { activityEntrySchema, activityInputSchema } from './activity-schema';
import { replaceFileSync } from './atomic-file';
import { nonRegularKind, readRegularFileSync } from './regular-file';

export const ACTIVITY_FILE_NAME = 'activity.jsonl';
export const DEFAULT_ACTIVITY_CAP = 5000;

export interface ActivityLog {
  readonly path: string;
  /**
   * Safe with several processes appending at once. Resolves once the entry is in the file, which
   * may take as long as another process holds the lock; rejects only for a malformed entry.
   */
  append(entry: Omit<ActivityEntry, 'id' | 'time' | 'source'>): Promise<ActivityEntry>;
  /** Newest first; at most `cap` entries, those still waiting to be written included. */
  list(limit?: number): Promise<ActivityEntry[]>;
  /** How many entries wait to be written. */
  pending(): number;
  /** Waits until every waiting entry is written or `timeoutMs` has passed; resolves with how many still wait. */
  flush(timeoutMs: number): Promise<number>;
}

export interface ActivityLogOptions {
  cwd: string;
  source: 'app' | 'cli';
  cap?: number;
  clock?: () => Date;
}

// Shorter than any real entry (id and time alone take 60 bytes): below cap * this, no trim is due.
const MIN_LINE_BYTES = 80;
/** What a link's target may hold to be taken over: far above cap + slack lines of the longest entries. */
const ACTIVITY_MAX_BYTES = 64 * 1024 * 1024;
/**
 * Appending never follows a link (see replaceLink) and never blocks: a FIFO at the name would hold
 * the open until a reader appears; opened non-blocking, it is refused by the type check instead.
 */
const APPEND_FLAGS =
  fs.constants.O_RDWR |
  fs.constants.O_APPEND |
  fs.constants.O_CREAT |
  (fs.constants.O_NOFOLLOW ?? 0) |
  (fs.constants.O_NONBLOCK ?? 0);
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

export function openActivityLog(options: ActivityLogOptions): ActivityLog {
  const { cwd, source } = options;
  const cap = Math.max(1, Math.floor(options.cap ?? DEFAULT_ACTIVITY_CAP));
  const slack = Math.max(1, Math.floor(cap / 10));
  const clock = options.clock ?? (() => new Date());
  const filePath = path.join(cwd, ACTIVITY_FILE_NAME);
  // Entries of this process not yet in the file, in the order they were recorded. One drain writes
  // them (a batch per lock taken); the file lock orders them with other processes.
  const waiting: Waiting[] = [];
  let draining: Promise<void> | null = null;

  async function withLock<T>(work: () => T): Promise<T> {
    fs.mkdirSync(cwd, { recursive: true });
    const release = await lockfile
      .lock(filePath, {
        realpath: false, // the log may not exist yet
        stale: STALE_MS, // a writer that died holding the lock is ignored after 10 s
        // About a second of quick attempts; past that the drain waits longer between tries.
        retries: { retries: 40, factor: 1.3, minTimeout: 1, maxTimeout: 25, randomize: true },
        // Work under the lock takes milliseconds; a lock declared compromised (clock jump, slow
        // disk) must not throw from inside a timer and take the process down.
        onCompromised: () => {},
      })
      .catch((error: NodeJS.ErrnoException) => {
        throw new AppErrorException(
          appError('config', `The activity log ${filePath} could not be locked (${error.code ?? error.message}).`, {
            remediation: 'Another copy of the app or the command line may be busy with it; try again.',
            retryable: true,
          }),
        );
      });
    try {
      return work();
    } finally {
      await release().catch(() => {});
    }
  }

  function appendLines(entries: ActivityEntry[]) {
    replaceLink();
    const fd = fs.openSync(filePath, APPEND_FLAGS, 0o600);
    let size: number;
    try {
      const stats = fs.fstatSync(fd);
      const kind = nonRegularKind(stats);
      if (kind) throw new Error(`The activity log ${filePath} is ${kind}, not a regular file.`);
      size = stats.size;
      // A writer that crashed mid-line left no newline: start on a fresh line so ours stays whole.
      let prefix = '';
      if (size > 0) {
        const last = Buffer.alloc(1);
        fs.readSync(fd, last, 0, 1, size - 1);
        if (last[0] !== 0x0a) prefix = '\n';
      }
      const text = entries.map((entry) => `${JSON.stringify(entry)}\n`).join('');
      const lines = Buffer.from(`${prefix}${text}`, 'utf8');
      fs.writeSync(fd, lines);
      size += lines.length;
    } finally {
      fs.closeSync(fd);
    }
    if (size < (cap + slack) * MIN_LINE_BYTES) return;
    // The lines are written: a failed trim must not have them written again. The next append trims.
    try {
      trimIfNeeded();
    } catch (error) {
      console.error(
        `The activity log ${filePath} could not be trimmed:`,
        error instanceof Error ? error.message : error,
      );
    }
  }

  /**
   * A symbolic link at the log's name is replaced by a regular file holding what it pointed to, as
   * settings.json is at its next write: the app's writes never go through a link planted in its
   * folder. (The open below refuses a link too, should one appear in between.)
   */
  function replaceLink() {
    let isLink = false;
    try {
      isLink = fs.lstatSync(filePath).isSymbolicLink();
    } catch {
      return; // missing: the open creates it
    }
    if (!isLink) return;
    const read = readRegularFileSync(filePath, ACTIVITY_MAX_BYTES);
    replaceFileSync(filePath, read.ok ? read.bytes : Buffer.alloc(0));
    console.warn(
      `The activity log ${filePath} was a symbolic link; it is now a regular file${read.ok ? ' with the same entries' : ''}.`,
    );
  }

  function trimIfNeeded() {
    const bytes = fs.readFileSync(filePath);
    // Counting line ends is cheap; parsing every line on every append is not.
    let lineEnds = 0;
    for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) lineEnds++;
    if (lineEnds <= cap + slack) return;
    const entries = bytes
      .toString('utf8')
      .split('\n')
      .filter((line) => parseLine(line) !== null);
    if (entries.length <= cap + slack) return;
    const temp = `${filePath}.${process.pid}.tmp`;
    fs.writeFileSync(temp, `${entries.slice(-cap).join('\n')}\n`, { mode: 0o600 });
    fs.renameSync(temp, filePath);
  }

  /** Writes the waiting entries, oldest first, until none is left; one drain at a time. */
  function drain(): Promise<void> {
    // With entries waiting the loop always awaits, so `draining` is cleared after it is set.
    if (!draining && waiting.length > 0) draining = drainLoop();
    return draining ?? Promise.resolve();
  }

  async function drainLoop(): Promise<void> {
    let failures = 0;
    try {
      while (waiting.length > 0) {
        const batch = waiting.slice();
        try {
          await withLock(() => appendLines(batch.map((w) => w.entry)));
        } catch (error) {
          failures++;
          // Said once per streak: the retries that follow would only repeat it.
          if (failures === 1) {
            const why = error instanceof Error ? error.message : String(error);
            console.error(`${why} ${waiting.length} activity entries are kept and written as soon as it can be.`);
          }
          await pause(Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** (failures - 1)));
          continue;
        }
        failures = 0;
        waiting.splice(0, batch.length);
        for (const w of batch) w.written(w.entry);
      }
      unregisterAtExit(flushSync);
    } finally {
      // Cleared in the same step as the last check of `waiting`: an append that comes after
      // finds no drain running and starts one.
      draining = null;
    }
  }

  /** At exit: the waiting entries in one write, under the lock if it can be had at once. */
  function flushSync() {
    if (waiting.length === 0) return;
    const entries = waiting.splice(0).map((w) => w.entry);
    let release: (() => void) | null = null;
    try {
      fs.mkdirSync(cwd, { recursive: true });
      release = lockfile.lockSync(filePath, { realpath: false, stale: STALE_MS, onCompromised: () => {} });
    } catch {
      // Held by a live process: the lines go in anyway, whole, in one append. Only a trim running
      // in that process this very moment could lose them; waiting is not possible at exit.
    }
    try {
      appendLines(entries);
    } catch (error) {
      console.error(`${entries.length} activity entries could not be written to ${filePath}:`, error);
    } finally {
      try {
        release?.();
      } catch {}
    }
  }

  return {
    path: filePath,
    pending: () => waiting.length,
    async flush(timeoutMs) {
      if (waiting.length > 0) {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, timeoutMs);
        });
        await Promise.race([drain(), timeout]);
        clearTimeout(timer);
      }
      return waiting.length;
    },
    append(input) {
      const parsed = activityInputSchema.safeParse(input);
      if (!parsed.success) {
        const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
        return Promise.reject(
          new AppErrorException(appError('invalid-request', `Activity entry not recorded: ${detail}.`)),
        );
      }
      const entry: ActivityEntry = {
        id: randomUUID(),
        time: clock().toISOString(),
        source,
        ...parsed.data,
        target: parsed.data.target === null ? null : redactKeys(parsed.data.target),
        detail: redactKeys(parsed.data.detail),
      };
      const written = new Promise<ActivityEntry>((resolve) => {
        waiting.push({ entry, written: resolve });
      });
      registerAtExit(flushSync);
      void drain();
      return written;
    },
    async list(limit = cap) {
      // Taken before the read: an entry written while the file is read is then in one or the other.
      const unwritten = waiting.map((w) => w.entry);
      let text = '';
      try {
        text = await fs.promises.readFile(filePath, 'utf8');
      } catch (error) {
        // No file yet: the entries still waiting may be all there is.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
          throw new AppErrorException(
            appError(
              'config',
              `The activity log ${filePath} cannot be read (${(error as NodeJS.ErrnoException).code}).`,
            ),
          );
        }
      }
      const entries: ActivityEntry[] = [];
      for (const line of text.split('\n')) {
        const entry = parseLine(line);
        if (entry) entries.push(entry);
      }
      // Still waiting for the lock: newer than anything in the file.
      if (unwritten.length > 0) {
        const inFile = new Set(entries.map((e) => e.id));
        for (const entry of unwritten) if (!inFile.has(entry.id)) entries.push(entry);
      }
      // File order is the order the lock granted, which clocks of two processes may not agree on.
      const wanted = Math.max(0, Math.min(Math.floor(limit), cap));
      return entries.slice(Math.max(0, entries.length - wanted)).reverse();
    },
  };
}

const STALE_MS = 10_000;

/** A pause that does not keep a finished process alive: the exit flush takes over then. */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

// One exit listener for every log with entries waiting (tests open hundreds of logs).
const atExit = new Set<() => void>();
function registerAtExit(flush: () => void) {
  if (atExit.size === 0) process.once('exit', flushAtExit);
  atExit.add(flush);
}
function unregisterAtExit(flush: () => void) {
  atExit.delete(flush);
  if (atExit.size === 0) process.removeListener('exit', flushAtExit);
}
/** Best effort at exit: 'exit' listeners may only do synchronous work. */
function flushAtExit() {
  for (const flush of atExit) flush();
  atExit.clear();
}

function parseLine(line: string): ActivityEntry | null {
  if (line.trim() === '') return null;
  try {
    const parsed = activityEntrySchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

// Access key ids have a fixed shape; an error text that echoes one must not put it on disk.
function redactKeys(text: string): string {
  return text.replace(/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, '$1****************');
}

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

const CSV_COLUMNS = [
  'time',
  'source',
  'profile',
  'accountId',
  'region',
  'action',
  'target',
  'outcome',
  'detail',
  'requestId',
  'id',
  // Last, so that the columns of files exported before entries named their service keep their places.
  'service',
] as const satisfies readonly (keyof ActivityEntry)[];

/** The activity file as CSV (main/domain/csv.ts: RFC 4180, formula cells guarded). */
export function activityToCsv(entries: ActivityEntry[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const entry of entries) rows.push(CSV_COLUMNS.map((column) => csvCell(entry[column])).join(','));
  return `${rows.join('\r\n')}\r\n`;
}

export function activityToJson(entries: ActivityEntry[]): string {
  return `${JSON.stringify(entries, null, 2)}\n`;
}

/**
 * Appends an entry for an action that has already happened: a log that cannot be written is reported
 * on the console and never turns the action itself into a failure. The action waits for its entry
 * at most RECORD_WAIT_MS; an entry not written by then stays queued and is written later.
 */
export async function recordActivity(
  log: ActivityLog,
  entry: Omit<ActivityEntry, 'id' | 'time' | 'source'>,
): Promise<void> {
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
