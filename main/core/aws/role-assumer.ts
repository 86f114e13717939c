/**
 * STS for credential resolution: AssumeRole through the app's own STS client (the endpoint of the
 * profile that declares the role, the app's proxy and CA), a role that needs MFA assumed with the
 * device's shared MFA session (mfa-sessions.ts) instead of a one-time code per role, a refusal told
 * as AssumeRole's (credential-failures.ts), and AssumeRoleWithWebIdentity.
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
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity, RetryStrategyV2 } from '@smithy/types';
import type { ClientSettings } from './client-settings';
import type { Resolution } from './credential-deadline';
import { assumeRoleFailure, mfaCodeNotGiven } from './credential-failures';
import type { ResolvedEndpoint } from './endpoints';
import { MfaCodeNotGiven, type MfaSessions } from './mfa-sessions';
import type { IniFile } from './profiles';
import { readCachedRole, roleCacheKey, writeCachedRole } from './role-cache';

export interface RoleAssumerContext {
  /** The profile whose credentials are resolved. */
  profile: string;
  /** HOME, for the AWS CLI's cache of assumed roles (role-cache.ts). */
  env: NodeJS.ProcessEnv;
  sdkProfiles: IniFile;
  /** The region STS is asked in (the profile's, else us-east-1). */
  stsRegion: string;
  /** STS endpoint for the profile that declares a role (null: the SDK's default endpoint). */
  stsEndpoint(profile: string): ResolvedEndpoint | null;
  requestHandler: NodeHttpHandler;
  maxAttempts: number;
  retryStrategy?: RetryStrategyV2;
  settings: ClientSettings;
  mfa: MfaSessions;
  /** Asks for a code directly: only for roles whose source credentials are themselves temporary. */
  promptCode(serial: string): Promise<string>;
}

export type RoleAssumer = (
  source: AwsCredentialIdentity,
  params: AssumeRoleCommandInput,
) => Promise<AwsCredentialIdentity>;

export interface RoleAssumers {
  /** fromIni's roleAssumer, bound to one resolution (whose deadline an MFA prompt pauses). */
  assumer(during: Resolution): RoleAssumer;
  withWebIdentity(params: AssumeRoleWithWebIdentityCommandInput): Promise<AwsCredentialIdentity>;
  /** The profile that declares a role ARN in the chain (the asked profile when none does). */
  roleProfileOf(roleArn: string): string;
  /** A role profile's credentials from the AWS CLI's cache, while fresh; else null. */
  cached(roleProfile: string): AwsCredentialIdentity | null;
}

export function createRoleAssumers(ctx: RoleAssumerContext, chain: string[]): RoleAssumers {
  const roleProfiles = new Map<string, string>();
  for (const name of chain) {
    const arn = ctx.sdkProfiles[name]?.role_arn;
    if (arn !== undefined && !roleProfiles.has(arn)) roleProfiles.set(arn, name);
  }
  const roleProfileOf = (roleArn: string) => roleProfiles.get(roleArn) ?? ctx.profile;
  const cacheKeyOf = (roleProfile: string) => roleCacheKey(ctx.sdkProfiles[roleProfile] ?? {});
  const cached = (roleProfile: string) => {
    const key = cacheKeyOf(roleProfile);
    return key ? readCachedRole(ctx.env, key) : null;
  };

  const sts = (credentials: AwsCredentialIdentity | undefined, roleArn: string) => {
    // Each role is assumed at the STS endpoint of the profile that declares it.
    const endpoint = ctx.stsEndpoint(roleProfileOf(roleArn))?.url;
    return new STSClient({
      ...ctx.settings,
      region: ctx.stsRegion,
      requestHandler: ctx.requestHandler,
      maxAttempts: ctx.maxAttempts,
      ...(ctx.retryStrategy ? { retryStrategy: ctx.retryStrategy } : {}),
      ...(endpoint ? { endpoint } : {}),
      ...(credentials ? { credentials } : {}),
      // Never read AWS_PROFILE's endpoint_url for these: the endpoint is chosen above.
      ignoreConfiguredEndpointUrls: true,
    });
  };

  const assumer =
    (during: Resolution): RoleAssumer =>
    async (source, params) => {
      const { SerialNumber: serial, TokenCode: _deferred, ...rest } = params;
      const roleArn = params.RoleArn ?? '';
      const roleProfile = roleProfileOf(roleArn);
      // Still fresh in the AWS CLI's cache (assumed by the AWS CLI, another command or the app): no
      // AssumeRole, and no MFA code asked.
      const key = roleProfiles.has(roleArn) ? cacheKeyOf(roleProfile) : null;
      const fromCache = key ? readCachedRole(ctx.env, key) : null;
      if (fromCache) return fromCache;
      // A refusal is told as AssumeRole's (the role, the source), not as the call it happened under.
      const assume = async (client: STSClient, input: AssumeRoleCommandInput) => {
        try {
          const out = await client.send(new AssumeRoleCommand(input), { abortSignal: during.signal });
          const identity = toIdentity(out.Credentials);
          if (key) writeCachedRole(ctx.env, key, out);
          return identity;
        } catch (error) {
          const endpoint = ctx.stsEndpoint(roleProfile);
          throw assumeRoleFailure(error, {
            profile: ctx.profile,
            roleProfile,
            roleArn,
            sdkProfiles: ctx.sdkProfiles,
            endpoint,
          });
        }
      };
      if (!serial) return assume(sts(source, roleArn), rest);
      // A code nobody gave is told for this profile and role, with how to give one.
      const asking = <T>(work: () => Promise<T>) =>
        during.paused(work).catch((error: unknown) => {
          if (!(error instanceof MfaCodeNotGiven)) throw error;
          throw mfaCodeNotGiven(error, { profile: ctx.profile, roleProfile, roleArn, sdkProfiles: ctx.sdkProfiles });
        });
      if (!source.sessionToken) {
        // Paused for the whole session step: a waiter on another profile's prompt waits for the person too.
        const session = await asking(() =>
          ctx.mfa.session(serial, (code) => getMfaSessionToken(sts(source, roleArn), serial, code)),
        );
        return assume(sts(session, roleArn), rest);
      }
      // GetSessionToken refuses temporary credentials: this role gets its own code.
      const code = await asking(() => ctx.promptCode(serial));
      return assume(sts(source, roleArn), { ...rest, SerialNumber: serial, TokenCode: code });
    };

  const withWebIdentity = async (params: AssumeRoleWithWebIdentityCommandInput) =>
    toIdentity(
      (await sts(undefined, params.RoleArn ?? '').send(new AssumeRoleWithWebIdentityCommand(params))).Credentials,
    );

  return { assumer, withWebIdentity, roleProfileOf, cached };
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

export function toIdentity(credentials: Credentials | undefined): AwsCredentialIdentity {
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
