/**
 * Where the pages of the account-name listings come from (account-names.ts reads them): one page of
 * one listing at a time, as the SDK's paginator sends it through the app's clients — the profile's
 * endpoint, credentials and HTTP handler. The request is plain data (which listing, the profile, a
 * region, a page token), so the same page can be asked of the worker thread holding the profile
 * (main/core/workers/pool-names.ts), where these sends then run.
 *
 * The portal's page takes the session's access token, read (and refreshed when due) as the profile's
 * credentials read it (sso-credentials.ts); the token never leaves this folder.
 */
import { IAMClient, paginateListAccountAliases } from '@aws-sdk/client-iam';
import {
  OrganizationsClient,
  paginateListDelegatedAdministrators,
  paginateListAccounts as paginateOrganizationAccounts,
} from '@aws-sdk/client-organizations';
import { paginateListAccounts as paginatePortalAccounts, SSOClient } from '@aws-sdk/client-sso';
import type { AwsClients, ServiceSdk } from './clients';
import { type PortalAccess, validToken } from './sso-credentials';

export const IAM_SDK: ServiceSdk<IAMClient> = { endpointId: 'IAM', create: (config) => new IAMClient(config) };
export const ORGANIZATIONS_SDK: ServiceSdk<OrganizationsClient> = {
  endpointId: 'Organizations',
  create: (config) => new OrganizationsClient(config),
};

/** One of the names listings (main/core/names): what a page request names. */
export type NameListing =
  | { read: 'alias' }
  | { read: 'organizationAccounts' }
  | { read: 'delegatedAdministrators'; principal: string }
  | { read: 'portalAccounts' };

/** Where a listing is read: the profile, any region of its partition, and its account when known. */
export interface NamePageWhere {
  profile: string;
  region: string;
  accountId?: string;
}

export interface NamePages {
  /**
   * One page of the listing, from `token` (undefined: its first page): the SDK's output as it came,
   * checked by the caller. The portal's is null when the profile does not sign in through IAM
   * Identity Center. Rejects with the SDK's error (or an AppErrorException, already read).
   */
  page(
    listing: NameListing,
    where: NamePageWhere,
    token: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<unknown>;
}

/** The first page the paginator yields from `startingToken`; it is closed right after. */
async function firstOf(pages: AsyncGenerator<unknown>): Promise<unknown> {
  try {
    const step = await pages.next();
    return step.done ? null : step.value;
  } finally {
    await pages.return(undefined);
  }
}

/** The pages sent from this thread, through its clients. */
export function sdkNamePages(clients: Pick<AwsClients, 'client' | 'portalAccess'>): NamePages {
  return {
    async page(listing, where, startingToken, abortSignal) {
      const sendOptions = abortSignal ? { abortSignal } : {};
      switch (listing.read) {
        case 'alias': {
          const client = clients.client(IAM_SDK, where.profile, where.region);
          return firstOf(paginateListAccountAliases({ client, startingToken }, {}, sendOptions));
        }
        case 'organizationAccounts': {
          const client = clients.client(ORGANIZATIONS_SDK, where.profile, where.region);
          // 20 is the model's most per page.
          return firstOf(paginateOrganizationAccounts({ client, pageSize: 20, startingToken }, {}, sendOptions));
        }
        case 'delegatedAdministrators': {
          const client = clients.client(ORGANIZATIONS_SDK, where.profile, where.region);
          return firstOf(
            paginateListDelegatedAdministrators(
              { client, pageSize: 20, startingToken },
              { ServicePrincipal: listing.principal },
              sendOptions,
            ),
          );
        }
        case 'portalAccounts': {
          const access = await clients.portalAccess(where.profile);
          return access ? portalPage(access, startingToken, abortSignal) : null;
        }
      }
    },
  };
}

/**
 * A page of the accounts the IAM Identity Center portal lists for the session. An expired session
 * answers the SDK's "sign in again" error, which the names pass takes as "not signed in".
 */
async function portalPage(
  access: PortalAccess,
  startingToken: string | undefined,
  abortSignal: AbortSignal | undefined,
): Promise<unknown> {
  const portal = new SSOClient({
    ...access.clientConfig,
    region: access.settings.region,
    ...(access.portalEndpoint ? { endpoint: access.portalEndpoint } : {}),
  });
  const token = await validToken({ ...access, signal: abortSignal ?? new AbortController().signal }, Date.now);
  return firstOf(
    paginatePortalAccounts(
      { client: portal, pageSize: 100, startingToken },
      { accessToken: token.accessToken },
      abortSignal ? { abortSignal } : {},
    ),
  );
}
