/**
 * The backend with its AWS work in two worker threads, against the emulator through the real SDK:
 * the same rows as on the main thread, one refresh as the window sees it (progress counted across the
 * workers, one finished event), the MFA prompt relayed to the main thread once, a bulk answer across
 * profiles held by different workers, a handshake, and the `workers` setting's rule.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../contract/api';
import type { ServiceRow } from '../../../main/domain/types';
import { accountRegionReads } from '../../bench/bench-figures';
import { generateScenario } from '../../emulator/index';
import { appErrorOf, type Harness, startHarness } from '../harness';

const ADMIN = '111111111111';
const TWO = { workers: { count: 2, aws: { retryDelayMs: 5, requestTimeoutMs: 5000 } } };
const open: Harness[] = [];
afterEach(async () => {
  for (const harness of open.splice(0)) await harness.close();
});

async function harness(options: Parameters<typeof startHarness>[0] = {}) {
  const h = await startHarness(options);
  open.push(h);
  return h;
}

const essence = (row: ServiceRow) => ({
  key: `${row.profile}/${row.region}`,
  accountId: row.accountId,
  state: row.state,
  // Invitation ids and times are each emulator's own.
  administrators: row.administrators.map((a) => `${a.accountId}:${a.memberStatus}`),
  pending: row.pendingInvitations.map((i) => `${i.accountId}:${i.memberStatus}`).sort(),
  members: row.members?.map((m) => `${m.accountId}:${m.memberStatus}`).sort() ?? null,
  error: row.error?.kind ?? null,
  partial: row.partialErrors.map((p) => p.part),
});
const sorted = (rows: ServiceRow[]) => rows.map(essence).sort((a, b) => a.key.localeCompare(b.key));

describe('two worker threads', () => {
  it('read the same rows as the main thread, as one refresh', async () => {
    const here = await harness({ mfaCodes: ['123456'] });
    const inThreads = await harness({ deps: TWO, mfaCodes: ['123456'] });
    const expected = await here.refreshAll();
    const got = await inThreads.refreshAll();

    expect(got.total).toBe(expected.total);
    expect(sorted(got.rows)).toEqual(sorted(expected.rows));
    const progress = inThreads.events.filter(
      (e): e is Extract<AppEvent, { type: 'refresh-progress' }> => e.type === 'refresh-progress',
    );
    // Counted across workers: each batch's `done` is the number of rows sent so far.
    let sent = 0;
    expect(progress.map((e) => (sent += e.rows.length))).toEqual(progress.map((e) => e.done));
    expect(sent).toBe(got.total);
    expect(inThreads.events.filter((e) => e.type === 'refresh-finished')).toHaveLength(1);
    // Both workers read: the profiles were spread.
    expect(
      inThreads.backend.workers
        ?.running()
        .map((w) => w.index)
        .sort(),
    ).toEqual([0, 1]);
    // The MFA device's code was asked for once, on the main thread, and the row was read with it.
    expect(inThreads.events.filter((e) => e.type === 'mfa-prompt')).toHaveLength(1);
    expect(got.rows.find((r) => r.profile === 'mfa-audit' && r.region === 'us-east-1')?.error).toBeNull();
    // Stored on the main thread, as the rows came.
    const cached = await inThreads.backend.handlers['snapshots:cached'](undefined);
    expect(cached.rows.length).toBeGreaterThanOrEqual(got.total);
  }, 90_000);

  it('read each account-region once when a refresh reaches a worker in several parts', async () => {
    // 1,100 profiles on 550 accounts in one region: the worker's share goes in two parts (1,000 rows
    // a part), and profiles 1,000 to 1,099 share their accounts with profiles of the first part.
    const h = await harness({
      emulator: { scenario: generateScenario({ profiles: 1100, accounts: 550, regions: ['us-east-1'] }) },
      deps: { workers: { count: 1, aws: { retryDelayMs: 5, requestTimeoutMs: 5000 } } },
      settings: { defaultRegions: ['us-east-1'] },
    });
    h.emulator.clearLog();
    const got = await h.refreshAll();
    expect(got.total).toBe(1100);
    expect(got.failed).toBe(0);
    const reads = accountRegionReads(h.emulator.requestLog());
    expect(reads.accountRegions).toBe(550);
    expect(reads.max).toBe(1);
  }, 180_000);

  it('answer a bulk accept across profiles, each account-region once, the summary logged here', async () => {
    const h = await harness({ deps: TWO });
    h.emulator.clearLog();
    const result = await h.backend.handlers['bulk:run']({
      action: 'accept',
      administratorId: ADMIN,
      rows: [
        { profile: 'member-pending', region: 'us-east-1' },
        { profile: 'member-pending', region: 'eu-west-1' },
        { profile: 'hub-off', region: 'us-east-1' },
        { profile: 'member-enabled', region: 'us-east-1' },
        { profile: 'sso-signed-out', region: 'us-east-1' },
      ],
    });
    const by = Object.fromEntries(result.results.map((r) => [`${r.profile}/${r.region}`, r.status]));
    expect(by).toEqual({
      'member-pending/us-east-1': 'done',
      'member-pending/eu-west-1': 'done',
      'hub-off/us-east-1': 'done',
      'member-enabled/us-east-1': 'skipped',
      'sso-signed-out/us-east-1': 'failed',
    });
    expect(h.operations('AcceptAdministratorInvitation')).toHaveLength(3);
    const log = await h.backend.handlers['activity:list']({ limit: 10 });
    expect(log[0]).toMatchObject({ action: 'bulk-accept', outcome: 'partial' });
    expect(log.filter((e) => e.action === 'accept' && e.outcome === 'succeeded')).toHaveLength(3);
    expect(h.events.filter((e) => e.type === 'bulk-progress')).toHaveLength(5);
  }, 90_000);

  it('run a handshake, its progress reaching the window', async () => {
    const h = await harness({ deps: TWO });
    const result = await h.backend.handlers['handshake:run']({
      administratorProfile: 'admin',
      memberProfile: 'sandbox-role',
      regions: ['us-east-1'],
    });
    expect(result.steps.map((s) => `${s.step}:${s.status}`)).toEqual(['create:done', 'invite:done', 'accept:done']);
    expect(h.events.filter((e) => e.type === 'handshake-progress')).toHaveLength(3);
    expect((await h.row('sandbox-role', 'us-east-1')).administrators[0]).toMatchObject({
      accountId: ADMIN,
      memberStatus: 'Enabled',
    });
  }, 90_000);

  it('refuse a write in read-only mode before any AWS call, the setting reaching the workers', async () => {
    const h = await harness({ deps: TWO });
    await h.backend.handlers['settings:update']({ readOnly: true });
    h.emulator.clearLog();
    const error = await appErrorOf(
      h.backend.handlers['invitation:decline']({
        profile: 'member-pending',
        region: 'us-east-1',
        administratorId: ADMIN,
      }),
    );
    expect(error.kind).toBe('read-only');
    expect(h.emulator.requestLog()).toEqual([]);
  }, 90_000);
});

describe('the workers setting', () => {
  it('takes auto (null) or 0 to 8, and refuses anything else at the door', async () => {
    const h = await harness();
    expect((await h.backend.handlers['settings:get'](undefined)).workers).toBeNull();
    expect((await h.backend.invoke('settings:update', { workers: 3 })).ok).toBe(true);
    expect((await h.backend.invoke('settings:update', { workers: null })).ok).toBe(true);
    expect((await h.backend.invoke('settings:update', { workers: 0 })).ok).toBe(true);
    for (const bad of [9, -1, 1.5, '2']) {
      const result = await h.backend.invoke('settings:update', { workers: bad });
      expect(result.ok, String(bad)).toBe(false);
    }
  }, 60_000);
});
