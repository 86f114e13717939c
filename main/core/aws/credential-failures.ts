/**
 * Credential failures told where the profile's settings are known: the SDK's providers say what
 * failed in their own terms ("Unable to find environment variable credentials."), not which profile
 * setting led there or what would fix it.
 */
import { AppErrorException, appError, isAppErrorException } from '../../domain/errors';
import type { SsoLogin } from '../../domain/sign-in-groups';
import { endpointRemediation, type ResolvedEndpoint } from './endpoints';
import { toAppError } from './errors';
import type { MfaCodeNotGiven } from './mfa-sessions';
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

/** Which role was being assumed, for whom, and with whose credentials. */
export interface AssumeRoleAttempt {
  /** The profile whose credentials were asked for. */
  profile: string;
  /** The profile that declares the role (the asked profile, or one down its source chain). */
  roleProfile: string;
  roleArn: string;
  sdkProfiles: IniFile;
  /** The STS endpoint the role was asked at, when one was configured. */
  endpoint?: ResolvedEndpoint | null;
}

/**
 * STS's AccessDenied for AssumeRole, told as what it is. It happens while a call of the profile
 * resolves its credentials (GetCallerIdentity, most often), and without this it was reported as a
 * missing permission for that call. AWS's message does not say which side refused: the role's trust
 * policy or the source's own policies (and an SCP or a condition such as MFA or an external id).
 * Other failures (an MFA code refused, the source's keys unknown) pass unchanged.
 */
export function assumeRoleFailure(error: unknown, attempt: AssumeRoleAttempt): unknown {
  if (isAppErrorException(error)) return error;
  const classified = toAppError(error, { profile: attempt.profile, operation: 'AssumeRole', action: 'sts:AssumeRole' });
  const endpoint = attempt.endpoint;
  if (endpoint && (classified.kind === 'timeout' || classified.kind === 'network')) {
    // A configured endpoint that does not answer: the endpoint and its setting, not "AWS".
    return new AppErrorException({
      ...classified,
      message: `Profile "${attempt.profile}" could not assume role ${attempt.roleArn}: the STS endpoint ${endpoint.url}, set by ${endpoint.where}, ${classified.kind === 'timeout' ? 'did not answer in time' : 'could not be reached'}. ${classified.message}`,
      remediation: endpointRemediation(endpoint),
    });
  }
  if (classified.kind !== 'access-denied') return error;
  const values = attempt.sdkProfiles[attempt.roleProfile] ?? {};
  const source =
    values.source_profile !== undefined
      ? `source profile "${values.source_profile}"`
      : `credential_source = ${values.credential_source ?? '(none)'}`;
  const whose =
    attempt.roleProfile === attempt.profile
      ? `Profile "${attempt.profile}"`
      : `Profile "${attempt.profile}" (through profile "${attempt.roleProfile}")`;
  return new AppErrorException({
    ...classified,
    action: 'sts:AssumeRole',
    message: `${whose} could not assume role ${attempt.roleArn}: AWS denied sts:AssumeRole to the credentials of its ${source}.`,
    remediation: `Check that the role’s trust policy allows the ${source} (its account or principal, and conditions such as MFA or an external id), and that the source’s own policies allow sts:AssumeRole on the role.`,
  });
}

/**
 * A role that needs an MFA code nobody gave: the row says which profile and device, and how to give a
 * code where none can be asked. Once given in a terminal, by this command line or the AWS CLI, the
 * role's credentials sit in the AWS CLI's cache (role-cache.ts) until they expire, and a command
 * without a terminal uses them.
 */
export function mfaCodeNotGiven(missing: MfaCodeNotGiven, attempt: AssumeRoleAttempt): AppErrorException {
  const whose =
    attempt.roleProfile === attempt.profile
      ? `Profile "${attempt.profile}"`
      : `Profile "${attempt.profile}" (through profile "${attempt.roleProfile}")`;
  const give = `aws sts get-caller-identity --profile ${attempt.profile}`;
  if (missing.reason === 'skipped') {
    return new AppErrorException(
      appError('mfa-needed', `${whose} needs an MFA code for ${missing.serial}, and it was skipped.`, {
        remediation: 'Run the command again and enter the code from the device when asked.',
        retryable: true,
      }),
    );
  }
  return new AppErrorException(
    appError(
      'mfa-needed',
      `${whose} needs an MFA code for ${missing.serial} to assume ${attempt.roleArn}, and there is no terminal to ask for it.`,
      {
        remediation: `Give the code once in a terminal: run this command there, or \`${give}\`. The role’s credentials are then kept in the AWS CLI’s cache (~/.aws/cli/cache) until they expire, and commands without a terminal use them.`,
        command: give,
      },
    ),
  );
}
