/**
 * The client registration a sign-in uses, reused from the cache as the AWS CLI reuses it: the same
 * cache key for both flows, kept while it is more than 15 minutes from expiry, and only for the
 * flow it was made for — an entry with grantTypes containing authorization_code serves the browser
 * flow, one without serves the device flow (botocore BaseSSOTokenFetcher._is_registration_for_auth_code,
 * SSOTokenFetcher._registration, SSOTokenFetcherAuth._registration).
 *
 * Unlike the AWS CLI, a registration IAM Identity Center refuses (isRefusedRegistration) is not kept:
 * its cache file is removed, so the next sign-in registers anew instead of failing until someone
 * deletes the file by hand (aws/aws-cli#6663: "deleting the ~/.aws/sso/ directory solved the issue").
 */
import { RegisterClientCommand, type SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { AppErrorException } from '../../../domain/errors';
import { APP_NAME } from '../../../domain/ids';
import {
  type CachedRegistration,
  cachedRegistration,
  cacheTime,
  readCacheFile,
  registrationFileName,
  removeCacheFile,
  writeCacheFile,
} from './cache';
import { REDIRECT_URI_WITHOUT_PORT } from './loopback';
import type { SignInTarget } from './targets';

export type SignInFlow = 'browser' | 'device-code';

/** botocore's _EXPIRY_WINDOW: a registration this close to expiry is replaced. */
const EXPIRY_WINDOW_MS = 15 * 60_000;
const AUTH_GRANT_TYPES = ['authorization_code', 'refresh_token'];
/** The scope the AWS CLI asks for in the browser flow when the session names none. */
export const DEFAULT_SCOPE = 'sso:account:access';

export interface Registration {
  clientId: string;
  clientSecret: string;
  expiresAt: number;
  reused: boolean;
}

const forAuthCode = (r: CachedRegistration) => r.grantTypes?.includes('authorization_code') ?? false;

export async function registrationFor(
  target: SignInTarget,
  flow: SignInFlow,
  oidc: SSOOIDCClient,
  env: NodeJS.ProcessEnv,
  now: number,
  signal: AbortSignal,
): Promise<Registration> {
  const name = registrationFileName(target);
  const cached = readCacheFile(env, name, cachedRegistration);
  if (cached && Date.parse(cached.expiresAt) - now > EXPIRY_WINDOW_MS && forAuthCode(cached) === (flow === 'browser')) {
    return {
      clientId: cached.clientId,
      clientSecret: cached.clientSecret,
      expiresAt: Date.parse(cached.expiresAt),
      reused: true,
    };
  }
  const clientName = `${APP_NAME.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${target.ssoSession ?? Math.floor(now / 1000)}`;
  const scopes = flow === 'browser' ? (target.scopes ?? [DEFAULT_SCOPE]) : target.scopes;
  const answer = await oidc.send(
    new RegisterClientCommand({
      clientName,
      clientType: 'public',
      ...(scopes ? { scopes } : {}),
      ...(flow === 'browser'
        ? { grantTypes: AUTH_GRANT_TYPES, redirectUris: [REDIRECT_URI_WITHOUT_PORT], issuerUrl: target.startUrl }
        : {}),
    }),
    { abortSignal: signal },
  );
  if (!answer.clientId || !answer.clientSecret || !answer.clientSecretExpiresAt) {
    throw new Error('RegisterClient answered without a client id, secret or expiry.');
  }
  const expiresAt = answer.clientSecretExpiresAt * 1000;
  writeCacheFile(env, name, {
    clientId: answer.clientId,
    clientSecret: answer.clientSecret,
    expiresAt: cacheTime(expiresAt),
    ...(scopes ? { scopes } : {}),
    ...(flow === 'browser' ? { grantTypes: AUTH_GRANT_TYPES } : {}),
  });
  return { clientId: answer.clientId, clientSecret: answer.clientSecret, expiresAt, reused: false };
}

/**
 * The answers that mean the registration itself is refused: InvalidClientException ("the clientId
 * or clientSecret in the request is invalid … an incorrect clientId or an expired clientSecret",
 * 401, quoted from a real run as "invalid_client: Invalid client provided" in
 * theurichde/go-aws-sso#150) and UnauthorizedClientException ("the client is not currently
 * authorized to make the request"), from the SSO-OIDC service model's StartDeviceAuthorization and
 * CreateToken errors; the loopback page's `error=invalid_client|unauthorized_client` says the same.
 */
const REFUSED_CODES = ['InvalidClientException', 'UnauthorizedClientException'];

export function isRefusedRegistration(error: unknown): boolean {
  if (error instanceof AppErrorException) return REFUSED_CODES.includes(error.appError.awsCode ?? '');
  return REFUSED_CODES.includes((error as { name?: string } | null)?.name ?? '');
}

/** Removes the cached registration of a sign-in: the next one registers anew. */
export function forgetRegistration(target: SignInTarget, env: NodeJS.ProcessEnv): void {
  removeCacheFile(env, registrationFileName(target));
}
