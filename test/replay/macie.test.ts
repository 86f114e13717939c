/**
 * Macie rows and actions as the app reads and sends them when AWS answers exactly as its published
 * answers show (fixtures/ names each source: the API reference's response bodies, the AWS CLI's
 * enable-macie example, and errors quoted from real runs): a pending invitation, an administrator,
 * members (one paused, one associated through Organizations), Macie paused, Macie off ("Macie is not
 * enabled.", 401) after one call, and each write sent once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { appErrorOf } from '../core/harness';
import { fixture } from './fixtures';
import { PROFILE, type ReplayHarness, startReplayHarness } from './harness';
import { FRAMINGS, type Plan } from './server';

let h: ReplayHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const here = { service: 'macie', profile: PROFILE, region: 'us-west-1' } as const;
const ADMIN = '011122233344';
const INVITATION = 'b6c9e81cc0c310b3484111032b0f3e32';
const sts = { 'sts:GetCallerIdentity': { fixture: fixture('sts-get-caller-identity.api-reference') } };

/** A member account with Macie on, the published invitation waiting, no administrator yet. */
const memberPlan = (overrides: Plan = {}): Plan => ({
  ...sts,
  'macie2:GetMacieSession': { fixture: fixture('macie-get-macie-session.api-reference') },
  'macie2:GetAdministratorAccount': { fixture: fixture('macie-get-administrator-account.none') },
  'macie2:ListInvitations': { fixture: fixture('macie-list-invitations.api-reference') },
  'macie2:ListMembers': { fixture: fixture('macie-list-members.empty') },
  ...overrides,
});

describe('a Macie member account, as the published answers show it', () => {
  it('reads the invitation as pending and no administrator', async () => {
    h = await startReplayHarness(memberPlan());
    const row = await h.row('us-west-1', 'macie');
    expect(row).toMatchObject({ service: 'macie', state: 'on', error: null, partialErrors: [], administrators: [] });
    expect(row.pendingInvitations).toEqual([
      { accountId: ADMIN, invitationId: INVITATION, invitedAt: '2024-12-16T09:10:11.000Z', memberStatus: 'Invited' },
    ]);
    expect(h.replay.operations('macie2:').sort()).toEqual([
      'macie2:GetAdministratorAccount',
      'macie2:GetMacieSession',
      'macie2:ListInvitations',
      'macie2:ListMembers',
    ]);
  });

  it('says Macie is paused, and reads the administrator and the members with their statuses as sent', async () => {
    h = await startReplayHarness(
      memberPlan({
        'macie2:GetMacieSession': { fixture: fixture('macie-get-macie-session.paused') },
        'macie2:GetAdministratorAccount': { fixture: fixture('macie-get-administrator-account.api-reference') },
        'macie2:ListMembers': { fixture: fixture('macie-list-members.api-reference') },
      }),
    );
    const row = await h.row('us-west-1', 'macie');
    expect(row.notes.join(' ')).toContain('Macie is paused in us-west-1');
    expect(row.administrators).toEqual([expect.objectContaining({ accountId: ADMIN, memberStatus: 'Enabled' })]);
    // The accepted invitation is the current relationship's: not pending.
    expect(row.pendingInvitations).toEqual([]);
    expect(row.members?.map((m) => [m.accountId, m.memberStatus, m.joinedBy])).toEqual([
      ['444455556666', 'Enabled', 'invitation'],
      ['777788889999', 'Paused', 'organizations'],
      ['111100002222', 'Created', null],
    ]);
  });
});

describe.each(FRAMINGS)('Macie off, framed as %s', (framing) => {
  it('is one call answered "Macie is not enabled." (401): the row is off, not an error', async () => {
    h = await startReplayHarness({ ...sts, 'macie2:*': { fixture: fixture('macie-not-enabled.mql-5988'), framing } });
    const row = await h.row('us-west-1', 'macie');
    expect(row).toMatchObject({ state: 'off', error: null, partialErrors: [], pendingInvitations: [] });
    expect(h.replay.operations('macie2:')).toEqual(['macie2:GetMacieSession']);
  });
});

