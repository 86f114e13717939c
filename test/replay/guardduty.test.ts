/**
 * GuardDuty rows as the app reads them when AWS answers exactly as its published examples and quoted
 * errors show (fixtures/ names each source): the empty 200 of GetAdministratorAccount, invitations
 * with string timestamps, a region without a detector, a detector AWS no longer owns, and an opt-in
 * region the account has not enabled.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from './fixtures';
import { type ReplayHarness, startReplayHarness } from './harness';
import { FRAMINGS, type Plan } from './server';

let h: ReplayHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const sts = { 'sts:GetCallerIdentity': { fixture: fixture('sts-get-caller-identity.api-reference') } };

/** A member account with the list-invitations example's invitation waiting, its detector on. */
const memberPlan = (overrides: Plan = {}): Plan => ({
  ...sts,
  'guardduty:ListDetectors': { fixture: fixture('guardduty-list-detectors.aws-cli') },
  'guardduty:GetAdministratorAccount': { fixture: fixture('guardduty-get-administrator-account.none') },
  'guardduty:ListInvitations': { fixture: fixture('guardduty-list-invitations.aws-cli') },
  'guardduty:ListMembers': { fixture: fixture('guardduty-list-members.empty') },
  ...overrides,
});

const WAITING = {
  accountId: '123456789111',
  invitationId: 'd6b94fb03a66ff665f7db8764example',
  invitedAt: '2020-06-10T17:56:38.221Z',
};

describe('a GuardDuty member account, as the AWS CLI examples show it', () => {
  it('reads the empty 200 of GetAdministratorAccount as no administrator, and the Invited invitation as pending', async () => {
    h = await startReplayHarness(memberPlan());
    const row = await h.row('us-west-1', 'guardduty');
    expect(row).toMatchObject({ service: 'guardduty', state: 'on', error: null, partialErrors: [] });
    expect(row.administrators).toEqual([]);
    expect(row.pendingInvitations).toEqual([expect.objectContaining(WAITING)]);
    expect(row.members).toEqual([]);
    // One ListDetectors, then the detector's reads: no master operation, no GetDetector.
    expect(h.replay.operations('guardduty:').sort()).toEqual([
      'guardduty:GetAdministratorAccount',
      'guardduty:ListDetectors',
      'guardduty:ListInvitations',
      'guardduty:ListMembers',
    ]);
  });

  it('shows the invitation waiting in a region without a detector, GuardDuty off there, not an error', async () => {
    h = await startReplayHarness(
      memberPlan({ 'guardduty:ListDetectors': { fixture: fixture('guardduty-list-detectors.empty') } }),
    );
    const row = await h.row('us-west-1', 'guardduty');
    expect(row).toMatchObject({ state: 'off', error: null, partialErrors: [] });
    expect(row.pendingInvitations).toEqual([expect.objectContaining(WAITING)]);
    // Without a detector nothing detector-scoped is asked.
    expect(h.replay.operations('guardduty:').sort()).toEqual(['guardduty:ListDetectors', 'guardduty:ListInvitations']);
  });
});

describe.each(FRAMINGS)('GuardDuty errors, framed as %s', (framing) => {
  it('reads again once, on the detector ListDetectors names now, when AWS no longer owns the kept one', async () => {
    h = await startReplayHarness(
      memberPlan({
        'guardduty:GetAdministratorAccount': [
          { fixture: fixture('guardduty-detector-not-owned.steampipe-1105'), framing },
          { fixture: fixture('guardduty-get-administrator-account.none') },
        ],
      }),
    );
    const row = await h.row('us-west-1', 'guardduty');
    expect(row).toMatchObject({ state: 'on', error: null, partialErrors: [] });
    expect(h.replay.operations('guardduty:ListDetectors')).toHaveLength(2);
    expect(h.replay.operations('guardduty:GetAdministratorAccount')).toHaveLength(2);
  });

  it('an invalid security token in an opt-in region is a region not enabled, after one call', async () => {
    h = await startReplayHarness(
      { ...sts, 'guardduty:*': { fixture: fixture('guardduty-unrecognized-client.boto3-2065'), framing } },
      { regions: ['ap-east-1'] },
    );
    const row = await h.row('ap-east-1', 'guardduty');
    expect(row.state).toBe('region-not-enabled');
    expect(row.error?.message).toMatch(/has not enabled region ap-east-1/);
    expect(h.replay.operations('guardduty:')).toEqual(['guardduty:ListDetectors']);
  });
});
