/**
 * Every failure of an AWS call or of credential resolution, turned into an AppError a person can act
 * on: what happened in one sentence, what to do, a command to copy when there is one.
 *
 * AWS errors are told apart by their code (err.name), never by HTTP status: Security Hub answers 401
 * both for "off" and other access problems, 429 both for throttling and hard quotas. What only one
 * service says (its "off", its "nothing found") is that service's own reading (classifyError of
 * main/core/services/<id>/), asked first by main/core/aws/call.ts. The one
 * status read is 407, which comes from a proxy, not from AWS. Text taken from an error is scrubbed
 * of anything that looks like a key, secret or token before it reaches a message.
 */
import { type AppError, type AppErrorKind, appError, isAppErrorException } from '../../domain/errors';
import { type SsoLogin, ssoLoginCommand } from '../../domain/sign-in-groups';
import { type DenialContext, denialOf, explainDenial, serviceRefusal } from './denials';

export interface ErrorContext {
  profile?: string;
  region?: string;
  operation?: string;
  /** STS already accepted these credentials: UnrecognizedClient then means the region is not enabled. */
  identityOk?: boolean;
  /** IAM action, e.g. securityhub:GetAdministratorAccount. */
  action?: string;
  /** AWS's name of the service called, e.g. "Security Hub CSPM" (an organization's policy is told per service). */
  serviceName?: string;
  /** The account the credentials belong to, when known: account-level facts are told about it. */
  accountId?: string;
  /** How the profile's SSO token is renewed (profiles.ts ssoLoginOf); else `--profile <profile>`. */
  ssoLogin?: SsoLogin | null;
}

interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  hostname?: string;
  $metadata?: { requestId?: string; httpStatusCode?: number };
  $response?: { statusCode?: number };
  cause?: unknown;
}

