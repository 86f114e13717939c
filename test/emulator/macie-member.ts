/**
 * Macie's own session and its member side: GetMacieSession / EnableMacie, the administrator
 * relationship (new and deprecated names), the invitations received, declining and deleting them.
 * Behaviour choices and their sources are in README.md ("Macie").
 */
import { AwsError } from './http-util';
import {
  accountIds,
  book,
  clientError,
  invitationOut,
  iso,
  page,
  type UnprocessedAccount,
  validation,
} from './macie-wire';
import type { ServiceContext } from './rest-service';

export function getMacieSession(ctx: ServiceContext) {
  const session = ctx.state.macie.sessionOf(ctx.accountId, ctx.region)!;
  return {
    createdAt: iso(session.createdAt),
    findingPublishingFrequency: 'FIFTEEN_MINUTES',
    serviceRole: `arn:aws:iam::${ctx.accountId}:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie`,
    status: session.status,
    updatedAt: iso(session.updatedAt),
  };
}

/** Turns Macie on (billed). A second EnableMacie is refused (the wording is not published; chosen). */
export function enableMacie(ctx: ServiceContext) {
  const status = ctx.body.status ?? 'ENABLED';
  if (status !== 'ENABLED' && status !== 'PAUSED') {
    throw validation('The request failed because status must be ENABLED or PAUSED.');
  }
  const key = `${ctx.accountId}:${ctx.region}`;
  if (ctx.state.macie.sessions.has(key)) {
    throw new AwsError(
      409,
      'ConflictException',
      'The request failed because Macie is already enabled for the account.',
    );
  }
  ctx.state.macie.sessions.set(key, { status, createdAt: ctx.now, updatedAt: ctx.now });
  return {};
}

/**
 * The model's Invitation: for an invited member accountId, invitationId, invitedAt and status; for
 * an Organizations member the account id (the invitation fields left out, as nothing was sent).
 */
function administratorOf(ctx: ServiceContext) {
  const link = book(ctx).memberSide(ctx.accountId, ctx.region).administrator;
  if (!link) return null;
  const record = book(ctx).membersOf(link.accountId, ctx.region)?.get(ctx.accountId);
  return {
    accountId: link.accountId,
    ...(link.invitationId ? { invitationId: link.invitationId } : {}),
    ...(link.invitedAt ? { invitedAt: iso(link.invitedAt) } : {}),
    relationshipStatus: record?.status ?? 'Enabled',
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

/**
 * The real refusal for a missing or mismatched invitation, or a member of another administrator:
 * ValidationException (hashicorp/terraform-provider-aws#40587).
 */
const NO_PENDING_INVITATION =
  'The request is rejected because the current account has no pending invitation from the given master account ID or is already an associated member of another master account.';

export function acceptInvitation(ctx: ServiceContext) {
  const invitationId = ctx.body.invitationId;
  const adminId = ctx.body.administratorAccountId ?? ctx.body.masterAccount;
  if (typeof invitationId !== 'string' || typeof adminId !== 'string' || !/^\d{12}$/.test(adminId)) {
    throw validation(NO_PENDING_INVITATION);
  }
  const side = book(ctx).memberSide(ctx.accountId, ctx.region);
  const current = side.administrator;
  if (current?.accountId === adminId && current.invitationId === invitationId) return {};
  const invitation = side.invitations.get(adminId);
  const record = book(ctx).membersOf(adminId, ctx.region)?.get(ctx.accountId);
  if (current || !record || invitation?.invitationId !== invitationId || invitation.memberStatus !== 'Invited') {
    throw validation(NO_PENDING_INVITATION);
  }
  invitation.memberStatus = 'Enabled';
  side.administrator = { accountId: adminId, invitationId, invitedAt: invitation.invitedAt, viaOrganizations: false };
  record.status = 'Enabled';
  record.updatedAt = ctx.now;
  return {};
}

export function disassociateFromAdministrator(ctx: ServiceContext) {
  const side = book(ctx).memberSide(ctx.accountId, ctx.region);
  const link = side.administrator;
  if (!link)
    throw validation('The request failed because the account is not associated with an administrator account.');
  if (link.viaOrganizations) {
    // Organizations members "do not have sufficient permissions to disassociate themselves"
    // (gruntwork-io/cloud-nuke#323); the code is taken from that, the wording is not published.
    throw new AwsError(
      403,
      'AccessDeniedException',
      'The request failed because the account is associated with its administrator account through AWS Organizations.',
    );
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

export function listInvitations(ctx: ServiceContext) {
  const all = [...book(ctx).memberSide(ctx.accountId, ctx.region).invitations.values()];
  const { items, nextToken } = page(ctx, all, 'ListInvitations');
  return { invitations: items.map(invitationOut), ...(nextToken ? { nextToken } : {}) };
}

export function getInvitationsCount(ctx: ServiceContext) {
  const side = book(ctx).memberSide(ctx.accountId, ctx.region);
  const current = side.administrator?.invitationId ?? null;
  let count = 0;
  for (const inv of side.invitations.values()) if (inv.invitationId !== current) count++;
  return { invitationsCount: count };
}

export function declineInvitations(ctx: ServiceContext) {
  const side = book(ctx).memberSide(ctx.accountId, ctx.region);
  const unprocessed: UnprocessedAccount[] = [];
  for (const adminId of accountIds(ctx)) {
    const invitation = side.invitations.get(adminId);
    if (!invitation) unprocessed.push(clientError(adminId, `No invitation from account ${adminId} was found.`));
    else if (side.administrator?.accountId === adminId) {
      unprocessed.push(clientError(adminId, 'The invitation is already accepted. Disassociate instead.'));
    } else if (invitation.memberStatus !== 'Invited') {
      unprocessed.push(clientError(adminId, `The invitation is no longer pending (${invitation.memberStatus}).`));
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

export function deleteInvitations(ctx: ServiceContext) {
  const side = book(ctx).memberSide(ctx.accountId, ctx.region);
  const unprocessed: UnprocessedAccount[] = [];
  for (const adminId of accountIds(ctx)) {
    if (!side.invitations.has(adminId)) {
      unprocessed.push(clientError(adminId, `No invitation from account ${adminId} was found.`));
    } else if (side.administrator?.accountId === adminId) {
      unprocessed.push(clientError(adminId, 'The invitation is already accepted. Disassociate instead.'));
    } else side.invitations.delete(adminId);
  }
  return { unprocessedAccounts: unprocessed };
}
