import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openSettings } from '../../../main/core/storage/settings';
import { createSnapshotWriter } from '../../../main/core/storage/snapshot-writer';
import { openSnapshots } from '../../../main/core/storage/snapshots';
import { appError } from '../../../main/domain/errors';
import type { ServiceRow } from '../../../main/domain/types';
import { filesStartingWith, makeTempDir, memberInfo, snapshotRow } from './helpers';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = makeTempDir());
});
afterEach(() => {
  vi.useRealTimers();
  cleanup();
});

const snapshotsFile = () => path.join(dir, 'snapshots.json');

describe('snapshots', () => {
  it('round-trips rows through snapshots.json and marks every loaded row stale', () => {
    const store = openSnapshots({ cwd: dir });
    const rows = [
      snapshotRow('admin', 'us-east-1', {
        members: [
          {
            accountId: '222222222222',
            email: 'a@example.com',
            administratorId: '111111111111',
            masterId: null,
            memberStatus: 'Invited',
            invitedAt: null,
            updatedAt: null,
          },
        ],
      }),
      snapshotRow('hub-off', 'eu-west-1', {
        state: 'off',
        administrators: [],
        error: appError('service-off', 'Security Hub is not enabled.'),
        partialErrors: [{ part: 'members', error: appError('access-denied', 'Denied.', { action: 'x' }) }],
        notes: ['read with GetMasterAccount'],
      }),
    ];
    store.save(rows);
    // The settings file stays small: rows live in their own file.
    expect(fs.readFileSync(openSettings({ cwd: dir }).path, 'utf8')).not.toContain('us-east-1:111111111111');

    const loaded = openSnapshots({ cwd: dir }).load();
    expect(loaded).toEqual(rows.map((row) => ({ ...row, stale: true })));
  });

  it('reads an unchanged file once, and again when it was saved since, here or by another process', () => {
    const members = [memberInfo('222222222222')];
    openSnapshots({ cwd: dir }).save([snapshotRow('admin', 'us-east-1', { members })]);
    const store = openSnapshots({ cwd: dir });
    const first = store.load();
    // The same read: its member list is the same array, not one parsed again.
    expect(store.load()[0]?.members).toBe(first[0]?.members);

    openSnapshots({ cwd: dir }).save([snapshotRow('admin', 'eu-west-1', { members })]);
    const afterOther = store.load();
    expect(afterOther.map((r) => r.region)).toEqual(['eu-west-1']);

    store.save([snapshotRow('admin', 'ap-southeast-2')]);
    expect(store.load().map((r) => r.region)).toEqual(['ap-southeast-2']);
  });

  it('keeps only ServiceRow fields on disk', () => {
    const store = openSnapshots({ cwd: dir });
    const row = { ...snapshotRow('admin', 'us-east-1'), secretAccessKey: 'should-never-be-written' };
    store.save([row]);
    expect(fs.readFileSync(snapshotsFile(), 'utf8')).not.toContain('should-never-be-written');
    expect(store.load()).toHaveLength(1);
  });

  it('leaves a malformed row out, names it, and saves the others', () => {
    const store = openSnapshots({ cwd: dir });
    const bad = { ...snapshotRow('admin', 'us-east-1'), state: 'maybe' } as never;
    const good = snapshotRow('admin', 'eu-west-1');
    const report = store.save([bad, good]);
    expect(report.saved).toBe(1);
    expect(report.dropped).toHaveLength(1);
    expect(report.dropped[0]).toMatch(/profile "admin", region "us-east-1".*malformed.*state/);
    expect(
      openSnapshots({ cwd: dir })
        .load()
        .map((r) => r.region),
    ).toEqual(['eu-west-1']);
  });

  it('drops malformed stored rows, keeps the rest, backs up and tells', () => {
    const good = snapshotRow('admin', 'us-east-1');
    const text = JSON.stringify({
      version: 1,
      rows: [good, { profile: 'x' }, 'junk', { ...good, region: 'eu-west-1', notes: 'not a list' }],
    });
    fs.writeFileSync(snapshotsFile(), text);
    const store = openSnapshots({ cwd: dir });
    const loaded = store.load();
    expect(loaded.map((row) => row.region)).toEqual(['us-east-1', 'eu-west-1']);
    expect(loaded[1]?.notes).toEqual([]);
    expect(store.notice).toContain('2 of 4 saved rows');
    const backups = filesStartingWith(dir, 'snapshots.corrupt-');
    expect(backups).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, backups[0] as string), 'utf8')).toBe(text);
  });

  it('backs up an unreadable snapshot file and starts empty without crashing', () => {
    fs.writeFileSync(snapshotsFile(), '{"rows": [');
    const store = openSnapshots({ cwd: dir });
    expect(store.load()).toEqual([]);
    expect(store.notice).toMatch(/snapshots\.corrupt-.*\.json/);
    // The settings are another file, and say nothing of it.
    expect(openSettings({ cwd: dir }).notice).toBeNull();
  });
});

