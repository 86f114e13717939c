/**
 * Credentials of an SSO profile, with the token cache read and refreshed by the app itself.
 *
 * The SDK's fromSSO reads `~/.aws/sso/cache/<sha1>.json` with fs.promises.readFile and writes a
 * refreshed token with fs.promises.writeFile (@aws-sdk/token-providers writeSSOTokenToFile). Both were
 * unsafe here:
 * - a FIFO at that path blocked one of Node's four file threads for good at each read: the command
 *   line never ended (not even on SIGTERM) and after four refreshes nothing in the app could touch a
 *   file. The app reads the file with its one reader of named files (regular files only, a size
 *   limit; storage/regular-file.ts) and refuses anything else with the path named;
 * - writeFile follows a symbolic link and rewrites its target in place, keeping the target's mode
 *   (0644 stayed 0644), and an existing cache folder kept its mode (0755). The app writes a refreshed
 *   token with the sign-in's own cache writer (sso-sign-in/cache.ts: temp file + rename, 0600, the
 *   folder made 0700), in the AWS CLI's format.
 * What it does is otherwise the SDK's (@aws-sdk/credential-provider-sso resolveSSOCredentials and
 * @aws-sdk/token-providers fromSso), so tokens behave as the SDK and the AWS CLI treat them:
 * - the token file is named by the sso-session (or, legacy settings, the start URL);
 * - with an sso-session, a token within 5 minutes of expiry is refreshed through SSO-OIDC CreateToken
 *   when it carries clientId, clientSecret and refreshToken, at most once per 30 s per token; a failed
 *   refresh falls back to the token as it is while it is still valid. Legacy tokens are not refreshed;
 * - the token is exchanged for the role's credentials with the portal's GetRoleCredentials.
 * Errors that mean "sign in again" are the SDK's own CredentialsProviderError texts, so they are
 * classified as before (credential-failures.ts, errors.ts).
 */
