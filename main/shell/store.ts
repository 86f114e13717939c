/**
 * The app's settings through electron-store: the same files, the same checks and the same repair
 * as main/settings.ts (which the command line uses on plain `conf`), only opened the Electron way.
 * This is the one settings module that may import `electron`. electron-store resolves the file
 * and its folder; reading and writing are settings.ts's own (atomic, links never followed).
 */
import { app } from 'electron';
import ElectronStore from 'electron-store';
import {
  type JsonFileFactory,
  openSettingsWith,
  type SettingsStore,
  sharedStoreOptions,
} from '../core/storage/settings';

/** Where the app keeps settings.json, snapshots.json and activity.jsonl (pass it as settingsDir). */
export function appSettingsDir(): string {
  return app.getPath('userData');
}

const openWithElectronStore: JsonFileFactory = (spec) =>
  new ElectronStore<Record<string, unknown>>({ ...sharedStoreOptions(spec), name: spec.name });

/** Opens the settings in `settingsDir` (default: the app's userData folder) with electron-store. */
export function openAppSettings(settingsDir: string = appSettingsDir()): SettingsStore {
  return openSettingsWith(settingsDir, openWithElectronStore);
}
