/**
 * What one answer to an invitation costs in AWS calls, counted from the emulator's request log, for
 * the three ways a person answers: a click in the window (its rows already read), one row of a bulk
 * answer, and the command line's `accept` without an invitation id (a new process: nothing known).
 * Every request counts, STS included. One read, one decision: the member side is read once (two
 * calls, one round trip), the write is sent once, and the part it changes is read again (one call).
 * Before these rules an accept cost 8, 10 and 12 calls.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { demoScenario } from '../../emulator/test-kit';
import { runCliInProcess } from '../../helpers/cli-process';
import { callsOf } from '../../helpers/request-counts';
import { type Harness, startHarness } from '../harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const ADMIN = '111111111111';

describe('calls per action', () => {
  it('a click on Accept, after the window has read its rows', async () => {
    h = await startHarness();
    const harness = h;
    await harness.refreshAll();
    const row = await harness.row('member-pending', 'us-east-1');
    const invitation = row.pendingInvitations.find((i) => i.accountId === ADMIN);
    if (!invitation) throw new Error('the demo has a pending invitation here');
    const calls = await callsOf(harness.emulator, () =>
      harness.backend.handlers['invitation:accept']({
        profile: 'member-pending',
        region: 'us-east-1',
        administratorId: ADMIN,
        invitationId: invitation.invitationId,
      }),
    );
    // The identity a refresh confirmed is not asked again, nor is Security Hub's state (DescribeHub).
    expect(calls.byOperation).toEqual({
      GetAdministratorAccount: 2,
      ListInvitations: 1,
      AcceptAdministratorInvitation: 1,
    });
    expect(calls.total).toBe(4);
  });

  it('one row of a bulk accept', async () => {
    h = await startHarness();
    const harness = h;
    await harness.refreshAll();
    const calls = await callsOf(harness.emulator, () =>
      harness.backend.handlers['bulk:run']({
        action: 'accept',
        administratorId: ADMIN,
        rows: [
          { profile: 'member-pending', region: 'us-east-1' },
          { profile: 'member-pending', region: 'eu-west-1' },
        ],
      }),
    );
    // The bulk run hands each row's read to its accept: no second read before the write.
    expect(calls.byOperation).toEqual({
      GetAdministratorAccount: 4,
      ListInvitations: 2,
      AcceptAdministratorInvitation: 2,
    });
    expect(calls.total / 2).toBe(4);
  });

  it('the command line’s accept without an invitation id', async () => {
    h = await startHarness();
    const harness = h;
    const calls = await callsOf(harness.emulator, async () => {
      const result = await runCliInProcess(
        [
          'accept',
          '--profile',
          'member-pending',
          '--region',
          'us-east-1',
          '--administrator',
          ADMIN,
          '--settings-dir',
          harness.settingsDir,
          '--json',
        ],
        harness.env,
        harness.dir,
      );
      expect(result.code, result.stderr).toBe(0);
    });
    // A new process knows nobody: one STS call; then the accept's own read finds the invitation.
    expect(calls.byOperation).toEqual({
      GetCallerIdentity: 1,
      GetAdministratorAccount: 2,
      ListInvitations: 1,
      AcceptAdministratorInvitation: 1,
    });
    expect(calls.total).toBe(5);
  });
});

describe('calls per action, GuardDuty', () => {
  // GuardDuty's member calls name the account's detector: a refresh that read it keeps it
  // (main/core/services/guardduty/detectors.ts), so an answer after one asks ListDetectors nothing.
  const where = { service: 'guardduty', profile: 'member-pending', region: 'us-east-1' } as const;

  it('a click on Accept, after the window has read its rows', async () => {
    h = await startHarness({ settings: { serviceMode: 'all' } });
    const harness = h;
    await harness.refreshAll();
    const calls = await callsOf(harness.emulator, () =>
      harness.backend.handlers['invitation:accept']({ ...where, administratorId: ADMIN }),
    );
    expect(calls.byOperation).toEqual({
      GetAdministratorAccount: 2,
      ListInvitations: 1,
      AcceptAdministratorInvitation: 1,
    });
    expect(calls.total).toBe(4);
  });

  it('a click on Accept that turns GuardDuty on first (no detector in the region)', async () => {
    h = await startHarness({ settings: { serviceMode: 'all' } });
    const harness = h;
    await harness.refreshAll();
    const calls = await callsOf(harness.emulator, () =>
      harness.backend.handlers['invitation:accept']({
        ...where,
        region: 'eu-west-1',
        administratorId: ADMIN,
        turnOn: true,
      }),
    );
    // No detector: no administrator to read before; the detector just made is the one read after.
    expect(calls.byOperation).toEqual({
      ListDetectors: 1,
      ListInvitations: 1,
      CreateDetector: 1,
      AcceptAdministratorInvitation: 1,
      GetAdministratorAccount: 1,
    });
    expect(calls.total).toBe(5);
  });

  it('one row of a bulk accept', async () => {
    h = await startHarness({ settings: { serviceMode: 'all' } });
    const harness = h;
    await harness.refreshAll();
    const calls = await callsOf(harness.emulator, () =>
      harness.backend.handlers['bulk:run']({
        action: 'accept',
        administratorId: ADMIN,
        rows: [
          { ...where, profile: 'member-pending' },
          { ...where, profile: 'hub-off' },
        ],
      }),
    );
    expect(calls.byOperation).toEqual({
      GetAdministratorAccount: 4,
      ListInvitations: 2,
      AcceptAdministratorInvitation: 2,
    });
    expect(calls.total / 2).toBe(4);
  });

  it('the command line’s accept without an invitation id', async () => {
    h = await startHarness({ settings: { serviceMode: 'all' } });
    const harness = h;
    const calls = await callsOf(harness.emulator, async () => {
      const result = await runCliInProcess(
        [
          'accept',
          '--service',
          'guardduty',
          '--profile',
          'member-pending',
          '--region',
          'us-east-1',
          '--administrator',
          ADMIN,
          '--settings-dir',
          harness.settingsDir,
          '--json',
        ],
        harness.env,
        harness.dir,
      );
      expect(result.code, result.stderr).toBe(0);
    });
    // A new process knows no detector: one ListDetectors more than Security Hub CSPM's five.
    expect(calls.byOperation).toEqual({
      GetCallerIdentity: 1,
      ListDetectors: 1,
      GetAdministratorAccount: 2,
      ListInvitations: 1,
      AcceptAdministratorInvitation: 1,
    });
    expect(calls.total).toBe(6);
  });
});

describe('calls per action, Detective', () => {
  // One ListInvitations is the whole member side (memberships and invitations by graph ARN): read
  // once before the write and once after it.
  const where = { service: 'detective', profile: 'member-pending', region: 'us-east-1' } as const;

  it('a click on Accept, after the window has read its rows', async () => {
    h = await startHarness({ settings: { serviceMode: 'all' } });
    const harness = h;
    await harness.refreshAll();
    const row = await harness.row('member-pending', 'us-east-1', 'detective');
    const invitation = row.pendingInvitations.find((i) => i.accountId === ADMIN);
    if (!invitation) throw new Error('the demo has a pending Detective invitation here');
    const calls = await callsOf(harness.emulator, () =>
      harness.backend.handlers['invitation:accept']({
        ...where,
        administratorId: ADMIN,
        invitationId: invitation.invitationId,
      }),
    );
    expect(calls.byOperation).toEqual({ ListInvitations: 2, AcceptInvitation: 1 });
    expect(calls.total).toBe(3);
  });

  it('one row of a bulk accept', async () => {
    h = await startHarness({ settings: { serviceMode: 'all' } });
    const harness = h;
    await harness.refreshAll();
    const calls = await callsOf(harness.emulator, () =>
      harness.backend.handlers['bulk:run']({
        action: 'accept',
        administratorId: ADMIN,
        rows: [where, { ...where, region: 'eu-west-1' }],
      }),
    );
    expect(calls.byOperation).toEqual({ ListInvitations: 4, AcceptInvitation: 2 });
    expect(calls.total / 2).toBe(3);
  });

  it('the command line’s accept without a graph ARN', async () => {
    h = await startHarness({ settings: { serviceMode: 'all' } });
    const harness = h;
    const calls = await callsOf(harness.emulator, async () => {
      const result = await runCliInProcess(
        [
          'accept',
          '--service',
          'detective',
          '--profile',
          'member-pending',
          '--region',
          'us-east-1',
          '--administrator',
          ADMIN,
          '--settings-dir',
          harness.settingsDir,
          '--json',
        ],
        harness.env,
        harness.dir,
      );
      expect(result.code, result.stderr).toBe(0);
    });
    expect(calls.byOperation).toEqual({ GetCallerIdentity: 1, ListInvitations: 2, AcceptInvitation: 1 });
    expect(calls.total).toBe(4);
  });
});

describe('the row after a member-side answer', () => {
  it('keeps what the write cannot change (an administrator’s members) without reading it again', async () => {
    h = await startHarness();
    const harness = h;
    // 666666666666 (sandbox-role, outside the demo's organization) invites the administrator
    // 111111111111 (admin) in us-east-1.
    await harness.backend.handlers['members:create']({
      profile: 'sandbox-role',
      region: 'us-east-1',
      accounts: [{ accountId: '111111111111' }],
    });
    await harness.backend.handlers['members:invite']({
      profile: 'sandbox-role',
      region: 'us-east-1',
      accountIds: ['111111111111'],
    });
    const before = await harness.row('admin', 'us-east-1');
    expect(before.pendingInvitations.map((i) => i.accountId)).toEqual(['666666666666']);
    expect(before.members).toHaveLength(5);
    let outcome: Awaited<ReturnType<(typeof harness.backend.handlers)['invitation:decline']>> | undefined;
    const calls = await callsOf(harness.emulator, async () => {
      outcome = await harness.backend.handlers['invitation:decline']({
        profile: 'admin',
        region: 'us-east-1',
        administratorId: '666666666666',
      });
    });
    expect(calls.byOperation).toEqual({ GetAdministratorAccount: 1, ListInvitations: 2, DeclineInvitations: 1 });
    expect(outcome?.row.pendingInvitations).toEqual([]);
    expect(outcome?.row.members?.map((m) => m.accountId).sort()).toEqual(
      before.members?.map((m) => m.accountId).sort(),
    );
    // What a refresh reads now is what the answer showed.
    const after = await harness.row('admin', 'us-east-1');
    expect(after.pendingInvitations).toEqual(outcome?.row.pendingInvitations);
    expect(after.members?.length).toBe(outcome?.row.members?.length);
  });
});

describe('calls per action, Macie', () => {
  const where = { service: 'macie', profile: 'member-pending', region: 'us-east-1' } as const;

  it('a click on Accept, after the window has read its rows', async () => {
    h = await startHarness({ settings: { serviceMode: 'all' } });
    const harness = h;
    await harness.refreshAll();
    const calls = await callsOf(harness.emulator, () =>
      harness.backend.handlers['invitation:accept']({ ...where, administratorId: ADMIN }),
    );
    expect(calls.byOperation).toEqual({ GetAdministratorAccount: 2, ListInvitations: 1, AcceptInvitation: 1 });
    expect(calls.total).toBe(4);
  });

  it('a click on Accept that turns Macie on first (its invitations answering while it is off)', async () => {
    h = await startHarness({ settings: { serviceMode: 'all' } });
    const harness = h;
    const scenario = demoScenario();
    scenario.macie.invitationsWhileOff = true;
    scenario.macie.administrators.push({
      accountId: ADMIN,
      region: 'eu-west-1',
      members: [
        { accountId: '222222222222', email: 'pending@example.com', status: 'Invited', viaOrganizations: false },
      ],
    });
    harness.emulator.loadScenario(scenario);
    await harness.refreshAll();
    const calls = await callsOf(harness.emulator, () =>
      harness.backend.handlers['invitation:accept']({
        ...where,
        region: 'eu-west-1',
        administratorId: ADMIN,
        turnOn: true,
      }),
    );
    // The administrator read before answers "Macie is not enabled."; the one after finds it on.
    expect(calls.byOperation).toEqual({
      GetAdministratorAccount: 2,
      ListInvitations: 1,
      EnableMacie: 1,
      AcceptInvitation: 1,
    });
    expect(calls.total).toBe(5);
  });

  it('one row of a bulk accept', async () => {
    h = await startHarness({ settings: { serviceMode: 'all' } });
    const harness = h;
    await harness.refreshAll();
    const calls = await callsOf(harness.emulator, () =>
      harness.backend.handlers['bulk:run']({
        action: 'accept',
        administratorId: ADMIN,
        rows: [
          { ...where, profile: 'member-pending' },
          { ...where, profile: 'hub-off' },
        ],
      }),
    );
    expect(calls.byOperation).toEqual({ GetAdministratorAccount: 4, ListInvitations: 2, AcceptInvitation: 2 });
    expect(calls.total / 2).toBe(4);
  });

  it('the command line’s accept without an invitation id', async () => {
    h = await startHarness({ settings: { serviceMode: 'all' } });
    const harness = h;
    const calls = await callsOf(harness.emulator, async () => {
      const result = await runCliInProcess(
        [
          'accept',
          '--service',
          'macie',
          '--profile',
          'member-pending',
          '--region',
          'us-east-1',
          '--administrator',
          ADMIN,
          '--settings-dir',
          harness.settingsDir,
          '--json',
        ],
        harness.env,
        harness.dir,
      );
      expect(result.code, result.stderr).toBe(0);
    });
    expect(calls.byOperation).toEqual({
      GetCallerIdentity: 1,
      GetAdministratorAccount: 2,
      ListInvitations: 1,
      AcceptInvitation: 1,
    });
    expect(calls.total).toBe(5);
  });
});
