/**
 * Which credentials a profile starts from and which roles are assumed on top, read the way fromIni
 * reads them (@aws-sdk/credential-provider-ini resolveProfileData): a role profile with a
 * source_profile assumes its role with the source's credentials; a source profile with static keys
 * gives those keys, even if it also names a role (the common `source_profile = <itself>` pattern);
 * otherwise the chain ends at the first profile that is static keys, web identity,
 * credential_process or SSO, checked in that order.
 *
 * The app resolves such chains itself (credentials.ts) rather than through fromIni, so that what the
 * SDK would read or run unsafely is done safely here: credential_process helpers are run and stopped
 * by credential-process.ts, SSO tokens are read and refreshed by sso-credentials.ts, web identity
 * tokens are read by the regular-file reader. Anything else (credential_source, a loop, a profile
 * that lacks settings) is left to fromIni, whose errors say what is wrong.
 */
import type { AssumeRoleCommandInput } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { type IniFile, type IniSection, profileKind } from './profiles';

export type BaseKind = 'static' | 'web-identity' | 'credential-process' | 'sso';

export interface CredentialChain {
  /** The profile whose own settings give the first credentials. */
  base: string;
  kind: BaseKind;
  /** The roles to assume on top, in order (the base's first, the asked profile's last). */
  roles: string[];
}

/** What the roleAssumer receives as TokenCode: the real code is asked for only if no MFA session exists. */
export const DEFERRED_CODE = 'deferred';

const hasStaticKeys = (v: IniSection) => v.aws_access_key_id !== undefined && v.aws_secret_access_key !== undefined;

/** The chain behind a profile, or null when fromIni is to resolve it. */
export function credentialChain(profile: string, sdkProfiles: IniFile): CredentialChain | null {
  const roles: string[] = [];
  for (let name = profile; ; ) {
    const values = Object.hasOwn(sdkProfiles, name) ? sdkProfiles[name] : undefined;
    if (!values) return null;
    // A source profile's static keys win over anything else it names.
    if (roles.length > 0 && hasStaticKeys(values)) return { base: name, kind: 'static', roles: roles.reverse() };
    const kind = profileKind(values);
    if (kind === 'assume-role') {
      if (values.source_profile === undefined || roles.includes(name)) return null;
      roles.push(name);
      name = values.source_profile;
      continue;
    }
    if (kind === 'static' || kind === 'web-identity' || kind === 'credential-process' || kind === 'sso') {
      return { base: name, kind, roles: roles.reverse() };
    }
    return null;
  }
}

/** AssumeRole's parameters for a role profile, as fromIni's resolveAssumeRoleCredentials builds them. */
export function roleParams(values: IniSection, now = Date.now()): AssumeRoleCommandInput {
  return {
    RoleArn: values.role_arn,
    RoleSessionName: values.role_session_name || `aws-sdk-js-${now}`,
    ExternalId: values.external_id,
    DurationSeconds: Number.parseInt(values.duration_seconds || '3600', 10),
    ...(values.mfa_serial ? { SerialNumber: values.mfa_serial, TokenCode: DEFERRED_CODE } : {}),
  };
}

/** aws_access_key_id / aws_secret_access_key (+ session token, account id), as fromIni reads them. */
export function staticIdentity(values: IniSection): AwsCredentialIdentity {
  return {
    accessKeyId: values.aws_access_key_id ?? '',
    secretAccessKey: values.aws_secret_access_key ?? '',
    ...(values.aws_session_token !== undefined ? { sessionToken: values.aws_session_token } : {}),
    ...(values.aws_credential_scope ? { credentialScope: values.aws_credential_scope } : {}),
    ...(values.aws_account_id ? { accountId: values.aws_account_id } : {}),
  };
}
