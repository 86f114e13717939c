/**
 * Detective's member side, every answer by graph ARN: ListInvitations ("open and accepted behavior
 * graph invitations … do not include behavior graphs for which the member account declined the
 * invitation … resigned from or was removed from", the model), AcceptInvitation ("The member account
 * status in the graph must be INVITED"), RejectInvitation and DisassociateMembership (neither "can be
 * called by an organization account in the organization behavior graph").
 */

import type { DetectiveMember, Graph } from './detective-state';
import { conflict, graphOf, memberDetail, notFound, page } from './detective-wire';
import type { ServiceContext } from './rest-service';

/** Statuses the member sees: an invitation sent (not still being verified, not failed) or accepted. */
const LISTED = new Set(['INVITED', 'ENABLED', 'ACCEPTED_BUT_DISABLED']);
const ACCEPTED = new Set(['ENABLED', 'ACCEPTED_BUT_DISABLED']);

export function listInvitations(ctx: ServiceContext) {
  const all = ctx.state.detective
    .membershipsOf(ctx.accountId, ctx.region)
    .filter(({ member }) => LISTED.has(member.status))
    .map(({ graph, member }) => memberDetail(graph, member));
  const { items, nextToken } = page(ctx, all, 'ListInvitations');
  return { Invitations: items, ...(nextToken ? { NextToken: nextToken } : {}) };
}

function membership(ctx: ServiceContext): { graph: Graph; member: DetectiveMember } {
  const graph = graphOf(ctx, false);
  const member = graph.members.get(ctx.accountId);
  if (!member) throw notFound();
  return { graph, member };
}

/**
 * "Organization accounts cannot remove themselves from the organization behavior graph" (Detective
 * administration guide, accounts.html); the API's refusal is not published: ConflictException, the
 * model's "The request attempted an invalid action.", is chosen.
 */
function refuseOrganization(member: DetectiveMember): void {
  if (member.invitationType === 'ORGANIZATION') {
    throw conflict('Organization accounts cannot remove themselves from the organization behavior graph.');
  }
}

export function acceptInvitation(ctx: ServiceContext) {
  const { member } = membership(ctx);
  if (member.status !== 'INVITED') throw conflict(`The membership is ${member.status}, not INVITED.`);
  member.status = 'ENABLED';
  member.updatedAt = ctx.now;
  return {};
}

export function rejectInvitation(ctx: ServiceContext) {
  const { graph, member } = membership(ctx);
  refuseOrganization(member);
  if (member.status !== 'INVITED') throw conflict(`The membership is ${member.status}, not INVITED.`);
  graph.members.delete(ctx.accountId);
  return {};
}

/** "…can only be called by an invited member account that has the ENABLED status" (ACCEPTED_BUT_DISABLED also accepted: chosen). */
export function disassociateMembership(ctx: ServiceContext) {
  const { graph, member } = membership(ctx);
  refuseOrganization(member);
  if (!ACCEPTED.has(member.status)) throw conflict(`The membership is ${member.status}, not ENABLED.`);
  graph.members.delete(ctx.accountId);
  return {};
}