const NETWORK_CODES = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
  'ERR_SOCKET_CLOSED',
];
/** The name did not resolve: ENOTFOUND is a definite no, EAI_AGAIN a DNS server that did not answer. */
const DNS_CODES = ['ENOTFOUND', 'EAI_AGAIN'];
const TIMEOUT_CODES = ['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'TimeoutError', 'RequestTimeout', 'RequestTimeoutException'];
const TLS_CODES = [
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
];
/** The codes AWS uses for "too many requests", across services and SDK generations: the one list. */
export const THROTTLING_CODES: readonly string[] = [
  'LimitExceededException',
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ThrottledException',
  'SlowDown',
];
const EXPIRED_CODES = ['ExpiredToken', 'ExpiredTokenException', 'RequestExpired'];
const INVALID_CREDENTIAL_CODES = [
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidSignatureException',
  'MissingAuthenticationToken',
  'AuthFailure',
  'InvalidAccessKeyId',
];
const DENIED_CODES = ['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'Forbidden'];
const INTERNAL_CODES = [
  'InternalException',
  'InternalFailure',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
];

export function toAppError(error: unknown, context: ErrorContext = {}): AppError {
  if (isAppErrorException(error)) return error.appError;
  const err: ErrorLike =
    typeof error === 'object' && error !== null ? (error as ErrorLike) : { message: String(error) };
  const name = err.name ?? 'Error';
  const message = scrubSecrets(err.message ?? '');
  const code = errorCode(err);
  const requestId = err.$metadata?.requestId;
  const isAws = err.$metadata !== undefined;
  const extra = { ...(isAws ? { awsCode: name } : {}), ...(requestId ? { requestId } : {}) };
  const where = describeWhere(context);
  const profile = context.profile;
  const make = (kind: AppErrorKind, text: string, more: Partial<Omit<AppError, 'kind' | 'message'>> = {}) =>
    appError(kind, text, { ...extra, ...more });

  if (name === 'AbortError' || code === 'ABORT_ERR') return make('cancelled', 'The request was cancelled.');

  // Credential resolution (fromIni, fromSSO, credential_process, SSO token files).
  if (
    ['CredentialsProviderError', 'TokenProviderError', 'ProviderError', 'ForbiddenException'].includes(name) ||
    name === 'UnauthorizedException'
  ) {
    return credentialError(name, message, context, make);
  }
  if (
    err.$metadata?.httpStatusCode === 407 ||
    err.$response?.statusCode === 407 ||
    (!isAws && /proxy/i.test(message))
  ) {
    return make('proxy', `The proxy refused the connection${where}.`, {
      remediation: 'Check HTTPS_PROXY / NO_PROXY and the proxy’s credentials (http://user:password@host:port).',
      retryable: true,
    });
  }
  if (EXPIRED_CODES.includes(name)) {
    return make('expired-credentials', `The credentials of ${profileName(profile)} have expired.`, {
      remediation: 'Renew them (sign in again or replace the keys), then try again.',
    });
  }
  if (name === 'UnrecognizedClientException' && context.identityOk) {
    // Enabling a region is the account's, not the profile's: every profile reaching it sees the same.
    const who = context.accountId ? `Account ${context.accountId}` : `The account of ${profileName(profile)}`;
    // Two causes give this answer (IAM docs, SetSecurityTokenServicePreferences): the opt-in region is
    // not enabled, or it is and the session token came from the global STS endpoint, whose v1 tokens
    // are valid only in regions enabled by default.
    return make(
      'region-not-enabled',
      `${who} has not enabled region ${context.region ?? 'this region'}, or its session token is not valid there.`,
      {
        remediation:
          'Enable the region in the AWS console (Account → AWS Regions) or remove it from this profile’s regions. If it is enabled, the token came from the global STS endpoint: set sts_regional_endpoints = regional for the profile, or make global-endpoint tokens valid in all regions (IAM → Account settings → Security Token Service).',
      },
    );
  }
  if (name === 'UnrecognizedClientException' || INVALID_CREDENTIAL_CODES.includes(name)) {
    return make('invalid-credentials', `AWS does not recognise the credentials of ${profileName(profile)}${where}.`, {
      remediation: 'Check the access key and secret of the profile (or of its source profile), then try again.',
    });
  }
  // An IAM sentence names the policy that refused (denials.ts); it may end with the ARN of an
  // organization's policy (arn:aws:organizations::…), which is not an Organizations-managed account.
  const denial = denialOf(message);
  // "…managed by AWS Organizations…", or the real refusal of a member's own disassociation:
  // BadRequestException "The request is rejected because member cannot disassociate from
  // Organization administrator" (quoted in superwerker's tests).
  if (
    denial === null &&
    /organi[sz]ation/i.test(message) &&
    (DENIED_CODES.includes(name) ||
      ['InvalidInputException', 'InvalidAccessException', 'BadRequestException'].includes(name))
  ) {
    return make(
      'organizations-managed',
      `This account is managed through AWS Organizations${where}, so it cannot do this itself.`,
      {
        remediation: 'Ask the Organizations delegated Security Hub administrator to change the membership.',
      },
    );
  }
  // An IAM sentence is about a policy, never the code: its principal ARN may well say "mfa" (a role
  // or session named for it), which is no refusal of an MFA code.
  if (denial === null && isMfaRefusal(name, message)) {
    return make('mfa-needed', 'AWS did not accept the MFA code.', {
      remediation: 'Enter a new code from the device (each code works only once).',
      retryable: true,
    });
  }
  if (DENIED_CODES.includes(name) || name === 'InvalidAccessException') {
    const action = context.action ?? actionFromMessage(message) ?? undefined;
    const about: DenialContext = {
      where,
      who: profileName(profile),
      region: context.region,
      serviceName: context.serviceName,
      operation: context.operation,
      action,
      accountId: context.accountId,
    };
    const told = denial ? explainDenial(denial, about) : serviceRefusal(sentence(message || name), about);
    return make(told.kind, told.message, { remediation: told.remediation, ...(action ? { action } : {}) });
  }
  if (isQuotaError(err)) {
    return make('quota', `AWS refused this because an account limit is reached${where}: ${sentence(message)}`, {
      remediation: 'Make room under the limit (or ask AWS Support to raise it); trying again will not help.',
    });
  }
  if (THROTTLING_CODES.includes(name)) {
    return make('throttled', `AWS is limiting the rate of calls${where}.`, {
      remediation: 'Wait a moment and try again, or lower the number of parallel calls (concurrency in the settings).',
      retryable: true,
    });
  }
  if (name === 'ResourceNotFoundException')
    return make('not-found', `AWS found nothing to act on${where}: ${sentence(message)}`);
  if (name === 'ResourceConflictException')
    return make('conflict', `AWS refused a conflicting change${where}: ${sentence(message)}`);
  if (name === 'InvalidInputException' || name === 'ValidationException') {
    return make('invalid-input', `AWS rejected the request${where}: ${sentence(message)}`);
  }
  if (INTERNAL_CODES.includes(name))
    return make('internal', `AWS had an internal error${where}.`, { remediation: 'Try again.', retryable: true });
  if (TLS_CODES.includes(code ?? '')) {
    return make('network', `The TLS certificate of the server could not be verified${where}.`, {
      remediation:
        'On a network that inspects TLS, point AWS_CA_BUNDLE (or ca_bundle in the profile) at your company’s CA file.',
    });
  }
  const unresolved = DNS_CODES.includes(code ?? '') ? hostnameOf(err) : null;
  if (unresolved) {
    // getaddrinfo's error carries the name it looked up, and the SDK's node-http-handler passes it on.
    return make('network', `Could not reach AWS${where}: the host name ${unresolved} did not resolve (${code}).`, {
      remediation:
        'Check the network connection, VPN and DNS; if the name comes from an endpoint_url or a proxy setting (HTTPS_PROXY), check its spelling.',
      retryable: true,
    });
  }
  if (NETWORK_CODES.includes(code ?? '') || name === 'NetworkingError') {
    return make('network', `Could not reach AWS${where} (${code ?? name}).`, {
      remediation: 'Check the network connection, VPN and proxy settings (HTTPS_PROXY, NO_PROXY).',
      retryable: true,
    });
  }
  // After the socket codes: the SDK also names a reset connection "TimeoutError".
  if (TIMEOUT_CODES.includes(name) || TIMEOUT_CODES.includes(code ?? '')) {
    return make('timeout', `AWS did not answer in time${where}.`, {
      remediation: 'Check the network, or raise the call timeout (callTimeoutMs in the settings).',
      retryable: true,
    });
  }
  return make('unknown', `The call failed${where}: ${sentence(message || name)}`);
}

type Make = (kind: AppErrorKind, text: string, more?: Partial<Omit<AppError, 'kind' | 'message'>>) => AppError;

function credentialError(name: string, message: string, context: ErrorContext, make: Make): AppError {
  const profile = context.profile;
  const login = ssoLoginCommand(context.ssoLogin ?? { profile: profile ?? 'default' });
  // fromSSO wraps the portal's refusal as "UnauthorizedException: …" inside a CredentialsProviderError.
  const ssoRefused = name === 'UnauthorizedException' || /UnauthorizedException/.test(message);
  if (ssoRefused || (/sso/i.test(message) && /(login|expired|token|session)/i.test(message))) {
    const session =
      context.ssoLogin && 'ssoSession' in context.ssoLogin ? ` (sso-session ${context.ssoLogin.ssoSession})` : '';
    return make('sign-in-needed', `The SSO sign-in of ${profileName(profile)}${session} has expired or is missing.`, {
      remediation: 'Sign in again with the AWS CLI command, then try again.',
      command: login,
    });
  }
  // The portal's 403 for a role the user is not (or no longer) assigned: GetRoleCredentials answers
  // ForbiddenException "No access" (the emulator mirrors the SSO API reference's error list).
  if (/ForbiddenException|No access/.test(message)) {
    return make(
      'no-credentials',
      `The SSO sign-in of ${profileName(profile)} is valid, but it has no access to the profile’s account and role.`,
      {
        remediation:
          'Check sso_account_id and sso_role_name, or ask your IAM Identity Center administrator to assign the permission set.',
      },
    );
  }
  if (/multi-factor|mfa/i.test(message)) {
    return make('mfa-needed', `${capital(profileName(profile))} needs an MFA code.`, {
      remediation: 'Enter the code from the MFA device when asked.',
    });
  }
  if (/credential_process|Command failed|process/i.test(message)) {
    return make('no-credentials', `The credential_process of ${profileName(profile)} failed.`, {
      remediation:
        'Run the command in a terminal to see why; check it is installed and on the PATH of your login shell.',
    });
  }
  return make('no-credentials', `No credentials could be found for ${profileName(profile)}.`, {
    remediation: 'Check the profile in the AWS config and credentials files, then try again.',
  });
}

function isMfaRefusal(name: string, message: string): boolean {
  // ARNs (a principal, a device) are names, not what AWS says about the code.
  const words = message.replace(/\barn:[\w-]+:[^\s]*/g, '');
  return DENIED_CODES.includes(name) && /multifactor|multi-factor|\bmfa\b|one[- ]time pass/i.test(words);
}

/** The host name a DNS failure names (on the error, or on its cause), only if it looks like one. */
function hostnameOf(err: ErrorLike): string | null {
  const candidates = [err, err.cause as ErrorLike | undefined].map(
    (e) => (e as { hostname?: unknown } | undefined)?.hostname,
  );
  const host = candidates.find((h): h is string => typeof h === 'string' && /^[A-Za-z0-9.:[\]_-]{1,253}$/.test(h));
  return host ?? null;
}

function errorCode(err: ErrorLike): string | undefined {
  if (err.code) return err.code;
  const cause = err.cause as ErrorLike | undefined;
  return cause?.code;
}

/** `…is not authorized to perform: securityhub:GetAdministratorAccount on resource…` → the action. */
export function actionFromMessage(message: string): string | null {
  return /\b([a-z0-9-]+:[A-Z][A-Za-z0-9]+)\b/.exec(message)?.[1] ?? null;
}

function describeWhere(context: ErrorContext): string {
  if (context.profile && context.region) return ` for ${context.profile} in ${context.region}`;
  if (context.region) return ` in ${context.region}`;
  return '';
}

function profileName(profile: string | undefined): string {
  return profile ? `profile "${profile}"` : 'the profile';
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function sentence(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim().slice(0, 300);
  return /[.!?]$/.test(oneLine) ? oneLine : `${oneLine}.`;
}

/**
 * Removes anything that looks like a credential: access key ids (AKIA…/ASIA…), 40-character
 * secrets, long base64 tokens, bearer tokens and `key = value` pairs naming a secret.
 */
export function scrubSecrets(text: string): string {
  return text
    .replace(
      /\b(aws_secret_access_key|aws_session_token|secretAccessKey|sessionToken|x-amz-security-token|x-amz-sso_bearer_token|accessToken)\b\s*[=:]\s*\S+/gi,
      '$1=[redacted]',
    )
    .replace(/\bBearer\s+\S+/gi, 'Bearer [redacted]')
    .replace(/\b(?:AKIA|ASIA|AIDA|AROA|ABIA|ACCA)[A-Z0-9]{12,}\b/g, '[access key]')
    .replace(/(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/g, '[secret]')
    .replace(/[A-Za-z0-9/+=_-]{64,}/g, '[token]');
}

/** Socket errors that happen before a request reaches AWS: whatever it was, it was not applied. */
const NOT_SENT_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'];

/**
 * An answer that does not tell whether AWS acted: a lost or timed-out reply (the request may have
 * arrived), a 5xx, or nothing recognisable. A refusal AWS sent (4xx, throttling) or a connection that
 * never opened is clear.
 */
export function isUnclearAnswer(raw: unknown, classified: AppError): boolean {
  const status = (raw as ErrorLike | null)?.$metadata?.httpStatusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return false;
  if (classified.kind === 'timeout' || classified.kind === 'internal' || classified.kind === 'unknown') return true;
  if (classified.kind !== 'network') return false;
  const code = typeof raw === 'object' && raw !== null ? errorCode(raw as ErrorLike) : undefined;
  return !NOT_SENT_CODES.includes(code ?? '');
}

/**
 * Security Hub's model says LimitExceededException covers "account or throttling limits", and real
 * throttling arrives as TooManyRequestsException "Too Many Requests" (prowler-cloud/prowler#5004,
 * aws-samples/aws-secure-environment-accelerator#1024). So a LimitExceeded is a quota — not worth
 * a retry — when its message names a limit rather than a rate. AWS does not publish the quota
 * message's wording; an empty or rate-like message stays a throttle (retrying it is harmless).
 */
export function isQuotaError(error: unknown): boolean {
  if (isAppErrorException(error)) return error.appError.kind === 'quota';
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; message?: unknown };
  if (e.name !== 'LimitExceededException' || typeof e.message !== 'string') return false;
  if (/rate|throttl|too many requests|slow down/i.test(e.message)) return false;
  return /quota|limit|maximum|at most|no more than|exceed/i.test(e.message);
}

/** True for an error that means "too many requests", whatever shape it arrives in. */
export function isThrottlingError(error: unknown): boolean {
  if (isAppErrorException(error)) return error.appError.kind === 'throttled';
  if (typeof error !== 'object' || error === null) return false;
  if (isQuotaError(error)) return false;
  const e = error as { name?: unknown; code?: unknown; $metadata?: { httpStatusCode?: unknown } };
  if (typeof e.name === 'string' && THROTTLING_CODES.includes(e.name)) return true;
  if (typeof e.code === 'string' && THROTTLING_CODES.includes(e.code)) return true;
  return e.$metadata?.httpStatusCode === 429;
}
