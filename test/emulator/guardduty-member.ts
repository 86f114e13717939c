/**
 * GuardDuty's member side: the administrator relationship (new and deprecated "master" names, all
 * scoped to the caller's detector), the invitations received (no detector needed), declining and
 * deleting them. Behaviour choices and their sources are in README.md ("GuardDuty").
 */
import {
  accountIds,
  badRequest,
  book,
  INVALID_INPUT,
  invitationOut,
  iso,
  ownDetector,
  page,
  stringField,
  type UnprocessedAccount,
} from './guardduty-wire';
import type { ServiceContext } from './rest-service';

/**
 * "When the GuardDuty administrator account runs this API, it will return success (HTTP 200) but no
 * content … When an individual account … runs this API, it will return success (HTTP 200) but no
 * content" (GetAdministratorAccount in the model; terraform-provider-aws#8261 met the empty answer).
 */
function administratorOf(ctx: ServiceContext) {
  ownDetector(ctx);
  const link = book(ctx).memberSide(ctx.accountId, ctx.region).administrator;
  if (!link) return null;
  const record = book(ctx).membersOf(link.accountId, ctx.region)?.get(ctx.accountId);
  return {
    accountId: link.accountId,
    ...(link.invitationId ? { invitationId: link.invitationId } : {}),
    relationshipStatus: record?.status ?? 'Enabled',
    ...(link.invitedAt ? { invitedAt: iso(link.invitedAt) } : {}),
  };
}

export const getAdministratorAccount = (ctx: ServiceContext) => {
  const administrator = administratorOf(ctx);
  return administrator ? { administrator } : {};
};

export const getMasterAccount = (ctx: ServiceContext) => {
  const master = administratorOf(ctx);
  return master ? { master } : {};
};

/** The only wording published for a missing invitation (org-formation/org-formation-cli#542). */
const NO_INVITATION =
  'The request is rejected because the current account does not have an invitation from the requested master account.';

function accept(ctx: ServiceContext, adminField: 'administratorId' | 'masterId') {
  ownDetector(ctx);
  const adminId = stringField(ctx, adminField);
  const invitationId = stringField(ctx, 'invitationId');
  if (!/^\d{12}$/.test(adminId)) throw badRequest(INVALID_INPUT);
  const side = book(ctx).memberSide(ctx.accountId, ctx.region);
  const invitation = side.invitations.get(adminId);
  const current = side.administrator;
  if (current?.accountId === adminId && current.invitationId === invitationId) return {};
  if (!invitation || invitation.invitationId !== invitationId || invitation.memberStatus !== 'Invited') {
    throw badRequest(NO_INVITATION);
  }
  if (current) {
    throw badRequest(
      `The request is rejected because the current account is already associated with administrator account ${current.accountId}.`,
    );
  }
  const record = book(ctx).membersOf(adminId, ctx.region)?.get(ctx.accountId);
  if (!record) throw badRequest(NO_INVITATION);
  invitation.memberStatus = 'Enabled';
  side.administrator = { accountId: adminId, invitationId, invitedAt: invitation.invitedAt, viaOrganizations: false };
  record.status = 'Enabled';
  record.updatedAt = ctx.now;
  return {};
}

export const acceptAdministratorInvitation = (ctx: ServiceContext) => accept(ctx, 'administratorId');
export const acceptInvitation = (ctx: ServiceContext) => accept(ctx, 'masterId');

/** The member leaves; the administrator then sees it Resigned. Refused for Organizations members. */
export function disassociateFromAdministrator(ctx: ServiceContext) {
  ownDetector(ctx);
  const side = book(ctx).memberSide(ctx.accountId, ctx.region);
  const link = side.administrator;
  if (!link) {
    throw badRequest(
      'The request is rejected because the current account is not associated with an administrator account.',
    );
  }
  if (link.viaOrganizations) {
    // GuardDuty's wording is not published; Security Hub's real answer to the same request is used.
    throw badRequest('The request is rejected because member cannot disassociate from Organization administrator');
  }
  side.administrator = null;
  const invitation = side.invitations.get(link.accountId);
  if (invitation) invitation.memberStatus = 'Resigned';
  const record = book(ctx).membersOf(link.accountId, ctx.region)?.get(ctx.accountId);
  if (record) {
    record.status = 'Resigned';
    record.updatedAt = ctx.now;
  }
  return {};
}

/** Needs no detector. Organizations members have no invitation (terraform-provider-aws#27009). */
export function listInvitations(ctx: ServiceContext) {
  const all = [...book(ctx).memberSide(ctx.accountId, ctx.region).invitations.values()];
  const { items, nextToken } = page(ctx, all, 'ListInvitations');
  return { invitations: items.map(invitationOut), ...(nextToken ? { nextToken } : {}) };
}

/** "… except the currently accepted invitation" (GetInvitationsCount in the model). */
export function getInvitationsCount(ctx: ServiceContext) {
  const side = book(ctx).memberSide(ctx.accountId, ctx.region);
  const current = side.administrator?.invitationId ?? null;
  let count = 0;
  for (const inv of side.invitations.values()) if (inv.invitationId !== current) count++;
  return { invitationsCount: count };
}

export function declineInvitations(ctx: ServiceContext) {
  const ids = accountIds(ctx);
  const side = book(ctx).memberSide(ctx.accountId, ctx.region);
  const unprocessed: UnprocessedAccount[] = [];
  for (const adminId of ids) {
    const invitation = side.invitations.get(adminId);
    if (!invitation) {
      unprocessed.push({ accountId: adminId, result: `No invitation from account ${adminId} was found.` });
    } else if (side.administrator?.accountId === adminId) {
      unprocessed.push({ accountId: adminId, result: 'The invitation is already accepted. Disassociate instead.' });
    } else if (invitation.memberStatus !== 'Invited') {
      unprocessed.push({
        accountId: adminId,
        result: `The invitation is no longer pending (${invitation.memberStatus}).`,
      });
    } else {
      invitation.memberStatus = 'Resigned';
      const record = book(ctx).membersOf(adminId, ctx.region)?.get(ctx.accountId);
      if (record) {
        record.status = 'Resigned';
        record.updatedAt = ctx.now;
      }
    }
  }
  return { unprocessedAccounts: unprocessed };
}

/** "Deletes invitations sent to the current member account by AWS accounts specified by their account IDs." */
export function deleteInvitations(ctx: ServiceContext) {
  const ids = accountIds(ctx);
  const side = book(ctx).memberSide(ctx.accountId, ctx.region);
  const unprocessed: UnprocessedAccount[] = [];
  for (const adminId of ids) {
    if (!side.invitations.has(adminId)) {
      unprocessed.push({ accountId: adminId, result: `No invitation from account ${adminId} was found.` });
    } else if (side.administrator?.accountId === adminId) {
      unprocessed.push({ accountId: adminId, result: 'The invitation is already accepted. Disassociate instead.' });
    } else {
      side.invitations.delete(adminId);
    }
  }
  return { unprocessedAccounts: unprocessed };
}
