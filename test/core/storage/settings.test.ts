import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, openSettings } from '../../../main/core/storage/settings';
import { AppErrorException } from '../../../main/domain/errors';
import { filesStartingWith, makeTempDir } from './helpers';

let dir: string;
let cleanup: () => void;
const clock = () => new Date('2026-11-25T12:34:56.789Z');

beforeEach(() => {
  ({ dir, cleanup } = makeTempDir());
});
afterEach(() => cleanup());

function settingsFile() {
  return path.join(dir, 'settings.json');
}
function readSettingsFile(): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(settingsFile(), 'utf8'));
}

describe('openSettings', () => {
  it('starts with the defaults and writes every key to a new settings.json', () => {
    const store = openSettings({ cwd: dir });
    expect(store.path).toBe(settingsFile());
    expect(store.notice).toBeNull();
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.concurrency).toBe(64);
    expect(DEFAULT_SETTINGS.readOnly).toBe(false);
    expect(readSettingsFile()).toEqual(DEFAULT_SETTINGS);
    expect(store.getWindowState()).toBeNull();
    expect(filesStartingWith(dir, 'settings.corrupt-')).toEqual([]);
  });

  it('refuses the relative folder that would land somewhere unexpected', () => {
    expect(() => openSettings({ cwd: 'relative/dir' })).toThrow(AppErrorException);
  });

  it('validates an update, persists it and reads it back after re-opening', () => {
    const store = openSettings({ cwd: dir });
    const updated = store.update({
      concurrency: 8,
      readOnly: true,
      defaultRegions: ['eu-west-1', 'ap-southeast-2'],
      profileRegions: { 'dev.team': ['us-west-2'] },
      confirmations: { decline: false, disassociate: true, adminActions: true },
    });
    expect(updated.concurrency).toBe(8);
    expect(updated.theme).toBe('system');

    const reopened = openSettings({ cwd: dir });
    expect(reopened.notice).toBeNull();
    expect(reopened.get()).toEqual({
      ...DEFAULT_SETTINGS,
      concurrency: 8,
      readOnly: true,
      defaultRegions: ['eu-west-1', 'ap-southeast-2'],
      profileRegions: { 'dev.team': ['us-west-2'] },
      confirmations: { decline: false, disassociate: true, adminActions: true },
    });
  });

  it('rejects an invalid update with a typed error and changes nothing', () => {
    const store = openSettings({ cwd: dir });
    const before = fs.readFileSync(settingsFile(), 'utf8');
    const attempt = (patch: unknown) => () => store.update(patch as never);
    for (const patch of [
      { concurrency: 0 },
      { concurrency: 'lots' },
      { defaultRegions: ['not a region'] },
      { theme: 'neon' },
      { unknownKey: true },
    ]) {
      let caught: unknown;
      try {
        attempt(patch)();
      } catch (error) {
        caught = error;
      }
      expect(caught, JSON.stringify(patch)).toBeInstanceOf(AppErrorException);
      expect((caught as AppErrorException).appError.kind).toBe('invalid-request');
    }
    expect(fs.readFileSync(settingsFile(), 'utf8')).toBe(before);
  });

  it('backs up a corrupt file, resets to the defaults and says where the original went', () => {
    fs.writeFileSync(settingsFile(), '{ "concurrency": 12, oops');
    const store = openSettings({ cwd: dir, clock });
    const backups = filesStartingWith(dir, 'settings.corrupt-');
    expect(backups).toEqual(['settings.corrupt-2026-11-25T12-34-56-789Z.json']);
    const backupPath = path.join(dir, backups[0] as string);
    expect(fs.readFileSync(backupPath, 'utf8')).toBe('{ "concurrency": 12, oops');
    expect(store.get()).toEqual({ ...DEFAULT_SETTINGS, readOnly: true });
    expect(readSettingsFile()).toEqual({ ...DEFAULT_SETTINGS, readOnly: true });
    expect(store.notice).toContain(backupPath);
    expect(store.notice).toContain('not valid JSON');
  });

  it('treats a file that is JSON but not an object as corrupt', () => {
    fs.writeFileSync(settingsFile(), '[1, 2, 3]');
    const store = openSettings({ cwd: dir, clock });
    expect(store.get()).toEqual({ ...DEFAULT_SETTINGS, readOnly: true });
    expect(filesStartingWith(dir, 'settings.corrupt-')).toHaveLength(1);
    expect(store.notice).toMatch(/settings\.corrupt-.*\.json/);
  });

  it('keeps the valid keys of a hand-edited file, resets only the bad one, backs up and tells', () => {
    const edited = {
      ...DEFAULT_SETTINGS,
      concurrency: 'lots',
      readOnly: true,
      hiddenProfiles: ['old-account'],
      autoRefreshMinutes: 15,
      confirmations: { decline: false, disassociate: 'yes', adminActions: false },
      windowState: { width: 1200, height: 800, maximized: true },
      concurency: 8,
    };
    const text = JSON.stringify(edited, null, 2);
    fs.writeFileSync(settingsFile(), text);
    const store = openSettings({ cwd: dir, clock });

    expect(store.get()).toEqual({
      ...DEFAULT_SETTINGS,
      concurrency: 64,
      readOnly: true,
      hiddenProfiles: ['old-account'],
      autoRefreshMinutes: 15,
      confirmations: { decline: false, disassociate: true, adminActions: false },
    });
    expect(store.getWindowState()).toEqual({ width: 1200, height: 800, maximized: true });
    const backups = filesStartingWith(dir, 'settings.corrupt-');
    expect(backups).toHaveLength(1);
    const backupPath = path.join(dir, backups[0] as string);
    expect(fs.readFileSync(backupPath, 'utf8')).toBe(text);
    expect(store.notice).toContain('"concurrency" was "lots", reset to 64');
    expect(store.notice).toContain('"confirmations"');
    expect(store.notice).toContain('unknown key "concurency" removed');
    expect(store.notice).toContain(backupPath);
    // The repaired file is written back: opening again finds nothing to report.
    expect(readSettingsFile().concurrency).toBe(64);
    expect(openSettings({ cwd: dir, clock }).notice).toBeNull();
  });

  it('keeps the good entries of a region list or map that has one bad entry', () => {
    fs.writeFileSync(
      settingsFile(),
      JSON.stringify({
        ...DEFAULT_SETTINGS,
        defaultRegions: ['eu-west-1', 'mars-north-1x', 'ap-southeast-2'],
        profileRegions: { good: ['us-west-2'], bad: ['somewhere'] },
        hiddenProfiles: [42],
      }),
    );
    const store = openSettings({ cwd: dir, clock });
    expect(store.get()).toMatchObject({
      defaultRegions: ['eu-west-1', 'ap-southeast-2'],
      profileRegions: { good: ['us-west-2'] },
      hiddenProfiles: [],
    });
    expect(store.notice).toContain('"defaultRegions" was');
    expect(store.notice).toContain('invalid entries removed');
    expect(store.notice).toContain('"hiddenProfiles" was [42], reset to []');
    expect(filesStartingWith(dir, 'settings.corrupt-')).toHaveLength(1);
  });

  it('fills in keys missing from an older file without calling it damaged', () => {
    fs.writeFileSync(settingsFile(), JSON.stringify({ concurrency: 4 }));
    const store = openSettings({ cwd: dir });
    expect(store.notice).toBeNull();
    expect(store.get()).toEqual({ ...DEFAULT_SETTINGS, concurrency: 4 });
    expect(readSettingsFile()).toEqual({ ...DEFAULT_SETTINGS, concurrency: 4 });
    expect(filesStartingWith(dir, 'settings.corrupt-')).toEqual([]);
  });

  it('reads every region in a new file, and keeps the list of a file written before the mode existed', () => {
    expect(openSettings({ cwd: dir }).get().defaultRegionMode).toBe('all');
    const older = path.join(dir, 'older');
    fs.mkdirSync(older);
    const stored = { ...DEFAULT_SETTINGS, defaultRegions: ['eu-west-1'] } as Record<string, unknown>;
    delete stored.defaultRegionMode;
    fs.writeFileSync(path.join(older, 'settings.json'), JSON.stringify(stored));
    const store = openSettings({ cwd: older });
    expect(store.notice).toBeNull();
    expect(store.get()).toMatchObject({ defaultRegionMode: 'list', defaultRegions: ['eu-west-1'] });
    expect(store.update({ defaultRegionMode: 'all' }).defaultRegionMode).toBe('all');
    expect(openSettings({ cwd: older }).get()).toMatchObject({
      defaultRegionMode: 'all',
      defaultRegions: ['eu-west-1'],
    });
  });

  it('sees a change another process made to the file', () => {
    const app = openSettings({ cwd: dir });
    const cli = openSettings({ cwd: dir });
    cli.update({ readOnly: true });
    expect(app.get().readOnly).toBe(true);
  });

  it('stores the window state beside the settings and keeps it through updates', () => {
    const store = openSettings({ cwd: dir });
    store.setWindowState({ x: 10, y: -20, width: 1300, height: 900, maximized: false });
    store.update({ theme: 'dark' });
    const reopened = openSettings({ cwd: dir });
    expect(reopened.getWindowState()).toEqual({ x: 10, y: -20, width: 1300, height: 900, maximized: false });
    expect(reopened.get().theme).toBe('dark');
    expect(() => store.setWindowState({ width: -5, height: 900, maximized: false })).toThrow(AppErrorException);
  });
});

describe('damaged settings fail safe', () => {
  it('turns read-only ON when settings.json is truncated, keeps the backup and says so', () => {
    fs.writeFileSync(settingsFile(), '{"readOnly": true, "concurrency": 8');
    const store = openSettings({ cwd: dir, clock });
    expect(store.get().readOnly).toBe(true);
    expect(store.notice).toMatch(/read-only is ON|read-only ON/);
    expect(filesStartingWith(dir, 'settings.corrupt-')).toHaveLength(1);
    // Still on when the command line opens the (now rewritten) file again.
    expect(openSettings({ cwd: dir, clock }).get().readOnly).toBe(true);
  });

  it('turns read-only ON for "readOnly": "yes" and keeps the keys that were valid', () => {
    fs.writeFileSync(settingsFile(), JSON.stringify({ readOnly: 'yes', concurrency: 8 }));
    const store = openSettings({ cwd: dir, clock });
    expect(store.get().readOnly).toBe(true);
    expect(store.get().concurrency).toBe(8);
    expect(store.notice).toContain('settings.corrupt-');
  });
});
