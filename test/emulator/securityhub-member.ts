/**
 * The member side of Security Hub: the administrator relationship (new and deprecated "master"
 * names), invitations received, declining them. DeleteInvitations lives here too because it may
 * come from either side (see README: "DeleteInvitations").
 */
import { AwsError } from './http-util';
import { invitationOut, markInvitation, type ShContext, type UnprocessedAccount } from './securityhub-context';
import { accountIdField, accountIdList, page, requiredString } from './securityhub-input';
import { refuseIfAdministrator } from './securityhub-organization';
import type { InvitationRecord, MemberSide } from './state';

function isAnswerable(invitation: InvitationRecord, side: MemberSide): boolean {
  if (invitation.memberStatus === 'Invited') return true;
  // Accepting the current invitation again is a no-op (see accept below).
  return side.administrator?.invitationId === invitation.invitationId;
}

function administratorOf(ctx: ShContext) {
  const link = ctx.state.memberSide(ctx.accountId, ctx.region).administrator;
  if (!link) return null;
  return {
    AccountId: link.accountId,
    ...(link.invitationId ? { InvitationId: link.invitationId } : {}),
    ...(link.invitedAt ? { InvitedAt: link.invitedAt.toISOString() } : {}),
    MemberStatus: 'Enabled',
  };
}

export const getAdministratorAccount = (ctx: ShContext) => {
  const administrator = administratorOf(ctx);
  return administrator ? { Administrator: administrator } : {};
};

export const getMasterAccount = (ctx: ShContext) => {
  const master = administratorOf(ctx);
  return master ? { Master: master } : {};
};

function accept(ctx: ShContext, adminField: 'AdministratorId' | 'MasterId') {
  const adminId = accountIdField(ctx.body, adminField);
  const invitationId = requiredString(ctx.body, 'InvitationId');
  const side = ctx.state.memberSide(ctx.accountId, ctx.region);
  const invitation = side.invitations.get(adminId);
  // An invitation that was declined, left or withdrawn stays listed but cannot be accepted.
  if (!invitation || invitation.invitationId !== invitationId || !isAnswerable(invitation, side)) {
    throw new AwsError(
      404,
      'ResourceNotFoundException',
      `Invitation ${invitationId} from account ${adminId} was not found for account ${ctx.accountId} in ${ctx.region}.`,
    );
  }
  if (side.administrator) {
    if (side.administrator.accountId === adminId && side.administrator.invitationId === invitationId) return {};
    throw new AwsError(
      400,
      'InvalidInputException',
      `Account ${ctx.accountId} already has an administrator account (${side.administrator.accountId}) in ${ctx.region}. Disassociate from it before accepting another invitation.`,
    );
  }
  refuseIfAdministrator(ctx);
  const record = ctx.state.membersOf(adminId, ctx.region)?.get(ctx.accountId);
  if (!record) {
    throw new AwsError(
      404,
      'ResourceNotFoundException',
      `Account ${adminId} no longer lists ${ctx.accountId} as a member.`,
    );
  }
  invitation.memberStatus = 'Enabled';
  side.administrator = { accountId: adminId, invitationId, invitedAt: invitation.invitedAt, viaOrganizations: false };
  record.status = 'Enabled';
  record.updatedAt = ctx.now;
  return {};
}

export const acceptAdministratorInvitation = (ctx: ShContext) => accept(ctx, 'AdministratorId');
export const acceptInvitation = (ctx: ShContext) => accept(ctx, 'MasterId');

/** The member leaves its administrator. Refused for accounts enrolled through Organizations. */
export function disassociateFromAdministrator(ctx: ShContext) {
  const side = ctx.state.memberSide(ctx.accountId, ctx.region);
  const link = side.administrator;
  if (!link) {
    throw new AwsError(
      404,
      'ResourceNotFoundException',
      `Account ${ctx.accountId} is not associated with an administrator account in ${ctx.region}.`,
    );
  }
  if (link.viaOrganizations) {
    // The real answer, as quoted in superwerker's tests (code and message).
    throw new AwsError(
      400,
      'BadRequestException',
      'The request is rejected because member cannot disassociate from Organization administrator',
    );
  }
  side.administrator = null;
  markInvitation(side, link.accountId, 'Resigned');
  const record = ctx.state.membersOf(link.accountId, ctx.region)?.get(ctx.accountId);
  if (record) {
    record.status = 'Resigned';
    record.updatedAt = ctx.now;
  }
  return {};
}

