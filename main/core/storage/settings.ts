/**
 * Preferences, window geometry and the last-known snapshots, on `conf` without Electron so the
 * command line shares them with the app (main/store.ts opens the same files with electron-store).
 *
 * Files in the settings folder:
 *   settings.json   small and human-editable: every preference plus the window state
 *   snapshots.json  the rows of the last refresh, so the app opens instantly (marked stale)
 * A file that cannot be used is never dropped silently: it is backed up beside itself as
 * `<name>.corrupt-<time>.json`, only its bad parts are reset, and `notice` tells the user.
 * A snapshots.json that cannot be read at all (a folder, a FIFO, no permission) is only a cache:
 * it is set aside as `snapshots.json.unreadable-<time>` (or, if it cannot be moved, ignored for
 * the session) and the app starts without it.
 * Both files are read through readRegularFileSync (never a FIFO, never past a limit) and written
 * by replaceFileSync (temp file + rename, a symbolic link replaced rather than followed).
 */
import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { type AppError, AppErrorException, appError } from '../../domain/errors';
import type { HubSnapshot, Settings } from '../../domain/types';
import { replaceFileSync } from './atomic-file';
import { byteSize, readRegularFileSync } from './regular-file';
import {
  CONF_INTERNAL_KEY,
  DEFAULT_SETTINGS,
  repairSettings,
  settingsPatchSchema,
  WINDOW_STATE_KEY,
  type WindowState,
  windowStateSchema,
} from './settings-schema';
import { createSnapshotEncoder, decodeStoredRows, type StoredRowText, snapshotsFileBytes } from './snapshot-json';

export type { WindowState } from './settings-schema';
export { DEFAULT_SETTINGS } from './settings-schema';

export const SETTINGS_NAME = 'settings';
export const SNAPSHOTS_NAME = 'snapshots';

export interface SettingsStore {
  readonly path: string;
  /** Set when a stored file was damaged at open: backed up to <name>.corrupt-<time>.json and reset. */
  readonly notice: string | null;
  get(): Settings;
  update(patch: Partial<Settings>): Settings;
  loadSnapshots(): HubSnapshot[];
  /**
   * Replaces the saved rows. A malformed row is left out and named in `dropped` (one sentence
   * each); it never costs the other rows their save.
   */
  saveSnapshots(rows: HubSnapshot[]): { saved: number; dropped: string[] };
  /**
   * A row checked and serialised as stored, or the sentence naming it malformed. The writer keeps
   * these texts rather than the rows, so 17,000 rows are not held twice (objects and text).
   */
  encodeSnapshot(row: HubSnapshot): { ok: true; text: StoredRowText } | { ok: false; dropped: string };
  /** Replaces the saved rows with these texts (from encodeSnapshot); how many were saved. */
  saveSnapshotTexts(texts: StoredRowText[]): { saved: number };
  getWindowState(): WindowState | null;
  setWindowState(s: WindowState): void;
}

/**
 * The part of a conf (or electron-store, its subclass) instance this module uses: where the file
 * is. Reading and writing are done here (see replaceFileSync for why conf's writer is not used).
 */
export interface JsonFile {
  readonly path: string;
}

export interface JsonFileSpec {
  /** Absolute folder. */
  cwd: string;
  /** File name without `.json`. */
  name: string;
}

/** Past these sizes a file is not one the app wrote: it is refused before it fills the memory. */
export const SETTINGS_MAX_BYTES = 16 * 1024 * 1024;
export const SNAPSHOTS_MAX_BYTES = 256 * 1024 * 1024;

/** Opens one file through conf or electron-store; settings.ts and store.ts each pass their own. */
export type JsonFileFactory = (spec: JsonFileSpec) => JsonFile;

/** Options conf and electron-store share, so both open the same file the same way. */
export function sharedStoreOptions(spec: JsonFileSpec) {
  return {
    cwd: spec.cwd,
    // Profile names may contain dots: keys are plain keys, never paths.
    accessPropertiesByDotNotation: false,
    // This module backs a damaged file up first; conf must never drop one without a trace.
    clearInvalidConfig: false,
    // Account ids and profile names are nobody else's business on a shared machine.
    configFileMode: 0o600,
  };
}

