/**
 * One credential provider per profile, shared by all of that profile's regions and clients.
 *
 * The chain behind the profile (credential-chain.ts) is resolved here: its first credentials (static
 * keys, a credential_process, an SSO token, a web identity token), then each role on top through the
 * app's STS client (role-assumer.ts). Only what the app does not resolve itself (credential_source,
 * broken settings) goes to the SDK's fromIni. This module makes sure that
 * - each profile resolves once and refreshes only near expiry (one AssumeRole, one SSO exchange per
 *   profile, however many regions ask at once);
 * - no file is read or command run in a way that can hang the process: credential_process helpers
 *   are run (and stopped) by credential-process.ts, SSO tokens are read and refreshed by
 *   sso-credentials.ts, a web identity token is read by the regular-file reader;
 * - the shared files are not read afresh here: the SDK keeps their text in one process-wide cache,
 *   which loading the profiles (loadProfiles, on start and on every reload()) has just refreshed with
 *   ignoreCache. Providers are rebuilt on reload(), so edits are picked up then; SSO tokens and
 *   credential_process output are read at each resolution, so new sign-ins are seen at once;
 * - each resolution has a deadline (credential-deadline.ts) that does not run while an MFA prompt
 *   waits for the person.
 */
import { fromIni } from '@aws-sdk/credential-providers';
import { memoize } from '@smithy/core/config';
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, RetryStrategyV2 } from '@smithy/types';
import { AppErrorException, appError } from '../../domain/errors';
import { readRegularFile } from '../storage/regular-file';
import type { ClientSettings } from './client-settings';
import { type CredentialChain, credentialChain, DEFERRED_CODE, roleParams, staticIdentity } from './credential-chain';
import { lateError, NO_DEADLINE, type Resolution, withinDeadline } from './credential-deadline';
import { credentialFailureExplainer } from './credential-failures';
import { runCredentialProcess } from './credential-process';
import type { ResolvedEndpoint } from './endpoints';
import type { MfaSessions } from './mfa-sessions';
import { type IniFile, sourceChain } from './profiles';
import { createRoleAssumers, type RoleAssumers } from './role-assumer';
import { ssoCredentials, ssoSettingsOf, TOKEN_FILE_MAX_BYTES } from './sso-credentials';

export interface CredentialContext {
  profile: string;
  /** Profiles as the SDK sees them (for walking source_profile chains). */
  sdkProfiles: IniFile;
  /** The config file's sections as the SDK's loader keys them (`sso-session.x` among them). */
  configSections: IniFile;
  configFile: string;
  credentialsFile: string;
  /** The app's environment: HOME (the SSO token cache), AWS_ROLE_SESSION_NAME. */
  env: NodeJS.ProcessEnv;
  /** STS endpoint for the profile that declares a role (null: the SDK's default endpoint). */
  stsEndpoint(profile: string): ResolvedEndpoint | null;
  /** The SSO portal's and SSO-OIDC's endpoints for the chain's SSO profile (null: AWS's own). */
  ssoEndpoint: string | null;
  ssoOidcEndpoint: string | null;
  requestHandler: NodeHttpHandler;
  maxAttempts: number;
  retryStrategy?: RetryStrategyV2;
  /** The profile's client settings, so the clients made here read no files either. */
  settings: ClientSettings;
  mfa: MfaSessions;
  /** Asks for a code directly: only for roles whose source credentials are themselves temporary. */
  promptCode(serial: string): Promise<string>;
  /** How long one resolution may take, MFA prompts not counted (read at each resolution). */
  timeoutMs(): number;
  /**
   * Settles once PATH is the login shell's (the app's startup probe, login-shell-path.ts): a
   * credential_process is spawned only after it, so `aws-vault` or `granted` are found. Not counted
   * against the timeout (the probe has its own).
   */
  helperPathReady?: Promise<unknown>;
}

const noop = () => undefined;

/** Credentials this close to expiry are refreshed before use. */
const REFRESH_BEFORE_MS = 5 * 60_000;

