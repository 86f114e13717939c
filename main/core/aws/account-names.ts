/**
 * The AWS reads behind account names, each page from a page source (name-pages.ts: the SDK here, or
 * the worker thread holding the profile), through the caller's runner (a scheduler of their own:
 * main/core/names) and readPages (a repeated token or too many pages stop a listing):
 *
 * - IAM ListAccountAliases: the account's alias (an account has at most one; botocore iam/2010-05-08).
 * - AWS Organizations ListAccounts and ListDelegatedAdministrators: callable by the management
 *   account or a delegated administrator for Organizations; another member gets AccessDeniedException,
 *   an account outside any organization AWSOrganizationsNotInUseException (botocore
 *   organizations/2016-11-28; test/emulator/README.md "Account names" quotes the real answers).
 * - The IAM Identity Center portal's ListAccounts (@aws-sdk/client-sso): the accounts a signed-in
 *   session may use, with their names.
 *
 * Answers are outside input: each page is checked here, wherever it was read, and an entry that does
 * not fit is left out.
 */
import { z } from 'zod';
import type { AppError } from '../../domain/errors';
import { ACCOUNT_ID_PATTERN } from '../../domain/ids';
import { type CallContext, type CallRunner, type CallTarget, classify } from './call';
import type { AwsClients } from './clients';
import { type NameListing, type NamePages, type NamePageWhere, sdkNamePages } from './name-pages';
import { type PageSendOptions, readPages } from './pagination';

/** Longer than any name AWS gives (an Organizations name is at most 50 characters, an alias 63). */
const NAME_MAX = 256;

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

function context(ctx: NamePageWhere & { run: CallRunner }, iamPrefix: string): CallContext {
  return {
    target: target(iamPrefix),
    profile: ctx.profile,
    region: ctx.region,
    identityOk: true,
    ...(ctx.accountId ? { accountId: ctx.accountId } : {}),
    run: ctx.run,
  };
}

/** The reads over a page source; `nameReads` sends them from this thread. */
export function nameReadsOver(pages: NamePages): NameReads {
  return {
    alias: (ctx) => readAlias(pages, ctx),
    organizationAccounts: (ctx) => readOrganizationAccounts(pages, ctx),
    delegatedAdministrators: (ctx, principal) => readDelegatedAdministrators(pages, ctx, principal),
    portalAccounts: (profile, ctx) => readPortalAccounts(pages, { ...ctx, profile }),
  };
}

/** The reads sent from this thread, through its clients (the profile's endpoint, credentials and HTTP handler). */
export function nameReads(clients: Pick<AwsClients, 'client' | 'portalAccess'>): NameReads {
  return nameReadsOver(sdkNamePages(clients));
}

/** The operation each listing sends (the portal's takes the session's token, not an IAM permission). */
const OPERATIONS: Record<NameListing['read'], { iamPrefix: string; operation: string }> = {
  ...NAME_READS,
  portalAccounts: { iamPrefix: 'sso', operation: 'ListAccounts' },
};

/** A page's failure as the app reads it (a worker thread sends it so: errors cross as AppErrors). */
export function namePageError(listing: NameListing, where: NamePageWhere, error: unknown): AppError {
  const { iamPrefix, operation } = OPERATIONS[listing.read];
  const run: CallRunner = () => Promise.reject(new Error('not run'));
  return classify(error, context({ ...where, run }, iamPrefix), operation);
}

/** Every page of a listing, one page-source request per page, each checked with `schema`. */
function readListing<S extends z.ZodType>(
  pages: NamePages,
  read: NameListing,
  ctx: NamePageWhere & { run: CallRunner },
  schema: S,
  tokenOf: (page: z.output<S>) => string | null | undefined,
) {
  const where: NamePageWhere = {
    profile: ctx.profile,
    region: ctx.region,
    ...(ctx.accountId ? { accountId: ctx.accountId } : {}),
  };
  const { iamPrefix, operation } = OPERATIONS[read.read];
  return readPages(
    context(ctx, iamPrefix),
    operation,
    schema,
    async function* (sendOptions: PageSendOptions, token: string | undefined) {
      yield await pages.page(read, where, token, sendOptions.abortSignal);
    },
    tokenOf,
  );
}

/** The account's IAM alias, or null when it has none. */
async function readAlias(pages: NamePages, ctx: NameReadContext): Promise<string | null> {
  const { pages: read } = await readListing(pages, { read: 'alias' }, ctx, aliasPage, (page) =>
    page.IsTruncated ? page.Marker : null,
  );
  return read.flatMap((page) => fitting(page.AccountAliases, name))[0] ?? null;
}

/** Every account of the caller's organization with its name (the caller must be allowed to list them). */
async function readOrganizationAccounts(pages: NamePages, ctx: NameReadContext): Promise<NamedAccount[]> {
  const { pages: read } = await readListing(
    pages,
    { read: 'organizationAccounts' },
    ctx,
    accountsPage,
    (page) => page.NextToken,
  );
  return read.flatMap((page) =>
    fitting(page.Accounts, organizationAccount).map((a) => ({ accountId: a.Id, name: a.Name ?? null })),
  );
}

/** The organization's delegated administrators for one service principal (`securityhub.amazonaws.com`). */
async function readDelegatedAdministrators(
  pages: NamePages,
  ctx: NameReadContext,
  principal: string,
): Promise<string[]> {
  const { pages: read } = await readListing(
    pages,
    { read: 'delegatedAdministrators', principal },
    ctx,
    delegatedPage,
    (page) => page.NextToken,
  );
  return read.flatMap((page) => fitting(page.DelegatedAdministrators, delegatedAccount).map((a) => a.Id));
}

/** The accounts the IAM Identity Center portal lists for the session, with their names; null without a session. */
async function readPortalAccounts(
  pages: NamePages,
  ctx: Omit<NameReadContext, 'accountId'>,
): Promise<NamedAccount[] | null> {
  const { pages: read } = await readListing(
    pages,
    { read: 'portalAccounts' },
    ctx,
    portalPage.nullable(),
    (page) => page?.nextToken,
  );
  if (read[0] === null) return null;
  return read.flatMap((page) =>
    fitting(page?.accountList, portalAccount).map((a) => ({ accountId: a.accountId, name: a.accountName ?? null })),
  );
}
