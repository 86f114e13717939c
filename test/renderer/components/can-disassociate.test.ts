/** Leave is offered only for an active relationship, whatever status string AWS sends. */
import { describe, expect, it } from 'vitest';
import type { ServiceRow } from '../../../contract/api';
import { canDisassociate } from '../../../renderer/src/components/InvitationButtons';

const rowWith = (memberStatus: string | null) =>
  ({
    administrators:
      memberStatus === null ? [] : [{ accountId: '111111111111', invitationId: null, invitedAt: null, memberStatus }],
  }) as unknown as ServiceRow;

describe('canDisassociate', () => {
  it('offers Leave for Enabled and the legacy ASSOCIATED', () => {
    expect(canDisassociate(rowWith('Enabled'))).toBe(true);
    expect(canDisassociate(rowWith('ASSOCIATED'))).toBe(true);
  });
  it('does not for ended, suspended, unknown or absent relationships', () => {
    for (const status of ['Removed', 'Resigned', 'Deleted', 'AccountSuspended', 'Invited', 'Unknown', null]) {
      expect(canDisassociate(rowWith(status))).toBe(false);
    }
  });
});
