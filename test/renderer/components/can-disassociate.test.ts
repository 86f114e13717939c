/** Leave is offered only for an active relationship, whatever status string AWS sends. */
import { describe, expect, it } from 'vitest';
import type { ServiceRow } from '../../../contract/api';
import { canDisassociate, isOrganizationManaged } from '../../../renderer/src/components/InvitationButtons';

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

describe('a membership the organization manages', () => {
  const managed = {
    administrators: [
      {
        accountId: '111111111111',
        invitationId: null,
        invitedAt: null,
        memberStatus: 'Enabled',
        viaOrganization: true,
      },
    ],
  } as unknown as ServiceRow;

  it('offers no Leave, and says why', () => {
    expect(canDisassociate(managed)).toBe(false);
    expect(isOrganizationManaged(managed)).toBe(true);
    expect(isOrganizationManaged(rowWith('Enabled'))).toBe(false);
    expect(isOrganizationManaged(rowWith(null))).toBe(false);
  });
});
