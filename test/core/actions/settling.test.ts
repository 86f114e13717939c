/**
 * Writes settle asynchronously: against the emulator keeping a write's change out of its reads for N
 * reads (Faults.staleReadsAfterWrite), the accept is re-read until it shows — the second read — or,
 * past the bound, answered as settling; the write is sent exactly once either way.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readUntilShown, SETTLE_READS, type SettlePace } from '../../../main/core/actions/settling';
import { demoScenario } from '../../emulator/test-kit';
import { type Harness, startHarness } from '../harness';

let h: Harness;
const waits: number[] = [];
const pace: SettlePace = {
  reads: SETTLE_READS,
  waitsMs: [10_000, 20_000],
  // The clock is the test's: each wait is recorded, none is slept.
  sleep: async (ms) => {
    waits.push(ms);
  },
};

beforeAll(async () => {
  h = await startHarness({ deps: { settlePace: pace } });
});
afterAll(() => h?.close());
beforeEach(() => {
  waits.length = 0;
  h.emulator.loadScenario(demoScenario());
});

const accept = () =>
  h.backend.handlers['invitation:accept']({
    profile: 'member-pending',
    region: 'us-east-1',
    administratorId: '111111111111',
  });

describe('an accept AWS shows only later', () => {
  it('settles on the second read: the answer is plain, the row current, the write sent once', async () => {
    h.emulator.setFaults({ staleReadsAfterWrite: 1 });
    h.emulator.clearLog();
    const outcome = await accept();
    expect(outcome.settling).toBeUndefined();
    expect(outcome.message).not.toMatch(/has not shown/);
    expect(outcome.row.settling).toBeUndefined();
    expect(outcome.row.administrators).toEqual([
      expect.objectContaining({ accountId: '111111111111', memberStatus: 'Enabled' }),
    ]);
    expect(h.operations('AcceptAdministratorInvitation')).toHaveLength(1);
    // The read before the accept, the one AWS answered from before it, and the one showing it.
    expect(h.operations('GetAdministratorAccount')).toHaveLength(3);
    expect(waits).toEqual([10_000]);
  });

  it('never shows within the bound: the answer says so, the row is settling, the write sent once', async () => {
    h.emulator.setFaults({ staleReadsAfterWrite: 10 });
    h.emulator.clearLog();
    const outcome = await accept();
    expect(outcome.settling).toBe(true);
    expect(outcome.message).toMatch(/AWS has not shown the change yet; the app will show it on the next refresh\.$/);
    expect(outcome.row.settling).toBe(true);
    expect(h.operations('AcceptAdministratorInvitation')).toHaveLength(1);
    expect(h.operations('AcceptInvitation')).toHaveLength(0);
    // One read before the write, then SETTLE_READS after it, 10 s then 20 s apart.
    expect(h.operations('GetAdministratorAccount')).toHaveLength(1 + SETTLE_READS);
    expect(waits).toEqual([10_000, 20_000]);
    const log = await h.backend.handlers['activity:list']({ limit: 1 });
    expect(log[0]).toMatchObject({ action: 'accept', outcome: 'succeeded' });
    // The next refresh shows the change, and the row is no longer settling.
    h.emulator.setFaults({ staleReadsAfterWrite: 0 });
    const row = await h.row('member-pending', 'us-east-1');
    expect(row.settling).toBeUndefined();
    expect(row.administrators[0]).toMatchObject({ accountId: '111111111111', memberStatus: 'Enabled' });
  });

  it('a decline shown at once takes one read and no wait', async () => {
    h.emulator.setFaults({ staleReadsAfterWrite: 0 });
    h.emulator.clearLog();
    const outcome = await h.backend.handlers['invitation:decline']({
      profile: 'member-pending',
      region: 'us-east-1',
      administratorId: '111111111111',
    });
    expect(outcome.settling).toBeUndefined();
    expect(h.operations('DeclineInvitations')).toHaveLength(1);
    expect(waits).toEqual([]);
  });
});

describe('readUntilShown', () => {
  it('stops at the bound, and at the first read that shows the change', async () => {
    let n = 0;
    const never = await readUntilShown(
      async () => ++n,
      () => false,
      { ...pace, reads: 3 },
    );
    expect(never).toEqual({ value: 3, shown: false, reads: 3 });
    n = 0;
    const second = await readUntilShown(
      async () => ++n,
      (v) => v === 2,
      { ...pace, reads: 3 },
    );
    expect(second).toEqual({ value: 2, shown: true, reads: 2 });
  });
});
