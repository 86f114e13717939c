/**
 * Security Hub off is read from the row's own three reads: whichever of them answers "not
 * subscribed" (prowler's quoted answer), the row shows the hub off, not an error or a half row.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from './fixtures';
import { type ReplayHarness, startReplayHarness } from './harness';
import { administratorPlan } from './plans';

let h: ReplayHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe.each(['GetAdministratorAccount', 'ListInvitations', 'ListMembers'])(
  '"not subscribed" from %s',
  (operation) => {
    it('shows Security Hub off although the other reads answered', async () => {
      h = await startReplayHarness(
        administratorPlan({ [`securityhub:${operation}`]: { fixture: fixture('not-subscribed.prowler') } }),
      );
      const row = await h.row('us-west-1');
      expect(row).toMatchObject({ state: 'off', error: null, partialErrors: [], members: null, administrators: [] });
      expect(h.replay.operations('securityhub:DescribeHub')).toEqual([]);
    });
  },
);
