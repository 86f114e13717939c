/**
 * What the user is told for each published kind of AccessDenied, served to the app through the real
 * SDK: the IAM user guide's example sentences (one per policy type), a real service control policy
 * denial (aws-load-balancer-controller#2322), a refusal that is not an IAM sentence (LZA #673) and a
 * central configuration policy's refusal (terraform-provider-aws#39687). Only a missing
 * identity-based permission says "grant", and only it sends the deprecated operation after.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from './fixtures';
import { PROFILE, type ReplayHarness, startReplayHarness } from './harness';
import { administratorPlan } from './plans';
import type { Plan, Reply } from './server';

let h: ReplayHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const here = { profile: PROFILE, region: 'us-west-1' };

/** A published denial, naming `action` instead of the action its source named. */
const denial = (name: string, published: string, action: string): Reply => ({
  fixture: fixture(name),
  replace: [[published, action]],
});

/** Every Security Hub read answered with the denial (STS still answers: the profile is known). */
const deniedEverywhere = (reply: Reply): Plan => ({
  'sts:GetCallerIdentity': { fixture: fixture('sts-get-caller-identity.api-reference') },
  'securityhub:*': reply,
});

describe('an AccessDenied read for what it is', () => {
  const cases = [
    {
      name: 'access-denied.iam-guide-permissions-boundary',
      published: 'codedeploy:ListDeployments',
      kind: 'permissions-boundary',
      message:
        'The permissions boundary of profile "replay"\'s role or user does not allow securityhub:GetAdministratorAccount for replay in us-west-1.',
    },
    {
      name: 'access-denied.iam-guide-session-policy',
      published: 'codedeploy:ListDeployments',
      kind: 'session-policy',
      message:
        'The session policy of profile "replay"\'s credentials denies securityhub:GetAdministratorAccount for replay in us-west-1.',
    },
    {
      name: 'access-denied.iam-guide-resource-based-policy',
      published: 'secretsmanager:GetSecretValue',
      kind: 'resource-policy',
      message:
        'A resource-based policy does not allow securityhub:GetAdministratorAccount for profile "replay" in us-west-1.',
    },
  ] as const;

  for (const c of cases) {
    it(`${c.kind}: its own sentence and remedy, no "grant", no deprecated operation`, async () => {
      h = await startReplayHarness(
        deniedEverywhere(denial(c.name, c.published, 'securityhub:GetAdministratorAccount')),
      );
      const row = await h.row('us-west-1');
      expect(row.state).toBe('error');
      expect(row.error).toMatchObject({ kind: c.kind, message: c.message });
      expect(row.error?.remediation).not.toMatch(/grant/i);
      // The denial is not about the operation's name: the old name is never tried.
      expect(h.replay.operations('securityhub:GetMasterAccount')).toEqual([]);
    });
  }

  it('a missing identity-based permission says "grant", and only then is the deprecated name tried', async () => {
    h = await startReplayHarness(
      deniedEverywhere(
        denial(
          'access-denied.iam-guide-identity-based-policy',
          'codecommit:ListRepositories',
          'securityhub:GetAdministratorAccount',
        ),
      ),
    );
    const row = await h.row('us-west-1');
    expect(row.error).toMatchObject({
      kind: 'access-denied',
      message: 'IAM does not allow securityhub:GetAdministratorAccount for profile "replay" in us-west-1.',
      remediation: 'Grant securityhub:GetAdministratorAccount to the profile’s role or user.',
    });
    expect(h.replay.operations('securityhub:GetMasterAccount')).toHaveLength(1);
  });

  it('a service control policy blocks the region: one call, then none, and no "grant"', async () => {
    h = await startReplayHarness(
      deniedEverywhere({
        fixture: fixture('access-denied-scp.lbc-2322'),
        replace: [['waf-regional:GetWebACLForResource', 'securityhub:GetAdministratorAccount']],
      }),
    );
    const row = await h.row('us-west-1');
    expect(row.state).toBe('blocked');
    expect(row.error).toMatchObject({
      kind: 'organization-policy',
      message:
        "Your organization's service control policy denies Security Hub CSPM in us-west-1 for account 123456789012 (securityhub:GetAdministratorAccount).",
      remediation:
        "Nobody in this account can change it: ask your organization's administrators to allow Security Hub CSPM in us-west-1, or leave us-west-1 out of this profile's regions.",
    });
    expect(h.replay.operations('securityhub:')).toEqual(['securityhub:GetAdministratorAccount']);
    const again = await h.row('us-west-1');
    expect(again.state).toBe('blocked');
    expect(h.replay.operations('securityhub:')).toEqual(['securityhub:GetAdministratorAccount']);
  });

  it('a VPC endpoint policy that denied through a service control policy is the organization’s', async () => {
    h = await startReplayHarness(
      deniedEverywhere(
        denial(
          'access-denied.iam-guide-vpc-endpoint-through-scp',
          'SNS:Publish',
          'securityhub:GetAdministratorAccount',
        ),
      ),
    );
    const row = await h.row('us-west-1');
    expect(row).toMatchObject({ state: 'blocked', error: { kind: 'organization-policy' } });
  });

  it('"You don\'t have permissions to access this resource." on CreateMembers is not an IAM message', async () => {
    h = await startReplayHarness(
      administratorPlan({
        'securityhub:CreateMembers': { fixture: fixture('create-members.not-delegated-admin.lza-673') },
      }),
    );
    await h.row('us-west-1');
    const outcome = h.backend.handlers['members:create']({ ...here, accounts: [{ accountId: '444455556666' }] });
    await expect(outcome).rejects.toMatchObject({
      appError: {
        kind: 'service-refused',
        message:
          "AWS refused CreateMembers for replay in us-west-1: You don't have permissions to access this resource. This is not an IAM message, so granting a permission will not change it.",
        remediation: expect.stringMatching(/delegated administrator/),
      },
    });
    await outcome.catch((error: { appError: { remediation: string } }) =>
      expect(error.appError.remediation).not.toMatch(/^Grant/),
    );
    expect(h.replay.operations('securityhub:CreateMembers')).toHaveLength(1);
  });

  it('a central configuration policy’s refusal of EnableSecurityHub says only the delegated administrator can', async () => {
    h = await startReplayHarness(
      administratorPlan({
        'securityhub:EnableSecurityHub': { fixture: fixture('enable-security-hub.central-configuration.tf-39687') },
      }),
    );
    const outcome = h.backend.handlers['service:enable']({ ...here, enableDefaultStandards: true });
    await expect(outcome).rejects.toMatchObject({
      appError: {
        kind: 'central-configuration',
        message:
          "Security Hub CSPM in account 123456789012 in us-west-1 is set by the organization's central configuration, so only the delegated administrator can change it (EnableSecurityHub was refused).",
      },
    });
    expect(h.replay.operations('securityhub:EnableSecurityHub')).toHaveLength(1);
  });
});
