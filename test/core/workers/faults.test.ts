/**
 * A worker thread that dies is replaced and nothing is lost: the rows it was reading are read again by
 * its replacement (each row arrives once), and a write it had sent is never sent again — the
 * replacement settles it by reading AWS's state, and the caller and the activity log hear the outcome
 * once. The real SDK in the workers talks to the emulator through a proxy that holds the write, so
 * the worker is ended at a known moment: before AWS received the write, or after AWS applied it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceRow } from '../../../main/domain/types';
import { type HoldingProxy, startHoldingProxy } from '../../helpers/holding-proxy';
import { appErrorOf, type Harness, startHarness } from '../harness';

const ADMIN = '111111111111';
const WORKERS = { aws: { retryDelayMs: 5, requestTimeoutMs: 5000 }, heartbeatMs: 200 };
let h: Harness | null = null;
let proxy: HoldingProxy | null = null;

afterEach(async () => {
  await h?.close();
  await proxy?.stop();
  h = null;
  proxy = null;
});

async function workersReady(harness: Harness, count: number) {
  const pool = harness.backend.workers;
  if (!pool) throw new Error('no worker threads');
  await expect.poll(() => pool.running().length, { timeout: 30_000, interval: 50 }).toBe(count);
  return pool;
}

const essence = (row: ServiceRow) => ({
  key: `${row.profile}/${row.region}`,
  accountId: row.accountId,
  state: row.state,
  administrators: row.administrators.map((a) => `${a.accountId}:${a.memberStatus}`),
  pending: row.pendingInvitations.map((i) => i.invitationId).sort(),
  error: row.error?.kind ?? null,
});

describe('a worker thread that dies mid-refresh', () => {
  it('is replaced, and its rows are read again: every row arrives once', async () => {
    h = await startHarness({ deps: { workers: { count: 2, ...WORKERS } }, emulator: { faults: { latencyMs: 60 } } });
    const pool = await workersReady(h, 2);
    const clean = await h.refreshAll();
    const before = pool.running().find((w) => w.index === 0)?.threadId;

    const started = await h.backend.handlers['refresh:start']({ scope: { kind: 'all' } });
    await expect
      .poll(() => h?.rowsOf(started.refreshId).length ?? 0, { timeout: 20_000, interval: 10 })
      .toBeGreaterThanOrEqual(2);
    const shownBeforeKill = h.rowsOf(started.refreshId).length;
    await pool.kill(0);
    const summary = await h.backend.refresh.wait(started.refreshId);

    expect(shownBeforeKill).toBeLessThan(started.total);
    expect(summary).toMatchObject({ done: started.total, total: started.total, cancelled: false });
    const rows = h.rowsOf(started.refreshId);
    const keys = rows.map((r) => `${r.profile}/${r.region}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(rows.map(essence).sort((a, b) => a.key.localeCompare(b.key))).toEqual(
      clean.rows.map(essence).sort((a, b) => a.key.localeCompare(b.key)),
    );
    const after = pool.running().find((w) => w.index === 0)?.threadId;
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
  }, 90_000);
});

describe('a worker thread that dies while its write is on the way', () => {
  async function start() {
    proxy = await startHoldingProxy();
    h = await startHarness({ deps: { workers: { count: 2, ...WORKERS } }, env: { http_proxy: proxy.url } });
    const pool = await workersReady(h, 2);
    const row = await h.row('member-pending', 'us-east-1');
    h.emulator.clearLog();
    return { pool, invitationId: row.pendingInvitations[0]?.invitationId as string };
  }
  const accept = (harness: Harness, invitationId: string) =>
    harness.backend.handlers['invitation:accept']({
      profile: 'member-pending',
      region: 'us-east-1',
      administratorId: ADMIN,
      invitationId,
    });
  const writes = (harness: Harness) => harness.operations('AcceptAdministratorInvitation').length;
  const accepts = async (harness: Harness) =>
    (await harness.backend.handlers['activity:list']({ limit: 50 })).filter((e) => e.action === 'accept');

  it('after AWS applied it: not sent again, settled by reading as done, logged once', async () => {
    const { pool, invitationId } = await start();
    const held = (proxy as HoldingProxy).hold((r) => r.method === 'POST' && r.path === '/administrator', 'after');
    const answer = accept(h as Harness, invitationId);
    await held.arrived;
    for (const worker of pool.running()) await pool.kill(worker.index);
    held.release();
    const outcome = await answer;

    expect(outcome.message).toMatch(/the state read again shows it went through/);
    expect(outcome.row.administrators[0]).toMatchObject({ accountId: ADMIN, memberStatus: 'Enabled' });
    expect(writes(h as Harness)).toBe(1);
    const logged = await accepts(h as Harness);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ outcome: 'succeeded', target: ADMIN });
  }, 90_000);

  it('before AWS received it: not sent, settled by reading as not done, logged once', async () => {
    const { pool, invitationId } = await start();
    const held = (proxy as HoldingProxy).hold((r) => r.method === 'POST' && r.path === '/administrator', 'before');
    const answer = appErrorOf(accept(h as Harness, invitationId));
    await held.arrived;
    for (const worker of pool.running()) await pool.kill(worker.index);
    held.release();
    const error = await answer;

    expect(error.message).toMatch(/the state read again shows nothing changed/);
    expect(error.retryable).toBe(true);
    expect(writes(h as Harness)).toBe(0);
    const logged = await accepts(h as Harness);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ outcome: 'failed' });
    expect((await (h as Harness).row('member-pending', 'us-east-1')).pendingInvitations).toHaveLength(1);
  }, 90_000);
});

describe('a worker thread that hangs', () => {
  it('is found by its missing heartbeat, ended and replaced; the refresh completes', async () => {
    h = await startHarness({
      deps: {
        workers: {
          count: 1,
          ...WORKERS,
          hangAfterMs: 1500,
          file: { file: `${__dirname}/hang-entry.ts`, execArgv: ['--import', 'tsx'] },
        },
      },
      emulator: { faults: { latencyMs: 40 } },
    });
    const pool = await workersReady(h, 1);
    const before = pool.running()[0]?.threadId;
    const started = await h.backend.handlers['refresh:start']({ scope: { kind: 'all' } });
    await expect
      .poll(() => h?.rowsOf(started.refreshId).length ?? 0, { timeout: 20_000, interval: 10 })
      .toBeGreaterThanOrEqual(1);
    // The test entry's own message: the thread's loop never turns again.
    pool.post(0, { type: 'hang' } as never);
    const summary = await h.backend.refresh.wait(started.refreshId);
    expect(summary).toMatchObject({ done: started.total, cancelled: false });
    const keys = h.rowsOf(started.refreshId).map((r) => `${r.profile}/${r.region}`);
    expect(new Set(keys).size).toBe(started.total);
    expect(pool.running()[0]?.threadId).not.toBe(before);
  }, 90_000);
});

describe('shutdown', () => {
  it('ends every worker thread', async () => {
    h = await startHarness({ deps: { workers: { count: 2, ...WORKERS } } });
    const pool = await workersReady(h, 2);
    await h.backend.dispose();
    expect(pool.running()).toEqual([]);
    await expect(
      h.backend.handlers['members:list']({ profile: 'admin', region: 'us-east-1', onlyAssociated: false }),
    ).rejects.toThrow(/closing/);
  }, 60_000);
});
