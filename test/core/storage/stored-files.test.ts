/**
 * The settings folder's own files when they are not what the app wrote: a snapshots cache that
 * cannot be read (a folder, no permission) and a settings.json or snapshots.json that is a
 * symbolic link. FIFOs are tested through the command line (test/cli/stored-files.test.ts): on
 * a FIFO the old code blocked the whole process, which only a separate process can time out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../../main/core/backend';
import { openSettings } from '../../../main/core/storage/settings';
import { openSnapshots } from '../../../main/core/storage/snapshots';
import { filesStartingWith, makeTempDir, snapshotRow } from './helpers';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = makeTempDir());
});
afterEach(() => {
  // A test may have taken permissions away; give them back so the folder can be removed.
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) fs.chmodSync(path.join(dir, name), 0o700);
  fs.chmodSync(dir, 0o700);
  cleanup();
});

const snapshotsPath = () => path.join(dir, 'snapshots.json');
const fixedClock = () => new Date('2026-12-03T10:00:00.000Z');
// Root reads any file whatever its mode: chmod cannot make one unreadable there.
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

describe('a snapshots cache that cannot be read', () => {
  it('is a folder: set aside as snapshots.json.unreadable-<time>, the settings kept, rows saved afresh', () => {
    openSettings({ cwd: dir }).update({ concurrency: 12 });
    fs.mkdirSync(snapshotsPath());
    fs.writeFileSync(path.join(snapshotsPath(), 'inside.txt'), 'kept');

    const store = openSnapshots({ cwd: dir, clock: fixedClock });
    const settings = openSettings({ cwd: dir, clock: fixedClock });
    const aside = path.join(dir, 'snapshots.json.unreadable-2026-12-03T10-00-00-000Z');
    expect(store.notice).toBe(
      `The saved state of the last session could not be read (${snapshotsPath()} is a folder, not a regular file); the app starts without it, and it was moved to ${aside}.`,
    );
    // Nothing is lost: the folder and what it held are where the notice says.
    expect(fs.readFileSync(path.join(aside, 'inside.txt'), 'utf8')).toBe('kept');
    expect(settings.get().concurrency).toBe(12);
    expect(settings.get().readOnly).toBe(false);
    expect(store.load()).toEqual([]);

    expect(store.save([snapshotRow('admin', 'us-east-1')])).toEqual({ saved: 1, dropped: [] });
    expect(openSnapshots({ cwd: dir }).load()).toHaveLength(1);
    expect(openSnapshots({ cwd: dir }).notice).toBeNull();
  });

  it.skipIf(isRoot)('has no read permission (skipped as root, which reads it anyway): set aside the same way', () => {
    fs.writeFileSync(snapshotsPath(), JSON.stringify({ version: 1, rows: [] }));
    fs.chmodSync(snapshotsPath(), 0o000);
    const store = openSnapshots({ cwd: dir, clock: fixedClock });
    expect(store.notice).toContain('cannot be read (EACCES)');
    expect(filesStartingWith(dir, 'snapshots.json.unreadable-')).toHaveLength(1);
    expect(store.load()).toEqual([]);
  });

  it.skipIf(isRoot)('cannot be moved either (a read-only folder; skipped as root): ignored, and not written', () => {
    openSettings({ cwd: dir }); // a complete settings.json, which needs no write at open
    fs.mkdirSync(snapshotsPath());
    fs.chmodSync(dir, 0o500);
    const store = openSnapshots({ cwd: dir, clock: fixedClock });
    expect(store.notice).toContain('nor moved away');
    expect(store.save([snapshotRow('admin', 'us-east-1')])).toEqual({ saved: 0, dropped: [] });
    expect(fs.statSync(snapshotsPath()).isDirectory()).toBe(true);
  });

  it('the app starts all the same and shows the notice through app:info', async () => {
    fs.mkdirSync(snapshotsPath());
    const backend = createBackend({
      env: { AWS_CONFIG_FILE: path.join(dir, 'no-config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'no-creds') },
      settingsDir: dir,
      source: 'app',
      version: '0.0.0-test',
      demo: false,
      emit: () => {},
      clipboard: { writeText: async () => {} },
      openExternal: async () => ({ opened: false, reason: null }),
      chooseSavePath: async () => null,
    });
    try {
      const info = await backend.handlers['app:info'](undefined);
      expect(info.settingsNotice).toMatch(
        /could not be read \(.*snapshots\.json is a folder, not a regular file\); the app starts without it/,
      );
      expect((await backend.invoke('snapshots:cached', undefined)).ok).toBe(true);
    } finally {
      await backend.dispose();
    }
  });

  it('holds invalid content: backed up as before, the app starts without it', () => {
    fs.writeFileSync(snapshotsPath(), '{"rows": [');
    const store = openSnapshots({ cwd: dir, clock: fixedClock });
    expect(store.notice).toMatch(/could not be used \(it is not valid JSON\)/);
    expect(filesStartingWith(dir, 'snapshots.corrupt-')).toHaveLength(1);
    expect(store.load()).toEqual([]);
  });
});

describe('a settings file that is a symbolic link', () => {
  it('is replaced by a regular file on the next write; the link target keeps its content', () => {
    const target = path.join(dir, 'elsewhere.json');
    const original = `${JSON.stringify({ readOnly: true, concurrency: 3 })}\n`;
    fs.writeFileSync(target, original);
    fs.symlinkSync(target, path.join(dir, 'settings.json'));

    const store = openSettings({ cwd: dir });
    expect(store.notice).toBe(
      `${path.join(dir, 'settings.json')} is a link to ${target}: it is read through the link, but saved as a regular file in its place; ${target} itself is never written.`,
    );
    // Read through the link: the values there are the ones in use…
    expect(store.get()).toMatchObject({ readOnly: true, concurrency: 3 });
    store.update({ concurrency: 9 });

    // …but the write never goes through it.
    expect(fs.readFileSync(target, 'utf8')).toBe(original);
    const settingsPath = path.join(dir, 'settings.json');
    expect(fs.lstatSync(settingsPath).isSymbolicLink()).toBe(false);
    expect(JSON.parse(fs.readFileSync(settingsPath, 'utf8'))).toMatchObject({ readOnly: true, concurrency: 9 });
    expect(openSettings({ cwd: dir }).get().concurrency).toBe(9);
  });

  it('snapshots.json as a link: saving rows leaves the target untouched', () => {
    const target = path.join(dir, 'target.txt');
    const original = JSON.stringify({ version: 1, savedAt: '2026-01-01T00:00:00.000Z', rows: [] });
    fs.writeFileSync(target, original);
    fs.symlinkSync(target, snapshotsPath());
    const store = openSnapshots({ cwd: dir, clock: fixedClock });
    store.save([snapshotRow('admin', 'us-east-1')]);
    expect(fs.readFileSync(target, 'utf8')).toBe(original);
    expect(fs.lstatSync(snapshotsPath()).isFile()).toBe(true);
    expect(openSnapshots({ cwd: dir }).load()).toHaveLength(1);
  });

  it('leaves no temp file behind after writes', () => {
    const store = openSettings({ cwd: dir });
    for (let n = 1; n <= 5; n++) store.update({ concurrency: n });
    openSnapshots({ cwd: dir }).save([snapshotRow('admin', 'us-east-1')]);
    expect(fs.readdirSync(dir).sort()).toEqual(['settings.json', 'snapshots.json']);
    expect(fs.statSync(path.join(dir, 'settings.json')).mode & 0o777).toBe(0o600);
  });
});
