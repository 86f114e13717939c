/**
 * The administrator side of Security Hub: its member list and the invitations it sends.
 * Every operation touches only the (admin, region) and (member, region) entries it names.
 */
import { AwsError } from './http-util';
import { markInvitation, memberOut, type ShContext, type UnprocessedAccount } from './securityhub-context';
import { accountIdList, booleanQuery, invalidInput, page } from './securityhub-input';
import {
  checkQuotas,
  enrolOrganizationAccount,
  organizationAccountFor,
  refuseIfNotTheDelegatedAdministrator,
} from './securityhub-organization';
import { type MemberRecord, randomHex } from './state';

export const CREATE_MEMBERS_PER_CALL = 50;

const isAssociated = (status: string) => status === 'Enabled' || status === 'Associated';

function list(ctx: ShContext) {
  return ctx.state.membersOf(ctx.accountId, ctx.region, true)!;
}

/** OnlyAssociated defaults to true on the server: without it only associated (Enabled) members come back. */
export function listMembers(ctx: ShContext) {
  const onlyAssociated = booleanQuery(ctx.query, 'OnlyAssociated', true);
  const members = [...(ctx.state.membersOf(ctx.accountId, ctx.region)?.values() ?? [])];
  const chosen = onlyAssociated ? members.filter((m) => isAssociated(m.status)) : members;
  const { items, nextToken } = page(chosen, ctx.query, `ListMembers:${onlyAssociated}`, 50, 50);
  return {
    Members: items.map((m) => memberOut(m, ctx.accountId)),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
}

export function getMembers(ctx: ShContext) {
  const ids = accountIdList(ctx.body, 'AccountIds');
  const members = ctx.state.membersOf(ctx.accountId, ctx.region);
  const found: ReturnType<typeof memberOut>[] = [];
  const unprocessed: UnprocessedAccount[] = [];
  for (const id of ids) {
    const m = members?.get(id);
    if (m) found.push(memberOut(m, ctx.accountId));
    else unprocessed.push({ AccountId: id, ProcessingResult: `Account ${id} is not a member of ${ctx.accountId}.` });
  }
  return { Members: found, UnprocessedAccounts: unprocessed };
}

export function createMembers(ctx: ShContext) {
  const details = ctx.body.AccountDetails;
  if (!Array.isArray(details) || details.length === 0) {
    throw invalidInput("Invalid parameter 'AccountDetails': a non-empty list is required.");
  }
  // Beyond 50 in one call AWS processes the first 50 and reports the rest unprocessed with
  // "Maximum number of results exceeded" (aws-samples/aws-secure-environment-accelerator#814).
  const beyond: UnprocessedAccount[] = details.slice(CREATE_MEMBERS_PER_CALL).map((d) => ({
    AccountId: String((d as { AccountId?: unknown } | null)?.AccountId ?? ''),
    ProcessingResult: 'Maximum number of results exceeded',
  }));
  const wanted = details.slice(0, CREATE_MEMBERS_PER_CALL).map((d, i) => {
    const entry = (d ?? {}) as { AccountId?: unknown; Email?: unknown };
    if (typeof entry.AccountId !== 'string' || !/^\d{12}$/.test(entry.AccountId)) {
      throw invalidInput(`Invalid parameter 'AccountDetails[${i}].AccountId': must be a 12-digit account ID.`);
    }
    if (entry.Email !== undefined && typeof entry.Email !== 'string') {
      throw invalidInput(`Invalid parameter 'AccountDetails[${i}].Email': must be a string.`);
    }
    return { accountId: entry.AccountId, email: (entry.Email as string | undefined) ?? null };
  });
  refuseIfMember(ctx);
  refuseIfNotTheDelegatedAdministrator(
    ctx,
    wanted.map((w) => w.accountId),
  );
  const members = list(ctx);
  const added = wanted.filter((w) => !members.has(w.accountId));
  const organization = added.filter((w) => organizationAccountFor(ctx, w.accountId)).length;
  checkQuotas(members, { organization, invited: added.length - organization });
  const unprocessed: UnprocessedAccount[] = [...beyond];
  for (const w of wanted) {
    const reason = refuseCreate(ctx, members.get(w.accountId), w.accountId);
    if (reason) {
      unprocessed.push({ AccountId: w.accountId, ProcessingResult: reason });
      continue;
    }
    const orgAccount = organizationAccountFor(ctx, w.accountId);
    if (orgAccount) {
      const refused = enrolOrganizationAccount(ctx, members, orgAccount);
      if (refused) unprocessed.push({ AccountId: w.accountId, ProcessingResult: refused });
      continue;
    }
    const existing = members.get(w.accountId);
    members.set(w.accountId, {
      accountId: w.accountId,
      email: w.email ?? existing?.email ?? null,
      status: 'Created',
      invitedAt: null,
      updatedAt: ctx.now,
      viaOrganizations: false,
      invitationId: null,
    });
  }
  return { UnprocessedAccounts: unprocessed };
}

/**
 * "An account cannot be both an administrator account and a member account" (Security Hub user
 * guide, restrictions on administrator and member accounts). The error code and wording are not
 * documented; InvalidInputException naming the administrator is chosen.
 */
function refuseIfMember(ctx: ShContext): void {
  const own = ctx.state.memberSide(ctx.accountId, ctx.region).administrator;
  if (own) {
    throw new AwsError(
      400,
      'InvalidInputException',
      `Account ${ctx.accountId} is a member of administrator account ${own.accountId} in ${ctx.region} and cannot have members.`,
    );
  }
}

function refuseCreate(ctx: ShContext, existing: MemberRecord | undefined, id: string): string | null {
  if (id === ctx.accountId) return 'The administrator account cannot be its own member.';
  if (existing && (isAssociated(existing.status) || existing.status === 'Invited')) {
    // AWS's wording, quoted in aws-samples/aws-secure-environment-accelerator#814.
    return 'The request is rejected because the given account ID is already a member or associated member of the current account.';
  }
  const theirs = ctx.state.memberSide(id, ctx.region).administrator;
  if (theirs && theirs.accountId !== ctx.accountId) {
    return `Account ${id} is already associated with another administrator account.`;
  }
  return null;
}

export function inviteMembers(ctx: ShContext) {
  const ids = accountIdList(ctx.body, 'AccountIds');
  refuseIfMember(ctx);
  const members = list(ctx);
  const unprocessed: UnprocessedAccount[] = [];
  for (const id of ids) {
    const m = members.get(id);
    if (!m) {
      unprocessed.push({
        AccountId: id,
        ProcessingResult: `Account ${id} is not a member. Create it with CreateMembers first.`,
      });
      continue;
    }
    // An Organizations member gets no invitation ("Organization accounts don't receive invitations",
    // the model). AWS's answer is not published; a real run suggests a silent success: a Terraform
    // module that always invites (invite = true) re-added organization accounts, and the provider,
    // which fails on any UnprocessedAccounts from InviteMembers, did not fail — "it always adds the
    // member accounts back via AWS Organizations and thus no invitation is sent"
    // (nozaq/terraform-aws-secure-baseline#302, with the provider's member.go). Nothing changes.
    if (m.viaOrganizations) continue;
    if (isAssociated(m.status)) {
      unprocessed.push({ AccountId: id, ProcessingResult: `Account ${id} is already associated.` });
      continue;
    }
    // A new invitation replaces any earlier one from this administrator.
    m.status = 'Invited';
    m.invitationId = randomHex(16);
    m.invitedAt = ctx.now;
    m.updatedAt = ctx.now;
    ctx.state.memberSide(id, ctx.region).invitations.set(ctx.accountId, {
      accountId: ctx.accountId,
      invitationId: m.invitationId,
      invitedAt: ctx.now,
      memberStatus: 'Invited',
    });
  }
  return { UnprocessedAccounts: unprocessed };
}

/** Ends the relationship from the administrator's side; accounts that are not members are ignored. */
export function disassociateMembers(ctx: ShContext) {
  const ids = accountIdList(ctx.body, 'AccountIds');
  const members = ctx.state.membersOf(ctx.accountId, ctx.region);
  for (const id of ids) {
    const m = members?.get(id);
    if (!m || (m.status !== 'Enabled' && m.status !== 'Invited' && m.status !== 'Associated')) continue;
    m.status = 'Removed';
    m.updatedAt = ctx.now;
    detach(ctx, id, 'Removed');
  }
  return {};
}

export function deleteMembers(ctx: ShContext) {
  const ids = accountIdList(ctx.body, 'AccountIds');
  const members = ctx.state.membersOf(ctx.accountId, ctx.region);
  const unprocessed: UnprocessedAccount[] = [];
  for (const id of ids) {
    const m = members?.get(id);
    if (!m) {
      unprocessed.push({ AccountId: id, ProcessingResult: `Account ${id} is not a member of ${ctx.accountId}.` });
      continue;
    }
    if (m.viaOrganizations && isAssociated(m.status)) {
      unprocessed.push({
        AccountId: id,
        ProcessingResult:
          'The account belongs to the organization managed through AWS Organizations and cannot be deleted. Disassociate it instead.',
      });
      continue;
    }
    members!.delete(id);
    detach(ctx, id, 'Deleted');
  }
  return { UnprocessedAccounts: unprocessed };
}

/** Ends this administrator's link on the member's side; its invitation stays listed, ended. */
function detach(ctx: ShContext, memberId: string, status: 'Removed' | 'Deleted'): void {
  const side = ctx.state.memberSide(memberId, ctx.region);
  markInvitation(side, ctx.accountId, status);
  if (side.administrator?.accountId === ctx.accountId) side.administrator = null;
}
