/**
 * Macie's reads: each checks its answer (schemas.ts), reads every page through the SDK's paginators
 * (main/core/aws/pagination.ts) and, where AWS renamed "master" to "administrator", tries the
 * deprecated operation only when IAM denies the new one (aws/call.ts `withFallback`), reporting which
 * answered. Every call goes through `ctx.run` (the call scheduler). Errors leave as AppErrorException.
 */
import {
  GetAdministratorAccountCommand,
  GetMacieSessionCommand,
  GetMasterAccountCommand,
  GetMemberCommand,
  ListMembersCommand,
  type Macie2Client,
  paginateListInvitations,
  paginateListMembers,
} from '@aws-sdk/client-macie2';
import { isAppErrorException } from '../../../domain/errors';
import type { AdministratorInfo, InvitationInfo, MemberInfo } from '../../../domain/row';
import type { UnprocessedAccount } from '../../../domain/types';
import { type Called, call, once, requestIdOf, withFallback } from '../../aws/call';
import { readPages } from '../../aws/pagination';
import type { ServiceContext } from '../service';
import { schemas, toAdministrator, toInvitation, toMember } from './schemas';

export type Context = ServiceContext<Macie2Client>;

/** Most results a page of ListInvitations or ListMembers holds (MaxResults 1–25 in the model). */
export const PAGE_SIZE = 25;

/** Every operation Macie's reads send, with what for (the least-privilege policy, main/core/permissions/). */
export const READ_OPERATIONS: Readonly<Record<string, string>> = {
  GetMacieSession: 'whether Macie is on in the account and region (each refresh; "off" is asked again after a day)',
  GetAdministratorAccount: 'the account’s administrator (each refresh, where Macie is on)',
  GetMasterAccount: 'the account’s administrator, where IAM grants only the deprecated name',
  ListInvitations: 'the invitations waiting for the account (each refresh, where Macie is on)',
  ListMembers: 'an administrator’s members (each refresh, where Macie is on)',
  GetMember: 'a member’s details (the profile page, the checks before a batch)',
};

/**
 * The older "master" operations and the names that replaced them: botocore's macie2 model documents
 * each as "(Deprecated) … This operation has been replaced by the … operation" (without the
 * `deprecated` flag the Security Hub and GuardDuty models set).
 */
export const DEPRECATED_OPERATIONS: Readonly<Record<string, string>> = {
  GetMasterAccount: 'GetAdministratorAccount',
  DisassociateFromMasterAccount: 'DisassociateFromAdministratorAccount',
};

/** The account's Macie session: its status (ENABLED or PAUSED); Macie off is a service-off error. */
export async function getMacieSession(ctx: Context): Promise<Called<string | null>> {
  const out = await call(ctx, 'GetMacieSession', schemas.GetMacieSession, (abortSignal) =>
    ctx.client.send(new GetMacieSessionCommand({}), { abortSignal }),
  );
  return once(out.status ?? null, 'GetMacieSession', requestIdOf(out));
}

/** The administrator relationship, or null (no administrator). */
export function getAdministrator(ctx: Context): Promise<Called<AdministratorInfo | null>> {
  return withFallback(
    async () => {
      const out = await call(ctx, 'GetAdministratorAccount', schemas.GetAdministratorAccount, (abortSignal) =>
        ctx.client.send(new GetAdministratorAccountCommand({}), { abortSignal }),
      );
      return once(toAdministrator(out.administrator), 'GetAdministratorAccount', requestIdOf(out));
    },
    async () => {
      const out = await call(ctx, 'GetMasterAccount', schemas.GetMasterAccount, (abortSignal) =>
        ctx.client.send(new GetMasterAccountCommand({}), { abortSignal }),
      );
      return once(toAdministrator(out.master), 'GetMasterAccount', requestIdOf(out));
    },
  );
}

