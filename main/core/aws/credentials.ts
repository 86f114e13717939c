/**
 * One credential provider per profile, shared by all of that profile's regions and clients.
 *
 * fromIni resolves every kind of profile but static keys (read directly: see below); this module
 * wraps it so that
 * - each profile resolves once and refreshes only near expiry (one AssumeRole, one SSO exchange per
 *   profile, however many regions ask at once);
 * - AssumeRole goes through the app's own STS client (its endpoint, proxy and CA), and a role that
 *   needs MFA is assumed with the device's shared MFA session (mfa-sessions.ts) instead of a
 *   one-time code per role;
 * - the files are not read afresh here: the SDK keeps their text in one process-wide cache, which
 *   loading the profiles (loadProfiles, on start and on every reload()) has just refreshed with
 *   ignoreCache. Providers are rebuilt on reload(), so edits are picked up then; SSO tokens and
 *   credential_process output are never cached by the SDK, so new logins are seen at once;
 * - each resolution has a deadline (the credential timeout, a setting) that does not run while an
 *   MFA prompt waits for the person; credential_process helpers are run by credential-process.ts,
 *   so a helper that misses the deadline is stopped, not just abandoned.
 */
import {
  AssumeRoleCommand,
  type AssumeRoleCommandInput,
  AssumeRoleWithWebIdentityCommand,
  type AssumeRoleWithWebIdentityCommandInput,
  type Credentials,
  GetSessionTokenCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { fromIni, fromSSO } from '@aws-sdk/credential-providers';
import { memoize } from '@smithy/core/config';
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, RetryStrategyV2 } from '@smithy/types';
import { AppErrorException, appError } from '../../domain/errors';
import { startPausableTimer } from '../calls/pausable-timer';
import type { ClientSettings } from './client-settings';
import { assumeRoleFailure, credentialFailureExplainer } from './credential-failures';
import { describeHelper, runCredentialProcess } from './credential-process';
import type { MfaSessions } from './mfa-sessions';
import { type IniFile, type IniSection, profileKind, sourceChain } from './profiles';

