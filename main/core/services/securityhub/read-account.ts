/**
 * Security Hub CSPM's part of a row: three calls in one round trip (GetAdministratorAccount,
 * ListInvitations, the first ListMembers page; more pages only for an administrator of more than
 * 50). Whether the service is on comes from their answers (DescribeHub's ARN and subscription time
 * are shown nowhere, so a refresh does not read them; ListMembers answers the same Member fields as
 * GetMembers). A single failing read leaves the rest of the row usable (partialErrors).
 */
import type { InvitationInfo } from '../../../domain/row';
import { isEnabled } from '../../../domain/statuses';
import {
  deniedToPrincipal,
  deprecatedReadNote,
  type Part,
  partOf,
  pendingInvitations,
  probe,
  rowWideAnswer,
} from '../row-parts';
import type { AccountPart } from '../service';
import { marked } from './member-side';
import { type Context, getAdministrator, listInvitations, listMembers, listMembersPage } from './reads';

export async function readAccount(ctx: Context): Promise<AccountPart> {
  const part: AccountPart = {
    state: 'error',
    administrators: [],
    pendingInvitations: [],
    members: null,
    error: null,
    partialErrors: [],
    notes: [],
    principalDependent: false,
  };
  // An opt-in region may not be enabled, an organization's policy may block the service: where the
  // account-region has not answered yet, one call finds out before two more fail.
  const probed = await probe(ctx.probeFirst === true, () => getAdministrator(ctx));
  if (probed.wide) return { ...part, ...probed.wide };
  const [admin, invitations, firstMembers] = await Promise.all([
    probed.part ?? partOf(getAdministrator(ctx)),
    partOf(listInvitations(ctx)),
    partOf(listMembersPage(ctx, { onlyAssociated: false })),
  ]);
  const parts: Part<unknown>[] = [admin, invitations, firstMembers];
  const wide = rowWideAnswer(parts);
  if (wide) return { ...part, ...wide };
  part.principalDependent = parts.some(deniedToPrincipal);
  if (!admin.ok && !invitations.ok && !firstMembers.ok) {
    // Nothing answered: one reason for the whole row (the administrator's, which names its action).
    return { ...part, error: admin.error };
  }
  part.state = 'on';
  const members = firstMembers.ok ? await partOf(listMembers(ctx, false, firstMembers.value.value)) : firstMembers;

  if (admin.ok) {
    const administrator = admin.value.value;
    const refused = invitations.ok && invitations.value.value.organizationManaged;
    part.administrators = administrator ? [marked(administrator, refused)] : [];
    if (admin.value.usedDeprecated) {
      part.principalDependent = true;
      part.notes.push(deprecatedReadNote('securityhub', admin.value.operation, 'GetAdministratorAccount'));
    }
  } else part.partialErrors.push({ part: 'administrator', error: admin.error });
  if (invitations.ok) {
    // Each invitation's own status tells whether it is pending, so an unreadable administrator only
    // costs the check against the current relationship's invitation id (which is never Invited).
    part.pendingInvitations = pendingInvitations(invitations.value.value.invitations, part.administrators);
    if (admin.ok && part.administrators.length === 0) {
      part.notes.push(...unnamedAdministratorNotes(invitations.value.value.invitations));
    }
  } else part.partialErrors.push({ part: 'invitations', error: invitations.error });
  if (members.ok) part.members = members.value;
  else {
    if (deniedToPrincipal(members)) part.principalDependent = true;
    part.partialErrors.push({ part: 'members', error: members.error });
  }
  return part;
}

/**
 * GetAdministratorAccount named nobody, yet an invitation is listed as accepted: the two answers
 * disagree (an answer under another key than Administrator, as the AWS CLI's own example shows it,
 * or a change still spreading). The row says so rather than silently showing no administrator.
 */
export function unnamedAdministratorNotes(invitations: InvitationInfo[]): string[] {
  return invitations
    .filter((i) => isEnabled(i.memberStatus))
    .map(
      (i) =>
        `GetAdministratorAccount names no administrator, but ListInvitations lists the invitation from ${i.accountId} as accepted (${i.memberStatus}). Refresh later; if it stays, check this account in the Security Hub console.`,
    );
}