describe('Macie actions against published answers', () => {
  it('accept sends AcceptInvitation once with the listed invitation and its administrator', async () => {
    h = await startReplayHarness(
      memberPlan({ 'macie2:AcceptInvitation': { fixture: fixture('macie-accept-invitation.api-reference') } }),
      {
        afterWrite: {
          'macie2:AcceptInvitation': {
            'macie2:GetAdministratorAccount': { fixture: fixture('macie-get-administrator-account.api-reference') },
          },
        },
      },
    );
    await h.row('us-west-1', 'macie');
    const outcome = await h.backend.handlers['invitation:accept']({
      ...here,
      administratorId: ADMIN,
      trustAdministrator: true,
    });
    const sent = h.replay.requests.filter((r) => r.operation === 'macie2:AcceptInvitation');
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]?.body ?? '{}')).toEqual({ administratorAccountId: ADMIN, invitationId: INVITATION });
    expect(outcome.row.administrators).toEqual([
      expect.objectContaining({ accountId: ADMIN, memberStatus: 'Enabled' }),
    ]);
  });

  it('a ValidationException for an invitation no longer pending is told as AWS said it, and not sent again', async () => {
    h = await startReplayHarness(
      memberPlan({ 'macie2:AcceptInvitation': { fixture: fixture('macie-accept-no-pending.tf-40587') } }),
    );
    const error = await appErrorOf(
      h.backend.handlers['invitation:accept']({ ...here, administratorId: ADMIN, trustAdministrator: true }),
    );
    expect(error.kind).toBe('invalid-input');
    expect(error.message).toContain('has no pending invitation from the given master account ID');
    expect(h.replay.operations('macie2:AcceptInvitation')).toHaveLength(1);
  });

  it('decline and leave send one call each', async () => {
    h = await startReplayHarness(
      memberPlan({
        'macie2:DeclineInvitations': { fixture: fixture('macie-decline-invitations.api-reference') },
        'macie2:DisassociateFromAdministratorAccount': {
          fixture: fixture('macie-disassociate-from-administrator-account.api-reference'),
        },
      }),
    );
    await h.backend.handlers['invitation:decline']({ ...here, administratorId: ADMIN });
    expect(h.replay.operations('macie2:DeclineInvitations')).toHaveLength(1);
    await h.close();
    h = await startReplayHarness(
      memberPlan({
        'macie2:GetAdministratorAccount': { fixture: fixture('macie-get-administrator-account.api-reference') },
        'macie2:DisassociateFromAdministratorAccount': {
          fixture: fixture('macie-disassociate-from-administrator-account.api-reference'),
        },
      }),
    );
    await h.backend.handlers['administrator:disassociate'](here);
    expect(h.replay.operations('macie2:DisassociateFromAdministratorAccount')).toHaveLength(1);
  });

  it('turns Macie on with the AWS CLI example’s answer', async () => {
    h = await startReplayHarness(
      memberPlan({ 'macie2:EnableMacie': { fixture: fixture('macie-enable-macie.aws-cli') } }),
    );
    const on = await h.backend.handlers['service:enable']({ ...here, enableDefaultStandards: false });
    expect(on.message).toContain('Macie is now on in us-west-1');
    expect(h.replay.operations('macie2:EnableMacie')).toHaveLength(1);
  });

  it('the administrator’s writes: CreateMember, CreateInvitations (one unprocessed), DisassociateMember, DeleteMember', async () => {
    h = await startReplayHarness(
      memberPlan({
        'macie2:ListMembers': { fixture: fixture('macie-list-members.api-reference') },
        'macie2:GetMember': { fixture: fixture('macie-get-member.api-reference') },
        'macie2:CreateMember': { fixture: fixture('macie-create-member.api-reference') },
        'macie2:CreateInvitations': { fixture: fixture('macie-create-invitations.api-reference') },
        'macie2:DisassociateMember': { fixture: fixture('macie-disassociate-member.api-reference') },
        'macie2:DeleteMember': { fixture: fixture('macie-delete-member.api-reference') },
      }),
    );
    const created = await h.backend.handlers['members:create']({
      ...here,
      accounts: [{ accountId: '444455556666', email: 'member@example.com' }],
    });
    expect(created.processed).toEqual(['444455556666']);
    const sent = h.replay.requests.filter((r) => r.operation === 'macie2:CreateMember');
    expect(JSON.parse(sent[0]?.body ?? '{}')).toEqual({
      account: { accountId: '444455556666', email: 'member@example.com' },
    });
    const invited = await h.backend.handlers['members:invite']({
      ...here,
      accountIds: ['444455556666', '777788889999'],
    });
    expect(invited.unprocessed).toEqual([
      { accountId: '777788889999', reason: 'The account is already associated with another administrator account.' },
    ]);
    await h.backend.handlers['members:disassociate']({ ...here, accountIds: ['444455556666'] });
    await h.backend.handlers['members:delete']({ ...here, accountIds: ['444455556666'] });
    expect(h.replay.operations('macie2:DisassociateMember')).toHaveLength(1);
    expect(h.replay.operations('macie2:DeleteMember')).toHaveLength(1);
    // One account a call, named in the path.
    expect(h.replay.requests.find((r) => r.operation === 'macie2:DeleteMember')?.path).toBe('/members/444455556666');
  });
});
