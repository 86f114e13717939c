/**
 * The refresh engine through the backend: progress events, joining, cancellation, depth-first
 * order, and correct rows when AWS throttles or fails some calls.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../contract/api';
import type { ServiceRow } from '../../../main/domain/types';
import { type Harness, startHarness } from '../harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The parts of a row that must not depend on how it was read. */
function essence(row: ServiceRow) {
  return {
    profile: row.profile,
    region: row.region,
    accountId: row.accountId,
    state: row.state,
    administrator: row.administrators[0],
    pending: row.pendingInvitations.map((i) => i.invitationId).sort(),
    members: row.members?.map((m) => `${m.accountId}:${m.memberStatus}`).sort() ?? null,
    error: row.error?.kind ?? null,
    partial: row.partialErrors.map((p) => p.part),
  };
}
const byKey = (rows: ServiceRow[]) => Object.fromEntries(rows.map((r) => [`${r.profile}/${r.region}`, essence(r)]));

const finishedOf = (events: AppEvent[], refreshId: string) =>
  events.filter((e) => e.type === 'refresh-finished' && e.refreshId === refreshId);

describe('refresh engine', () => {
  it('answers at once, then streams rows and one finished event', async () => {
    h = await startHarness({ emulator: { faults: { latencyMs: 20 } } });
    const started = await h.backend.handlers['refresh:start']({ scope: { kind: 'profile', profile: 'admin' } });
    expect(started.total).toBe(3);
    // Nothing has completed yet when start returns.
    expect(h.events.filter((e) => e.type === 'refresh-progress')).toHaveLength(0);
    const summary = await h.backend.refresh.wait(started.refreshId);
    const progress = h.events.flatMap((e) => (e.type === 'refresh-progress' ? [e] : []));
    expect(progress.flatMap((e) => e.rows)).toHaveLength(3);
    expect(progress.at(-1)?.done).toBe(3);
    // Every row before the end.
    const types = h.events.map((e) => e.type);
    expect(types.lastIndexOf('refresh-progress')).toBeLessThan(types.indexOf('refresh-finished'));
    expect(finishedOf(h.events, started.refreshId)).toHaveLength(1);
    expect(summary?.failed).toBe(0);
  });

  it('joins a running refresh of the same scope, and rows already being read', async () => {
    h = await startHarness({ emulator: { faults: { latencyMs: 20 } } });
    const a = await h.backend.handlers['refresh:start']({ scope: { kind: 'all' } });
    const b = await h.backend.handlers['refresh:start']({ scope: { kind: 'all' } });
    expect(b.refreshId).toBe(a.refreshId);
    const c = await h.backend.handlers['refresh:start']({ scope: { kind: 'profile', profile: 'member-pending' } });
    expect(c.refreshId).not.toBe(a.refreshId);
    await Promise.all([h.backend.refresh.wait(a.refreshId), h.backend.refresh.wait(c.refreshId)]);
    // member-pending's rows were read once, for both refreshes.
    const reads = h.emulator
      .requestLog()
      .filter((e) => e.accountId === '222222222222' && e.operation === 'ListInvitations' && e.region === 'us-east-1');
    expect(reads).toHaveLength(1);
    expect(finishedOf(h.events, c.refreshId)[0]).toMatchObject({ done: 3, total: 3 });
  });

  it('cancels: pending calls are aborted and no more rows arrive', async () => {
    h = await startHarness({ emulator: { faults: { latencyMs: 100 } }, settings: { concurrency: 2 } });
    const started = await h.backend.handlers['refresh:start']({ scope: { kind: 'all' } });
    await new Promise((r) => setTimeout(r, 250));
    expect(await h.backend.handlers['refresh:cancel']({ refreshId: started.refreshId })).toEqual({ cancelled: true });
    const finished = finishedOf(h.events, started.refreshId);
    expect(finished).toHaveLength(1);
    expect(finished[0]).toMatchObject({ cancelled: true });
    const done = finished[0]?.type === 'refresh-finished' ? finished[0].done : -1;
    expect(done).toBeLessThan(started.total);
    const callsAtCancel = h.emulator.requestLog().length;
    await new Promise((r) => setTimeout(r, 400));
    // At most the calls that were already in flight complete afterwards.
    expect(h.emulator.requestLog().length - callsAtCancel).toBeLessThanOrEqual(2);
    expect(h.rowsOf(started.refreshId)).toHaveLength(done);
    expect(await h.backend.handlers['refresh:cancel']({ refreshId: started.refreshId })).toEqual({ cancelled: false });
  });

  it('finishes rows depth-first: the first row completes long before the last row starts', async () => {
    h = await startHarness({ emulator: { faults: { latencyMs: 30 } }, settings: { concurrency: 4 } });
    const t0 = Date.now();
    const summary = await h.refreshAll();
    const total = Date.now() - t0;
    const firstAt = h.events.findIndex((e) => e.type === 'refresh-progress');
    const firstMs = (h.eventTimes[firstAt] ?? Number.POSITIVE_INFINITY) - t0;
    // ~30 rows of ~5 calls through 4 slots: breadth-first would finish its first row only near the
    // end; depth-first finishes it after a few round trips.
    expect(summary.total).toBeGreaterThan(20);
    expect(firstMs).toBeLessThan(total / 4);
    expect(summary.rows[0]?.profile).toBe('admin');
  });

  it('reads correct rows while AWS throttles and fails some calls', async () => {
    h = await startHarness();
    const clean = byKey((await h.refreshAll()).rows);
    h.emulator.setFaults({ throttleRate: 0.25, errorRate: 0.1 });
    const faulty = await h.refreshAll();
    h.emulator.setFaults({ throttleRate: 0, errorRate: 0 });
    const statuses = h.emulator.requestLog().map((e) => e.status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 500).length).toBeGreaterThan(0);
    expect(byKey(faulty.rows)).toEqual(clean);
  });
});
