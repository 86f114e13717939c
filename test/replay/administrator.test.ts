/**
 * The administrator's tools against the AWS CLI's published answers: each write sent once with the
 * ids the user chose, and the outcome the user reads.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from './fixtures';
import { PROFILE, type ReplayHarness, startReplayHarness } from './harness';
import { administratorPlan } from './plans';

let h: ReplayHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const here = { profile: PROFILE, region: 'us-west-1' };
const MEMBERS = ['123456789111', '123456789222'];

const sentBodies = (h: ReplayHarness, operation: string) =>
  h.replay.requests.filter((r) => r.operation === `securityhub:${operation}`).map((r) => JSON.parse(r.body));

describe('administrator tools', () => {
  it.each([
    ['members:invite', 'InviteMembers', 'invite-members.aws-cli'],
    ['members:disassociate', 'DisassociateMembers', 'disassociate-members.aws-cli'],
    ['members:delete', 'DeleteMembers', 'delete-members.aws-cli'],
    ['invitations:delete', 'DeleteInvitations', 'delete-invitations.aws-cli'],
  ] as const)('%s sends %s once and reports both accounts processed', async (channel, operation, name) => {
    h = await startReplayHarness(administratorPlan({ [`securityhub:${operation}`]: { fixture: fixture(name) } }));
    await h.row('us-west-1');
    const outcome = await h.backend.handlers[channel]({ ...here, accountIds: MEMBERS });
    expect(sentBodies(h, operation)).toEqual([{ AccountIds: MEMBERS }]);
    expect(outcome.processed).toEqual(MEMBERS);
    expect(outcome.unprocessed).toEqual([]);
  });

  it('members:create sends CreateMembers once with the accounts and reports them added', async () => {
    h = await startReplayHarness(
      administratorPlan({ 'securityhub:CreateMembers': { fixture: fixture('create-members.aws-cli') } }),
    );
    await h.row('us-west-1');
    const outcome = await h.backend.handlers['members:create']({
      ...here,
      accounts: MEMBERS.map((accountId) => ({ accountId })),
    });
    expect(sentBodies(h, 'CreateMembers')).toEqual([{ AccountDetails: MEMBERS.map((AccountId) => ({ AccountId })) }]);
    expect(outcome.processed).toEqual(MEMBERS);
  });

  it('hub:enable sends EnableSecurityHub once where Security Hub was off, then shows it on', async () => {
    h = await startReplayHarness(
      {
        'sts:GetCallerIdentity': { fixture: fixture('sts-get-caller-identity.api-reference') },
        'securityhub:*': { fixture: fixture('not-subscribed.prowler') },
        'securityhub:EnableSecurityHub': { fixture: fixture('enable-security-hub.aws-cli') },
      },
      { afterWrite: { 'securityhub:EnableSecurityHub': administratorPlan() } },
    );
    expect((await h.row('us-west-1')).state).toBe('off');
    const outcome = await h.backend.handlers['service:enable']({ ...here, enableDefaultStandards: false });
    expect(sentBodies(h, 'EnableSecurityHub')).toEqual([{ EnableDefaultStandards: false }]);
    expect(outcome.row.state).toBe('on');
  });

  it('products:list reads every page of DescribeProducts and keeps the published fields', async () => {
    h = await startReplayHarness(
      administratorPlan({
        'securityhub:DescribeProducts': [
          { fixture: fixture('describe-products.aws-cli') },
          { fixture: fixture('describe-products.last-page') },
        ],
      }),
    );
    const products = await h.backend.handlers['products:list'](here);
    expect(products).toEqual([
      expect.objectContaining({
        productArn: 'arn:aws:securityhub:us-west-1:123456789333:product/crowdstrike/crowdstrike-falcon',
        productName: 'CrowdStrike Falcon',
        companyName: 'CrowdStrike',
        integrationTypes: ['SEND_FINDINGS_TO_SECURITY_HUB'],
        activationUrl: 'https://falcon.crowdstrike.com/support/documentation',
      }),
    ]);
    const pages = h.replay.requests.filter((r) => r.operation === 'securityhub:DescribeProducts');
    expect(pages).toHaveLength(2);
    expect(pages[1]!.path).toBe('/products');
  });
});
