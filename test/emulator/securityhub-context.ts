/** What every Security Hub handler receives, and the wire shapes it answers with. */
import type { Handler, ServiceContext } from './rest-service';
import type { InvitationRecord, MemberRecord, MemberSide } from './state';

export type ShContext = ServiceContext;
export type ShHandler = Handler;

export interface UnprocessedAccount {
  AccountId: string;
  ProcessingResult: string;
}

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined);

export function invitationOut(i: InvitationRecord) {
  return {
    AccountId: i.accountId,
    InvitationId: i.invitationId,
    InvitedAt: iso(i.invitedAt),
    MemberStatus: i.memberStatus,
  };
}

/**
 * A member as the administrator sees it: MasterId and AdministratorId both set. An Organizations
 * member has no Email: "organization members don't receive this field" (hashicorp/terraform-provider-aws
 * pull 47106, which stopped reading Email for them, 2026-03-25).
 */
export function memberOut(m: MemberRecord, adminId: string) {
  return {
    AccountId: m.accountId,
    ...(m.email && !m.viaOrganizations ? { Email: m.email } : {}),
    MasterId: adminId,
    AdministratorId: adminId,
    MemberStatus: m.status,
    InvitedAt: iso(m.invitedAt),
    UpdatedAt: iso(m.updatedAt),
  };
}

/**
 * Ends an invitation without removing it: ListInvitations keeps listing invitations that are no
 * longer pending, with their MemberStatus (the AWS CLI's list-invitations example shows one as
 * "ASSOCIATED"). Which status each ending leaves is not documented for the member side; the
 * administrator's Member statuses are (Resigned after the member declines or leaves, Removed after
 * DisassociateMembers, Deleted after DeleteMembers), and the member side is shown the same.
 */
export function markInvitation(side: MemberSide, adminId: string, status: 'Resigned' | 'Removed' | 'Deleted'): void {
  const invitation = side.invitations.get(adminId);
  if (invitation) invitation.memberStatus = status;
}
