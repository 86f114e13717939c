/**
 * How a Security Hub CSPM member joined, decided only from what AWS documents. A Member has no field
 * that says it (botocore securityhub/2018-10-26: AccountId, Email, MasterId, AdministratorId,
 * MemberStatus, InvitedAt, UpdatedAt), so each answer below rests on a source; where none applies the
 * answer is null ("not known"), never a guess:
 *
 * - An Email: invitation. Organizations members carry no Email in ListMembers/GetMembers
 *   ("organization members don't receive this field", hashicorp/terraform-provider-aws pull 47106).
 * - Invited, or Created (added, not invited yet): invitation. "Organization accounts don't receive
 *   invitations" (InviteMembers) and "Accounts that are managed using Organizations don't receive an
 *   invitation. They automatically become a member account" (CreateMembers), both in the model.
 * - Resigned ("the member account disassociated themselves", the Member shape's MemberStatus): an
 *   invitation — Organizations members cannot disassociate themselves (the user guide,
 *   docs.aws.amazon.com/securityhub/latest/userguide/securityhub-accounts.html, and AWS's refusal
 *   "member cannot disassociate from Organization administrator").
 * - AccountSuspended: organizations ("an organization account was suspended … at the same time that
 *   the administrator account tried to enable the organization account", the Member shape).
 *
 * Not evidence: InvitedAt. Whether AWS sends one for an Organizations member is not published, so an
 * Enabled (Removed, Deleted) member without an Email is not known either way.
 */
import type { JoinedBy } from '../../../domain/row';
import { statusKind } from '../../../domain/statuses';

export function joinedByOf(member: { email: string | null; memberStatus: string }): JoinedBy | null {
  const kind = statusKind(member.memberStatus);
  if (kind === 'suspended') return 'organizations';
  if (member.email) return 'invitation';
  if (kind === 'invited' || kind === 'created' || kind === 'resigned') return 'invitation';
  return null;
}
