/**
 * The activity log written ahead of AWS: a write is recorded as pending before it is sent and settled
 * by a second line with the same id; the log reads the two as one entry. A pending line that no live
 * process will settle (its process died) is settled as interrupted by the next log that opens, never
 * one a live process still waits on. Real files in a temp folder, a real dead process id.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bulkOutcome } from '../../../main/core/actions/bulk';
import { openActivityLog } from '../../../main/core/storage/activity';
import { activityToCsv, activityToJsonLines } from '../../../main/core/storage/activity-export';
import type { ActivityEntry } from '../../../main/domain/types';
import { makeTempDir } from './helpers';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = makeTempDir());
});
afterEach(() => cleanup());

const accept = (outcome: ActivityEntry['outcome'], detail: string, extra: Partial<ActivityEntry> = {}) => ({
  service: 'securityhub',
  profile: 'member',
  accountId: '222222222222',
  region: 'us-east-1',
  action: 'accept' as const,
  target: '111111111111',
  outcome,
  detail,
  requestId: null,
  administratorId: '111111111111',
  invitationId: 'a'.repeat(32),
  ...extra,
});

function clockFrom(start: string, stepMs = 1000) {
  let n = 0;
  return () => new Date(Date.parse(start) + stepMs * n++);
}

const fileLines = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ActivityEntry);

/** The id of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('a write recorded before it is sent', () => {
  it('is one entry once settled: the outcome, and when it was sent; the file keeps both lines', async () => {
    const log = openActivityLog({ cwd: dir, source: 'cli', clock: clockFrom('2026-12-07T07:00:00.000Z') });
    const pending = await log.append({ ...accept('pending', 'AcceptAdministratorInvitation was sent.'), id: 'w1' });
    expect(pending).toMatchObject({ id: 'w1', outcome: 'pending', pid: process.pid });
    expect((await log.list())[0]).toMatchObject({ id: 'w1', outcome: 'pending' });

    await log.append({ ...accept('succeeded', 'Accepted.'), id: 'w1' });
    const listed = await log.list();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      id: 'w1',
      outcome: 'succeeded',
      detail: 'Accepted.',
      sentAt: '2026-12-07T07:00:00.000Z',
      time: '2026-12-07T07:00:01.000Z',
    });
    expect(fileLines(log.path).map((l) => l.outcome)).toEqual(['pending', 'succeeded']);
  });

  it('left pending by a process that died is settled as interrupted by the next start, once', async () => {
    const dead = deadPid();
    const crashed = openActivityLog({ cwd: dir, source: 'cli', clock: clockFrom('2026-12-07T07:00:00.000Z') });
    await crashed.append({ ...accept('pending', 'AcceptAdministratorInvitation was sent.'), id: 'w-dead' });
    // As the dead process left it: its pid on the line.
    const text = fs.readFileSync(crashed.path, 'utf8').replace(`"pid":${process.pid}`, `"pid":${dead}`);
    fs.writeFileSync(crashed.path, text);

    const next = openActivityLog({ cwd: dir, source: 'app', clock: clockFrom('2026-12-07T07:05:00.000Z') });
    const settled = await next.settleLeftOvers();
    expect(settled).toHaveLength(1);
    expect(settled[0]).toMatchObject({
      id: 'w-dead',
      outcome: 'interrupted',
      source: 'app',
      administratorId: '111111111111',
      invitationId: 'a'.repeat(32),
      sentAt: '2026-12-07T07:00:00.000Z',
    });
    expect(settled[0]?.detail).toMatch(
      new RegExp(
        `^AcceptAdministratorInvitation was sent\\. The process of the command line that sent it \\(pid ${dead}\\) ended before AWS answered, without settling it \\(found when the app next started\\), so the outcome is unknown`,
      ),
    );
    expect((await next.list()).map((e) => e.outcome)).toEqual(['interrupted']);
    // Settled once: the start after has nothing left to settle.
    expect(await openActivityLog({ cwd: dir, source: 'cli' }).settleLeftOvers()).toEqual([]);
  });

  it('is never settled by another process while the process that sent it lives, unless older than any write', async () => {
    // The sender: this very process (alive), as the app is while the command line starts.
    const sender = openActivityLog({ cwd: dir, source: 'app', clock: clockFrom('2026-12-07T07:00:00.000Z') });
    await sender.append({ ...accept('pending', 'AcceptAdministratorInvitation was sent.'), id: 'w-live' });

    const soon = openActivityLog({ cwd: dir, source: 'cli', clock: clockFrom('2026-12-07T07:01:00.000Z') });
    expect(await soon.settleLeftOvers()).toEqual([]);
    expect((await soon.list())[0]).toMatchObject({ id: 'w-live', outcome: 'pending' });

    // Two hours on, no write can still be waiting for its answer: the process id may be another's now.
    const later = openActivityLog({ cwd: dir, source: 'cli', clock: clockFrom('2026-12-07T09:00:00.000Z') });
    expect((await later.settleLeftOvers()).map((e) => e.id)).toEqual(['w-live']);
  });
});

describe('what an auditor takes away', () => {
  const batch: ActivityEntry = {
    id: 'b1',
    time: '2026-12-07T07:00:00.000Z',
    source: 'cli',
    service: 'securityhub',
    profile: Array.from({ length: 43 }, (_, i) => `profile-${i}`).join(','),
    accountId: null,
    region: 'us-east-1,eu-west-1',
    action: 'bulk-accept',
    target: '111111111111',
    outcome: 'partial',
    detail: 'Accepted the invitation from 111111111111 in 3 of 4 rows; 0 skipped, 0 refused, 1 failed.',
    requestId: null,
    administratorId: '111111111111',
    counts: { done: 3, skipped: 0, refused: 0, failed: 1 },
  };

  it('JSON Lines: one whole entry a line, oldest first', () => {
    const older = { ...batch, id: 'b0', outcome: 'already-done' as const };
    const text = activityToJsonLines([older, batch]);
    const parsed = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ActivityEntry);
    expect(parsed).toEqual([older, batch]);
    expect(parsed[1]?.profile.split(',')).toHaveLength(43);
  });

  it('CSV: the administrator and the counts of a partial run have columns of their own', () => {
    const [header, row] = activityToCsv([batch]).split('\r\n') as [string, string];
    const columns = header.split(',');
    const cells = row.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.map((c) => c.replace(/,$/, '')) ?? [];
    const cell = (name: string) => cells[columns.indexOf(name)];
    expect(cell('outcome')).toBe('partial');
    expect(cell('administratorId')).toBe('111111111111');
    expect([cell('done'), cell('skipped'), cell('refused'), cell('failed')]).toEqual(['3', '0', '0', '1']);
    expect(cell('profile')).toContain('profile-42');
  });

  it('a run over many rows is logged as the command reports it', () => {
    const counts = (done: number, refused: number, failed: number) => ({ done, skipped: 1, refused, failed });
    expect(bulkOutcome(counts(3, 0, 1))).toBe('partial');
    expect(bulkOutcome(counts(0, 0, 0))).toBe('already-done');
    expect(bulkOutcome(counts(2, 0, 0))).toBe('succeeded');
    expect(bulkOutcome(counts(0, 2, 1))).toBe('failed');
    expect(bulkOutcome(counts(0, 2, 0))).toBe('refused');
  });
});