import path from 'node:path';
import { GetRoleCredentialsCommand, SSOClient, type SSOClientConfig } from '@aws-sdk/client-sso';
import { CreateTokenCommand, SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { CredentialsProviderError } from '@smithy/core/config';
import type { AwsCredentialIdentity } from '@smithy/types';
import { z } from 'zod';
import { AppErrorException, appError } from '../../domain/errors';
import { ssoLoginCommand } from '../../domain/sign-in-groups';
import { readRegularFile } from '../storage/regular-file';
import type { IniFile, IniSection } from './profiles';
import { type CachedToken, cacheDir, cachedToken, cacheTime, tokenFileName, writeCacheFile } from './sso-sign-in/cache';

/** Far above a token (about 2 KB), far below what would fill the memory. */
export const TOKEN_FILE_MAX_BYTES = 1024 * 1024;
/** The SDK's and the AWS CLI's window: a token this close to its end is refreshed first. */
const REFRESH_WITHIN_MS = 5 * 60_000;
/** The SDK's pause between refresh attempts of one token. */
const REFRESH_RETRY_MS = 30_000;
const REFRESH_MESSAGE = 'To refresh this SSO session run aws sso login with the corresponding profile.';

/** What an SSO profile names, resolved through its sso-session when it has one. */
export interface SsoSettings {
  /** The SSO profile (the asked profile, or the base of its role chain). */
  profile: string;
  ssoSession: string | null;
  startUrl: string;
  region: string;
  accountId: string;
  roleName: string;
}

export interface SsoCredentialRun {
  settings: SsoSettings;
  env: NodeJS.ProcessEnv;
  /** The client settings for the portal and SSO-OIDC (handler, retries, FIPS…), region and endpoint aside. */
  clientConfig: Omit<SSOClientConfig, 'region' | 'endpoint'>;
  portalEndpoint: string | null;
  oidcEndpoint: string | null;
  signal: AbortSignal;
  clock?: () => number;
}

/** What reading the portal's account list needs of an SSO profile (account-names.ts): no token, no signal. */
export type PortalAccess = Omit<SsoCredentialRun, 'signal'>;

/** The SSO settings of a profile as fromSSO checks them; throws its error when they conflict or lack. */
export function ssoSettingsOf(profile: string, values: IniSection, configSections: IniFile): SsoSettings {
  let startUrl = values.sso_start_url;
  let region = values.sso_region;
  const session = values.sso_session ?? null;
  if (session !== null) {
    const section = Object.hasOwn(configSections, `sso-session.${session}`)
      ? configSections[`sso-session.${session}`]
      : undefined;
    if (region && region !== section?.sso_region) {
      throw new CredentialsProviderError(
        `Conflicting SSO region configurations in profile ${profile} and sso-session ${session}`,
      );
    }
    if (startUrl && startUrl !== section?.sso_start_url) {
      throw new CredentialsProviderError(
        `Conflicting SSO start_url configurations in profile ${profile} and sso-session ${session}`,
      );
    }
    startUrl = section?.sso_start_url;
    region = section?.sso_region;
  }
  const { sso_account_id: accountId, sso_role_name: roleName } = values;
  if (!startUrl || !region || !accountId || !roleName) {
    throw new CredentialsProviderError(
      'Profile is configured with invalid SSO credentials. Required parameters "sso_account_id", "sso_region", "sso_role_name", "sso_start_url".',
    );
  }
  return { profile, ssoSession: session, startUrl, region, accountId, roleName };
}

const roleCredentialsSchema = z.object({
  roleCredentials: z.object({
    accessKeyId: z.string().min(1),
    secretAccessKey: z.string().min(1),
    sessionToken: z.string().min(1),
    expiration: z.number(),
  }),
});

const createTokenSchema = z.object({
  accessToken: z.string().min(1),
  expiresIn: z.number().positive(),
  refreshToken: z.string().optional(),
});

export async function ssoCredentials(run: SsoCredentialRun): Promise<AwsCredentialIdentity> {
  const { settings } = run;
  const clock = run.clock ?? Date.now;
  const token = await validToken(run, clock);
  const portal = new SSOClient({
    ...run.clientConfig,
    region: settings.region,
    ...(run.portalEndpoint ? { endpoint: run.portalEndpoint } : {}),
  });
  const out = await portal.send(
    new GetRoleCredentialsCommand({
      accountId: settings.accountId,
      roleName: settings.roleName,
      accessToken: token.accessToken,
    }),
    { abortSignal: run.signal },
  );
  const parsed = roleCredentialsSchema.safeParse(out);
  if (!parsed.success) {
    throw new AppErrorException(
      appError('internal', 'The SSO portal answered GetRoleCredentials with a response the app cannot read.', {
        retryable: true,
      }),
    );
  }
  const c = parsed.data.roleCredentials;
  return {
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    sessionToken: c.sessionToken,
    expiration: new Date(c.expiration),
    accountId: settings.accountId,
  };
}

/**
 * The token to use: read, refreshed when due (sso-session only), checked for expiry. Used by the
 * credentials above and by the portal's account list (account-names.ts); it never leaves this folder.
 */
export async function validToken(run: SsoCredentialRun, clock: () => number): Promise<CachedToken> {
  const { settings } = run;
  const name = tokenFileName({ ssoSession: settings.ssoSession, startUrl: settings.startUrl });
  const token = await readToken(run, name);
  const expiresAt = Date.parse(token.expiresAt);
  if (settings.ssoSession !== null && expiresAt - clock() <= REFRESH_WITHIN_MS) {
    const refreshed = await refreshOnce(run, name, token, clock);
    if (refreshed) return refreshed;
  }
  if (expiresAt <= clock()) {
    throw new CredentialsProviderError(`The SSO session associated with this profile has expired. ${REFRESH_MESSAGE}`);
  }
  return token;
}

async function readToken(run: SsoCredentialRun, name: string): Promise<CachedToken> {
  const file = path.join(cacheDir(run.env), name);
  const read = await readRegularFile(file, TOKEN_FILE_MAX_BYTES);
  const invalid = () =>
    new CredentialsProviderError(`The SSO session associated with this profile is invalid. ${REFRESH_MESSAGE}`);
  if (!read.ok) {
    if (read.reason === 'missing') throw invalid();
    const { settings } = run;
    const login = settings.ssoSession ? { ssoSession: settings.ssoSession } : { profile: settings.profile };
    const session = settings.ssoSession ? ` (sso-session ${settings.ssoSession})` : '';
    throw new AppErrorException(
      appError(
        'config',
        `The SSO token of profile "${settings.profile}"${session} cannot be read: ${read.error.message}`,
        {
          remediation:
            read.reason === 'unreadable'
              ? 'Check the file’s owner and permissions, then sign in again.'
              : 'Remove the file (it is not a token the AWS CLI or the app wrote), then sign in again.',
          command: ssoLoginCommand(login),
        },
      ),
    );
  }
  try {
    const parsed = cachedToken.safeParse(JSON.parse(read.bytes.toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: the same as a token without its fields.
  }
  throw invalid();
}

/** Refreshes in flight and the time of the last attempt, per token file (the SDK keeps the same). */
const inFlight = new Map<string, Promise<CachedToken | null>>();
const lastAttempt = new Map<string, number>();

function refreshOnce(
  run: SsoCredentialRun,
  name: string,
  token: CachedToken,
  clock: () => number,
): Promise<CachedToken | null> {
  const key = path.join(cacheDir(run.env), name);
  const pending = inFlight.get(key);
  if (pending) return pending;
  if (clock() - (lastAttempt.get(key) ?? 0) < REFRESH_RETRY_MS) return Promise.resolve(null);
  if (!token.clientId || !token.clientSecret || !token.refreshToken) return Promise.resolve(null);
  lastAttempt.set(key, clock());
  const refresh = refreshToken(run, name, token, clock).finally(() => inFlight.delete(key));
  inFlight.set(key, refresh);
  return refresh;
}

/** One CreateToken with the refresh token; the new token is written back, or null when it failed. */
async function refreshToken(
  run: SsoCredentialRun,
  name: string,
  token: CachedToken,
  clock: () => number,
): Promise<CachedToken | null> {
  const oidc = new SSOOIDCClient({
    ...run.clientConfig,
    region: run.settings.region,
    ...(run.oidcEndpoint ? { endpoint: run.oidcEndpoint } : {}),
  });
  let answer: z.infer<typeof createTokenSchema>;
  try {
    const out = await oidc.send(
      new CreateTokenCommand({
        clientId: token.clientId,
        clientSecret: token.clientSecret,
        refreshToken: token.refreshToken,
        grantType: 'refresh_token',
      }),
      { abortSignal: run.signal },
    );
    const parsed = createTokenSchema.safeParse(out);
    if (!parsed.success) return null;
    answer = parsed.data;
  } catch {
    // As in the SDK: the token as it is serves while it is valid; else "sign in again".
    return null;
  }
  // The AWS CLI's refresh writes the same fields (botocore SSOTokenProvider._refresh_access_token):
  // the new token, its expiry in whole seconds, and the refresh token only if one came back.
  const { refreshToken: _old, ...rest } = token;
  const next: CachedToken = {
    ...rest,
    accessToken: answer.accessToken,
    expiresAt: cacheTime(clock() + answer.expiresIn * 1000),
    ...(answer.refreshToken ? { refreshToken: answer.refreshToken } : {}),
  };
  try {
    writeCacheFile(run.env, name, next);
  } catch {
    // Not written: the new token still serves this process; the next one refreshes again.
  }
  return next;
}
