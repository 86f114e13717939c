/**
 * Macie's administrator side: one member per CreateMember call, invitations for many, and the
 * per-account GetMember / DisassociateMember / DeleteMember (path label {id}). Wordings are chosen
 * unless a source is named (README.md, "Macie").
 */
import { firstValue } from './http-util';
import { randomHex } from './ids';
import {
  accountIds,
  book,
  clientError,
  memberArn,
  memberOut,
  notFound,
  page,
  type UnprocessedAccount,
  validation,
} from './macie-wire';
import type { MemberRecord } from './relationships';
import type { ServiceContext } from './rest-service';

const CURRENT = new Set(['Enabled', 'Paused']);

function refuseIfMember(ctx: ServiceContext): void {
  const own = book(ctx).memberSide(ctx.accountId, ctx.region).administrator;
  if (own) {
    throw validation(
      `The request failed because the account is a member of administrator account ${own.accountId} and can't have members.`,
    );
  }
}

/** The member named by the path; a malformed id is a ValidationException, an unknown one ResourceNotFound. */
function memberById(ctx: ServiceContext): MemberRecord {
  const id = ctx.params.id ?? '';
  if (!/^\d{12}$/.test(id)) throw validation(`The request failed because ${id} is not a valid account ID.`);
  const m = book(ctx).membersOf(ctx.accountId, ctx.region)?.get(id);
  if (!m) throw notFound('The request failed because the specified resource was not found.');
  return m;
}

export function createMember(ctx: ServiceContext) {
  const account = (ctx.body.account ?? {}) as { accountId?: unknown; email?: unknown };
  if (typeof account.accountId !== 'string' || !/^\d{12}$/.test(account.accountId)) {
    throw validation('The request failed because account.accountId must be a 12-digit account ID.');
  }
  if (typeof account.email !== 'string' || account.email.length === 0) {
    throw validation('The request failed because account.email is required.');
  }
  refuseIfMember(ctx);
  const id = account.accountId;
  if (id === ctx.accountId) throw validation('The request failed because an account cannot be its own member.');
  const list = book(ctx).membersOf(ctx.accountId, ctx.region, true)!;
  const existing = list.get(id);
  if (existing && (CURRENT.has(existing.status) || existing.status === 'Invited')) {
    throw validation(`The request failed because account ${id} is already a member of the administrator account.`);
  }
  const theirs = book(ctx).memberSide(id, ctx.region).administrator;
  if (theirs && theirs.accountId !== ctx.accountId) {
    throw validation(
      `The request failed because account ${id} is already associated with another administrator account.`,
    );
  }
  list.set(id, {
    accountId: id,
    email: account.email,
    status: 'Created',
    invitedAt: null,
    updatedAt: ctx.now,
    viaOrganizations: false,
    invitationId: null,
  });
  return { arn: memberArn(ctx.region, ctx.accountId, id) };
}

export function createInvitations(ctx: ServiceContext) {
  const ids = accountIds(ctx);
  refuseIfMember(ctx);
  const list = book(ctx).membersOf(ctx.accountId, ctx.region, true)!;
  const unprocessed: UnprocessedAccount[] = [];
  for (const id of ids) {
    const m = list.get(id);
    if (!m) unprocessed.push(clientError(id, `Account ${id} isn't a member. Add it with CreateMember first.`));
    else if (m.viaOrganizations) unprocessed.push(clientError(id, `Account ${id} is managed by AWS Organizations.`));
    else if (CURRENT.has(m.status) || m.status === 'Invited') {
      unprocessed.push(clientError(id, `Account ${id} is already invited or associated.`));
    } else {
      m.status = 'Invited';
      m.invitationId = randomHex(16);
      m.invitedAt = ctx.now;
      m.updatedAt = ctx.now;
      book(ctx).memberSide(id, ctx.region).invitations.set(ctx.accountId, {
        accountId: ctx.accountId,
        invitationId: m.invitationId,
        invitedAt: ctx.now,
        memberStatus: 'Invited',
      });
    }
  }
  return { unprocessedAccounts: unprocessed };
}

/** "By default, the response includes only current member accounts. To include all accounts, set this value to false." */
export function listMembers(ctx: ServiceContext) {
  const raw = firstValue(ctx.query, 'onlyAssociated') ?? 'true';
  if (raw !== 'true' && raw !== 'false') {
    throw validation('The request failed because onlyAssociated must be true or false.');
  }
  const all = [...(book(ctx).membersOf(ctx.accountId, ctx.region)?.values() ?? [])];
  const chosen = raw === 'true' ? all.filter((m) => CURRENT.has(m.status)) : all;
  const { items, nextToken } = page(ctx, chosen, `ListMembers:${raw}`);
  return { members: items.map((m) => memberOut(ctx, m)), ...(nextToken ? { nextToken } : {}) };
}

export const getMember = (ctx: ServiceContext) => memberOut(ctx, memberById(ctx));

/** The member goes to Removed and loses its administrator; an Organizations member too. */
export function disassociateMember(ctx: ServiceContext) {
  const m = memberById(ctx);
  if (CURRENT.has(m.status) || m.status === 'Invited') {
    m.status = 'Removed';
    m.updatedAt = ctx.now;
    detach(ctx, m.accountId);
  }
  return {};
}

/**
 * Deleting an Organizations member is refused: the administrator cannot remove one
 * (hashicorp/terraform-provider-aws#26219; the code and wording are not published, chosen).
 */
export function deleteMember(ctx: ServiceContext) {
  const m = memberById(ctx);
  if (m.viaOrganizations && CURRENT.has(m.status)) {
    throw validation(
      'The request failed because the account is associated through AWS Organizations. Disassociate it instead.',
    );
  }
  book(ctx).membersOf(ctx.accountId, ctx.region)!.delete(m.accountId);
  detach(ctx, m.accountId, true);
  return {};
}

function detach(ctx: ServiceContext, memberId: string, forget = false): void {
  const side = book(ctx).memberSide(memberId, ctx.region);
  const invitation = side.invitations.get(ctx.accountId);
  if (invitation && forget) side.invitations.delete(ctx.accountId);
  else if (invitation) invitation.memberStatus = 'Removed';
  if (side.administrator?.accountId === ctx.accountId) side.administrator = null;
}
