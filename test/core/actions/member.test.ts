/**
 * Member-side actions against the emulator: the state changes, the refusals AWS would give are
 * given first, identical actions are joined, read-only mode sends nothing, everything is logged.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { appErrorOf, type Harness, startHarness } from '../harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function pendingFrom(harness: Harness, profile: string, region: string) {
  const row = await harness.row(profile, region);
  const invitation = row.pendingInvitations.find((i) => i.accountId === '111111111111');
  if (!invitation) throw new Error(`no pending invitation for ${profile} in ${region}`);
  return invitation;
}

describe('accept', () => {
  it('accepts once even when asked twice at the same time, and returns the re-read row', async () => {
    h = await startHarness();
    const invitation = await pendingFrom(h, 'member-pending', 'us-east-1');
    h.emulator.clearLog();
    const request = {
      profile: 'member-pending',
      region: 'us-east-1',
      administratorId: '111111111111',
      invitationId: invitation.invitationId,
    };
    const [a, b] = await Promise.all([
      h.backend.handlers['invitation:accept'](request),
      h.backend.handlers['invitation:accept'](request),
    ]);
    expect(h.operations('AcceptAdministratorInvitation')).toHaveLength(1);
    expect(a).toEqual(b);
    expect(a.usedDeprecated).toBe(false);
    expect(a.message).toMatch(/Accepted the invitation from 111111111111/);
    expect(a.row.administrators[0]).toMatchObject({ accountId: '111111111111', memberStatus: 'Enabled' });
    expect(a.row.pendingInvitations).toEqual([]);
    expect(a.requestId).toBeTruthy();

    // The administrator now sees the member Enabled.
    const admin = await h.row('admin', 'us-east-1');
    expect(admin.members?.find((m) => m.accountId === '222222222222')?.memberStatus).toBe('Enabled');

    const log = await h.backend.handlers['activity:list'](undefined);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      action: 'accept',
      outcome: 'succeeded',
      profile: 'member-pending',
      accountId: '222222222222',
      region: 'us-east-1',
      target: '111111111111',
      source: 'app',
    });
    expect(log[0]?.requestId).toBe(a.requestId);

    // A second accept, now that the relationship is Enabled, is refused before AWS is asked.
    h.emulator.clearLog();
    const again = await appErrorOf(h.backend.handlers['invitation:accept'](request));
    expect(again.kind).toBe('refused');
    expect(h.operations('AcceptAdministratorInvitation')).toHaveLength(0);
  });

  it('refuses to accept where Security Hub is off and suggests turning it on', async () => {
    h = await startHarness();
    h.emulator.clearLog();
    const error = await appErrorOf(
      h.backend.handlers['invitation:accept']({
        profile: 'hub-off',
        region: 'eu-west-1',
        administratorId: '111111111111',
        invitationId: 'whatever-id',
      }),
    );
    expect(error.kind).toBe('refused');
    expect(error.message).toMatch(/Security Hub is off in eu-west-1/);
    expect(error.remediation).toMatch(/Enable Security Hub CSPM/);
    expect(error.awsCode).toBe('InvalidAccessException');
    expect(h.operations('AcceptAdministratorInvitation')).toHaveLength(0);
    const log = await h.backend.handlers['activity:list'](undefined);
    expect(log[0]).toMatchObject({ action: 'accept', outcome: 'refused', profile: 'hub-off' });
  });

  it('refuses an invitation that is no longer pending', async () => {
    h = await startHarness();
    const error = await appErrorOf(
      h.backend.handlers['invitation:accept']({
        profile: 'member-pending',
        region: 'us-east-1',
        administratorId: '111111111111',
        invitationId: 'not-the-current-invitation',
      }),
    );
    expect(error.kind).toBe('refused');
    expect(error.message).toMatch(/no longer pending/);
  });

  it('refuses to accept while another administrator is Enabled', async () => {
    h = await startHarness();
    const error = await appErrorOf(
      h.backend.handlers['invitation:accept']({
        profile: 'member-enabled',
        region: 'us-east-1',
        administratorId: '222222222222',
        invitationId: 'x',
        // Trusted, so the refusal is about the relationship.
        trustAdministrator: true,
      }),
    );
    expect(error.kind).toBe('refused');
    expect(error.message).toMatch(/already has an administrator/);
    expect(error.remediation).toMatch(/Disassociate from 111111111111/);
  });

  it('uses the deprecated AcceptInvitation when IAM denies the new operation, and says so', async () => {
    h = await startHarness();
    // legacy-iam is account 333333333333: disassociate it first (with the deprecated operation too).
    const left = await h.backend.handlers['administrator:disassociate']({ profile: 'legacy-iam', region: 'us-east-1' });
    expect(left.usedDeprecated).toBe(true);
    expect(left.message).toMatch(/DisassociateFromMasterAccount/);
    expect(left.row.administrators).toEqual([]);
    // The administrator invites it again.
    await h.backend.handlers['members:invite']({ profile: 'admin', region: 'us-east-1', accountIds: ['333333333333'] });
    const invitation = await pendingFrom(h, 'legacy-iam', 'us-east-1');
    h.emulator.clearLog();
    const outcome = await h.backend.handlers['invitation:accept']({
      profile: 'legacy-iam',
      region: 'us-east-1',
      administratorId: '111111111111',
      invitationId: invitation.invitationId,
    });
    expect(h.operations().filter((op) => op.startsWith('Accept'))).toEqual([
      'AcceptAdministratorInvitation',
      'AcceptInvitation',
    ]);
    expect(outcome.usedDeprecated).toBe(true);
    expect(outcome.message).toMatch(/deprecated AcceptInvitation/);
    expect(outcome.row.administrators[0]?.memberStatus).toBe('Enabled');
  });
});

describe('decline', () => {
  it('declines with the inviting administrator id and the administrator sees Resigned', async () => {
    h = await startHarness();
    h.emulator.clearLog();
    const outcome = await h.backend.handlers['invitation:decline']({
      profile: 'member-pending',
      region: 'eu-west-1',
      administratorId: '111111111111',
    });
    expect(h.operations('DeclineInvitations')).toHaveLength(1);
    expect(outcome.row.pendingInvitations).toEqual([]);
    expect(outcome.message).toMatch(/Declined/);
    const admin = await h.row('admin', 'eu-west-1');
    expect(admin.members?.[0]).toMatchObject({ accountId: '222222222222', memberStatus: 'Resigned' });
    // us-east-1 is untouched: invitations are regional.
    expect((await h.row('member-pending', 'us-east-1')).pendingInvitations).toHaveLength(1);
  });

  it('refuses to decline an invitation that does not exist', async () => {
    h = await startHarness();
    const error = await appErrorOf(
      h.backend.handlers['invitation:decline']({
        profile: 'member-pending',
        region: 'ap-southeast-2',
        administratorId: '111111111111',
      }),
    );
    expect(error.kind).toBe('refused');
  });

  it('says before trying that AWS takes a decline only where Security Hub is on', async () => {
    h = await startHarness();
    h.emulator.clearLog();
    const error = await appErrorOf(
      h.backend.handlers['invitation:decline']({
        profile: 'hub-off',
        region: 'eu-west-1',
        administratorId: '111111111111',
      }),
    );
    expect(error).toMatchObject({ kind: 'refused', awsCode: 'InvalidAccessException' });
    expect(error.message).toMatch(/takes a decline only where it is on/);
    expect(h.operations('DeclineInvitations')).toEqual([]);
  });
});

describe('disassociate', () => {
  it('leaves the administrator', async () => {
    h = await startHarness();
    const outcome = await h.backend.handlers['administrator:disassociate']({
      profile: 'member-enabled',
      region: 'us-east-1',
    });
    expect(outcome.usedDeprecated).toBe(false);
    expect(outcome.row.administrators).toEqual([]);
    const admin = await h.row('admin', 'us-east-1');
    expect(admin.members?.find((m) => m.accountId === '333333333333')?.memberStatus).toBe('Resigned');
  });

  it('explains that an Organizations member can only be removed by its delegated administrator', async () => {
    h = await startHarness();
    const error = await appErrorOf(
      h.backend.handlers['administrator:disassociate']({ profile: 'org-member', region: 'us-east-1' }),
    );
    expect(error.kind).toBe('organizations-managed');
    expect(error.message).toMatch(/AWS Organizations/);
    expect(error.remediation).toMatch(/delegated administrator 111111111111/);
    const log = await h.backend.handlers['activity:list'](undefined);
    // AWS's rule refused it (nothing changed, retrying changes nothing): logged as refused, as bulk rows are.
    expect(log[0]).toMatchObject({ action: 'disassociate', outcome: 'refused', profile: 'org-member' });
    expect((await h.row('org-member', 'us-east-1')).administrators[0]?.accountId).toBe('111111111111');
  });

  it('leaves only the administrator named, and refuses one the account does not have, before any write', async () => {
    h = await startHarness();
    h.emulator.clearLog();
    const error = await appErrorOf(
      h.backend.handlers['administrator:disassociate']({
        profile: 'member-enabled',
        region: 'us-east-1',
        administratorId: '999999999999',
      }),
    );
    expect(error.kind).toBe('refused');
    expect(error.message).toBe(
      '999999999999 is not the administrator of account 333333333333 in us-east-1; 111111111111 is.',
    );
    expect(h.operations('DisassociateFromAdministratorAccount')).toEqual([]);
    const outcome = await h.backend.handlers['administrator:disassociate']({
      profile: 'member-enabled',
      region: 'us-east-1',
      administratorId: '111111111111',
    });
    expect(outcome.row.administrators).toEqual([]);
  });

  it('refuses when there is no administrator', async () => {
    h = await startHarness();
    const error = await appErrorOf(
      h.backend.handlers['administrator:disassociate']({ profile: 'member-pending', region: 'us-east-1' }),
    );
    expect(error.kind).toBe('refused');
  });
});

describe('read-only mode', () => {
  it('refuses every action before any AWS call and logs the refusal', async () => {
    h = await startHarness({ settings: { readOnly: true } });
    h.emulator.clearLog();
    const row = { profile: 'member-pending', region: 'us-east-1' };
    const errors = await Promise.all([
      appErrorOf(
        h.backend.handlers['invitation:accept']({ ...row, administratorId: '111111111111', invitationId: 'x' }),
      ),
      appErrorOf(h.backend.handlers['invitation:decline']({ ...row, administratorId: '111111111111' })),
      appErrorOf(h.backend.handlers['administrator:disassociate'](row)),
      appErrorOf(
        h.backend.handlers['members:invite']({ profile: 'admin', region: 'us-east-1', accountIds: ['999999999999'] }),
      ),
      appErrorOf(
        h.backend.handlers['service:enable']({
          profile: 'hub-off',
          region: 'eu-west-1',
          enableDefaultStandards: false,
        }),
      ),
    ]);
    expect(errors.map((e) => e.kind)).toEqual(['read-only', 'read-only', 'read-only', 'read-only', 'read-only']);
    expect(h.emulator.requestLog()).toEqual([]);
    const log = await h.backend.handlers['activity:list'](undefined);
    expect(log).toHaveLength(5);
    expect(log.every((e) => e.outcome === 'refused')).toBe(true);
  });
});