export interface CredentialContext {
  profile: string;
  /** Profiles as the SDK sees them (for walking source_profile chains). */
  sdkProfiles: IniFile;
  configFile: string;
  credentialsFile: string;
  /** STS endpoint for the profile that declares a role (null: the SDK's default endpoint). */
  stsEndpoint(profile: string): string | null;
  /** SSO endpoint for the profile (used for the SSO portal and, through the same config, SSO-OIDC). */
  ssoEndpoint: string | null;
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

/** One resolution in progress: its deadline's signal, and a way to stop the deadline's clock. */
interface Resolution {
  signal: AbortSignal;
  /** Runs `work` (an MFA prompt) with the deadline paused: the person's typing time is theirs. */
  paused<T>(work: () => Promise<T>): Promise<T>;
}

const noop = () => undefined;

/** Credentials this close to expiry are refreshed before use. */
const REFRESH_BEFORE_MS = 5 * 60_000;
/** What the roleAssumer receives as TokenCode: the real code is asked for only if no MFA session exists. */
const DEFERRED_CODE = 'deferred';

export function createCredentialProvider(ctx: CredentialContext): AwsCredentialIdentityProvider {
  const chain = sourceChain(ctx.profile, ctx.sdkProfiles);
  const top = ctx.sdkProfiles[ctx.profile] ?? {};
  // STS is regional; a role chain asks in the profile's region, else us-east-1, which every account has.
  const stsRegion = top.region ?? 'us-east-1';
  const roleProfiles = new Map(
    chain.filter((name) => ctx.sdkProfiles[name]?.role_arn).map((name) => [ctx.sdkProfiles[name]?.role_arn, name]),
  );

  const sts = (credentials: AwsCredentialIdentity | undefined, roleArn: string | undefined) => {
    // Each role is assumed at the STS endpoint of the profile that declares it.
    const endpoint = ctx.stsEndpoint(roleProfiles.get(roleArn) ?? ctx.profile);
    return new STSClient({
      ...ctx.settings,
      region: stsRegion,
      requestHandler: ctx.requestHandler,
      maxAttempts: ctx.maxAttempts,
      ...(ctx.retryStrategy ? { retryStrategy: ctx.retryStrategy } : {}),
      ...(endpoint ? { endpoint } : {}),
      ...(credentials ? { credentials } : {}),
      // Never read AWS_PROFILE's endpoint_url for these: the endpoint is chosen above.
      ignoreConfiguredEndpointUrls: true,
    });
  };

  const roleAssumer = (during: Resolution) => async (source: AwsCredentialIdentity, params: AssumeRoleCommandInput) => {
    const { SerialNumber: serial, TokenCode: _deferred, ...rest } = params;
    const roleArn = params.RoleArn ?? '';
    // A refusal is told as AssumeRole's (the role, the source), not as the call it happened under.
    const assume = async (client: STSClient, input: AssumeRoleCommandInput) => {
      try {
        return toIdentity((await client.send(new AssumeRoleCommand(input))).Credentials);
      } catch (error) {
        const roleProfile = roleProfiles.get(roleArn) ?? ctx.profile;
        throw assumeRoleFailure(error, { profile: ctx.profile, roleProfile, roleArn, sdkProfiles: ctx.sdkProfiles });
      }
    };
    if (!serial) return assume(sts(source, roleArn), rest);
    if (!source.sessionToken) {
      // Paused for the whole session step: a waiter on another profile's prompt waits for the person too.
      const session = await during.paused(() =>
        ctx.mfa.session(serial, (code) => getMfaSessionToken(sts(source, roleArn), serial, code)),
      );
      return assume(sts(session, roleArn), rest);
    }
    // GetSessionToken refuses temporary credentials: this role gets its own code.
    const code = await during.paused(() => ctx.promptCode(serial));
    return assume(sts(source, roleArn), { ...rest, SerialNumber: serial, TokenCode: code });
  };

  const roleAssumerWithWebIdentity = async (params: AssumeRoleWithWebIdentityCommandInput) =>
    toIdentity((await sts(undefined, params.RoleArn).send(new AssumeRoleWithWebIdentityCommand(params))).Credentials);

  // One config for the clients credential resolution creates itself (SSO, SSO-OIDC). It carries one
  // endpoint, so a chain needing two custom endpoints there (an SSO portal and a separate SSO-OIDC
  // emulation, say) cannot be expressed; roles do not have this limit (see sts() above).
  const clientConfig = {
    ...ctx.settings,
    requestHandler: ctx.requestHandler,
    maxAttempts: ctx.maxAttempts,
    ignoreConfiguredEndpointUrls: true,
    ...(ctx.retryStrategy ? { retryStrategy: ctx.retryStrategy } : {}),
    ...(ctx.ssoEndpoint ? { endpoint: ctx.ssoEndpoint } : {}),
  };
  const files = {
    profile: ctx.profile,
    filepath: ctx.credentialsFile,
    configFilepath: ctx.configFile,
  };
  const kind = profileKind(top);
  const helper = processChain(ctx.profile, ctx.sdkProfiles);
  let provider: (during: Resolution) => Promise<AwsCredentialIdentity>;
  if (helper) {
    // The helper is run here (credential-process.ts says why), and the roles above it, if any, are
    // assumed in turn as fromIni would: same parameters, same roleAssumer.
    provider = async (during) => {
      const base = ctx.sdkProfiles[helper.profile] ?? {};
      const pathReady = ctx.helperPathReady;
      if (pathReady) await during.paused(() => pathReady.then(noop, noop));
      let credentials = await runCredentialProcess({
        profile: helper.profile,
        command: helper.command,
        ...(base.aws_account_id ? { accountId: base.aws_account_id } : {}),
        signal: during.signal,
      });
      for (const name of helper.roles) credentials = await roleAssumer(during)(credentials, roleParams(name, ctx));
      return credentials;
    };
  } else if (kind === 'static') {
    // Static keys need no resolving, and fromIni would parse both whole files again for each
    // profile (a thousand profiles: a million lines). `top` is the SDK's own view of the profile
    // (credentials-file values over config-file ones), so the keys are the ones fromIni would return.
    const identity = staticIdentity(top);
    provider = async () => identity;
  } else if (kind === 'sso') {
    // fromIni hands SSO profiles to fromSSO without the file paths, which then reads the files
    // named by process.env: call it directly so the app's own env is honoured.
    const sso = fromSSO({ ...files, clientConfig });
    provider = () => sso();
  } else {
    // A fromIni per resolution, so its roleAssumer pauses this resolution's deadline and no other.
    provider = (during) =>
      fromIni({
        ...files,
        clientConfig,
        roleAssumer: roleAssumer(during) as NonNullable<Parameters<typeof fromIni>[0]>['roleAssumer'],
        roleAssumerWithWebIdentity,
        mfaCodeProvider: async () => DEFERRED_CODE,
      })();
  }
  const late = (limitMs: number) => lateError(ctx.profile, helper, limitMs);
  // Failures are told here, where the profile's settings are known: a sign-in names the command that
  // renews the profile's sso-session (every profile on it), a credential_source names what it lacks.
  const explain = credentialFailureExplainer(ctx.profile, ctx.sdkProfiles);
  if (explain) {
    const resolve = provider;
    provider = (during) => resolve(during).catch((error: unknown) => Promise.reject(explain(error)));
  }

  return memoize(
    () => (kind === 'static' ? provider(NO_DEADLINE) : withinDeadline(ctx.timeoutMs(), provider, late)),
    (creds) => creds.expiration !== undefined && creds.expiration.getTime() - Date.now() < REFRESH_BEFORE_MS,
    (creds) => creds.expiration !== undefined,
  );
}

/** Static keys need no deadline. */
const NO_DEADLINE: Resolution = { signal: new AbortController().signal, paused: (work) => work() };

/**
 * Runs one resolution against its deadline. When the deadline passes, the resolution's signal is
 * aborted (a helper is stopped) and the wait ends with `late`'s error, whatever the resolution does next.
 */
function withinDeadline(
  limitMs: number,
  resolve: (during: Resolution) => Promise<AwsCredentialIdentity>,
  late: (limitMs: number) => AppErrorException,
): Promise<AwsCredentialIdentity> {
  const controller = new AbortController();
  return new Promise((done, fail) => {
    const timer = startPausableTimer(limitMs, () => {
      const error = late(limitMs);
      controller.abort(error);
      fail(error);
    });
    const during: Resolution = {
      signal: controller.signal,
      async paused(work) {
        timer.pause();
        try {
          return await work();
        } finally {
          timer.resume();
        }
      },
    };
    resolve(during).then(
      (credentials) => {
        timer.clear();
        done(credentials);
      },
      (error: unknown) => {
        timer.clear();
        fail(error);
      },
    );
  });
}

function lateError(profile: string, helper: ProcessChain | null, limitMs: number): AppErrorException {
  // Whole seconds for the usual limits; a short one keeps its tenth (1.5 s is not "2 s").
  const seconds = limitMs >= 10_000 ? Math.round(limitMs / 1000) : Math.round(limitMs / 100) / 10;
  if (helper) {
    const whose = helper.profile === profile ? '' : `, the source of profile "${profile}",`;
    return new AppErrorException(
      appError(
        'no-credentials',
        `${describeHelper(helper.profile, helper.command)}${whose} did not answer within ${seconds} s; it was stopped.`,
        {
          remediation:
            'Run the command in a terminal to see what it waits for (a passphrase, a browser sign-in), then try again; or raise the credential timeout (credentialTimeoutSeconds in the settings).',
          retryable: true,
        },
      ),
    );
  }
  return new AppErrorException(
    appError('no-credentials', `The credentials of profile "${profile}" were not ready within ${seconds} s.`, {
      remediation:
        'Check the network and the profile in the AWS config files, or raise the credential timeout (credentialTimeoutSeconds in the settings).',
      retryable: true,
    }),
  );
}

/** A profile whose credentials come from a credential_process: directly, or under a chain of roles. */
export interface ProcessChain {
  /** The profile that names the credential_process. */
  profile: string;
  command: string;
  /** The roles to assume on top, in order (the source's role first, the asked profile's last). */
  roles: string[];
}

/**
 * The helper behind a profile, when fromIni would run one: the profile itself is a credential_process
 * profile, or each profile down its source_profile chain is a plain role and the last one is.
 * Anything else (a loop, credential_source, a source with static keys) is left to fromIni.
 */
export function processChain(profile: string, sdkProfiles: IniFile): ProcessChain | null {
  const chain = sourceChain(profile, sdkProfiles);
  const baseName = chain[chain.length - 1];
  const base = baseName === undefined ? undefined : sdkProfiles[baseName];
  if (!baseName || !base || profileKind(base) !== 'credential-process' || !base.credential_process) return null;
  const roles = chain.slice(0, -1);
  for (const [index, name] of roles.entries()) {
    const values = sdkProfiles[name] ?? {};
    if (profileKind(values) !== 'assume-role' || values.source_profile === undefined) return null;
    // fromIni takes a source profile's static keys over its role (see profiles.ts).
    const hasKeys = values.aws_access_key_id !== undefined && values.aws_secret_access_key !== undefined;
    if (index > 0 && hasKeys) return null;
  }
  return { profile: baseName, command: base.credential_process, roles: roles.reverse() };
}

/** AssumeRole's parameters for a role profile, as fromIni's resolveAssumeRoleCredentials builds them. */
function roleParams(name: string, ctx: CredentialContext): AssumeRoleCommandInput {
  const values = ctx.sdkProfiles[name] ?? {};
  return {
    RoleArn: values.role_arn,
    RoleSessionName: values.role_session_name || `aws-sdk-js-${Date.now()}`,
    ExternalId: values.external_id,
    DurationSeconds: Number.parseInt(values.duration_seconds || '3600', 10),
    ...(values.mfa_serial ? { SerialNumber: values.mfa_serial, TokenCode: DEFERRED_CODE } : {}),
  };
}

/** aws_access_key_id / aws_secret_access_key (+ session token, account id), as fromIni reads them. */
function staticIdentity(values: IniSection): AwsCredentialIdentity {
  return {
    accessKeyId: values.aws_access_key_id ?? '',
    secretAccessKey: values.aws_secret_access_key ?? '',
    ...(values.aws_session_token !== undefined ? { sessionToken: values.aws_session_token } : {}),
    ...(values.aws_credential_scope ? { credentialScope: values.aws_credential_scope } : {}),
    ...(values.aws_account_id ? { accountId: values.aws_account_id } : {}),
  };
}

/** STS GetSessionToken for an MFA session: long-term keys of the source profile, serial and code. */
export async function getMfaSessionToken(
  client: STSClient,
  serial: string,
  code: string,
): Promise<AwsCredentialIdentity> {
  const out = await client.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: code }));
  return toIdentity(out.Credentials);
}

function toIdentity(credentials: Credentials | undefined): AwsCredentialIdentity {
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) {
    throw new Error('STS answered without credentials.');
  }
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    ...(credentials.SessionToken ? { sessionToken: credentials.SessionToken } : {}),
    ...(credentials.Expiration ? { expiration: credentials.Expiration } : {}),
  };
}
