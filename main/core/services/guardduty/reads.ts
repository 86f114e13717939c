/**
 * GuardDuty's reads: each checks its answer (schemas.ts), reads every page through the SDK's
 * paginators (main/core/aws/pagination.ts) and, where AWS renamed "master" to "administrator" (2022),
 * tries the deprecated operation when IAM denies the new one, reporting which answered. Every call
 * goes through `ctx.run` (the call scheduler). Errors leave as AppErrorException.
 */
import {
  GetAdministratorAccountCommand,
  GetMasterAccountCommand,
  GetMembersCommand,
  type GuardDutyClient,
  ListMembersCommand,
  paginateListInvitations,
  paginateListMembers,
} from '@aws-sdk/client-guardduty';
import type { AdministratorInfo, InvitationInfo, MemberInfo } from '../../../domain/row';
import type { UnprocessedAccount } from '../../../domain/types';
import { type Called, call, chunks, once, requestIdOf, withFallback } from '../../aws/call';
import { readPages } from '../../aws/pagination';
import type { ServiceContext } from '../service';
import { schemas, toAdministrator, toInvitation, toMember, toUnprocessed } from './schemas';

export type Context = ServiceContext<GuardDutyClient>;

/** Most account ids GuardDuty takes per call: CreateMembers refuses more than 50 (the model's 1–50). */
export const ACCOUNT_BATCH = 50;
/** Most results a page of ListInvitations or ListMembers holds ("The maximum value is 50." [model]). */
const PAGE_SIZE = 50;

/** Every operation GuardDuty's reads send, with what it is read for (the least-privilege policy says so). */
export const READ_OPERATIONS: Readonly<Record<string, string>> = {
  ListDetectors: 'the account’s detector: whether GuardDuty is on (each refresh)',
  GetAdministratorAccount: 'the account’s administrator (each refresh, where a detector exists)',
  GetMasterAccount: 'the account’s administrator, where IAM grants only the deprecated name',
  ListInvitations: 'the invitations waiting for the account (each refresh)',
  ListMembers: 'an administrator’s members (each refresh, where a detector exists)',
  GetMembers: 'a member’s details (the profile page, the checks before a batch)',
};

/** The deprecated "master" operations and the names that replaced them (marked deprecated in the model). */
export const DEPRECATED_OPERATIONS: Readonly<Record<string, string>> = {
  GetMasterAccount: 'GetAdministratorAccount',
  AcceptInvitation: 'AcceptAdministratorInvitation',
  DisassociateFromMasterAccount: 'DisassociateFromAdministratorAccount',
};

/** The administrator relationship, or null (an empty 200: an administrator or a standalone account). */
export function getAdministrator(ctx: Context, detectorId: string): Promise<Called<AdministratorInfo | null>> {
  return withFallback(
    async () => {
      const out = await call(ctx, 'GetAdministratorAccount', schemas.GetAdministratorAccount, (abortSignal) =>
        ctx.client.send(new GetAdministratorAccountCommand({ DetectorId: detectorId }), { abortSignal }),
      );
      return once(toAdministrator(out.Administrator), 'GetAdministratorAccount', requestIdOf(out));
    },
    async () => {
      const out = await call(ctx, 'GetMasterAccount', schemas.GetMasterAccount, (abortSignal) =>
        ctx.client.send(new GetMasterAccountCommand({ DetectorId: detectorId }), { abortSignal }),
      );
      return once(toAdministrator(out.Master), 'GetMasterAccount', requestIdOf(out));
    },
  );
}

/** Every invitation this account has received, all pages (no detector needed [model]). */
export async function listInvitations(ctx: Context): Promise<Called<InvitationInfo[]>> {
  const { pages, requestId } = await readPages(
    ctx,
    'ListInvitations',
    schemas.ListInvitations,
    (sendOptions, startingToken) =>
      paginateListInvitations({ client: ctx.client, pageSize: PAGE_SIZE, startingToken }, {}, sendOptions),
    (page) => page.NextToken,
  );
  const invitations = pages.flatMap((page) => (page.Invitations ?? []).map(toInvitation)).filter((i) => i !== null);
  return once(invitations, 'ListInvitations', requestId);
}

export interface MembersPage {
  members: MemberInfo[];
  nextToken: string | null;
}

/**
 * One ListMembers page. `OnlyAssociated` is a string in GuardDuty's model ("true"/"false") and always
 * sent: without it only associated members come back, hiding the invited ones.
 */
export async function listMembersPage(
  ctx: Context,
  detectorId: string,
  onlyAssociated: boolean,
): Promise<Called<MembersPage>> {
  const out = await call(ctx, 'ListMembers', schemas.ListMembers, (abortSignal) =>
    ctx.client.send(
      new ListMembersCommand({ DetectorId: detectorId, OnlyAssociated: String(onlyAssociated), MaxResults: PAGE_SIZE }),
      { abortSignal },
    ),
  );
  return once(
    { members: (out.Members ?? []).map(toMember), nextToken: out.NextToken ?? null },
    'ListMembers',
    requestIdOf(out),
  );
}

/** Every member, all pages, starting from an already read first page when given. */
export async function listMembers(
  ctx: Context,
  detectorId: string,
  onlyAssociated: boolean,
  firstPage?: MembersPage,
): Promise<MemberInfo[]> {
  const first = firstPage ?? (await listMembersPage(ctx, detectorId, onlyAssociated)).value;
  if (!first.nextToken) return first.members;
  const { pages } = await readPages(
    ctx,
    'ListMembers',
    schemas.ListMembers,
    (sendOptions, startingToken) =>
      paginateListMembers(
        { client: ctx.client, pageSize: PAGE_SIZE, startingToken },
        { DetectorId: detectorId, OnlyAssociated: String(onlyAssociated) },
        sendOptions,
      ),
    (page) => page.NextToken,
    { seen: [first.nextToken], firstToken: first.nextToken },
  );
  return [...first.members, ...pages.flatMap((page) => (page.Members ?? []).map(toMember))];
}

export async function getMembers(
  ctx: Context,
  detectorId: string,
  accountIds: string[],
): Promise<{ members: MemberInfo[]; unprocessed: UnprocessedAccount[] }> {
  const outs = await Promise.all(
    chunks(accountIds, ACCOUNT_BATCH).map((ids) =>
      call(ctx, 'GetMembers', schemas.GetMembers, (abortSignal) =>
        ctx.client.send(new GetMembersCommand({ DetectorId: detectorId, AccountIds: ids }), { abortSignal }),
      ),
    ),
  );
  return {
    members: outs.flatMap((o) => (o.Members ?? []).map(toMember)),
    unprocessed: outs.flatMap((o) => toUnprocessed(o.UnprocessedAccounts)),
  };
}
