/**
 * Security Hub CSPM's reads: each checks its answer (schemas.ts), reads every page through the SDK's
 * paginators (main/core/aws/pagination.ts), and — where AWS renamed "master" to "administrator" in
 * 2021 — tries the deprecated operation when IAM denies the new one, reporting which answered.
 * Every call goes through `ctx.run` (the call scheduler). Errors leave as AppErrorException.
 */
import {
  DescribeHubCommand,
  GetAdministratorAccountCommand,
  GetMasterAccountCommand,
  GetMembersCommand,
  ListMembersCommand,
  paginateDescribeProducts,
  paginateListInvitations,
  paginateListMembers,
  type SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import type { AdministratorInfo, InvitationInfo, MemberInfo } from '../../../domain/row';
import type { ProductInfo, UnprocessedAccount } from '../../../domain/types';
import { type Called, call, chunks, iso, once, requestIdOf, withFallback } from '../../aws/call';
import { readPages } from '../../aws/pagination';
import type { ServiceContext } from '../service';
import { emptyWhenNothingFound, isInvitationOnlyRefusal, meansNothingFound } from './errors';
import { schemas, toAdministrator, toInvitation, toMember, toUnprocessed } from './schemas';

export type Context = ServiceContext<SecurityHubClient>;

/** Most account ids Security Hub CSPM takes per call (CreateMembers, GetMembers, …). */
export const ACCOUNT_BATCH = 50;
/** Most results a page of ListInvitations or ListMembers holds (the model's MaxResults 1–50). */
const PAGE_SIZE = 50;

/** Every operation these reads send, with what it is read for (the least-privilege policy says so). */
export const READ_OPERATIONS: Readonly<Record<string, string>> = {
  GetAdministratorAccount: 'the account’s administrator (each refresh)',
  GetMasterAccount: 'the account’s administrator, where IAM grants only the deprecated name',
  ListInvitations: 'the invitations waiting for the account (each refresh)',
  ListMembers: 'an administrator’s members (each refresh)',
  GetMembers: 'a member’s details (the profile page, the checks before a batch)',
  DescribeHub: 'whether Security Hub CSPM is on, after a turn-on whose answer was lost',
  DescribeProducts: 'the integrations page (the product catalogue)',
};

/** The deprecated "master" operations and the names that replaced them (marked deprecated in the model). */
export const DEPRECATED_OPERATIONS: Readonly<Record<string, string>> = {
  GetMasterAccount: 'GetAdministratorAccount',
  AcceptInvitation: 'AcceptAdministratorInvitation',
  DisassociateFromMasterAccount: 'DisassociateFromAdministratorAccount',
};

export async function describeHub(
  ctx: Context,
): Promise<Called<{ hubArn: string | null; subscribedAt: string | null }>> {
  const out = await call(ctx, 'DescribeHub', schemas.DescribeHub, (abortSignal) =>
    ctx.client.send(new DescribeHubCommand({}), { abortSignal }),
  );
  return once(
    { hubArn: out.HubArn ?? null, subscribedAt: iso(out.SubscribedAt) ?? out.SubscribedAt ?? null },
    'DescribeHub',
    requestIdOf(out),
  );
}

/** The administrator relationship, or null when there is none (`{}` or a "nothing found" error). */
export function getAdministrator(ctx: Context): Promise<Called<AdministratorInfo | null>> {
  const noneOnMissing = (send: () => Promise<unknown>) => emptyWhenNothingFound(send, {});
  return withFallback(
    async () => {
      const out = await call(ctx, 'GetAdministratorAccount', schemas.GetAdministratorAccount, (abortSignal) =>
        noneOnMissing(() => ctx.client.send(new GetAdministratorAccountCommand({}), { abortSignal })),
      );
      return once(toAdministrator(out.Administrator), 'GetAdministratorAccount', requestIdOf(out));
    },
    async () => {
      const out = await call(ctx, 'GetMasterAccount', schemas.GetMasterAccount, (abortSignal) =>
        noneOnMissing(() => ctx.client.send(new GetMasterAccountCommand({}), { abortSignal })),
      );
      return once(toAdministrator(out.Master), 'GetMasterAccount', requestIdOf(out));
    },
  );
}

/**
 * Every invitation this account has received, all pages. `organizationManaged`: ListInvitations was
 * refused because "Only accounts that are managed by invitation can use this operation" (its API
 * reference): the account's membership is the organization's.
 */
export async function listInvitations(
  ctx: Context,
): Promise<Called<{ invitations: InvitationInfo[]; organizationManaged: boolean }>> {
  let organizationManaged = false;
  const { pages, requestId } = await readPages(
    ctx,
    'ListInvitations',
    schemas.ListInvitations,
    (sendOptions, startingToken) =>
      paginateListInvitations({ client: ctx.client, pageSize: PAGE_SIZE, startingToken }, {}, sendOptions),
    (page) => page.NextToken,
    {
      meansNothing: (error) => {
        if (isInvitationOnlyRefusal(error)) organizationManaged = true;
        return meansNothingFound(error);
      },
    },
  );
  const invitations = pages.flatMap((page) => (page.Invitations ?? []).map(toInvitation)).filter((i) => i !== null);
  return once({ invitations, organizationManaged }, 'ListInvitations', requestId);
}

export interface MembersPage {
  members: MemberInfo[];
  nextToken: string | null;
}

/** One ListMembers page. `onlyAssociated` is always sent: the server default (true) hides invited members. */
export async function listMembersPage(
  ctx: Context,
  options: { onlyAssociated: boolean; maxResults?: number },
): Promise<Called<MembersPage>> {
  const out = await call(ctx, 'ListMembers', schemas.ListMembers, (abortSignal) =>
    ctx.client.send(
      new ListMembersCommand({ OnlyAssociated: options.onlyAssociated, MaxResults: options.maxResults ?? PAGE_SIZE }),
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
  onlyAssociated: boolean,
  firstPage?: MembersPage,
): Promise<MemberInfo[]> {
  const first = firstPage ?? (await listMembersPage(ctx, { onlyAssociated })).value;
  if (!first.nextToken) return first.members;
  const { pages } = await readPages(
    ctx,
    'ListMembers',
    schemas.ListMembers,
    (sendOptions, startingToken) =>
      paginateListMembers(
        { client: ctx.client, pageSize: PAGE_SIZE, startingToken },
        { OnlyAssociated: onlyAssociated },
        sendOptions,
      ),
    (page) => page.NextToken,
    { seen: [first.nextToken], firstToken: first.nextToken },
  );
  return [...first.members, ...pages.flatMap((page) => (page.Members ?? []).map(toMember))];
}

export async function getMembers(
  ctx: Context,
  accountIds: string[],
): Promise<{ members: MemberInfo[]; unprocessed: UnprocessedAccount[] }> {
  const outs = await Promise.all(
    chunks(accountIds, ACCOUNT_BATCH).map((ids) =>
      call(ctx, 'GetMembers', schemas.GetMembers, (abortSignal) =>
        emptyWhenNothingFound(() => ctx.client.send(new GetMembersCommand({ AccountIds: ids }), { abortSignal }), {
          Members: [],
          UnprocessedAccounts: ids.map((AccountId) => ({ AccountId, ProcessingResult: 'Not a member.' })),
        }),
      ),
    ),
  );
  return {
    members: outs.flatMap((o) => (o.Members ?? []).map(toMember)),
    unprocessed: outs.flatMap((o) => toUnprocessed(o.UnprocessedAccounts)),
  };
}

/** The whole product catalogue of the region, all pages. */
export async function describeProducts(ctx: Context): Promise<ProductInfo[]> {
  const { pages } = await readPages(
    ctx,
    'DescribeProducts',
    schemas.DescribeProducts,
    (sendOptions, startingToken) =>
      paginateDescribeProducts({ client: ctx.client, pageSize: 100, startingToken }, {}, sendOptions),
    (page) => page.NextToken,
  );
  return pages.flatMap((page) =>
    (page.Products ?? []).map((p) => ({
      productArn: p.ProductArn,
      productName: p.ProductName ?? p.ProductArn,
      companyName: p.CompanyName ?? '',
      description: p.Description ?? '',
      categories: p.Categories ?? [],
      integrationTypes: p.IntegrationTypes ?? [],
      marketplaceUrl: p.MarketplaceUrl ?? null,
      activationUrl: p.ActivationUrl ?? null,
    })),
  );
}
