/**
 * Detective's reads: each checks its answer (schemas.ts) and reads every page through the SDK's
 * paginators (main/core/aws/pagination.ts; botocore's paginators-1.json for Detective is empty, but
 * every list operation takes NextToken and MaxResults in its body and the JS SDK pages them). Every
 * call goes through `ctx.run` (the call scheduler). Errors leave as AppErrorException.
 */
import {
  type DetectiveClient,
  GetMembersCommand,
  paginateListGraphs,
  paginateListInvitations,
  paginateListMembers,
} from '@aws-sdk/client-detective';
import type { MemberInfo } from '../../../domain/row';
import type { UnprocessedAccount } from '../../../domain/types';
import { type Called, call, chunks, once } from '../../aws/call';
import { readPages } from '../../aws/pagination';
import type { ServiceContext } from '../service';
import { type MemberDetail, schemas, toMember, toUnprocessed } from './schemas';

export type Context = ServiceContext<DetectiveClient>;

/** Every operation Detective's reads send, with what for (the least-privilege policy, main/core/permissions/). */
export const READ_OPERATIONS: Readonly<Record<string, string>> = {
  ListGraphs: 'the behavior graph the account administers, if any (each refresh)',
  ListInvitations: 'the account’s memberships and invitations, each by graph ARN (each refresh)',
  ListMembers: 'an administrator’s members (each refresh, where the account has a graph)',
  GetMembers: 'members’ details (the profile page, the checks before a batch)',
};

/** None: Detective never had "master" operations (botocore's detective model marks none deprecated). */
export const DEPRECATED_OPERATIONS: Readonly<Record<string, string>> = {};

/** Most results a page holds: MaxResults is 1–200 (MemberResultsLimit in the model). */
export const PAGE_SIZE = 200;
/** Most account ids a call takes: AccountIdList and AccountList are 1–50 in the model. */
export const ACCOUNT_BATCH = 50;

/** Every graph this account is invited to or a member of in the region, all pages (INVITED, ENABLED, …). */
export async function listInvitations(ctx: Context): Promise<Called<MemberDetail[]>> {
  const { pages, requestId } = await readPages(
    ctx,
    'ListInvitations',
    schemas.ListInvitations,
    (sendOptions, startingToken) =>
      paginateListInvitations({ client: ctx.client, pageSize: PAGE_SIZE, startingToken }, {}, sendOptions),
    (page) => page.NextToken,
  );
  return once(
    pages.flatMap((page) => page.Invitations ?? []),
    'ListInvitations',
    requestId,
  );
}

/**
 * The behavior graphs this account administers in the region: none while Detective is off for it
 * ("returns [] against an account with Detective disabled", mondoohq/mql#7609), and at most one
 * ("the results always contain a single behavior graph", ListGraphs in the model).
 */
export async function listGraphs(ctx: Context): Promise<Called<string[]>> {
  const { pages, requestId } = await readPages(
    ctx,
    'ListGraphs',
    schemas.ListGraphs,
    (sendOptions, startingToken) =>
      paginateListGraphs({ client: ctx.client, pageSize: PAGE_SIZE, startingToken }, {}, sendOptions),
    (page) => page.NextToken,
  );
  const arns = pages.flatMap((page) => (page.GraphList ?? []).map((g) => g.Arn ?? null)).filter((a) => a !== null);
  return once(arns, 'ListGraphs', requestId);
}

/** Every member of one graph, all pages (invited, being verified, enabled, …). */
export async function listMembers(ctx: Context, graphArn: string): Promise<MemberInfo[]> {
  const { pages } = await readPages(
    ctx,
    'ListMembers',
    schemas.ListMembers,
    (sendOptions, startingToken) =>
      paginateListMembers(
        { client: ctx.client, pageSize: PAGE_SIZE, startingToken },
        { GraphArn: graphArn },
        sendOptions,
      ),
    (page) => page.NextToken,
  );
  return pages.flatMap((page) =>
    (page.MemberDetails ?? []).flatMap((d) => (d.AccountId ? [toMember({ ...d, AccountId: d.AccountId })] : [])),
  );
}

export async function getMembers(
  ctx: Context,
  graphArn: string,
  accountIds: string[],
): Promise<{ members: MemberInfo[]; unprocessed: UnprocessedAccount[] }> {
  const outs = await Promise.all(
    chunks(accountIds, ACCOUNT_BATCH).map((ids) =>
      call(ctx, 'GetMembers', schemas.GetMembers, (abortSignal) =>
        ctx.client.send(new GetMembersCommand({ GraphArn: graphArn, AccountIds: ids }), { abortSignal }),
      ),
    ),
  );
  return {
    members: outs.flatMap((o) =>
      (o.MemberDetails ?? []).flatMap((d) => (d.AccountId ? [toMember({ ...d, AccountId: d.AccountId })] : [])),
    ),
    unprocessed: outs.flatMap((o) => toUnprocessed(o.UnprocessedAccounts)),
  };
}
