/**
 * Bulk accept and decline against the emulator through the real SDK: only the chosen
 * administrator's invitations, once per account-region, per-row results, progress events, the
 * activity log, read-only mode, a signed-out profile and a throttled run.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../contract/api';
import { mapBounded } from '../../../main/core/actions/bulk';
import type { ActivityEntry } from '../../../main/domain/types';
import { appErrorOf, type Harness, startHarness } from '../harness';

let h: Harness;
afterEach(() => h?.close());

const ADMIN = '111111111111';
const progressOf = (events: AppEvent[]) =>
  events.filter((e): e is Extract<AppEvent, { type: 'bulk-progress' }> => e.type === 'bulk-progress');

describe('mapBounded', () => {
  it('runs at most `limit` at a time and keeps the input order', async () => {
    let active = 0;
    let most = 0;
    const out = await mapBounded([5, 1, 4, 2, 3, 0], 2, async (n) => {
      active++;
      most = Math.max(most, active);
      await new Promise((r) => setTimeout(r, n * 3));
      active--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0]);
    expect(most).toBe(2);
    expect(await mapBounded([], 4, async () => 1)).toEqual([]);
  });
});

describe('bulk accept', () => {
  it('accepts only the chosen administrator’s invitations, skips the rest and reports every row', async () => {
    h = await startHarness();
    // A second administrator invites hub-off's account too, so "whatever is pending" would differ.
    await h.backend.handlers['members:create']({
      profile: 'sso-dev',
      region: 'us-east-1',
      accounts: [{ accountId: '666666666666' }],
    });
    await h.backend.handlers['members:invite']({
      profile: 'sso-dev',
      region: 'us-east-1',
      accountIds: ['666666666666'],
    });
    h.emulator.clearLog();
    const result = await h.backend.handlers['bulk:run']({
      action: 'accept',
      administratorId: ADMIN,
      rows: [
        { profile: 'member-pending', region: 'us-east-1' },
        { profile: 'member-pending', region: 'eu-west-1' },
        { profile: 'member-pending', region: 'ap-southeast-2' },
        { profile: 'hub-off', region: 'us-east-1' },
        { profile: 'hub-off', region: 'eu-west-1' },
        { profile: 'sandbox-role', region: 'us-east-1' },
        { profile: 'member-enabled', region: 'us-east-1' },
        { profile: 'sso-signed-out', region: 'us-east-1' },
      ],
    });
    const by = Object.fromEntries(result.results.map((r) => [`${r.profile}/${r.region}`, r]));
    expect(by['member-pending/us-east-1']).toMatchObject({ status: 'done', accountId: '222222222222' });
    expect(by['member-pending/eu-west-1']?.status).toBe('done');
    expect(by['member-pending/ap-southeast-2']).toMatchObject({ status: 'skipped' });
    expect(by['member-pending/ap-southeast-2']?.message).toMatch(/No pending invitation from 111111111111/);
    expect(by['hub-off/us-east-1']?.status).toBe('done');
    expect(by['hub-off/eu-west-1']).toMatchObject({ status: 'refused', error: { kind: 'service-off' } });
    expect(by['hub-off/eu-west-1']?.message).toMatch(/Security Hub is off/);
    // The invitation from the other administrator (888888888888) is left alone.
    expect(by['sandbox-role/us-east-1']).toMatchObject({ status: 'skipped', accountId: '666666666666' });
    expect(by['member-enabled/us-east-1']?.message).toMatch(/Already an Enabled member/);
    expect(by['sso-signed-out/us-east-1']).toMatchObject({ status: 'failed', error: { kind: 'sign-in-needed' } });
    expect(h.operations('AcceptAdministratorInvitation')).toHaveLength(3);
    expect((await h.row('sandbox-role', 'us-east-1')).pendingInvitations.map((i) => i.accountId)).toEqual([
      '888888888888',
    ]);
    expect(result.summary).toMatch(/in 3 of 8 rows; 3 skipped, 1 refused, 1 failed/);

    const progress = progressOf(h.events);
    expect(progress).toHaveLength(8);
    expect(progress.map((e) => e.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(progress.every((e) => e.total === 8 && e.bulkId === result.bulkId)).toBe(true);

    const log: ActivityEntry[] = await h.backend.handlers['activity:list']({ limit: 20 });
    // Some rows answered and some not: partial, with the counts the summary gives.
    expect(log[0]).toMatchObject({
      action: 'bulk-accept',
      target: ADMIN,
      administratorId: ADMIN,
      outcome: 'partial',
      counts: { done: 3, skipped: 3, refused: 1, failed: 1 },
    });
    expect(log[0]?.detail).toBe(result.summary);
    const perRow = log.filter((e) => e.action === 'accept');
    expect(perRow.filter((e) => e.outcome === 'succeeded')).toHaveLength(3);
    expect(perRow.filter((e) => e.outcome === 'refused').map((e) => `${e.profile}/${e.region}`)).toEqual([
      'hub-off/eu-west-1',
    ]);
  }, 60_000);

  it('answers an account-region once when several profiles reach the same account', async () => {
    h = await startHarness();
    // legacy-iam and member-enabled are both account 333333333333: make it have a pending invitation.
    await h.backend.handlers['members:disassociate']({
      profile: 'admin',
      region: 'us-east-1',
      accountIds: ['333333333333'],
    });
    await h.backend.handlers['members:create']({
      profile: 'admin',
      region: 'us-east-1',
      accounts: [{ accountId: '333333333333' }],
    });
    await h.backend.handlers['members:invite']({ profile: 'admin', region: 'us-east-1', accountIds: ['333333333333'] });
    h.emulator.clearLog();
    const result = await h.backend.handlers['bulk:run']({
      action: 'accept',
      administratorId: ADMIN,
      rows: [
        { profile: 'member-enabled', region: 'us-east-1' },
        { profile: 'legacy-iam', region: 'us-east-1' },
      ],
    });
    // Whichever profile's account is known first answers; the other shares its result.
    const answered = result.results.find((r) => r.status === 'done');
    const shared = result.results.find((r) => r.status === 'skipped');
    expect(answered).toMatchObject({ accountId: '333333333333' });
    expect(shared).toMatchObject({ accountId: '333333333333', sharedWith: answered?.profile });
    expect([answered?.profile, shared?.profile].sort()).toEqual(['legacy-iam', 'member-enabled']);
    expect(h.operations('AcceptAdministratorInvitation')).toHaveLength(1);
    expect(h.operations('AcceptInvitation')).toHaveLength(0);
  }, 60_000);

  it('declines only the chosen administrator’s invitations', async () => {
    h = await startHarness();
    const result = await h.backend.handlers['bulk:run']({
      action: 'decline',
      administratorId: ADMIN,
      rows: [
        { profile: 'member-pending', region: 'us-east-1' },
        { profile: 'member-pending', region: 'eu-west-1' },
        { profile: 'member-enabled', region: 'us-east-1' },
      ],
    });
    expect(result.results.map((r) => r.status)).toEqual(['done', 'done', 'skipped']);
    expect(h.operations('DeclineInvitations')).toHaveLength(2);
    expect((await h.row('member-pending', 'us-east-1')).pendingInvitations).toEqual([]);
    const log = await h.backend.handlers['activity:list']({ limit: 1 });
    expect(log[0]).toMatchObject({ action: 'bulk-decline', outcome: 'succeeded' });
  }, 60_000);

  it('refuses the whole run in read-only mode before any AWS call, and logs the refusal', async () => {
    h = await startHarness({ settings: { readOnly: true } });
    h.emulator.clearLog();
    const error = await appErrorOf(
      h.backend.handlers['bulk:run']({
        action: 'accept',
        administratorId: ADMIN,
        rows: [{ profile: 'member-pending', region: 'us-east-1' }],
      }),
    );
    expect(error.kind).toBe('read-only');
    expect(h.emulator.requestLog()).toEqual([]);
    expect((await h.backend.handlers['activity:list']({ limit: 1 }))[0]).toMatchObject({
      action: 'bulk-accept',
      outcome: 'refused',
    });
  }, 60_000);

  it('one throttled region backs off on its own; the other rows finish first and every row completes', async () => {
    h = await startHarness({ settings: { concurrency: 4 } });
    h.emulator.setFaults({ throttleRate: 1, throttleRegions: ['eu-west-1'] });
    setTimeout(() => h.emulator.setFaults({ throttleRate: 0, throttleRegions: [] }), 600);
    const result = await h.backend.handlers['bulk:run']({
      action: 'accept',
      administratorId: ADMIN,
      rows: [
        { profile: 'member-pending', region: 'eu-west-1' },
        { profile: 'member-pending', region: 'us-east-1' },
        { profile: 'hub-off', region: 'us-east-1' },
      ],
    });
    expect(result.results.map((r) => r.status)).toEqual(['done', 'done', 'done']);
    const throttled = h.emulator.requestLog().filter((e) => e.errorCode === 'TooManyRequestsException');
    expect(throttled.length).toBeGreaterThan(0);
    expect(new Set(throttled.map((e) => e.region))).toEqual(new Set(['eu-west-1']));
    // The us-east-1 rows were not held back by eu-west-1's backoff.
    const order = progressOf(h.events).map((e) => `${e.result.profile}/${e.result.region}`);
    expect(order.at(-1)).toBe('member-pending/eu-west-1');
  }, 60_000);
});
