/**
 * The rows a user would see when AWS answers exactly as its published examples show (the AWS CLI's
 * example outputs; fixtures/ names each source). These answers are not ours, so they check the
 * app's parsing and rules against what AWS documents, not against the emulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from './fixtures';
import { type ReplayHarness, startReplayHarness } from './harness';
import { administratorPlan } from './plans';
import type { Plan } from './server';

let h: ReplayHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The published STS answer, speaking for the member account the list-members example names. */
const asMember = {
  fixture: fixture('sts-get-caller-identity.api-reference'),
  replace: [['123456789012', '123456789111']] as [string, string][],
};
const memberHub = {
  fixture: fixture('describe-hub.aws-cli'),
  replace: [['123456789012', '123456789111']] as [string, string][],
};

const memberPlan = (overrides: Plan = {}): Plan => ({
  'sts:GetCallerIdentity': asMember,
  'securityhub:DescribeHub': memberHub,
  'securityhub:GetAdministratorAccount': { fixture: fixture('get-administrator-account.api-reference-key') },
  'securityhub:ListInvitations': { fixture: fixture('list-invitations.aws-cli') },
  'securityhub:GetInvitationsCount': { fixture: fixture('get-invitations-count.aws-cli') },
  'securityhub:ListMembers': { fixture: fixture('list-members.empty') },
  ...overrides,
});

describe('a member account, as the AWS CLI examples show it', () => {
  it('shows its administrator and the accepted invitation as an active relationship, nothing to accept', async () => {
    h = await startReplayHarness(memberPlan());
    const row = await h.row('us-west-1');
    expect(row.error).toBeNull();
    expect(row.partialErrors).toEqual([]);
    expect(row.accountId).toBe('123456789111');
    expect(row.state).toBe('on');
    // DescribeHub and GetInvitationsCount are not part of a row's read (the operations checked below).
    expect(h.replay.operations('securityhub:').sort()).toEqual([
      'securityhub:GetAdministratorAccount',
      'securityhub:ListInvitations',
      'securityhub:ListMembers',
    ]);
    expect(row.administrators[0]).toMatchObject({
      accountId: '123456789012',
      invitationId: '7ab938c5d52d7904ad09f9e7c20cc4eb',
      memberStatus: 'ASSOCIATED',
      invitedAt: '2020-06-01T20:21:18.042Z',
    });
    // ASSOCIATED (the legacy spelling of Enabled) is not pending: nothing to accept.
    expect(row.pendingInvitations).toEqual([]);
  });

  it('says so when GetAdministratorAccount names nobody but an accepted invitation is listed (the CLI example’s "Master" key)', async () => {
    h = await startReplayHarness(
      memberPlan({ 'securityhub:GetAdministratorAccount': { fixture: fixture('get-administrator-account.aws-cli') } }),
    );
    const row = await h.row('us-west-1');
    // The SDK reads GetAdministratorAccount's "Administrator" member only (the API reference's name).
    expect(row.administrators).toEqual([]);
    expect(row.pendingInvitations).toEqual([]);
    expect(row.notes.join(' ')).toMatch(/123456789012.*accepted|accepted.*123456789012/);
  });

  it('offers Accept for the same invitation while it is Invited', async () => {
    h = await startReplayHarness(
      memberPlan({
        'securityhub:GetAdministratorAccount': { fixture: fixture('get-administrator-account.none') },
        'securityhub:ListInvitations': {
          fixture: fixture('list-invitations.aws-cli'),
          // The API reference lists Invited among the statuses; the example shows an accepted one.
          replace: [['"ASSOCIATED"', '"Invited"']],
        },
      }),
    );
    const row = await h.row('us-west-1');
    expect(row.administrators).toEqual([]);
    expect(row.pendingInvitations).toEqual([
      {
        accountId: '123456789012',
        invitationId: '7ab938c5d52d7904ad09f9e7c20cc4eb',
        invitedAt: '2020-06-01T20:21:18.042Z',
        memberStatus: 'Invited',
      },
    ]);
  });
});

describe('an administrator account, as the AWS CLI examples show it', () => {
  it('lists both members with their administrator, status and times', async () => {
    h = await startReplayHarness(administratorPlan());
    const row = await h.row('us-west-1');
    expect(row.error).toBeNull();
    expect(row.partialErrors).toEqual([]);
    expect(row.accountId).toBe('123456789012');
    expect(row.arn).toBe('arn:aws:iam::123456789012:user/Alice');
    expect(row.administrators).toEqual([]);
    expect(row.members?.map((m) => [m.accountId, m.administratorId, m.memberStatus, m.invitedAt])).toEqual([
      ['123456789111', '123456789012', 'ASSOCIATED', '2020-06-01T20:15:15.289Z'],
      ['123456789222', '123456789012', 'ASSOCIATED', '2020-06-01T20:15:15.289Z'],
    ]);
  });
});
