/**
 * Credential failures told where the profile's settings are known: the SDK's providers say what
 * failed in their own terms ("Unable to find environment variable credentials."), not which profile
 * setting led there or what would fix it.
 */
import { AppErrorException, appError, isAppErrorException } from '../../domain/errors';
import type { SsoLogin } from '../../domain/sign-in-groups';
import { toAppError } from './errors';
import { type IniFile, sourceChain, ssoLoginOf } from './profiles';

/** Rewrites a credential resolution's error for `profile` (any other error is returned as it came). */
export type CredentialFailureExplainer = (error: unknown) => unknown;

/** The explainer for one profile, or null when its settings add nothing to the SDK's own errors. */
export function credentialFailureExplainer(profile: string, sdkProfiles: IniFile): CredentialFailureExplainer | null {
  const ssoLogin = ssoLoginOf(profile, sdkProfiles);
  if (ssoLogin) return (error) => asSignInError(error, profile, ssoLogin);
  const base = sourceChain(profile, sdkProfiles).at(-1);
  const source = base === undefined ? undefined : sdkProfiles[base]?.credential_source;
  if (base === undefined || source === undefined) return null;
  return (error) => asCredentialSourceError(error, profile, base, source);
}

/** A sign-in-needed error naming the command that renews the profile's sign-in (its sso-session's). */
function asSignInError(error: unknown, profile: string, ssoLogin: SsoLogin): unknown {
  if (isAppErrorException(error)) return error;
  const classified = toAppError(error, { profile, ssoLogin });
  return classified.kind === 'sign-in-needed' ? new AppErrorException(classified) : error;
}

interface ProviderErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
}

/**
 * credential_source (https://docs.aws.amazon.com/sdkref/latest/guide/feature-assume-role-credentials.html)
 * takes the source credentials from the environment, EC2 instance metadata or the ECS container
 * endpoint; off those, the SDK's providers fail with messages that do not name the setting. Errors
 * from AWS itself (AssumeRole's answers) pass unchanged.
 */
function asCredentialSourceError(error: unknown, profile: string, base: string, source: string): unknown {
  if (isAppErrorException(error) || typeof error !== 'object' || error === null) return error;
  const e = error as ProviderErrorLike;
  const name = typeof e.name === 'string' ? e.name : '';
  const message = typeof e.message === 'string' ? e.message : '';
  if (name !== 'CredentialsProviderError' && name !== 'ProviderError') return error;
  const who = base === profile ? `Profile "${profile}"` : `Profile "${base}", the source of profile "${profile}",`;
  const setting = `credential_source = ${source}`;
  if (source === 'Environment' && /environment variable/i.test(message)) {
    return failure(
      `${who} takes its credentials from the environment (${setting}), but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set.`,
      'Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary keys) in the environment the app or the command starts from, or give the profile a source_profile instead.',
    );
  }
  const code = typeof e.code === 'string' ? ` (${e.code})` : '';
  if (source === 'Ec2InstanceMetadata') {
    return failure(
      `${who} expects to run on an EC2 instance (${setting}), and the instance metadata service gave no credentials${code}.`,
      'Use this profile on an EC2 instance that has an IAM role (instance profile), or give it a source_profile instead.',
    );
  }
  if (source === 'EcsContainer') {
    return failure(
      `${who} expects to run in an ECS container (${setting}), and the container credentials endpoint gave none${code}: ${message.replace(/\.$/, '')}.`,
      'Use this profile inside an ECS task that has a task role, or give it a source_profile instead.',
    );
  }
  return error;
}

function failure(message: string, remediation: string): AppErrorException {
  return new AppErrorException(appError('no-credentials', message, { remediation }));
}
