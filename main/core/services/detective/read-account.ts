/**
 * Detective's part of a row: ListInvitations (the account's graphs as a member: memberships and
 * pending invitations, each by graph ARN) and ListGraphs (the graph it administers) in one round
 * trip, then ListMembers of its graph. Detective is "off" where the account neither administers a
 * graph nor is listed in one; a member with no graph of its own is on (its memberships and
 * invitations are Detective's), and accepting needs nothing turned on. A single failing read leaves
 * the rest of the row usable.
 */
import { deniedToPrincipal, type Part, partOf, pendingInvitations, probe, rowWideAnswer } from '../row-parts';
import type { AccountPart } from '../service';
import { memberSide } from './member-side';
import { type Context, listGraphs, listInvitations, listMembers } from './reads';
import { toAdministrator, toInvitation } from './schemas';

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
  // Where the account-region has not answered yet, one call finds out before the other fails too.
  const probed = await probe(ctx.probeFirst === true, () => listGraphs(ctx));
  if (probed.wide) return { ...part, ...probed.wide };
  const [graphs, listed] = await Promise.all([probed.part ?? partOf(listGraphs(ctx)), partOf(listInvitations(ctx))]);
  const parts: Part<unknown>[] = [graphs, listed];
  const wide = rowWideAnswer(parts);
  if (wide) return { ...part, ...wide };
  part.principalDependent = parts.some(deniedToPrincipal);
  if (!graphs.ok && !listed.ok) return { ...part, error: graphs.error };
  const arns = graphs.ok ? graphs.value.value : [];
  const details = listed.ok ? listed.value.value : [];
  part.state = graphs.ok && arns.length === 0 && listed.ok && details.length === 0 ? 'off' : 'on';
  if (listed.ok) {
    part.administrators = details.map(toAdministrator).filter((a) => a !== null);
    const invitations = details.map(toInvitation).filter((i) => i !== null);
    part.pendingInvitations = pendingInvitations(invitations, part.administrators, memberSide.maxAdministrators);
  } else {
    part.partialErrors.push({ part: 'administrator', error: listed.error });
    part.partialErrors.push({ part: 'invitations', error: listed.error });
  }
  if (!graphs.ok) {
    part.partialErrors.push({ part: 'members', error: graphs.error });
    return part;
  }
  // Every graph's members (one graph per region today); none administered: no members.
  const members = await partOf(Promise.all(arns.map((arn) => listMembers(ctx, arn))));
  if (members.ok) part.members = members.value.flat();
  else {
    if (deniedToPrincipal(members)) part.principalDependent = true;
    part.partialErrors.push({ part: 'members', error: members.error });
  }
  return part;
}
