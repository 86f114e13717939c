/**
 * Macie's part of a row. GetMacieSession first, on its own: Macie off answers it AccessDeniedException
 * "Macie is not enabled." — an AccessDenied event in the account's CloudTrail — so an account-region
 * with Macie off costs that one call (and, as the off answer stands for a day, none on the next
 * refreshes: rows/region-checks.ts). Macie on, GetAdministratorAccount, ListInvitations and the first
 * ListMembers page follow in one round trip (more pages only for an administrator of more than 25).
 * Whether ListInvitations answers while Macie is off is not documented, so a refresh does not ask it
 * then: the row says its invitations are not read. A single failing read leaves the rest usable.
 */
import { sameStatus } from '../../../domain/statuses';
import {
  deniedToPrincipal,
  deprecatedReadNote,
  type Part,
  partOf,
  pendingInvitations,
  rowWideAnswer,
} from '../row-parts';
import type { AccountPart } from '../service';
import {
  type Context,
  getAdministrator,
  getMacieSession,
  listInvitations,
  listMembers,
  listMembersPage,
} from './reads';

/** The note of a row whose Macie is off: its invitations were not asked for. */
export function offNote(region: string): string {
  return `Macie is off in ${region}: its invitations are not read while it is off (AWS answers every Macie call "Macie is not enabled.", an AccessDenied event in the account's CloudTrail). Turn Macie on to see them.`;
}

/** GetMacieSession's PAUSED: "the account is enabled but all Macie activities are suspended" (the model). */
export function pausedNote(region: string): string {
  return `Macie is paused in ${region}: the account is enabled, but all Macie activities are suspended.`;
}

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
  const session = await partOf(getMacieSession(ctx));
  const first = rowWideAnswer([session]);
  if (first) return { ...part, ...first, notes: first.state === 'off' ? [offNote(ctx.region)] : [] };
  const [admin, invitations, firstMembers] = await Promise.all([
    partOf(getAdministrator(ctx)),
    partOf(listInvitations(ctx)),
    partOf(listMembersPage(ctx, false)),
  ]);
  const parts: Part<unknown>[] = [admin, invitations, firstMembers];
  const wide = rowWideAnswer(parts);
  if (wide) return { ...part, ...wide, notes: wide.state === 'off' ? [offNote(ctx.region)] : [] };
  part.principalDependent = [session, ...parts].some(deniedToPrincipal);
  if (!admin.ok && !invitations.ok && !firstMembers.ok) return { ...part, error: admin.error };
  part.state = 'on';
  if (session.ok && session.value.value !== null && sameStatus(session.value.value, 'PAUSED')) {
    part.notes.push(pausedNote(ctx.region));
  }
  const members = firstMembers.ok ? await partOf(listMembers(ctx, false, firstMembers.value.value)) : firstMembers;
  if (admin.ok) {
    const administrator = admin.value.value;
    part.administrators = administrator ? [administrator] : [];
    if (admin.value.usedDeprecated) {
      part.principalDependent = true;
      part.notes.push(deprecatedReadNote('macie2', admin.value.operation, 'GetAdministratorAccount'));
    }
  } else part.partialErrors.push({ part: 'administrator', error: admin.error });
  if (invitations.ok) part.pendingInvitations = pendingInvitations(invitations.value.value, part.administrators);
  else part.partialErrors.push({ part: 'invitations', error: invitations.error });
  if (members.ok) part.members = members.value;
  else {
    if (deniedToPrincipal(members)) part.principalDependent = true;
    part.partialErrors.push({ part: 'members', error: members.error });
  }
  return part;
}