const openWithConf: JsonFileFactory = (spec) =>
  new Conf<Record<string, unknown>>({ ...sharedStoreOptions(spec), configName: spec.name });

export function openSettings(options: { cwd: string; clock?: () => Date }): SettingsStore {
  return openSettingsWith(options.cwd, openWithConf, options.clock);
}

/**
 * Builds the store on any conf-compatible opener. The files are read and repaired here before
 * the opener touches them: conf throws on a file that is not JSON.
 */
export function openSettingsWith(
  cwd: string,
  openFile: JsonFileFactory,
  clock: () => Date = () => new Date(),
): SettingsStore {
  if (!path.isAbsolute(cwd)) {
    throw new AppErrorException(appError('config', `The settings folder must be an absolute path: ${cwd}`));
  }
  const settingsPath = path.join(cwd, `${SETTINGS_NAME}.json`);
  const snapshotsPath = path.join(cwd, `${SNAPSHOTS_NAME}.json`);
  const notices: string[] = [];

  // --- settings.json -------------------------------------------------------------------------
  noteLinks([settingsPath, snapshotsPath], notices);
  const checked = checkSettingsFile(settingsPath, clock, notices);
  const settingsFile = openFile({ cwd, name: SETTINGS_NAME });
  if (checked.rewrite) writeSettings(settingsFile, checked.settings, checked.windowState, checked.internal);

  /** Re-reads the file (the command line may have changed it) and repairs it if it was damaged. */
  function current() {
    const state = checkSettingsFile(settingsPath, clock, notices);
    if (state.rewrite) writeSettings(settingsFile, state.settings, state.windowState, state.internal);
    return state;
  }

  // --- snapshots.json ------------------------------------------------------------------------
  // Not opened through conf: conf reads the file as it opens it, and this one may be unreadable.
  const snapshots: SnapshotsFile = { path: snapshotsPath, ignored: false };
  // Rows are never changed once read, so each row object is checked and serialised once.
  const encoder = createSnapshotEncoder();
  const writeSnapshots = (rows: HubSnapshot[]) =>
    writeSnapshotTexts(
      snapshots,
      rows.map((row) => encoder.encode(row)).filter((encoded) => encoded.ok),
      clock,
    );
  // The rows of the last clean read and the file's stamp taken before it. The store, the core and
  // the window each ask for them at start, and a read parses and checks every row (17,000 in the
  // large run): while the file is the one read, the rows read are the answer.
  let lastRead: { stamp: string; rows: HubSnapshot[] } | null = null;
  const readSnapshots = (): SnapshotsState => {
    const stamp = fileStamp(snapshotsPath);
    if (stamp !== null && lastRead?.stamp === stamp) return { rows: lastRead.rows, rewrite: false };
    const state = checkSnapshotsFile(snapshots, clock, notices);
    lastRead = stamp !== null && !state.rewrite && !snapshots.ignored ? { stamp, rows: state.rows } : null;
    return state;
  };
  const initialRows = readSnapshots();
  if (initialRows.rewrite) writeSnapshots(initialRows.rows);
  // Stripping unknown fields keeps anything but HubSnapshot fields out of the file.
  const encodeSnapshot = (row: HubSnapshot) => {
    const encoded = encoder.encode(row);
    return encoded.ok
      ? { ok: true as const, text: encoded }
      : { ok: false as const, dropped: malformedRowSentence(row, encoded.issues) };
  };
  const saveSnapshotTexts = (texts: StoredRowText[]) => {
    if (snapshots.ignored) return { saved: 0 };
    // The rows read are no longer the file's; held on, they would keep thousands of rows in memory
    // that the snapshot writer keeps as text.
    lastRead = null;
    writeSnapshotTexts(snapshots, texts, clock);
    return { saved: texts.length };
  };

  return {
    path: settingsFile.path,
    get notice() {
      return notices.length > 0 ? notices.join(' ') : null;
    },
    get(): Settings {
      return current().settings;
    },
    update(patch: Partial<Settings>): Settings {
      const parsed = settingsPatchSchema.safeParse(patch);
      if (!parsed.success) {
        const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`);
        throw new AppErrorException(appError('invalid-request', `Settings not saved: ${detail.join('; ')}.`));
      }
      const state = current();
      const next: Settings = { ...state.settings };
      for (const [key, value] of Object.entries(parsed.data)) {
        if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
      }
      writeSettings(settingsFile, next, state.windowState, state.internal);
      return next;
    },
    loadSnapshots(): HubSnapshot[] {
      const state = readSnapshots();
      if (state.rewrite) writeSnapshots(state.rows);
      return state.rows.map((row) => ({ ...row, stale: true }));
    },
    encodeSnapshot,
    saveSnapshotTexts,
    saveSnapshots(rows: HubSnapshot[]) {
      const texts: StoredRowText[] = [];
      const dropped: string[] = [];
      for (const row of rows) {
        const encoded = encodeSnapshot(row);
        if (encoded.ok) texts.push(encoded.text);
        else dropped.push(encoded.dropped);
      }
      return { ...saveSnapshotTexts(texts), dropped };
    },
    getWindowState() {
      return current().windowState;
    },
    setWindowState(s: WindowState): void {
      const parsed = windowStateSchema.safeParse(s);
      if (!parsed.success) {
        throw new AppErrorException(appError('invalid-request', 'Window state not saved: it is malformed.'));
      }
      const state = current();
      writeSettings(settingsFile, state.settings, parsed.data, state.internal);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Reading and repairing
// ---------------------------------------------------------------------------------------------

type FileRead =
  | { state: 'missing' }
  | { state: 'object'; value: Record<string, unknown> }
  | { state: 'corrupt'; reason: string }
  /** Not a regular file, or the system refused to read it: there is no content to repair. */
  | { state: 'unreadable'; error: AppError };

function readJsonObject(filePath: string, maxBytes: number): FileRead {
  const read = readRegularFileSync(filePath, maxBytes);
  if (!read.ok) {
    if (read.reason === 'missing') return { state: 'missing' };
    if (read.reason === 'too-large') return { state: 'corrupt', reason: `it is larger than ${byteSize(maxBytes)}` };
    const remediation =
      read.reason === 'not-regular'
        ? 'Move it away: the app keeps a regular file under this name.'
        : 'Check the permissions of the file and of its folder.';
    return { state: 'unreadable', error: { ...read.error, remediation } };
  }
  const text = read.bytes.toString('utf8');
  // An empty file holds nothing that could be lost (a crash between create and write leaves one).
  if (text.trim() === '') return { state: 'missing' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { state: 'corrupt', reason: 'it is not valid JSON' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { state: 'corrupt', reason: 'it does not hold a JSON object' };
  }
  return { state: 'object', value: value as Record<string, unknown> };
}

/**
 * Copies (or moves) a file to `<name>.corrupt-<ISO time>.json` beside itself and returns the new
 * path. `:` and `.` of the time become `-` so the name is valid on Windows too.
 */
export function backUpFile(filePath: string, now: Date, mode: 'copy' | 'move'): string {
  const dir = path.dirname(filePath);
  const base = path.basename(filePath, '.json');
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let target = path.join(dir, `${base}.corrupt-${stamp}.json`);
  for (let n = 2; fs.existsSync(target); n++) {
    target = path.join(dir, `${base}.corrupt-${stamp}-${n}.json`);
  }
  if (mode === 'move') fs.renameSync(filePath, target);
  else fs.copyFileSync(filePath, target, fs.constants.COPYFILE_EXCL);
  return target;
}

interface SettingsState {
  settings: Settings;
  windowState: WindowState | null;
  /** conf's own bookkeeping, carried over untouched. */
  internal: unknown;
  rewrite: boolean;
}

function checkSettingsFile(filePath: string, clock: () => Date, notices: string[]): SettingsState {
  const read = readJsonObject(filePath, SETTINGS_MAX_BYTES);
  // The settings are not a cache: resetting them silently could turn read-only off. Say so and stop.
  if (read.state === 'unreadable') throw new AppErrorException(read.error);
  if (read.state === 'missing') {
    return { settings: structuredClone(DEFAULT_SETTINGS), windowState: null, internal: undefined, rewrite: true };
  }
  if (read.state === 'corrupt') {
    // Moved, not copied: conf cannot open a file that is not JSON.
    const backup = backUpFile(filePath, clock(), 'move');
    notices.push(
      `The settings file ${filePath} could not be used (${read.reason}), so the default settings are in use with read-only ON; the original was saved as ${backup}.`,
    );
    // Fail safe: a damaged file may have said read-only; nothing is sent until the user turns it off.
    return {
      settings: { ...structuredClone(DEFAULT_SETTINGS), readOnly: true },
      windowState: null,
      internal: undefined,
      rewrite: true,
    };
  }
  const repaired = repairSettings(read.value);
  const internal = read.value[CONF_INTERNAL_KEY];
  if (repaired.problems.length > 0) {
    const backup = backUpFile(filePath, clock(), 'copy');
    notices.push(
      `Some settings in ${filePath} were not valid and were reset (${repaired.problems.join('; ')}); the other settings were kept, read-only is ON until you turn it off, and the original file was saved as ${backup}.`,
    );
    // Fail safe: whatever the damage, read-only stays on until the user has looked.
    return { ...repaired, settings: { ...repaired.settings, readOnly: true }, internal, rewrite: true };
  }
  // A file from an older version may lack newer keys: write them so the file shows every setting.
  const complete = Object.keys(DEFAULT_SETTINGS).every((key) => key in read.value);
  return { ...repaired, internal, rewrite: !complete };
}

function writeSettings(file: JsonFile, settings: Settings, windowState: WindowState | null, internal: unknown) {
  const value = {
    ...settings,
    ...(windowState ? { [WINDOW_STATE_KEY]: windowState } : {}),
    ...(internal !== undefined ? { [CONF_INTERNAL_KEY]: internal } : {}),
  };
  // Tab-indented as conf writes it: the file is meant to be readable by a person.
  replaceFileSync(file.path, JSON.stringify(value, undefined, '\t'));
}

/**
 * A stored file that is a symbolic link is read through it but replaced by a regular file at the
 * next write (replaceFileSync): said once, so that a link someone made on purpose is not lost unseen.
 */
function noteLinks(paths: string[], notices: string[]) {
  for (const filePath of paths) {
    let target: string;
    try {
      if (!fs.lstatSync(filePath).isSymbolicLink()) continue;
      target = fs.readlinkSync(filePath);
    } catch {
      continue;
    }
    notices.push(
      `${filePath} is a link to ${target}: it is read through the link, but saved as a regular file in its place; ${target} itself is never written.`,
    );
  }
}

interface SnapshotsFile {
  readonly path: string;
  /** Set when the file could not be read nor moved away: it is neither read nor written again. */
  ignored: boolean;
}

interface SnapshotsState {
  rows: HubSnapshot[];
  rewrite: boolean;
}

/**
 * Moves an unreadable file to `<name>.unreadable-<ISO time>` beside itself; null when it cannot
 * be moved (a folder that is not writable).
 */
export function setAsideFile(filePath: string, now: Date): string | null {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let target = `${filePath}.unreadable-${stamp}`;
  for (let n = 2; fs.existsSync(target); n++) target = `${filePath}.unreadable-${stamp}-${n}`;
  try {
    fs.renameSync(filePath, target);
    return target;
  } catch {
    return null;
  }
}

/**
 * Which file is there, as far as stat can tell: a replace (a new inode), a write (size, times) or
 * none (null). Another process (the command line) may have saved rows since the last read.
 */
function fileStamp(filePath: string): string | null {
  try {
    const s = fs.statSync(filePath, { bigint: true });
    return s.isFile() ? `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}` : null;
  } catch {
    return null;
  }
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

/** Names the row by a short, quoted start of its profile and region (both may be any text). */
function malformedRowSentence(row: unknown, issues: { path: PropertyKey[]; message: string }[]): string {
  const fields = (row ?? {}) as { profile?: unknown; region?: unknown };
  const short = (value: unknown) => JSON.stringify(String(value ?? '').slice(0, 40));
  const why = issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || 'row'}: ${i.message}`)
    .join('; ');
  return `A snapshot row (profile ${short(fields.profile)}, region ${short(fields.region)}) is malformed (${why}); it was not saved, the other rows were.`;
}

// Rows are stored compactly: the file can hold thousands of rows and nobody edits it by hand.
function writeSnapshotTexts(file: SnapshotsFile, rows: StoredRowText[], clock: () => Date) {
  if (file.ignored) return;
  replaceFileSync(file.path, snapshotsFileBytes(clock().toISOString(), rows));
}
