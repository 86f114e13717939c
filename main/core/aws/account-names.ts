/**
 * The AWS reads behind account names, each through the app's clients (the profile's endpoint,
 * credentials and HTTP handler), the caller's runner (a scheduler of their own: main/core/names) and
 * the SDK's paginators (readPages: a repeated token or too many pages stop a listing):
 *
 * - IAM ListAccountAliases: the account's alias (an account has at most one; botocore iam/2010-05-08).
 * - AWS Organizations ListAccounts and ListDelegatedAdministrators: callable by the management
 *   account or a delegated administrator for Organizations; another member gets AccessDeniedException,
 *   an account outside any organization AWSOrganizationsNotInUseException (botocore
 *   organizations/2016-11-28; test/emulator/README.md "Account names" quotes the real answers).
 * - The IAM Identity Center portal's ListAccounts (@aws-sdk/client-sso): the accounts a signed-in
 *   session may use, with their names. It takes the session's access token, read here as the app's
 *   credentials read it (sso-credentials.ts); the token never leaves this folder.
 *
 * Answers are outside input: each page is checked, and an entry that does not fit is left out.
 */
import { IAMClient, paginateListAccountAliases } from '@aws-sdk/client-iam';
import {
  OrganizationsClient,
  paginateListDelegatedAdministrators,
  paginateListAccounts as paginateOrganizationAccounts,
} from '@aws-sdk/client-organizations';
import { paginateListAccounts as paginatePortalAccounts, SSOClient } from '@aws-sdk/client-sso';
import { z } from 'zod';
import { ACCOUNT_ID_PATTERN } from '../../domain/ids';
import type { CallContext, CallRunner, CallTarget } from './call';
import type { AwsClients, ServiceSdk } from './clients';
import { readPages } from './pagination';
import { type PortalAccess, validToken } from './sso-credentials';

/** Longer than any name AWS gives (an Organizations name is at most 50 characters, an alias 63). */
const NAME_MAX = 256;

export const IAM_SDK: ServiceSdk<IAMClient> = { endpointId: 'IAM', create: (config) => new IAMClient(config) };
export const ORGANIZATIONS_SDK: ServiceSdk<OrganizationsClient> = {
  endpointId: 'Organizations',
  create: (config) => new OrganizationsClient(config),
};

/**
 * The IAM actions behind the names, each optional (a name is then read elsewhere, or the account id
 * shown): the least-privilege policy lists them from here (main/core/permissions/). The portal's
 * ListAccounts takes the session's token, not an IAM permission, so it is not among them.
 */
export const NAME_READS = {
  alias: { iamPrefix: 'iam', operation: 'ListAccountAliases', purpose: 'each account’s alias, shown as its name' },
  organizationAccounts: {
    iamPrefix: 'organizations',
    operation: 'ListAccounts',
    purpose:
      'the names of the organization’s accounts (answered only to the management account or a delegated administrator of Organizations)',
  },
  delegatedAdministrators: {
    iamPrefix: 'organizations',
    operation: 'ListDelegatedAdministrators',
    purpose: 'each service’s delegated administrator in the organization, trusted as an administrator',
  },
} as const;

/** These reads change nothing and have no service-specific errors. */
const SOURCE_NAMES: Record<string, string> = {
  organizations: 'AWS Organizations',
  iam: 'IAM',
  sso: 'IAM Identity Center',
};
const target = (iamPrefix: string): CallTarget => ({
  about: { name: SOURCE_NAMES[iamPrefix] ?? iamPrefix },
  iamPrefix,
  writeOperations: new Set(),
  classifyError: () => null,
});

export interface NamedAccount {
  accountId: string;
  name: string | null;
}

export interface NameReadContext {
  profile: string;
  /** Any region of the profile's partition: IAM and Organizations are global, answered from one endpoint. */
  region: string;
  accountId: string;
  run: CallRunner;
}

/** The reads a names pass uses (main/core/names), as ports: what crosses is plain data. */
export interface NameReads {
  alias(ctx: NameReadContext): Promise<string | null>;
  organizationAccounts(ctx: NameReadContext): Promise<NamedAccount[]>;
  delegatedAdministrators(ctx: NameReadContext, servicePrincipal: string): Promise<string[]>;
  /** Null: the profile does not sign in through IAM Identity Center. */
  portalAccounts(profile: string, ctx: Omit<NameReadContext, 'accountId'>): Promise<NamedAccount[] | null>;
}

/** The reads through the app's clients: the profile's endpoint, credentials and HTTP handler. */
export function nameReads(clients: Pick<AwsClients, 'client' | 'portalAccess'>): NameReads {
  return {
    alias: (ctx) => readAlias(clients.client(IAM_SDK, ctx.profile, ctx.region), ctx),
    organizationAccounts: (ctx) =>
      readOrganizationAccounts(clients.client(ORGANIZATIONS_SDK, ctx.profile, ctx.region), ctx),
    delegatedAdministrators: (ctx, principal) =>
      readDelegatedAdministrators(clients.client(ORGANIZATIONS_SDK, ctx.profile, ctx.region), ctx, principal),
    async portalAccounts(profile, ctx) {
      const access = await clients.portalAccess(profile);
      return access ? readPortalAccounts(access, ctx) : null;
    },
  };
}

