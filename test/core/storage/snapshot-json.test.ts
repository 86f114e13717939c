/**
 * snapshots.json at scale: a member list shown under several profiles is stored once and read
 * back as one array; old files with inline lists still read; the writer's batch hook is told.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSnapshotWriter, type SnapshotBatch } from '../../../main/core/storage/snapshot-writer';
import { openSnapshots } from '../../../main/core/storage/snapshots';
import type { MemberInfo } from '../../../main/domain/types';
import { makeTempDir, snapshotRow } from './helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = makeTempDir());
});
afterEach(() => cleanup());

const member = (i: number): MemberInfo => ({
  accountId: String(200_000_000_000 + i),
  email: `m${i}@example.com`,
  administratorId: '111111111111',
  masterId: null,
  memberStatus: i % 2 ? 'Enabled' : 'Invited',
  invitedAt: null,
  updatedAt: null,
});

describe('snapshots.json member lists', () => {
  it('stores a list shared by several rows once and reads it back as one array', () => {
    const members = Array.from({ length: 50 }, (_, i) => member(i));
    const other = [member(99)];
    const rows = [
      snapshotRow('admin-a', 'us-east-1', { members }),
      snapshotRow('admin-b', 'us-east-1', { members }),
      snapshotRow('admin-c', 'us-east-1', { members }),
      snapshotRow('admin-a', 'eu-west-1', { members: other }),
      snapshotRow('plain', 'us-east-1'),
    ];
    openSnapshots({ cwd: dir }).save(rows);

    const text = fs.readFileSync(path.join(dir, 'snapshots.json'), 'utf8');
    // Each member once in the file, however many rows show the list.
    expect(text.split('m7@example.com').length - 1).toBe(1);
    expect(Object.keys(JSON.parse(text).memberLists)).toHaveLength(2);

    const loaded = openSnapshots({ cwd: dir }).load();
    expect(loaded).toEqual(rows.map((row) => ({ ...row, stale: true })));
    const shared = loaded.filter((row) => row.region === 'us-east-1' && row.members);
    expect(shared).toHaveLength(3);
    expect(shared[0]?.members).toBe(shared[1]?.members);
    expect(shared[1]?.members).toBe(shared[2]?.members);
    expect(loaded.find((row) => row.region === 'eu-west-1')?.members).not.toBe(shared[0]?.members);
  });

  it('reads a file with the lists inline (as written before), and unknown list names as unknown members', () => {
    const inline = snapshotRow('admin', 'us-east-1', { members: [member(1)] });
    const dangling = { ...snapshotRow('admin', 'eu-west-1'), members: { list: 'nowhere' } };
    fs.writeFileSync(path.join(dir, 'snapshots.json'), JSON.stringify({ version: 1, rows: [inline, dangling] }));
    const loaded = openSnapshots({ cwd: dir }).load();
    expect(loaded.map((row) => [row.region, row.members?.length ?? null])).toEqual([
      ['us-east-1', 1],
      ['eu-west-1', null],
    ]);
  });

  it('tells the batch hook how many rows each write saved', () => {
    const batches: SnapshotBatch[] = [];
    const writer = createSnapshotWriter(openSnapshots({ cwd: dir }), {
      delayMs: 60_000,
      onBatchWritten: (batch) => batches.push(batch),
    });
    writer.put(snapshotRow('a', 'us-east-1'));
    writer.put(snapshotRow('b', 'us-east-1'));
    writer.flush();
    writer.flush();
    writer.put(snapshotRow('c', 'us-east-1'));
    writer.flush();
    expect(batches.map((b) => b.rows)).toEqual([2, 3]);
    expect(batches.every((b) => b.ms >= 0)).toBe(true);
  });
});
