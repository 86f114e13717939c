/**
 * An opt-in region the account has not enabled (af-south-1 for member-pending in the demo) is found
 * with one call, is not a failed row, and is not asked again until a day has passed (the clock
 * port) or the user asks for a re-check.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { REGION_RECHECK_MS } from '../../../main/core/rows/region-checks';
import { isFailedRow } from '../../../main/domain/row-rules';
import { type Harness, startHarness } from '../harness';

const MEMBER = '222222222222';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const callsIn = (h: Harness, region: string) =>
  h.emulator
    .requestLog()
    .filter((e) => e.service === 'securityhub' && e.accountId === MEMBER && e.region === region)
    .map((e) => e.operation);

describe('an opt-in region the account has not enabled', () => {
  it('is probed with one call, then skipped until a day has passed or a re-check is asked for', async () => {
    let now = new Date('2026-06-01T08:00:00.000Z');
    h = await startHarness({ deps: { clock: () => now } });
    const first = await h.row('member-pending', 'af-south-1');
    expect(first).toMatchObject({
      state: 'region-not-enabled',
      accountId: MEMBER,
      error: { kind: 'region-not-enabled' },
    });
    expect(isFailedRow(first)).toBe(false);
    expect(callsIn(h, 'af-south-1')).toEqual(['GetAdministratorAccount']);

    // Later the same day: the same answer, no call, and the row says when it was asked.
    now = new Date(now.getTime() + REGION_RECHECK_MS - 60_000);
    h.emulator.clearLog();
    const skipped = await h.row('member-pending', 'af-south-1');
    expect(callsIn(h, 'af-south-1')).toEqual([]);
    expect(skipped).toMatchObject({ state: 'region-not-enabled', fetchedAt: first.fetchedAt, error: first.error });
    expect(skipped.notes.join(' ')).toMatch(/Not asked again since 2026-06-01T08:00:00.000Z/);
    expect(isFailedRow(skipped)).toBe(false);

    // A day after the check: asked again, with one call.
    now = new Date(Date.parse(first.fetchedAt) + REGION_RECHECK_MS);
    const again = await h.row('member-pending', 'af-south-1');
    expect(callsIn(h, 'af-south-1')).toEqual(['GetAdministratorAccount']);
    expect(again.fetchedAt).toBe(now.toISOString());

    // On demand: the re-check forgets the answer and reads the row at once.
    h.emulator.clearLog();
    const recheck = await h.backend.handlers['regions:recheck']({ profile: 'member-pending' });
    expect(recheck).toMatchObject({ forgotten: 1, total: 1 });
    await h.backend.refresh.wait(recheck.refreshId as string);
    expect(h.rowsOf(recheck.refreshId as string).map((r) => [r.profile, r.region, r.state])).toEqual([
      ['member-pending', 'af-south-1', 'region-not-enabled'],
    ]);
    expect(callsIn(h, 'af-south-1')).toEqual(['GetAdministratorAccount']);
    // Nothing left to re-check for a profile whose account has no standing answer.
    expect(await h.backend.handlers['regions:recheck']({ profile: 'admin' })).toEqual({
      refreshId: null,
      total: 0,
      forgotten: 0,
    });
  });

  it('in an enabled opt-in region without a hub, the probe’s own answer is the row', async () => {
    h = await startHarness({ settings: { profileRegions: { admin: ['af-south-1'] } } });
    h.emulator.clearLog();
    const row = await h.row('admin', 'af-south-1');
    // admin has enabled af-south-1 but not Security Hub there: "not subscribed", one call.
    expect(row).toMatchObject({ state: 'off', error: null });
    const ops = h.emulator
      .requestLog()
      .filter((e) => e.service === 'securityhub' && e.region === 'af-south-1')
      .map((e) => e.operation);
    expect(ops).toEqual(['GetAdministratorAccount']);
  });
});
