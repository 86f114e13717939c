/**
 * Thin typed wrappers of the Security Hub operations the app uses. Each one pages through every
 * result, checks the response shape (AWS answers are outside input), turns Dates into ISO strings,
 * and — where AWS renamed "master" to "administrator" — retries the deprecated operation when IAM
 * denies the new one, reporting which operation answered.
 *
 * Every call goes through `ctx.run`, which the caller binds to the call scheduler (priority,
 * throttling backoff, timeout, cancellation). Errors leave as AppErrorException.
 */
import {
  DescribeHubCommand,
  DescribeProductsCommand,
  GetAdministratorAccountCommand,
  GetMasterAccountCommand,
  GetMembersCommand,
  ListInvitationsCommand,
  ListMembersCommand,
} from '@aws-sdk/client-securityhub';
import type {
  AdministratorInfo,
  InvitationInfo,
  MemberInfo,
  ProductInfo,
  UnprocessedAccount,
} from '../../domain/types';
import {
  type Called,
  call,
  chunks,
  emptyWhenNothingFound,
  type HubContext,
  iso,
  once,
  requestIdOf,
  schemas,
  toAdministrator,
  toMember,
  toUnprocessed,
  withFallback,
} from './securityhub-core';

export * from './securityhub-core';
export * from './securityhub-writes';

// ---------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------

export async function describeHub(
  ctx: HubContext,
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
export function getAdministrator(ctx: HubContext): Promise<Called<AdministratorInfo | null>> {
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

/** Every invitation this account has received, all pages. */
export async function listInvitations(ctx: HubContext): Promise<Called<InvitationInfo[]>> {
  const invitations: InvitationInfo[] = [];
  let nextToken: string | undefined;
  let requestId: string | null = null;
  do {
    const token = nextToken;
    const out = await call(ctx, 'ListInvitations', schemas.ListInvitations, (abortSignal) =>
      emptyWhenNothingFound(
        () => ctx.client.send(new ListInvitationsCommand({ MaxResults: 50, NextToken: token }), { abortSignal }),
        { Invitations: [] },
      ),
    );
    requestId = requestIdOf(out);
    for (const inv of out.Invitations ?? []) {
      if (!inv.AccountId || !inv.InvitationId) continue;
      invitations.push({
        accountId: inv.AccountId,
        invitationId: inv.InvitationId,
        invitedAt: iso(inv.InvitedAt),
        memberStatus: inv.MemberStatus ?? 'Unknown',
      });
    }
    nextToken = out.NextToken ?? undefined;
  } while (nextToken);
  return once(invitations, 'ListInvitations', requestId);
}

export interface MembersPage {
  members: MemberInfo[];
  nextToken: string | null;
}

/** One ListMembers page. `onlyAssociated` is always sent: the server default (true) hides invited members. */
export async function listMembersPage(
  ctx: HubContext,
  options: { onlyAssociated: boolean; nextToken?: string | null; maxResults?: number },
): Promise<Called<MembersPage>> {
  const out = await call(ctx, 'ListMembers', schemas.ListMembers, (abortSignal) =>
    ctx.client.send(
      new ListMembersCommand({
        OnlyAssociated: options.onlyAssociated,
        MaxResults: options.maxResults ?? 50,
        NextToken: options.nextToken ?? undefined,
      }),
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
  ctx: HubContext,
  onlyAssociated: boolean,
  firstPage?: MembersPage,
): Promise<Called<MemberInfo[]>> {
  let page = firstPage ?? (await listMembersPage(ctx, { onlyAssociated })).value;
  const members = [...page.members];
  while (page.nextToken) {
    page = (await listMembersPage(ctx, { onlyAssociated, nextToken: page.nextToken })).value;
    members.push(...page.members);
  }
  return once(members, 'ListMembers', null);
}

export async function getMembers(
  ctx: HubContext,
  accountIds: string[],
): Promise<Called<{ members: MemberInfo[]; unprocessed: UnprocessedAccount[] }>> {
  const outs = await Promise.all(
    chunks(accountIds).map((ids) =>
      call(ctx, 'GetMembers', schemas.GetMembers, (abortSignal) =>
        emptyWhenNothingFound(() => ctx.client.send(new GetMembersCommand({ AccountIds: ids }), { abortSignal }), {
          Members: [],
          UnprocessedAccounts: ids.map((AccountId) => ({ AccountId, ProcessingResult: 'Not a member.' })),
        }),
      ),
    ),
  );
  return once(
    {
      members: outs.flatMap((o) => (o.Members ?? []).map(toMember)),
      unprocessed: outs.flatMap((o) => toUnprocessed(o.UnprocessedAccounts)),
    },
    'GetMembers',
    outs.length ? requestIdOf(outs[outs.length - 1]!) : null,
  );
}

/** The whole product catalogue of the region, all pages. */
export async function describeProducts(ctx: HubContext, productArn?: string): Promise<Called<ProductInfo[]>> {
  const products: ProductInfo[] = [];
  let nextToken: string | undefined;
  let requestId: string | null = null;
  do {
    const token = nextToken;
    const out = await call(ctx, 'DescribeProducts', schemas.DescribeProducts, (abortSignal) =>
      ctx.client.send(new DescribeProductsCommand({ MaxResults: 100, NextToken: token, ProductArn: productArn }), {
        abortSignal,
      }),
    );
    requestId = requestIdOf(out);
    for (const p of out.Products ?? []) {
      products.push({
        productArn: p.ProductArn,
        productName: p.ProductName ?? p.ProductArn,
        companyName: p.CompanyName ?? '',
        description: p.Description ?? '',
        categories: p.Categories ?? [],
        integrationTypes: p.IntegrationTypes ?? [],
        marketplaceUrl: p.MarketplaceUrl ?? null,
        activationUrl: p.ActivationUrl ?? null,
      });
    }
    nextToken = out.NextToken ?? undefined;
  } while (nextToken);
  return once(products, 'DescribeProducts', requestId);
}
