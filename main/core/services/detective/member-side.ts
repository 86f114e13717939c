/**
 * Detective's member side, every write by behavior graph ARN. There is no GetAdministratorAccount:
 * one ListInvitations lists the account's "open and accepted behavior graph invitations" in the
 * region [model] — the accepted ones are its administrators (one per graph, several at once), the
 * INVITED ones its pending invitations — so both parts are one call. A member needs no graph of its
 * own to list or answer them (ListInvitations and AcceptInvitation name only the inviting graph), so
 * nothing is ever turned on before an accept: "After you accept the invitation, Detective is enabled
 * in your account" (the user guide, member-invitation-response.html).
 */
import type { DetectiveClient } from '@aws-sdk/client-detective';
import { AppErrorException, appError } from '../../../domain/errors';
import type { MemberSide, MemberSideOf } from '../service';
import { listInvitations } from './reads';
import { toAdministrator, toInvitation } from './schemas';
import { memberWrite } from './writes';

/**
 * The graph of the administrator's only pending invitation; several (graphs in more than one
 * region's answer, or a future AWS allowing more per region) need the graph named, which the action
 * does before this (actions/accept-choice.ts): here the administrator alone is never enough.
 */
function pendingGraphOf(side: MemberSide, administratorId: string, region: string): string {
  const graphs = side.pending.filter((i) => i.accountId === administratorId).map((i) => i.invitationId);
  const [only, ...more] = graphs;
  if (only && more.length === 0) return only;
  throw new AppErrorException(
    only
      ? appError(
          'invalid-request',
          `${administratorId} has ${graphs.length} pending Detective invitations in ${region} (behavior graphs ${graphs.join(', ')}); name the graph.`,
        )
      : appError('refused', `There is no pending Detective invitation from ${administratorId} in ${region}.`, {
          remediation: 'Read the row again to see the current invitations.',
        }),
  );
}

export const memberSide: MemberSideOf<DetectiveClient> = {
  // "the docs speak of several graphs per member" (an account "for each behavior graph that it
  // contributes to", member-account-graph-management.html): one administrator per graph. The bound is
  // the number of graphs a region can hold for one account, which AWS does not publish: 20 is chosen.
  maxAdministrators: 20,
  async read(ctx, parts) {
    if (parts.length === 0) {
      return { administrators: null, invitations: null, off: false, notes: [], usedDeprecated: false, carry: {} };
    }
    const listed = await listInvitations(ctx);
    return {
      // One call answers both parts: both are always given, so a re-read settles either.
      administrators: listed.value.map(toAdministrator).filter((a) => a !== null),
      invitations: listed.value.map(toInvitation).filter((i) => i !== null),
      off: false,
      notes: [],
      usedDeprecated: false,
      carry: {},
    };
  },
  changes: {
    accept: ['administrators', 'invitations'],
    decline: ['administrators', 'invitations'],
    leave: ['administrators', 'invitations'],
  },
  accept: (ctx, _side, invitation) => memberWrite(ctx, 'AcceptInvitation', invitation.invitationId),
  decline: (ctx, side, administratorId, invitationId) =>
    memberWrite(ctx, 'RejectInvitation', invitationId ?? pendingGraphOf(side, administratorId, ctx.region)).then(
      (sent) => ({ ...sent, value: [] }),
    ),
  leave(ctx, _side, administrator) {
    if (!administrator.invitationId) {
      throw new AppErrorException(
        appError('refused', `The behavior graph of ${administrator.accountId} in ${ctx.region} is not known.`, {
          remediation: 'Read the row again.',
        }),
      );
    }
    return memberWrite(ctx, 'DisassociateMembership', administrator.invitationId);
  },
};