/** Every invitation this account has received, all pages. */
export async function listInvitations(ctx: Context): Promise<Called<InvitationInfo[]>> {
  const { pages, requestId } = await readPages(
    ctx,
    'ListInvitations',
    schemas.ListInvitations,
    (sendOptions, startingToken) =>
      paginateListInvitations({ client: ctx.client, pageSize: PAGE_SIZE, startingToken }, {}, sendOptions),
    (page) => page.nextToken,
  );
  const invitations = pages.flatMap((page) => (page.invitations ?? []).map(toInvitation)).filter((i) => i !== null);
  return once(invitations, 'ListInvitations', requestId);
}

export interface MembersPage {
  members: MemberInfo[];
  nextToken: string | null;
}

/** `onlyAssociated` is a string in the model: "By default, the response includes only current member accounts." */
const associated = (onlyAssociated: boolean) => String(onlyAssociated);

/** One ListMembers page (the row's first read: most accounts have no members). */
export async function listMembersPage(ctx: Context, onlyAssociated: boolean): Promise<Called<MembersPage>> {
  const out = await call(ctx, 'ListMembers', schemas.ListMembers, (abortSignal) =>
    ctx.client.send(new ListMembersCommand({ onlyAssociated: associated(onlyAssociated), maxResults: PAGE_SIZE }), {
      abortSignal,
    }),
  );
  return once(
    { members: (out.members ?? []).map(toMember), nextToken: out.nextToken ?? null },
    'ListMembers',
    requestIdOf(out),
  );
}

/** Every member, all pages, starting from an already read first page when given. */
export async function listMembers(
  ctx: Context,
  onlyAssociated: boolean,
  firstPage?: MembersPage,
): Promise<MemberInfo[]> {
  const first = firstPage ?? (await listMembersPage(ctx, onlyAssociated)).value;
  if (!first.nextToken) return first.members;
  const { pages } = await readPages(
    ctx,
    'ListMembers',
    schemas.ListMembers,
    (sendOptions, startingToken) =>
      paginateListMembers(
        { client: ctx.client, pageSize: PAGE_SIZE, startingToken },
        { onlyAssociated: associated(onlyAssociated) },
        sendOptions,
      ),
    (page) => page.nextToken,
    { seen: [first.nextToken], firstToken: first.nextToken },
  );
  return [...first.members, ...pages.flatMap((page) => (page.members ?? []).map(toMember))];
}

/** Past this many accounts, one listing of every member costs fewer calls than one GetMember each. */
const GET_MEMBER_LIMIT = PAGE_SIZE;

/**
 * The members named: GetMember takes one account a call, so a few are asked one by one, and more are
 * found in the whole listing (25 a page). An account Macie does not know is reported unprocessed.
 */
export async function getMembers(
  ctx: Context,
  accountIds: string[],
): Promise<{ members: MemberInfo[]; unprocessed: UnprocessedAccount[] }> {
  if (accountIds.length > GET_MEMBER_LIMIT) {
    const all = new Map((await listMembers(ctx, false)).map((m) => [m.accountId, m]));
    return {
      members: accountIds.flatMap((id) => all.get(id) ?? []),
      unprocessed: accountIds
        .filter((id) => !all.has(id))
        .map((accountId) => ({ accountId, reason: 'Not a member of this administrator.' })),
    };
  }
  const answers = await Promise.all(
    accountIds.map(async (id) => {
      try {
        const out = await call(ctx, 'GetMember', schemas.GetMember, (abortSignal) =>
          ctx.client.send(new GetMemberCommand({ id }), { abortSignal }),
        );
        return { member: toMember(out) };
      } catch (error) {
        if (isAppErrorException(error) && error.appError.kind === 'not-found') {
          return { unprocessed: { accountId: id, reason: 'Not a member of this administrator.' } };
        }
        throw error;
      }
    }),
  );
  return {
    members: answers.flatMap((a) => (a.member ? [a.member] : [])),
    unprocessed: answers.flatMap((a) => (a.unprocessed ? [a.unprocessed] : [])),
  };
}
