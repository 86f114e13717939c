/**
 * GuardDuty's administrator side, every call scoped to the administrator's detector: its member list
 * and the invitations it sends. Wordings with a published source say so; the others are marked chosen
 * in README.md ("GuardDuty").
 */
import {
  accountIds,
  badRequest,
  book,
  INVALID_INPUT,
  memberOut,
  ownDetector,
  page,
  type UnprocessedAccount,
} from './guardduty-wire';
import { firstValue } from './http-util';
import { randomHex } from './ids';
import type { MemberRecord } from './relationships';
import type { ServiceContext } from './rest-service';

/** "Up to 5,000 members" per administrator (GuardDuty user guide, guardduty_accounts). */
export const GUARDDUTY_MEMBER_QUOTA = 5000;

const ASSOCIATED = new Set(['Enabled', 'Disabled']);
/** terraform-provider-aws guardduty/member.go matches this text in InviteMembers' UnprocessedAccounts. */
const ALREADY_INVITED =
  'The request is rejected because the current account has already invited or is already the GuardDuty master of the given member account ID.';
const NOT_A_MEMBER = 'The request is rejected because the input account ID is not a member of the current account.';

function members(ctx: ServiceContext): Map<string, MemberRecord> {
  return book(ctx).membersOf(ctx.accountId, ctx.region, true)!;
}

/** An account that is itself a member cannot administer members (chosen wording; the rule is the user guide's). */
function refuseIfMember(ctx: ServiceContext): void {
  const own = book(ctx).memberSide(ctx.accountId, ctx.region).administrator;
  if (own) {
    throw badRequest(
      `The request is rejected because the current account is a member of administrator account ${own.accountId}.`,
    );
  }
}

/**
 * onlyAssociated is a string in the model ("true"/"false"); without it only associated members come
 * back, as the AWS CLI's list-members example 1 describes "current member accounts".
 */
export function listMembers(ctx: ServiceContext) {
  ownDetector(ctx);
  const raw = firstValue(ctx.query, 'onlyAssociated') ?? 'true';
  if (raw !== 'true' && raw !== 'false') {
    throw badRequest('The request is rejected because the parameter onlyAssociated has an invalid value.');
  }
  const all = [...(book(ctx).membersOf(ctx.accountId, ctx.region)?.values() ?? [])];
  const chosen = raw === 'true' ? all.filter((m) => ASSOCIATED.has(m.status)) : all;
  const { items, nextToken } = page(ctx, chosen, `ListMembers:${raw}`);
  return { members: items.map((m) => memberOut(ctx, m)), ...(nextToken ? { nextToken } : {}) };
}

export function getMembers(ctx: ServiceContext) {
  ownDetector(ctx);
  const list = book(ctx).membersOf(ctx.accountId, ctx.region);
  const found: ReturnType<typeof memberOut>[] = [];
  const unprocessed: UnprocessedAccount[] = [];
  for (const id of accountIds(ctx)) {
    const m = list?.get(id);
    if (m) found.push(memberOut(ctx, m));
    else unprocessed.push({ accountId: id, result: NOT_A_MEMBER });
  }
  return { members: found, unprocessedAccounts: unprocessed };
}

export function createMembers(ctx: ServiceContext) {
  ownDetector(ctx);
  const details = ctx.body.accountDetails;
  if (!Array.isArray(details) || details.length === 0) throw badRequest(INVALID_INPUT);
  if (details.length > 50) {
    // The real answer, aws-samples/aws-security-reference-architecture-examples#139 (and #291).
    throw badRequest(
      `The request failed because the length provided for the accountDetails array was ${details.length}. Max allowed length is 50.`,
    );
  }
  const wanted = details.map((d) => {
    const entry = (d ?? {}) as { accountId?: unknown; email?: unknown };
    if (typeof entry.accountId !== 'string' || !/^\d{12}$/.test(entry.accountId)) throw badRequest(INVALID_INPUT);
    if (typeof entry.email !== 'string' || entry.email.length === 0) throw badRequest(INVALID_INPUT);
    return { accountId: entry.accountId, email: entry.email };
  });
  refuseIfMember(ctx);
  const list = members(ctx);
  if (list.size + wanted.filter((w) => !list.has(w.accountId)).length > GUARDDUTY_MEMBER_QUOTA) {
    throw badRequest(
      `The request is rejected because an administrator account can have at most ${GUARDDUTY_MEMBER_QUOTA} members.`,
    );
  }
  const unprocessed: UnprocessedAccount[] = [];
  for (const w of wanted) {
    const existing = list.get(w.accountId);
    const reason = refuseCreate(ctx, existing, w.accountId);
    if (reason) {
      unprocessed.push({ accountId: w.accountId, result: reason });
      continue;
    }
    list.set(w.accountId, {
      accountId: w.accountId,
      email: w.email,
      status: 'Created',
      invitedAt: null,
      updatedAt: ctx.now,
      viaOrganizations: false,
      invitationId: null,
    });
  }
  return { unprocessedAccounts: unprocessed };
}

