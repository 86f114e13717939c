/**
 * The activity log: one JSON line per action in <settings folder>/activity.jsonl.
 *
 * The app and the command line may write at the same time, so this is not a conf file (conf
 * rewrites the whole file and would lose the other process's entries). Every append and every
 * trim takes a cross-process lock (proper-lockfile: an atomic mkdir of activity.jsonl.lock); reads
 * take none and skip a torn or malformed line. The log keeps the newest `cap` entries: once it
 * holds a tenth more than that, it is rewritten (temp file + rename) with the newest `cap`.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { AppErrorException, appError } from '../../domain/errors';
import type { ActivityEntry } from '../../domain/types';
import { activityEntrySchema, activityInputSchema } from './settings-schema';

export const ACTIVITY_FILE_NAME = 'activity.jsonl';
export const DEFAULT_ACTIVITY_CAP = 5000;

export interface ActivityLog {
  readonly path: string;
  /** Safe with several processes appending at once. */
  append(entry: Omit<ActivityEntry, 'id' | 'time' | 'source'>): Promise<ActivityEntry>;
  /** Newest first; at most `cap` entries. */
  list(limit?: number): Promise<ActivityEntry[]>;
}

export interface ActivityLogOptions {
  cwd: string;
  source: 'app' | 'cli';
  cap?: number;
  clock?: () => Date;
}

// Shorter than any real entry (id and time alone take 60 bytes): below cap * this, no trim is due.
const MIN_LINE_BYTES = 80;

export function openActivityLog(options: ActivityLogOptions): ActivityLog {
  const { cwd, source } = options;
  const cap = Math.max(1, Math.floor(options.cap ?? DEFAULT_ACTIVITY_CAP));
  const slack = Math.max(1, Math.floor(cap / 10));
  const clock = options.clock ?? (() => new Date());
  const filePath = path.join(cwd, ACTIVITY_FILE_NAME);
  // Appends from this process go one after another; the file lock orders them with other processes.
  let queue: Promise<unknown> = Promise.resolve();

  async function withLock<T>(work: () => T): Promise<T> {
    fs.mkdirSync(cwd, { recursive: true });
    const release = await lockfile
      .lock(filePath, {
        realpath: false, // the log may not exist yet
        stale: 10_000, // a writer that died holding the lock is ignored after 10 s
        retries: { retries: 500, factor: 1.3, minTimeout: 1, maxTimeout: 25, randomize: true },
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

  function appendLine(entry: ActivityEntry) {
    const fd = fs.openSync(filePath, 'a+', 0o600);
    let size: number;
    try {
      size = fs.fstatSync(fd).size;
      // A writer that crashed mid-line left no newline: start on a fresh line so ours stays whole.
      let prefix = '';
      if (size > 0) {
        const last = Buffer.alloc(1);
        fs.readSync(fd, last, 0, 1, size - 1);
        if (last[0] !== 0x0a) prefix = '\n';
      }
      const line = Buffer.from(`${prefix}${JSON.stringify(entry)}\n`, 'utf8');
      fs.writeSync(fd, line);
      size += line.length;
    } finally {
      fs.closeSync(fd);
    }
    if (size >= (cap + slack) * MIN_LINE_BYTES) trimIfNeeded();
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

  return {
    path: filePath,
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
      const done = queue.then(() => withLock(() => appendLine(entry))).then(() => entry);
      queue = done.catch(() => {});
      return done;
    },
    async list(limit = cap) {
      let text: string;
      try {
        text = await fs.promises.readFile(filePath, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw new AppErrorException(
          appError('config', `The activity log ${filePath} cannot be read (${(error as NodeJS.ErrnoException).code}).`),
        );
      }
      const entries: ActivityEntry[] = [];
      for (const line of text.split('\n')) {
        const entry = parseLine(line);
        if (entry) entries.push(entry);
      }
      // File order is the order the lock granted, which clocks of two processes may not agree on.
      const wanted = Math.max(0, Math.min(Math.floor(limit), cap));
      return entries.slice(Math.max(0, entries.length - wanted)).reverse();
    },
  };
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
] as const satisfies readonly (keyof ActivityEntry)[];

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab, carriage return or line feed) as a formula:
 * such cells get a leading single quote so a crafted profile name or message stays text.
 */
function csvCell(value: string | null): string {
  let text = value ?? '';
  if (/^[=+\-@\t\r\n]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180: a header row, CRLF line ends, fields with quotes, commas or line breaks quoted. */
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
 * on the console and never turns the action itself into a failure.
 */
export function recordActivity(log: ActivityLog, entry: Omit<ActivityEntry, 'id' | 'time' | 'source'>): Promise<void> {
  return log.append(entry).then(
    () => undefined,
    (error: unknown) =>
      console.error('Could not write the activity log:', error instanceof Error ? error.message : error),
  );
}
