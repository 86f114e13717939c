/**
 * Signing in to IAM Identity Center and out again, for an sso-session or a legacy SSO profile:
 * registration (reused from the shared cache), one of the two flows, and the token written where
 * the AWS CLI and the SDK look for it. What leaves this module is the session's name, the profiles
 * it unlocks and the expiry — never a token, secret or code verifier.
 */
import { LogoutCommand, type SSOClient } from '@aws-sdk/client-sso';
import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { AppErrorException, appError } from '../../../domain/errors';
import { toAppError } from '../errors';
import { cachedToken, cacheTime, readCacheFile, removeCacheFile, tokenFileName, writeCacheFile } from './cache';
import { browserFlow, deviceFlow, type IssuedToken, type SignInPorts } from './flows';
import { cancelled } from './loopback';
import {
  forgetRegistration,
  isRefusedRegistration,
  type Registration,
  registrationFor,
  type SignInFlow,
} from './registration';
import type { SignInTarget } from './targets';

/** How long the browser flow waits for the redirect (the AWS CLI's AuthCodeFetcher waits 10 minutes). */
export const DEFAULT_BROWSER_TIMEOUT_MS = 10 * 60_000;

export interface SignInClients {
  oidc: SSOOIDCClient;
  /** The endpoint the SSO-OIDC client calls (the configured one, or the SDK's for the region). */
  oidcBase: string;
}

export interface SignInOptions {
  flow: SignInFlow;
  /** false: print or show the link and code, open nothing (--no-browser). */
  openBrowser: boolean;
  browserTimeoutMs?: number;
}

export interface SignInResult {
  label: string;
  ssoSession: string | null;
  profiles: string[];
  flow: SignInFlow;
  /** ISO time the new token expires. */
  expiresAt: string;
  registrationReused: boolean;
}

export async function signIn(
  target: SignInTarget,
  options: SignInOptions,
  clients: SignInClients,
  env: NodeJS.ProcessEnv,
  ports: SignInPorts,
  signal: AbortSignal,
): Promise<SignInResult> {
  try {
    const register = () => registrationFor(target, options.flow, clients.oidc, env, ports.now(), signal);
    const run = (registration: Registration) => {
      const ctx = {
        target,
        registration,
        oidc: clients.oidc,
        oidcBase: clients.oidcBase,
        ports,
        openBrowser: options.openBrowser,
        browserTimeoutMs: options.browserTimeoutMs ?? DEFAULT_BROWSER_TIMEOUT_MS,
        signal,
      };
      return options.flow === 'browser' ? browserFlow(ctx) : deviceFlow(ctx);
    };
    let registration = await register();
    let token: IssuedToken;
    try {
      token = await run(registration);
    } catch (error) {
      if (!isRefusedRegistration(error)) throw error;
      // Refused: the cached registration goes whatever happens next. One that was reused is
      // replaced at once and the sign-in runs again; a new one refused is a real failure.
      forgetRegistration(target, env);
      if (!registration.reused || signal.aborted) throw error;
      registration = await register();
      token = await run(registration);
    }
    const expiresAt = ports.now() + token.expiresIn * 1000;
    // The fields and order of the AWS CLI's token file (botocore SSOTokenFetcher*._create_token*).
    writeCacheFile(env, tokenFileName(target), {
      startUrl: target.startUrl,
      region: target.region,
      accessToken: token.accessToken,
      expiresAt: cacheTime(expiresAt),
      clientId: registration.clientId,
      clientSecret: registration.clientSecret,
      registrationExpiresAt: cacheTime(registration.expiresAt),
      ...(token.refreshToken ? { refreshToken: token.refreshToken } : {}),
    });
    return {
      label: target.label,
      ssoSession: target.ssoSession,
      profiles: target.profiles,
      flow: options.flow,
      expiresAt: new Date(expiresAt).toISOString(),
      registrationReused: registration.reused,
    };
  } catch (error) {
    throw signInError(error, target, signal);
  }
}

/** Until when the cached token of a sign-in is valid, or null (none, unreadable, or expired). */
export function signedInUntil(
  target: Pick<SignInTarget, 'ssoSession' | 'startUrl'>,
  env: NodeJS.ProcessEnv,
  now: number,
) {
  const token = readCacheFile(env, tokenFileName(target), cachedToken);
  if (!token) return null;
  const expiresAt = Date.parse(token.expiresAt);
  return expiresAt > now ? new Date(expiresAt).toISOString() : null;
}

/**
 * Signing out: the portal's Logout with the cached token (best effort: an expired token is already
 * unusable), then the token file removed. The registration stays, as `aws sso logout` leaves it.
 */
export async function signOut(
  target: SignInTarget,
  portal: SSOClient,
  env: NodeJS.ProcessEnv,
  signal: AbortSignal,
): Promise<{ removed: boolean; portalLogout: boolean }> {
  const name = tokenFileName(target);
  const token = readCacheFile(env, name, cachedToken);
  let portalLogout = false;
  if (token) {
    try {
      await portal.send(new LogoutCommand({ accessToken: token.accessToken }), { abortSignal: signal });
      portalLogout = true;
    } catch {
      // UnauthorizedException (expired or already logged out) or no network: the file goes anyway.
    }
  }
  return { removed: removeCacheFile(env, name), portalLogout };
}

/** Every failure as an AppError that names the sign-in and carries no token or AWS message text. */
function signInError(error: unknown, target: SignInTarget, signal: AbortSignal): AppErrorException {
  if (error instanceof AppErrorException) return error;
  if (signal.aborted) return cancelled();
  const name = (error as { name?: string }).name ?? 'Error';
  const known: Record<string, string> = {
    InvalidClientException: 'IAM Identity Center refused the app’s client registration.',
    InvalidGrantException: 'IAM Identity Center refused the sign-in grant.',
    UnauthorizedClientException: 'IAM Identity Center does not allow this sign-in flow for the registration.',
    InvalidRequestException: 'IAM Identity Center refused the sign-in request.',
    InvalidScopeException: `The registration scopes of ${target.label} are not valid.`,
    AccessDeniedException: 'The sign-in was denied.',
  };
  const message = known[name];
  if (message === undefined) return new AppErrorException(toAppError(error));
  return new AppErrorException(
    appError(name === 'AccessDeniedException' ? 'access-denied' : 'sign-in-needed', message, {
      awsCode: name,
      retryable: true,
      remediation: 'Try again; if it keeps failing, check sso_start_url and sso_region in the AWS config file.',
    }),
  );
}
