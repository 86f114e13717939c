/**
 * The snapshot store: the rows of the last refresh in snapshots.json, so the app opens instantly
 * (rows marked stale) and an action knows the row it changes. Only a cache of AWS answers: a file
 * that cannot be read at all (a folder, a FIFO, no permission) is set aside as
 * `snapshots.json.unreadable-<time>` (or, if it cannot be moved, ignored for the session) and the app
 * starts without it; a file that is not JSON, or rows that are malformed, are backed up beside it
 * (`snapshots.corrupt-<time>.json`) and left out, and `notice` says so. Rows written by earlier
 * versions load through the row's own schema (main/domain/row.ts).
 *
 * Read through readRegularFileSync (never a FIFO, never past a limit), written by replaceFileSync
 * (temp file + rename, a symbolic link replaced rather than followed); its rows' text is
 * snapshot-json.ts's.
 */
import path from 'node:path';
import type { ServiceRow } from '../../domain/row';
import { replaceFileSync, replaceFileWithParts } from './atomic-file';
import { checkSettingsDir } from './settings';
import {
  createSnapshotEncoder,
  decodeStoredRows,
  type StoredRowText,
  snapshotsFileBytes,
  snapshotsFileParts,
} from './snapshot-json';
import { backUpFile, fileStamp, noteLink, readJsonObject, setAsideFile } from './stored-file';

export const SNAPSHOTS_NAME = 'snapshots';
/** Past this size the file is not one the app wrote: it is refused before it fills the memory. */
export const SNAPSHOTS_MAX_BYTES = 256 * 1024 * 1024;

export interface SnapshotStore {
  readonly path: string;
  /** Set when the file was damaged or unreadable at a read: what was done about it. */
  readonly notice: string | null;
  /** The stored rows, marked stale. */
  load(): ServiceRow[];
  /**
   * Replaces the saved rows. A malformed row is left out and named in `dropped` (one sentence
   * each); it never costs the other rows their save.
   */
  save(rows: ServiceRow[]): { saved: number; dropped: string[] };
  /**
   * A row checked and serialised as stored, or the sentence naming it malformed. The writer keeps
   * these texts rather than the rows, so 17,000 rows are not held twice (objects and text).
   */
  encode(row: ServiceRow): { ok: true; text: StoredRowText } | { ok: false; dropped: string };
  /** Replaces the saved rows with these texts (from encode); how many were saved. */
  saveTexts(texts: StoredRowText[]): { saved: number };
  /**
   * The same, written and flushed to disk off this thread (the rename is made here). A save started
   * later that replaced the file first wins: this one is then discarded, never renamed over it.
   */
  saveTextsSoon(texts: StoredRowText[]): Promise<{ saved: number }>;
}

interface SnapshotsFile {
  readonly path: string;
  /** Set when the file could not be read nor moved away: it is neither read nor written again. */
  ignored: boolean;
  /** Saves started, and the newest of them that replaced the file (an older one finishing late must not). */
  started: number;
  replaced: number;
}

interface SnapshotsState {
  rows: ServiceRow[];
  rewrite: boolean;
}

