/**
 * Security Hub CSPM's member side: the administrator (GetAdministratorAccount) and the invitations
 * (ListInvitations), read together before an action; after a write, the part it changes is read
 * again (an accept or a leave changes the administrator, a decline the invitations). An
 * administrator the organization manages is marked (errors.ts `organizationManages`).
 */
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { AdministratorInfo } from '../../../domain/row';
import { deprecatedReadNote } from '../row-parts';
import type { MemberSideOf } from '../service';
import { organizationManages } from './errors';
import { getAdministrator, listInvitations } from './reads';
import { acceptAdministratorInvitation, declineInvitations, disassociateFromAdministrator } from './writes';

/** The administrator, marked when the reads say the organization manages the relationship. */
export function marked(administrator: AdministratorInfo, invitationsRefused: boolean): AdministratorInfo {
  return organizationManages(administrator, invitationsRefused)
    ? { ...administrator, viaOrganization: true }
    : administrator;
}

export const memberSide: MemberSideOf<SecurityHubClient> = {
  // "An account can have only one administrator account" per region (DESIGN.md §3).
  maxAdministrators: 1,
  async read(ctx, parts) {
    const [admin, invitations] = await Promise.all([
      parts.includes('administrators') ? getAdministrator(ctx) : null,
      parts.includes('invitations') ? listInvitations(ctx) : null,
    ]);
    const usedDeprecated = admin?.usedDeprecated ?? false;
    const refused = invitations?.value.organizationManaged ?? false;
    return {
      administrators: admin ? (admin.value ? [marked(admin.value, refused)] : []) : null,
      invitations: invitations?.value.invitations ?? null,
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
