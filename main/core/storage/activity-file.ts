/**
 * activity.jsonl itself: the cross-process lock (proper-lockfile: an atomic mkdir of
 * activity.jsonl.lock), appending whole lines without following a link, trimming to the newest
 * `cap` entries (temp file + rename) once the file holds a tenth more, and reading the entries back
 * (a torn or malformed line is skipped). The log (activity.ts) decides when; this file how.
 */
import fs from 'node:fs';
import lockfile from 'proper-lockfile';
import { AppErrorException, appError } from '../../domain/errors';
import type { ActivityEntry } from '../../domain/types';
import { activityEntrySchema } from './activity-schema';
import { replaceFileSync } from './atomic-file';
import { nonRegularKind, readRegularFileSync } from './regular-file';

export interface ActivityFile {
  /** The folder and the file. */
  cwd: string;
  path: string;
  /** The newest entries kept, and how many more the file may hold before a trim. */
  cap: number;
  slack: number;
}

/** A writer that died holding the lock is ignored after this long. */
export const STALE_MS = 10_000;
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

/** Runs `work` holding the file's lock (about a second of quick attempts, then it fails). */
export async function withLock<T>(file: ActivityFile, work: () => T): Promise<T> {
  fs.mkdirSync(file.cwd, { recursive: true });
  const release = await lockfile
    .lock(file.path, {
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
        appError('config', `The activity log ${file.path} could not be locked (${error.code ?? error.message}).`, {
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

/** The lock at once, or null when a live process holds it (at exit nothing can wait). */
export function lockNowOrNull(file: ActivityFile): (() => void) | null {
  try {
    fs.mkdirSync(file.cwd, { recursive: true });
    return lockfile.lockSync(file.path, { realpath: false, stale: STALE_MS, onCompromised: () => {} });
  } catch {
    return null;
  }
}

/** Appends the entries as whole lines (after a newline if a crashed writer left none), then trims if due. */
export function appendLines(file: ActivityFile, entries: ActivityEntry[]): void {
  replaceLink(file);
  const fd = fs.openSync(file.path, APPEND_FLAGS, 0o600);
  let size: number;
  try {
    const stats = fs.fstatSync(fd);
    const kind = nonRegularKind(stats);
    if (kind) throw new Error(`The activity log ${file.path} is ${kind}, not a regular file.`);
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
  if (size < (file.cap + file.slack) * MIN_LINE_BYTES) return;
  // The lines are written: a failed trim must not have them written again. The next append trims.
  try {
    trimIfNeeded(file);
  } catch (error) {
    console.error(
      `The activity log ${file.path} could not be trimmed:`,
      error instanceof Error ? error.message : error,
    );
  }
}

/**
 * A symbolic link at the log's name is replaced by a regular file holding what it pointed to, as
 * settings.json is at its next write: the app's writes never go through a link planted in its
 * folder. (The open in appendLines refuses a link too, should one appear in between.)
 */
function replaceLink(file: ActivityFile): void {
  let isLink = false;
  try {
    isLink = fs.lstatSync(file.path).isSymbolicLink();
  } catch {
    return; // missing: the open creates it
  }
  if (!isLink) return;
  const read = readRegularFileSync(file.path, ACTIVITY_MAX_BYTES);
  replaceFileSync(file.path, read.ok ? read.bytes : Buffer.alloc(0));
  console.warn(
    `The activity log ${file.path} was a symbolic link; it is now a regular file${read.ok ? ' with the same entries' : ''}.`,
  );
}

function trimIfNeeded(file: ActivityFile): void {
  const bytes = fs.readFileSync(file.path);
  // Counting line ends is cheap; parsing every line on every append is not.
  let lineEnds = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) lineEnds++;
  if (lineEnds <= file.cap + file.slack) return;
  const entries = bytes
    .toString('utf8')
    .split('\n')
    .filter((line) => parseLine(line) !== null);
  if (entries.length <= file.cap + file.slack) return;
  const temp = `${file.path}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${entries.slice(-file.cap).join('\n')}\n`, { mode: 0o600 });
  fs.renameSync(temp, file.path);
}

/** The lines in the file, in file order (the order the lock granted); none when there is no file yet. */
export async function readLines(file: ActivityFile): Promise<ActivityEntry[]> {
  let text = '';
  try {
    text = await fs.promises.readFile(file.path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') {
      throw new AppErrorException(appError('config', `The activity log ${file.path} cannot be read (${code}).`));
    }
  }
  const entries: ActivityEntry[] = [];
  for (const line of text.split('\n')) {
    const entry = parseLine(line);
    if (entry) entries.push(entry);
  }
  return entries;
}

/**
 * Lines sharing an id are one entry: a write recorded as pending before it was sent, then the line
 * that settled it (its outcome, or "interrupted"). The entry is the last line, in the last line's
 * place, with `sentAt` the pending line's time; the file keeps both lines, the trail of when it was
 * sent and when its outcome was known.
 */
export function mergeSettled(lines: readonly ActivityEntry[]): ActivityEntry[] {
  const placeOf = new Map<string, number>();
  const merged: (ActivityEntry | null)[] = [];
  for (const line of lines) {
    const before = placeOf.get(line.id);
    placeOf.set(line.id, merged.length);
    if (before === undefined) {
      merged.push(line);
      continue;
    }
    const earlier = merged[before] as ActivityEntry;
    merged[before] = null;
    const sentAt = earlier.outcome === 'pending' ? earlier.time : (earlier.sentAt ?? null);
    merged.push({ ...line, ...(sentAt && !line.sentAt ? { sentAt } : {}) });
  }
  return merged.filter((entry): entry is ActivityEntry => entry !== null);
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
