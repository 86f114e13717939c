/**
 * Where IAM allows only the deprecated operations (policies written before 2021 name
 * securityhub:AcceptInvitation, GetMasterAccount, DisassociateFromMasterAccount), the app falls back
 * to them. The denial is the one a real run quoted; the deprecated answers are the AWS CLI's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from './fixtures';
import { PROFILE, type ReplayHarness, startReplayHarness } from './harness';
import type { Plan, Reply } from './server';

let h: ReplayHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const MEMBER: [string, string] = ['123456789012', '123456789111'];
const here = { profile: PROFILE, region: 'us-west-1' };

/** The quoted denial, naming `action`, for the member account. */
const denied = (action: string): Reply => ({
  fixture: fixture('access-denied.kube-bench-1294'),
  replace: [['securityhub:BatchImportFindings', `securityhub:${action}`], MEMBER],
});

const member = (overrides: Plan): Plan => ({
  'sts:GetCallerIdentity': { fixture: fixture('sts-get-caller-identity.api-reference'), replace: [MEMBER] },
  'securityhub:DescribeHub': { fixture: fixture('describe-hub.aws-cli'), replace: [MEMBER] },
  'securityhub:GetAdministratorAccount': denied('GetAdministratorAccount'),
  'securityhub:GetMasterAccount': { fixture: fixture('get-master-account.aws-cli') },
  'securityhub:ListInvitations': { fixture: fixture('list-invitations.aws-cli') },
  'securityhub:GetInvitationsCount': { fixture: fixture('get-invitations-count.aws-cli') },
  'securityhub:ListMembers': { fixture: fixture('list-members.empty') },
  ...overrides,
});

describe('deprecated operations where IAM allows only them', () => {
  it('reads the administrator with GetMasterAccount and says so', async () => {
    h = await startReplayHarness(member({}));
    const row = await h.row('us-west-1');
    expect(row.administrators[0]).toMatchObject({ accountId: '123456789012', memberStatus: 'ASSOCIATED' });
    expect(row.partialErrors).toEqual([]);
    expect(row.notes.join(' ')).toMatch(/GetMasterAccount/);
  });

  it('leaves with DisassociateFromMasterAccount, sending each operation once', async () => {
    h = await startReplayHarness(
      member({
        'securityhub:DisassociateFromAdministratorAccount': denied('DisassociateFromAdministratorAccount'),
        'securityhub:DisassociateFromMasterAccount': { fixture: fixture('disassociate-from-master-account.aws-cli') },
      }),
      {
        afterWrite: {
          'securityhub:DisassociateFromMasterAccount': {
            'securityhub:GetMasterAccount': { fixture: fixture('get-administrator-account.none') },
          },
        },
      },
    );
    await h.row('us-west-1');
    const outcome = await h.backend.handlers['administrator:disassociate'](here);
    expect(outcome.usedDeprecated).toBe(true);
    expect(h.replay.operations('securityhub:Disassociate')).toEqual([
      'securityhub:DisassociateFromAdministratorAccount',
      'securityhub:DisassociateFromMasterAccount',
    ]);
  });

  it('accepts with AcceptInvitation (MasterId), sending each operation once', async () => {
    h = await startReplayHarness(
      member({
        'securityhub:GetAdministratorAccount': { fixture: fixture('get-administrator-account.none') },
        'securityhub:ListInvitations': {
          fixture: fixture('list-invitations.aws-cli'),
          replace: [['"ASSOCIATED"', '"Invited"']],
        },
        'securityhub:AcceptAdministratorInvitation': denied('AcceptAdministratorInvitation'),
        'securityhub:AcceptInvitation': { fixture: fixture('accept-invitation.aws-cli') },
      }),
    );
    await h.row('us-west-1');
    const outcome = await h.backend.handlers['invitation:accept']({
      ...here,
      administratorId: '123456789012',
      invitationId: '7ab938c5d52d7904ad09f9e7c20cc4eb',
      // The published example's administrator: trusted by the person accepting.
      trustAdministrator: true,
    });
    expect(outcome.usedDeprecated).toBe(true);
    const old = h.replay.requests.filter((r) => r.operation === 'securityhub:AcceptInvitation');
    expect(old.map((r) => JSON.parse(r.body))).toEqual([
      { MasterId: '123456789012', InvitationId: '7ab938c5d52d7904ad09f9e7c20cc4eb' },
    ]);
    expect(h.replay.operations('securityhub:AcceptAdministratorInvitation')).toHaveLength(1);
  });
});