const id = z.string().regex(ACCOUNT_ID_PATTERN);
const name = z.string().min(1).max(NAME_MAX);
const aliasPage = z.object({
  AccountAliases: z.array(z.unknown()).nullish(),
  IsTruncated: z.boolean().nullish(),
  Marker: z.string().nullish(),
});
const accountsPage = z.object({ Accounts: z.array(z.unknown()).nullish(), NextToken: z.string().nullish() });
const organizationAccount = z.object({ Id: id, Name: name.nullish() });
const delegatedPage = z.object({
  DelegatedAdministrators: z.array(z.unknown()).nullish(),
  NextToken: z.string().nullish(),
});
const delegatedAccount = z.object({ Id: id });
const portalPage = z.object({ accountList: z.array(z.unknown()).nullish(), nextToken: z.string().nullish() });
const portalAccount = z.object({ accountId: id, accountName: name.nullish() });

function fitting<T>(items: readonly unknown[] | null | undefined, schema: z.ZodType<T>): T[] {
  return (items ?? []).flatMap((item) => {
    const parsed = schema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

function context(ctx: NameReadContext, iamPrefix: string): CallContext {
  return {
    target: target(iamPrefix),
    profile: ctx.profile,
    region: ctx.region,
    identityOk: true,
    accountId: ctx.accountId,
    run: ctx.run,
  };
}

/** The account's IAM alias, or null when it has none. */
export async function readAlias(client: IAMClient, ctx: NameReadContext): Promise<string | null> {
  const { pages } = await readPages(
    context(ctx, NAME_READS.alias.iamPrefix),
    NAME_READS.alias.operation,
    aliasPage,
    (sendOptions, startingToken) =>
      paginateListAccountAliases({ client, startingToken }, {}, sendOptions) as AsyncGenerator<unknown>,
    (page) => (page.IsTruncated ? page.Marker : null),
  );
  return pages.flatMap((page) => fitting(page.AccountAliases, name))[0] ?? null;
}

/** Every account of the caller's organization with its name (the caller must be allowed to list them). */
export async function readOrganizationAccounts(
  client: OrganizationsClient,
  ctx: NameReadContext,
): Promise<NamedAccount[]> {
  const { pages } = await readPages(
    context(ctx, NAME_READS.organizationAccounts.iamPrefix),
    NAME_READS.organizationAccounts.operation,
    accountsPage,
    (sendOptions, startingToken) =>
      // 20 is the model's most per page.
      paginateOrganizationAccounts({ client, pageSize: 20, startingToken }, {}, sendOptions) as AsyncGenerator<unknown>,
    (page) => page.NextToken,
  );
  return pages.flatMap((page) =>
    fitting(page.Accounts, organizationAccount).map((a) => ({ accountId: a.Id, name: a.Name ?? null })),
  );
}

/** The organization's delegated administrators for one service principal (`securityhub.amazonaws.com`). */
export async function readDelegatedAdministrators(
  client: OrganizationsClient,
  ctx: NameReadContext,
  servicePrincipal: string,
): Promise<string[]> {
  const { pages } = await readPages(
    context(ctx, NAME_READS.delegatedAdministrators.iamPrefix),
    NAME_READS.delegatedAdministrators.operation,
    delegatedPage,
    (sendOptions, startingToken) =>
      paginateListDelegatedAdministrators(
        { client, pageSize: 20, startingToken },
        { ServicePrincipal: servicePrincipal },
        sendOptions,
      ) as AsyncGenerator<unknown>,
    (page) => page.NextToken,
  );
  return pages.flatMap((page) => fitting(page.DelegatedAdministrators, delegatedAccount).map((a) => a.Id));
}

/**
 * The accounts the IAM Identity Center portal lists for the session, with their names. The token is
 * read (and refreshed when due) as the profile's credentials read it; an expired session answers the
 * SDK's "sign in again" error, which the caller takes as "not signed in".
 */
export async function readPortalAccounts(
  access: PortalAccess,
  ctx: Omit<NameReadContext, 'accountId'>,
): Promise<NamedAccount[]> {
  const portal = new SSOClient({
    ...access.clientConfig,
    region: access.settings.region,
    ...(access.portalEndpoint ? { endpoint: access.portalEndpoint } : {}),
  });
  const { pages } = await readPages(
    { target: target('sso'), profile: ctx.profile, region: access.settings.region, identityOk: true, run: ctx.run },
    'ListAccounts',
    portalPage,
    async function* (sendOptions, startingToken) {
      const signal = sendOptions.abortSignal ?? new AbortController().signal;
      const token = await validToken({ ...access, signal }, Date.now);
      yield* paginatePortalAccounts(
        { client: portal, pageSize: 100, startingToken },
        { accessToken: token.accessToken },
        sendOptions,
      );
    },
    (page) => page.nextToken,
  );
  return pages.flatMap((page) =>
    fitting(page.accountList, portalAccount).map((a) => ({ accountId: a.accountId, name: a.accountName ?? null })),
  );
}
