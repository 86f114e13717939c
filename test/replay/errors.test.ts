/**
 * Error answers as real runs quoted them (prowler, kube-bench; fixtures/ names each thread), each in
 * every framing restJson1 allows, and what the user is told. The sources quote code and message,
 * not the HTTP framing, so a parser that reads only one framing fails here.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from './fixtures';
import { type ReplayHarness, startReplayHarness } from './harness';
import { administratorPlan } from './plans';
import { FRAMINGS } from './server';

let h: ReplayHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe.each(FRAMINGS)('framed as %s', (framing) => {
  it('throttling ("Too Many Requests") is a rate limit, retried by the SDK, then said so', async () => {
    h = await startReplayHarness({
      'sts:GetCallerIdentity': { fixture: fixture('sts-get-caller-identity.api-reference') },
      'securityhub:*': { fixture: fixture('throttled.prowler-5004'), framing },
    });
    const row = await h.row('us-west-1');
    expect(row.state).toBe('error');
    expect(row.error).toMatchObject({ kind: 'throttled', awsCode: 'TooManyRequestsException', retryable: true });
    expect(row.error?.message).toMatch(/limiting the rate/);
    // Retried, not given up at once: 3 SDK attempts, and the scheduler's 2 tries after pauses,
    // for each of the row's three reads.
    for (const op of ['GetAdministratorAccount', 'ListInvitations', 'ListMembers']) {
      expect(h.replay.operations(`securityhub:${op}`)).toHaveLength(9);
    }
  });

  it('"not subscribed" shows Security Hub off, not an error', async () => {
    h = await startReplayHarness({
      'sts:GetCallerIdentity': { fixture: fixture('sts-get-caller-identity.api-reference') },
      'securityhub:*': { fixture: fixture('not-subscribed.prowler'), framing },
    });
    const row = await h.row('us-west-1');
    expect(row.state).toBe('off');
    expect(row.error).toBeNull();
    // A first read probes with one call, whose answer is the whole row's; nothing else is read.
    expect(h.replay.operations('securityhub:')).toEqual(['securityhub:GetAdministratorAccount']);
    // Once the account-region has answered, its row's three reads go together and answer it again.
    const again = await h.row('us-west-1');
    expect(again.state).toBe('off');
    expect(h.replay.operations('securityhub:').sort()).toEqual([
      'securityhub:GetAdministratorAccount',
      'securityhub:GetAdministratorAccount',
      'securityhub:ListInvitations',
      'securityhub:ListMembers',
    ]);
  });

  it('an invalid security token in an opt-in region names both causes', async () => {
    h = await startReplayHarness(
      {
        'sts:GetCallerIdentity': { fixture: fixture('sts-get-caller-identity.api-reference') },
        'securityhub:*': { fixture: fixture('unrecognized-client.prowler-9635'), framing },
      },
      { regions: ['af-south-1'] },
    );
    const row = await h.row('af-south-1');
    expect(row.state).toBe('region-not-enabled');
    expect(row.error?.message).toBe(
      'Account 123456789012 has not enabled region af-south-1, or its session token is not valid there.',
    );
  });

  it('an IAM denial of ListMembers costs only the members part, and names the action', async () => {
    h = await startReplayHarness(
      administratorPlan({
        'securityhub:ListMembers': {
          fixture: fixture('access-denied.kube-bench-1294'),
          framing,
          replace: [['securityhub:BatchImportFindings', 'securityhub:ListMembers']],
        },
      }),
    );
    const row = await h.row('us-west-1');
    expect(row.state).toBe('on');
    expect(row.error).toBeNull();
    expect(row.members).toBeNull();
    expect(row.partialErrors).toHaveLength(1);
    expect(row.partialErrors[0]).toMatchObject({
      part: 'members',
      error: { kind: 'access-denied', action: 'securityhub:ListMembers' },
    });
    expect(row.pendingInvitations).toEqual([]);
  });
});
