/**
 * Security Hub CSPM's member side: the administrator (GetAdministratorAccount) and the invitations
 * (ListInvitations), read together before an action; after a write, the part it changes is read
 * again (an accept or a leave changes the administrator, a decline the invitations).
 */
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { deprecatedReadNote } from '../row-parts';
import type { MemberSideOf } from '../service';
import { getAdministrator, listInvitations } from './reads';
import { acceptAdministratorInvitation, declineInvitations, disassociateFromAdministrator } from './writes';

export const memberSide: MemberSideOf<SecurityHubClient> = {
  // "An account can have only one administrator account" per region (DESIGN.md §3).
  maxAdministrators: 1,
  async read(ctx, parts) {
    const [admin, invitations] = await Promise.all([
      parts.includes('administrators') ? getAdministrator(ctx) : null,
      parts.includes('invitations') ? listInvitations(ctx) : null,
    ]);
    const usedDeprecated = admin?.usedDeprecated ?? false;
    return {
      administrators: admin ? (admin.value ? [admin.value] : []) : null,
      invitations: invitations?.value ?? null,
      // Off is a "not subscribed" error here: a read that answered found it on.
      off: false,
      notes:
        admin && usedDeprecated ? [deprecatedReadNote('securityhub', admin.operation, 'GetAdministratorAccount')] : [],
      usedDeprecated,
      carry: {},
    };
  },
  changes: { accept: ['administrators'], decline: ['invitations'], leave: ['administrators'] },
  accept: (ctx, _side, invitation) =>
    acceptAdministratorInvitation(ctx, invitation.administratorId, invitation.invitationId),
  decline: (ctx, _side, administratorId) => declineInvitations(ctx, [administratorId]),
  leave: (ctx) => disassociateFromAdministrator(ctx),
};