export function openSnapshots(options: { cwd: string; clock?: () => Date }): SnapshotStore {
  checkSettingsDir(options.cwd);
  const clock = options.clock ?? (() => new Date());
  const file: SnapshotsFile = {
    path: path.join(options.cwd, `${SNAPSHOTS_NAME}.json`),
    ignored: false,
    started: 0,
    replaced: 0,
  };
  const notices: string[] = [];
  noteLink(file.path, notices);
  // Rows are never changed once read, so each row object is checked and serialised once.
  const encoder = createSnapshotEncoder();
  const writeRows = (rows: ServiceRow[]) =>
    writeTexts(
      file,
      rows.map((row) => encoder.encode(row)).filter((encoded) => encoded.ok),
      clock,
    );
  // The rows of the last clean read and the file's stamp taken before it. The store, the core and
  // the window each ask for them at start, and a read parses and checks every row (17,000 in the
  // large run): while the file is the one read, the rows read are the answer.
  let lastRead: { stamp: string; rows: ServiceRow[] } | null = null;
  const readRows = (): SnapshotsState => {
    const stamp = fileStamp(file.path);
    if (stamp !== null && lastRead?.stamp === stamp) return { rows: lastRead.rows, rewrite: false };
    const state = checkSnapshotsFile(file, clock, notices);
    lastRead = stamp !== null && !state.rewrite && !file.ignored ? { stamp, rows: state.rows } : null;
    return state;
  };
  const initial = readRows();
  if (initial.rewrite) writeRows(initial.rows);
  // Stripping unknown fields keeps anything but row fields out of the file.
  const encode = (row: ServiceRow) => {
    const encoded = encoder.encode(row);
    return encoded.ok
      ? { ok: true as const, text: encoded }
      : { ok: false as const, dropped: malformedRowSentence(row, encoded.issues) };
  };
  const saveTexts = (texts: StoredRowText[]) => {
    if (file.ignored) return { saved: 0 };
    // The rows read are no longer the file's; held on, they would keep thousands of rows in memory
    // that the snapshot writer keeps as text.
    lastRead = null;
    writeTexts(file, texts, clock);
    return { saved: texts.length };
  };
  const saveTextsSoon = async (texts: StoredRowText[]) => {
    if (file.ignored) return { saved: 0 };
    lastRead = null;
    const save = ++file.started;
    const parts = snapshotsFileParts(clock().toISOString(), texts);
    const newest = () => {
      if (save < file.replaced) return false;
      file.replaced = save;
      return true;
    };
    return { saved: (await replaceFileWithParts(file.path, parts, { beforeRename: newest })) ? texts.length : 0 };
  };
  return {
    path: file.path,
    get notice() {
      return notices.length > 0 ? notices.join(' ') : null;
    },
    load() {
      const state = readRows();
      if (state.rewrite) writeRows(state.rows);
      return state.rows.map((row) => ({ ...row, stale: true }));
    },
    encode,
    saveTexts,
    saveTextsSoon,
    save(rows) {
      const texts: StoredRowText[] = [];
      const dropped: string[] = [];
      for (const row of rows) {
        const encoded = encode(row);
        if (encoded.ok) texts.push(encoded.text);
        else dropped.push(encoded.dropped);
      }
      return { ...saveTexts(texts), dropped };
    },
  };
}

function checkSnapshotsFile(file: SnapshotsFile, clock: () => Date, notices: string[]): SnapshotsState {
  if (file.ignored) return { rows: [], rewrite: false };
  const filePath = file.path;
  const read = readJsonObject(filePath, SNAPSHOTS_MAX_BYTES);
  if (read.state === 'missing') return { rows: [], rewrite: false };
  if (read.state === 'unreadable') {
    // Only a cache: the next refresh reads every row again. Nothing is deleted.
    const why = read.error.message.replace(/\.$/, '');
    const moved = setAsideFile(filePath, clock());
    if (moved) {
      notices.push(
        `The saved state of the last session could not be read (${why}); the app starts without it, and it was moved to ${moved}.`,
      );
      return { rows: [], rewrite: false };
    }
    file.ignored = true;
    notices.push(
      `The saved state of the last session could not be read (${why}) nor moved away; the app starts without it and does not save rows this session. ${read.error.remediation ?? ''}`.trim(),
    );
    return { rows: [], rewrite: false };
  }
  const storedRows = read.state === 'object' ? read.value.rows : undefined;
  if (read.state === 'corrupt' || !Array.isArray(storedRows)) {
    const reason = read.state === 'corrupt' ? read.reason : 'it has no list of rows';
    const backup = backUpFile(filePath, clock(), 'move');
    notices.push(
      `The saved state of the last session (${filePath}) could not be used (${reason}); the app starts without it and the original was saved as ${backup}.`,
    );
    return { rows: [], rewrite: true };
  }
  const rows = decodeStoredRows(storedRows, read.state === 'object' ? read.value.memberLists : undefined);
  const dropped = storedRows.length - rows.length;
  if (dropped === 0) return { rows, rewrite: false };
  const backup = backUpFile(filePath, clock(), 'copy');
  notices.push(
    `${dropped} of ${storedRows.length} saved rows in ${filePath} were malformed and were left out; the original was saved as ${backup}.`,
  );
  return { rows, rewrite: true };
}

/** Names the row by a short, quoted start of its profile, region and service (all may be any text). */
function malformedRowSentence(row: unknown, issues: { path: PropertyKey[]; message: string }[]): string {
  const fields = (row ?? {}) as { service?: unknown; profile?: unknown; region?: unknown };
  const short = (value: unknown) => JSON.stringify(String(value ?? '').slice(0, 40));
  const why = issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || 'row'}: ${i.message}`)
    .join('; ');
  return `A snapshot row (profile ${short(fields.profile)}, region ${short(fields.region)}, service ${short(fields.service)}) is malformed (${why}); it was not saved, the other rows were.`;
}

// Rows are stored compactly: the file can hold thousands of rows and nobody edits it by hand.
function writeTexts(file: SnapshotsFile, rows: StoredRowText[], clock: () => Date) {
  if (file.ignored) return;
  const save = ++file.started;
  replaceFileSync(file.path, snapshotsFileBytes(clock().toISOString(), rows));
  file.replaced = save;
}