export function listInvitations(ctx: ShContext) {
  const side = ctx.state.memberSide(ctx.accountId, ctx.region);
  if (side.administrator?.viaOrganizations) {
    // The API reference: "Only accounts that are managed by invitation can use this operation.
    // Accounts that are managed using the integration with Organizations don't receive invitations."
    // Which error AWS sends is not documented; a refusal quoting that sentence is chosen because it
    // is the stricter of the two answers clients meet (a refusal or an empty list).
    throw new AwsError(
      400,
      'BadRequestException',
      'Only accounts that are managed by invitation can use this operation.',
    );
  }
  const all = [...ctx.state.memberSide(ctx.accountId, ctx.region).invitations.values()];
  const { items, nextToken } = page(all, ctx.query, 'ListInvitations', 50, 50);
  return { Invitations: items.map(invitationOut), ...(nextToken ? { NextToken: nextToken } : {}) };
}

/**
 * Excludes the invitation behind the current relationship, as AWS documents ("not including the
 * currently accepted invitation"); declined ones still count (the AWS CLI's get-invitations-count
 * example: "the number of invitations that the requesting account declined or did not respond to").
 */
export function getInvitationsCount(ctx: ShContext) {
  const side = ctx.state.memberSide(ctx.accountId, ctx.region);
  const current = side.administrator?.invitationId ?? null;
  let count = 0;
  for (const inv of side.invitations.values()) if (inv.invitationId !== current) count++;
  return { InvitationsCount: count };
}

/** AccountIds are the inviting administrators. The administrator then sees the member as Resigned. */
export function declineInvitations(ctx: ShContext) {
  const ids = accountIdList(ctx.body, 'AccountIds');
  const side = ctx.state.memberSide(ctx.accountId, ctx.region);
  const unprocessed: UnprocessedAccount[] = [];
  for (const adminId of ids) {
    const invitation = side.invitations.get(adminId);
    if (!invitation) {
      unprocessed.push({ AccountId: adminId, ProcessingResult: `No invitation from account ${adminId} was found.` });
      continue;
    }
    if (side.administrator?.accountId === adminId) {
      unprocessed.push({
        AccountId: adminId,
        ProcessingResult: 'The invitation is already accepted. Disassociate from the administrator account instead.',
      });
      continue;
    }
    if (invitation.memberStatus !== 'Invited') {
      unprocessed.push({
        AccountId: adminId,
        ProcessingResult: `The invitation from account ${adminId} is no longer pending (${invitation.memberStatus}).`,
      });
      continue;
    }
    invitation.memberStatus = 'Resigned';
    const record = ctx.state.membersOf(adminId, ctx.region)?.get(ctx.accountId);
    if (record) {
      record.status = 'Resigned';
      record.updatedAt = ctx.now;
    }
  }
  return { UnprocessedAccounts: unprocessed };
}

/**
 * Either side may call it. For an administrator, AccountIds are members it invited: the invitation is
 * withdrawn and the member goes back to Created. Otherwise AccountIds are administrators that invited
 * the caller: the invitation disappears and the administrator's member list is left unchanged.
 */
export function deleteInvitations(ctx: ShContext) {
  const ids = accountIdList(ctx.body, 'AccountIds');
  const members = ctx.state.membersOf(ctx.accountId, ctx.region);
  const side = ctx.state.memberSide(ctx.accountId, ctx.region);
  const unprocessed: UnprocessedAccount[] = [];
  for (const id of ids) {
    const record = members?.get(id);
    if (record && record.status === 'Invited') {
      ctx.state.memberSide(id, ctx.region).invitations.delete(ctx.accountId);
      record.status = 'Created';
      record.invitationId = null;
      record.updatedAt = ctx.now;
      continue;
    }
    if (record && record.status === 'Enabled') {
      unprocessed.push({
        AccountId: id,
        ProcessingResult: 'The invitation was accepted. Disassociate the member instead.',
      });
      continue;
    }
    const invitation = side.invitations.get(id);
    if (invitation && side.administrator?.accountId !== id) {
      side.invitations.delete(id);
      continue;
    }
    const reason = invitation
      ? 'The invitation is already accepted. Disassociate from the administrator account instead.'
      : `No invitation to or from account ${id} was found.`;
    unprocessed.push({ AccountId: id, ProcessingResult: reason });
  }
  return { UnprocessedAccounts: unprocessed };
}