describe('createSnapshotWriter', () => {
  it('turns 600 puts into one write after the delay, written off the main thread', async () => {
    vi.useFakeTimers();
    const store = openSnapshots({ cwd: dir });
    const save = vi.spyOn(store, 'saveTextsSoon');
    const saveNow = vi.spyOn(store, 'saveTexts');
    const writer = createSnapshotWriter(store, { delayMs: 500 });
    for (let i = 0; i < 600; i++)
      writer.put(snapshotRow(`p${i % 200}`, ['us-east-1', 'eu-west-1', 'ap-southeast-2'][i % 3] as string));
    expect(save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(499);
    expect(save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save.mock.calls[0]?.[0]).toHaveLength(600);
    // Resolves once the save under way is on disk.
    await writer.save();
    expect(openSnapshots({ cwd: dir }).load()).toHaveLength(600);
    expect(saveNow).not.toHaveBeenCalled();

    // Nothing new: no further write. A new row: one more write after the next delay.
    vi.advanceTimersByTime(5000);
    expect(save).toHaveBeenCalledTimes(1);
    writer.put(snapshotRow('late', 'us-east-1'));
    vi.advanceTimersByTime(500);
    expect(save).toHaveBeenCalledTimes(2);
    await writer.save();
    expect(openSnapshots({ cwd: dir }).load()).toHaveLength(601);
  });

  it('a save still writing never replaces the file a newer flush() wrote, and leaves no temp file', async () => {
    const store = openSnapshots({ cwd: dir });
    const writer = createSnapshotWriter(store, { delayMs: 60_000 });
    writer.put(snapshotRow('admin', 'us-east-1', { fetchedAt: '2026-11-25T11:00:00.000Z' }));
    const older = writer.save();
    // Before the save above is on disk: a newer row, written at once (a process about to exit).
    writer.put(snapshotRow('admin', 'us-east-1', { fetchedAt: '2026-11-25T12:00:00.000Z' }));
    writer.flush();
    await older;
    expect(openSnapshots({ cwd: dir }).load()[0]?.fetchedAt).toBe('2026-11-25T12:00:00.000Z');
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('flush() while a save is writing writes its rows now: they are on disk when flush() returns', async () => {
    const store = openSnapshots({ cwd: dir });
    const writer = createSnapshotWriter(store, { delayMs: 60_000 });
    writer.put(snapshotRow('admin', 'us-east-1', { fetchedAt: '2026-11-25T11:00:00.000Z' }));
    const saving = writer.save();
    writer.flush();
    expect(openSnapshots({ cwd: dir }).load()[0]?.fetchedAt).toBe('2026-11-25T11:00:00.000Z');
    await saving;
  });

  it('idle() resolves only once a save under way has renamed its file and left no temporary file', async () => {
    const store = openSnapshots({ cwd: dir });
    const writer = createSnapshotWriter(store, { delayMs: 60_000 });
    writer.put(snapshotRow('admin', 'us-east-1'));
    // Started, not awaited: a backend disposed now must wait for it before its folder may go.
    void writer.save();
    await writer.idle();
    expect(openSnapshots({ cwd: dir }).load()).toHaveLength(1);
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // Nothing being written: at once.
    await writer.idle();
  });

  it('rows put while a save is writing are saved by the next save', async () => {
    const store = openSnapshots({ cwd: dir });
    const writer = createSnapshotWriter(store, { delayMs: 60_000 });
    writer.put(snapshotRow('admin', 'us-east-1'));
    const first = writer.save();
    writer.put(snapshotRow('admin', 'eu-west-1'));
    const second = writer.save();
    await first;
    await second;
    expect(openSnapshots({ cwd: dir }).load()).toHaveLength(2);
  });

  it('flush() writes at once; rows of the last session stay until replaced', () => {
    const first = openSnapshots({ cwd: dir });
    first.save([snapshotRow('admin', 'us-east-1'), snapshotRow('admin', 'eu-west-1')]);

    const store = openSnapshots({ cwd: dir });
    const writer = createSnapshotWriter(store, { delayMs: 60_000 });
    writer.put(snapshotRow('admin', 'us-east-1', { fetchedAt: '2026-11-25T11:00:00.000Z', stale: false }));
    writer.flush();
    const rows = openSnapshots({ cwd: dir }).load();
    expect(rows).toHaveLength(2);
    expect(rows.find((row) => row.region === 'us-east-1')?.fetchedAt).toBe('2026-11-25T11:00:00.000Z');
    expect(rows.find((row) => row.region === 'eu-west-1')?.fetchedAt).toBe('2026-11-25T10:00:00.000Z');
  });

  it('holds the rows it saves as text only: a row put is not kept alive', async () => {
    // A new context's `gc` once the flag is set: the one way to collect from inside a test worker.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const store = openSnapshots({ cwd: dir });
    const writer = createSnapshotWriter(store, { delayMs: 60_000 });
    let row: ServiceRow | null = snapshotRow('admin', 'us-east-1', { fetchedAt: '2026-11-25T11:00:00.000Z' });
    const ref = new WeakRef(row);
    writer.put(row);
    row = null;
    // Past this turn, so no stack slot of put() still points at it.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(ref.deref()).toBeUndefined();
    writer.flush();
    expect(openSnapshots({ cwd: dir }).load()[0]?.fetchedAt).toBe('2026-11-25T11:00:00.000Z');
  });

  it('reports a failed write instead of throwing from the timer', async () => {
    vi.useFakeTimers();
    const store = openSnapshots({ cwd: dir });
    const errors: unknown[] = [];
    const writer = createSnapshotWriter(store, { delayMs: 10, onError: (error) => errors.push(error) });
    // A write the disk refuses (a malformed row is only left out, see above).
    const save = vi.spyOn(store, 'saveTextsSoon').mockRejectedValue(new Error('ENOSPC: no space left on device'));
    writer.put(snapshotRow('admin', 'us-east-1'));
    vi.advanceTimersByTime(10);
    await save.mock.results[0]?.value.catch(() => undefined);
    await writer.save();
    expect(errors).toHaveLength(1);
  });
});