export function createCredentialProvider(ctx: CredentialContext): AwsCredentialIdentityProvider {
  const top = ctx.sdkProfiles[ctx.profile] ?? {};
  const roles = createRoleAssumers(
    // STS is regional; a role chain asks in the profile's region, else us-east-1, which every account has.
    { ...ctx, stsRegion: top.region ?? 'us-east-1' },
    sourceChain(ctx.profile, ctx.sdkProfiles),
  );
  const chain = credentialChain(ctx.profile, ctx.sdkProfiles);
  let provider: (during: Resolution) => Promise<AwsCredentialIdentity>;
  if (chain) {
    provider = async (during) => {
      // The highest role still fresh in the AWS CLI's cache starts the chain: nothing under it is
      // resolved (no helper run, no SSO call, no MFA code), as botocore resolves a cached chain.
      let start = 0;
      let credentials: AwsCredentialIdentity | null = null;
      for (let i = chain.roles.length - 1; i >= 0 && !credentials; i--) {
        credentials = roles.cached(chain.roles[i] ?? '');
        start = i + 1;
      }
      if (!credentials) {
        start = 0;
        credentials = await firstCredentials(chain, ctx, roles, during);
      }
      for (const name of chain.roles.slice(start)) {
        credentials = await roles.assumer(during)(credentials, roleParams(ctx.sdkProfiles[name] ?? {}));
      }
      return credentials;
    };
  } else {
    // A fromIni per resolution, so its roleAssumer pauses this resolution's deadline and no other.
    provider = (during) =>
      fromIni({
        profile: ctx.profile,
        filepath: ctx.credentialsFile,
        configFilepath: ctx.configFile,
        clientConfig: {
          ...ctx.settings,
          requestHandler: ctx.requestHandler,
          maxAttempts: ctx.maxAttempts,
          ignoreConfiguredEndpointUrls: true,
          ...(ctx.retryStrategy ? { retryStrategy: ctx.retryStrategy } : {}),
        },
        roleAssumer: roles.assumer(during) as NonNullable<Parameters<typeof fromIni>[0]>['roleAssumer'],
        roleAssumerWithWebIdentity: roles.withWebIdentity,
        mfaCodeProvider: async () => DEFERRED_CODE,
      })();
  }
  const helper =
    chain?.kind === 'credential-process'
      ? { profile: chain.base, command: ctx.sdkProfiles[chain.base]?.credential_process ?? '' }
      : null;
  const late = (limitMs: number) => lateError(ctx.profile, helper, limitMs);
  // Failures are told here, where the profile's settings are known: a sign-in names the command that
  // renews the profile's sso-session (every profile on it), a credential_source names what it lacks.
  const explain = credentialFailureExplainer(ctx.profile, ctx.sdkProfiles);
  if (explain) {
    const resolve = provider;
    provider = (during) => resolve(during).catch((error: unknown) => Promise.reject(explain(error)));
  }
  // Static keys need no resolving and no deadline.
  const immediate = chain?.kind === 'static' && chain.roles.length === 0;
  return memoize(
    () => (immediate ? provider(NO_DEADLINE) : withinDeadline(ctx.timeoutMs(), provider, late)),
    (creds) => creds.expiration !== undefined && creds.expiration.getTime() - Date.now() < REFRESH_BEFORE_MS,
    (creds) => creds.expiration !== undefined,
  );
}

/** The credentials a chain starts from: its base profile's own. */
async function firstCredentials(
  chain: CredentialChain,
  ctx: CredentialContext,
  roles: RoleAssumers,
  during: Resolution,
): Promise<AwsCredentialIdentity> {
  // `values` is the SDK's own view of the profile (credentials-file values over config-file ones).
  const values = ctx.sdkProfiles[chain.base] ?? {};
  switch (chain.kind) {
    case 'static':
      return staticIdentity(values);
    case 'credential-process': {
      // Run here, not by the SDK: credential-process.ts says why.
      const pathReady = ctx.helperPathReady;
      if (pathReady) await during.paused(() => pathReady.then(noop, noop));
      return runCredentialProcess({
        profile: chain.base,
        command: values.credential_process ?? '',
        ...(values.aws_account_id ? { accountId: values.aws_account_id } : {}),
        signal: during.signal,
      });
    }
    case 'sso':
      return ssoCredentials({
        settings: ssoSettingsOf(chain.base, values, ctx.configSections),
        env: ctx.env,
        clientConfig: {
          ...ctx.settings,
          requestHandler: ctx.requestHandler,
          maxAttempts: ctx.maxAttempts,
          ...(ctx.retryStrategy ? { retryStrategy: ctx.retryStrategy } : {}),
        },
        portalEndpoint: ctx.ssoEndpoint,
        oidcEndpoint: ctx.ssoOidcEndpoint,
        signal: during.signal,
      });
    case 'web-identity': {
      // The SDK reads the token file with readFileSync: a FIFO there would stop the whole process.
      const file = values.web_identity_token_file ?? '';
      const read = await readRegularFile(file, TOKEN_FILE_MAX_BYTES);
      if (!read.ok) {
        throw new AppErrorException(
          appError(
            'config',
            `The web identity token of profile "${chain.base}" cannot be read: ${read.error.message}`,
            { remediation: 'Point web_identity_token_file at the token file your identity provider writes.' },
          ),
        );
      }
      return roles.withWebIdentity({
        RoleArn: values.role_arn,
        RoleSessionName:
          values.role_session_name ?? ctx.env.AWS_ROLE_SESSION_NAME ?? `aws-sdk-js-session-${Date.now()}`,
        WebIdentityToken: read.bytes.toString('ascii'),
      });
    }
  }
}
