import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { makeTempDir } from '../core/storage/helpers';

// The folder electron's app.getPath('userData') answers with; hoisted with the mock below.
const userData = vi.hoisted(() => {
  const fsModule = require('node:fs') as typeof import('node:fs');
  const osModule = require('node:os') as typeof import('node:os');
  const pathModule = require('node:path') as typeof import('node:path');
  return fsModule.mkdtempSync(pathModule.join(osModule.tmpdir(), 'shi-userdata-'));
});

vi.mock('electron', () => {
  const app = { getPath: () => userData, getName: () => 'x', getVersion: () => '0.0.0' };
  // electron-store reads the default export; the app's code uses the named one.
  return { app, default: { app } };
});

const { appSettingsDir, openAppSettings } = await import('../../main/shell/store');
const { DEFAULT_SETTINGS, openSettings } = await import('../../main/core/storage/settings');

afterAll(() => fs.rmSync(userData, { recursive: true, force: true }));

describe('store.ts (electron-store over the same files)', () => {
  it('opens settings.json in the userData folder, the file openSettings opens for that folder', () => {
    expect(appSettingsDir()).toBe(userData);
    const appStore = openAppSettings();
    const cliStore = openSettings({ cwd: userData });
    expect(appStore.path).toBe(path.join(userData, 'settings.json'));
    expect(appStore.path).toBe(cliStore.path);
    expect(appStore.get()).toEqual(DEFAULT_SETTINGS);

    // What one writes, the other reads: they really share the file.
    appStore.update({ concurrency: 12, hiddenProfiles: ['a.b'] });
    expect(cliStore.get()).toMatchObject({ concurrency: 12, hiddenProfiles: ['a.b'] });
    cliStore.update({ readOnly: true });
    expect(appStore.get().readOnly).toBe(true);
    appStore.setWindowState({ width: 1000, height: 700, maximized: false });
    expect(cliStore.getWindowState()).toEqual({ width: 1000, height: 700, maximized: false });
  });

  it('keeps snapshots.json beside the settings, in the folder the snapshot store opens', async () => {
    const { snapshotRow } = await import('../core/storage/helpers');
    const { openSnapshots } = await import('../../main/core/storage/snapshots');
    openSnapshots({ cwd: appSettingsDir() }).save([snapshotRow('admin', 'us-east-1')]);
    expect(path.dirname(openAppSettings().path)).toBe(userData);
    expect(openSnapshots({ cwd: userData }).load()).toEqual([{ ...snapshotRow('admin', 'us-east-1'), stale: true }]);
  });

  it('backs up a corrupt file before electron-store sees it', () => {
    const { dir, cleanup } = makeTempDir();
    try {
      fs.writeFileSync(path.join(dir, 'settings.json'), 'not json');
      const store = openAppSettings(dir);
      // Fail safe: a damaged file may have held read-only, so it is on until the user turns it off.
      expect(store.get()).toEqual({ ...DEFAULT_SETTINGS, readOnly: true });
      expect(store.notice).toMatch(/settings\.corrupt-.*\.json/);
      const backups = fs.readdirSync(dir).filter((name) => name.startsWith('settings.corrupt-'));
      expect(backups).toHaveLength(1);
      expect(fs.readFileSync(path.join(dir, backups[0] as string), 'utf8')).toBe('not json');
    } finally {
      cleanup();
    }
  });
});
