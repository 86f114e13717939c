/**
 * The settings store: preferences and the window geometry in settings.json, on `conf` without
 * Electron so the command line shares them with the app (main/shell/store.ts opens the same file
 * with electron-store). The rows of the last refresh are the snapshot store's (snapshots.ts).
 *
 * settings.json is small and human-editable. A file that cannot be used is never dropped silently:
 * it is backed up beside itself as `settings.corrupt-<time>.json`, only its bad parts are reset,
 * read-only is turned ON until the user has looked, and `notice` says so. The file is read through
 * readRegularFileSync (never a FIFO, never past a limit) and written by replaceFileSync (temp file +
 * rename, a symbolic link replaced rather than followed).
 */
import path from 'node:path';
import Conf from 'conf';
import { AppErrorException, appError } from '../../domain/errors';
import type { Settings } from '../../domain/types';
import { replaceFileSync } from './atomic-file';
import {
  CONF_INTERNAL_KEY,
  DEFAULT_SETTINGS,
  repairSettings,
  settingsPatchSchema,
  WINDOW_STATE_KEY,
  type WindowState,
  windowStateSchema,
} from './settings-schema';
import { backUpFile, noteLink, readJsonObject } from './stored-file';

export type { WindowState } from './settings-schema';
export { DEFAULT_SETTINGS } from './settings-schema';

export const SETTINGS_NAME = 'settings';

export interface SettingsStore {
  readonly path: string;
  /** Set when the file was damaged at open: backed up to settings.corrupt-<time>.json and reset. */
  readonly notice: string | null;
  get(): Settings;
  update(patch: Partial<Settings>): Settings;
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

/** Past this size a file is not one the app wrote: it is refused before it fills the memory. */
export const SETTINGS_MAX_BYTES = 16 * 1024 * 1024;

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

/** The settings folder must be absolute: a relative one would move with the working directory. */
export function checkSettingsDir(cwd: string): void {
  if (!path.isAbsolute(cwd)) {
    throw new AppErrorException(appError('config', `The settings folder must be an absolute path: ${cwd}`));
  }
}

/**
 * Builds the store on any conf-compatible opener. The file is read and repaired here before the
 * opener touches it: conf throws on a file that is not JSON.
 */
export function openSettingsWith(
  cwd: string,
  openFile: JsonFileFactory,
  clock: () => Date = () => new Date(),
): SettingsStore {
  checkSettingsDir(cwd);
  const settingsPath = path.join(cwd, `${SETTINGS_NAME}.json`);
  const notices: string[] = [];
  noteLink(settingsPath, notices);
  const checked = checkSettingsFile(settingsPath, clock, notices);
  const settingsFile = openFile({ cwd, name: SETTINGS_NAME });
  if (checked.rewrite) writeSettings(settingsFile, checked.settings, checked.windowState, checked.internal);

  /** Re-reads the file (the command line may have changed it) and repairs it if it was damaged. */
  function current() {
    const state = checkSettingsFile(settingsPath, clock, notices);
    if (state.rewrite) writeSettings(settingsFile, state.settings, state.windowState, state.internal);
    return state;
  }

  return {
    path: settingsFile.path,
    get notice() {
      return notices.length > 0 ? notices.join(' ') : null;
    },
    get: () => current().settings,
    update(patch) {
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
    getWindowState: () => current().windowState,
    setWindowState(s) {
      const parsed = windowStateSchema.safeParse(s);
      if (!parsed.success) {
        throw new AppErrorException(appError('invalid-request', 'Window state not saved: it is malformed.'));
      }
      const state = current();
      writeSettings(settingsFile, state.settings, parsed.data, state.internal);
    },
  };
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
  // A file from an older version may lack newer keys (`services`, say): write them so the file shows every setting.
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
