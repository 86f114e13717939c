/**
 * The member's and administrator's actions against published answers: what is sent (once), and
 * what the user is told. The state after a write is the published answer for that state (the
 * accepted invitation is the AWS CLI's list-invitations example itself).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { appErrorOf } from '../core/harness';
import { fixture } from './fixtures';
import { PROFILE, type ReplayHarness, startReplayHarness } from './harness';
import { administratorPlan } from './plans';
import type { Plan } from './server';

let h: ReplayHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const MEMBER: [string, string] = ['123456789012', '123456789111'];
const here = { profile: PROFILE, region: 'us-west-1' };

/** A member (the list-members example's 123456789111) with the CLI example's invitation still Invited. */
const pendingMember: Plan = {
  'sts:GetCallerIdentity': { fixture: fixture('sts-get-caller-identity.api-reference'), replace: [MEMBER] },
  'securityhub:DescribeHub': { fixture: fixture('describe-hub.aws-cli'), replace: [MEMBER] },
  'securityhub:GetAdministratorAccount': { fixture: fixture('get-administrator-account.none') },
  'securityhub:ListInvitations': {
    fixture: fixture('list-invitations.aws-cli'),
    replace: [['"ASSOCIATED"', '"Invited"']],
  },
  'securityhub:GetInvitationsCount': { fixture: fixture('get-invitations-count.aws-cli') },
  'securityhub:ListMembers': { fixture: fixture('list-members.empty') },
};

/** The same member once the invitation is accepted: both examples exactly as published. */
const accepted: Plan = {
  'securityhub:GetAdministratorAccount': { fixture: fixture('get-administrator-account.api-reference-key') },
  'securityhub:ListInvitations': { fixture: fixture('list-invitations.aws-cli') },
};

describe('member actions', () => {
  it('accept sends AcceptAdministratorInvitation once, with the listed ids, and shows the new administrator', async () => {
    h = await startReplayHarness(
      {
        ...pendingMember,
        'securityhub:AcceptAdministratorInvitation': { fixture: fixture('accept-administrator-invitation.aws-cli') },
      },
      {
        afterWrite: { 'securityhub:AcceptAdministratorInvitation': accepted },
      },
    );
    await h.row('us-west-1');
    const outcome = await h.backend.handlers['invitation:accept']({
      ...here,
      administratorId: '123456789012',
      invitationId: '7ab938c5d52d7904ad09f9e7c20cc4eb',
      // The published example's administrator: trusted by the person accepting.
      trustAdministrator: true,
    });
    const sent = h.replay.requests.filter((r) => r.operation === 'securityhub:AcceptAdministratorInvitation');
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]!.body)).toEqual({
      AdministratorId: '123456789012',
      InvitationId: '7ab938c5d52d7904ad09f9e7c20cc4eb',
    });
    expect(outcome.row.administrators[0]).toMatchObject({ accountId: '123456789012', memberStatus: 'ASSOCIATED' });
    expect(outcome.row.pendingInvitations).toEqual([]);
    expect(outcome.message).toMatch(/123456789012/);
  });

  it('decline sends DeclineInvitations once for that administrator', async () => {
    h = await startReplayHarness({
      ...pendingMember,
      'securityhub:DeclineInvitations': { fixture: fixture('decline-invitations.aws-cli') },
    });
    await h.row('us-west-1');
    const outcome = await h.backend.handlers['invitation:decline']({ ...here, administratorId: '123456789012' });
    const sent = h.replay.requests.filter((r) => r.operation === 'securityhub:DeclineInvitations');
    expect(sent.map((r) => JSON.parse(r.body))).toEqual([{ AccountIds: ['123456789012'] }]);
    expect(outcome.message).toMatch(/declin/i);
  });

  it('leave sends DisassociateFromAdministratorAccount once and shows no administrator afterwards', async () => {
    h = await startReplayHarness(
      {
        ...pendingMember,
        ...accepted,
        'securityhub:DisassociateFromAdministratorAccount': {
          fixture: fixture('disassociate-from-administrator-account.aws-cli'),
        },
      },
      {
        afterWrite: {
          'securityhub:DisassociateFromAdministratorAccount': {
            'securityhub:GetAdministratorAccount': { fixture: fixture('get-administrator-account.none') },
            'securityhub:ListInvitations': { fixture: fixture('list-invitations.empty') },
          },
        },
      },
    );
    expect((await h.row('us-west-1')).administrators[0]?.accountId).toBe('123456789012');
    const outcome = await h.backend.handlers['administrator:disassociate'](here);
    expect(h.replay.operations('securityhub:DisassociateFromAdministratorAccount')).toHaveLength(1);
    expect(outcome.usedDeprecated).toBe(false);
    expect(outcome.row.administrators).toEqual([]);
  });

  it('an Organizations member is told only the delegated administrator can remove it (BadRequestException)', async () => {
    h = await startReplayHarness({
      ...pendingMember,
      ...accepted,
      'securityhub:DisassociateFromAdministratorAccount': {
        fixture: fixture('organizations-member-leave.superwerker'),
      },
    });
    await h.row('us-west-1');
    const error = await appErrorOf(h.backend.handlers['administrator:disassociate'](here));
    expect(error).toMatchObject({ kind: 'organizations-managed', awsCode: 'BadRequestException' });
    expect(error.message).not.toMatch(/IAM does not allow/);
    expect(h.replay.operations('securityhub:DisassociateFromAdministratorAccount')).toHaveLength(1);
  });
});

describe('administrator actions', () => {
  it('CreateMembers answered as a real run printed it: one already a member, one beyond the 50-account limit', async () => {
    h = await startReplayHarness(
      administratorPlan({ 'securityhub:CreateMembers': { fixture: fixture('create-members-over-50.asea-814') } }),
    );
    await h.row('us-west-1');
    const outcome = await h.backend.handlers['members:create']({
      ...here,
      accounts: [{ accountId: '954000000001' }, { accountId: '844000000002' }],
    });
    expect(h.replay.operations('securityhub:CreateMembers')).toHaveLength(1);
    expect(outcome.processed).toEqual([]);
    expect(outcome.unprocessed).toEqual([
      {
        accountId: '954000000001',
        reason:
          'The request is rejected because the given account ID is already a member or associated member of the current account.',
      },
      { accountId: '844000000002', reason: 'Maximum number of results exceeded' },
    ]);
    expect(outcome.message).toMatch(/2/);
  });
});