function refuseCreate(ctx: ServiceContext, existing: MemberRecord | undefined, id: string): string | null {
  if (id === ctx.accountId) return 'The request is rejected because the current account cannot be its own member.';
  if (existing && (ASSOCIATED.has(existing.status) || existing.status === 'Invited')) return ALREADY_INVITED;
  const theirs = book(ctx).memberSide(id, ctx.region).administrator;
  if (theirs && theirs.accountId !== ctx.accountId) {
    return `The request is rejected because account ${id} is already associated with another administrator account.`;
  }
  return null;
}

/** Sends (or replaces) the invitation; the member sees it in ListInvitations with status Invited. */
export function inviteMembers(ctx: ServiceContext) {
  ownDetector(ctx);
  const ids = accountIds(ctx);
  refuseIfMember(ctx);
  const list = members(ctx);
  const unprocessed: UnprocessedAccount[] = [];
  for (const id of ids) {
    const m = list.get(id);
    if (!m) unprocessed.push({ accountId: id, result: NOT_A_MEMBER });
    else if (m.viaOrganizations) {
      // "When the member accounts added through Organizations are later disassociated, you
      // (administrator) can't invite them by calling the InviteMembers API" (the model's docs).
      unprocessed.push({
        accountId: id,
        result: 'The request is rejected because the account is managed by AWS Organizations.',
      });
    } else if (ASSOCIATED.has(m.status) || m.status === 'Invited')
      unprocessed.push({ accountId: id, result: ALREADY_INVITED });
    else {
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

/** The member goes to Removed; its details stay so InviteMembers can be sent again (the model's docs). */
export function disassociateMembers(ctx: ServiceContext) {
  ownDetector(ctx);
  const list = book(ctx).membersOf(ctx.accountId, ctx.region);
  const unprocessed: UnprocessedAccount[] = [];
  for (const id of accountIds(ctx)) {
    const m = list?.get(id);
    if (!m) {
      unprocessed.push({ accountId: id, result: NOT_A_MEMBER });
      continue;
    }
    if (!ASSOCIATED.has(m.status) && m.status !== 'Invited') continue;
    m.status = 'Removed';
    m.updatedAt = ctx.now;
    const side = book(ctx).memberSide(id, ctx.region);
    const invitation = side.invitations.get(ctx.accountId);
    if (invitation) invitation.memberStatus = 'Removed';
    if (side.administrator?.accountId === ctx.accountId) side.administrator = null;
  }
  return { unprocessedAccounts: unprocessed };
}

/** Removes the member's details; on its side the relationship and this administrator's invitation go. */
export function deleteMembers(ctx: ServiceContext) {
  ownDetector(ctx);
  const list = book(ctx).membersOf(ctx.accountId, ctx.region);
  const unprocessed: UnprocessedAccount[] = [];
  for (const id of accountIds(ctx)) {
    if (!list?.has(id)) {
      unprocessed.push({ accountId: id, result: NOT_A_MEMBER });
      continue;
    }
    list.delete(id);
    const side = book(ctx).memberSide(id, ctx.region);
    side.invitations.delete(ctx.accountId);
    if (side.administrator?.accountId === ctx.accountId) side.administrator = null;
  }
  return { unprocessedAccounts: unprocessed };
}
