/**
 * The one error shape of the product. Every layer returns AppError (or throws AppErrorException,
 * which the contract's `invoke` turns back into `{ ok: false, error }`: Electron keeps only
 * `message` of a thrown error, so errors cross IPC as data).
 */

export const APP_ERROR_KINDS = [
  'invalid-request', // payload failed its schema
  'unknown-channel',
  'forbidden-sender', // IPC from a frame or origin that is not the app's own window
  'sign-in-needed', // SSO token missing or expired: run `aws sso login --sso-session <name>` (or --profile)
  'mfa-needed', // an MFA code is required (or was wrong)
  'cancelled', // the user cancelled (an MFA prompt, a refresh)
  'no-credentials',
  'expired-credentials',
  'invalid-credentials', // unknown key or bad signature
  'service-off', // the security service is not turned on in this account and region
  'region-not-enabled', // opt-in region the account has not enabled
  'access-denied', // the principal's identity-based policies do not allow the call (names the action)
  'organization-policy', // a service (or resource) control policy of the organization denies it: nobody in the account can grant it
  'permissions-boundary', // the role's or user's permissions boundary does not allow it
  'session-policy', // the session's own policy (AssumeRole's Policy/PolicyArns) does not allow it
  'resource-policy', // the resource's (or VPC endpoint's) policy does not allow it
  'service-refused', // an AccessDenied that is not an IAM sentence ("You don't have permissions to access this resource.")
  'central-configuration', // a central configuration policy governs the account: only the delegated administrator changes it
  'organizations-managed', // only the Organizations delegated administrator can do this
  'throttled', // a rate limit: waiting and trying again works
  'quota', // an account limit (e.g. members per administrator): no retry will fix it
  'network',
  'timeout',
  'proxy',
  'not-found',
  'conflict',
  'invalid-input', // AWS InvalidInputException
  'refused', // the app refused what AWS would refuse, with an explanation
  'account-suspended', // the account (or the relationship) is AccountSuspended: AWS invites and accepts nothing there
  'read-only', // read-only mode refuses every action
  'untrusted-administrator', // an invitation from an account outside the trusted administrators, not explicitly trusted
  'config', // a config or settings file problem
  'internal',
  'unknown',
] as const;
export type AppErrorKind = (typeof APP_ERROR_KINDS)[number];

/**
 * Denials that depend on who asked: the principal's own policies (identity-based, its permissions
 * boundary, its session's policy), a resource's policy naming principals, or an AccessDenied AWS
 * gives without saying why. Another profile reaching the same account may be allowed, so such a
 * read is never shared between profiles.
 */
export const PRINCIPAL_DENIALS: ReadonlySet<AppErrorKind> = new Set([
  'access-denied',
  'permissions-boundary',
  'session-policy',
  'resource-policy',
  'service-refused',
]);

export interface AppError {
  kind: AppErrorKind;
  /** One sentence a person can read. Never carries a secret. */
  message: string;
  /** What to do about it, or null. */
  remediation: string | null;
  /** A command the user can copy to fix it (e.g. `aws sso login --profile dev`), or null. */
  command: string | null;
  /** Whether trying the same thing again may succeed. */
  retryable: boolean;
  awsCode?: string;
  requestId?: string;
  /** The IAM action involved, when the error is a denial. */
  action?: string;
  /**
   * The refusal is because what was asked for is already so (an accept of the administrator the account
   * already has, Security Hub enabled where it is on): nothing to do, which the command line exits 0 for.
   */
  alreadyDone?: boolean;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Builds an AppError without forgetting a field. */
export function appError(
  kind: AppErrorKind,
  message: string,
  extra: Partial<Omit<AppError, 'kind' | 'message'>> = {},
): AppError {
  return {
    kind,
    message,
    remediation: extra.remediation ?? null,
    command: extra.command ?? null,
    retryable: extra.retryable ?? false,
    ...(extra.awsCode ? { awsCode: extra.awsCode } : {}),
    ...(extra.requestId ? { requestId: extra.requestId } : {}),
    ...(extra.action ? { action: extra.action } : {}),
    ...(extra.alreadyDone ? { alreadyDone: true } : {}),
  };
}

/** Thrown by main-process code to return a typed AppError through IPC or the CLI. */
export class AppErrorException extends Error {
  constructor(readonly appError: AppError) {
    super(appError.message);
    this.name = 'AppErrorException';
  }
}

export function isAppErrorException(error: unknown): error is AppErrorException {
  return error instanceof AppErrorException;
}

/** What the user sees for a bug: the details go to the log, never to the window. */
export function internalError(message = 'Something went wrong inside the app. The details are in the log.'): AppError {
  return appError('internal', message, { retryable: true });
}

/** The sentence of a row that could not be read because of a bug. */
export const ROW_READ_FAILED = 'Something went wrong while reading this row. The details are in the log.';

/** The AppError a thrown value carries, or the internal-error sentence (or `fallbackMessage`) for anything else. */
export function errorOf(error: unknown, fallbackMessage?: string): AppError {
  return isAppErrorException(error) ? error.appError : internalError(fallbackMessage);
}

/** errorOf, logging a thrown value that is not an AppErrorException (a bug: its sentence points to the log). */
export function errorOfLogged(error: unknown, context: string): AppError {
  if (!isAppErrorException(error)) console.error(`${context}:`, error);
  return errorOf(error);
}

/**
 * How an action that did not happen is recorded and shown. "refused": the rules do not allow it in
 * this state (the app's own refusal, read-only mode, the service off, an Organizations-managed
 * membership that only the delegated administrator can change, the organization's policies) —
 * trying again changes nothing until the state does. "failed": something went wrong (network, credentials, an AWS fault).
 */
export function outcomeOfError(error: AppError): 'refused' | 'failed' {
  return REFUSAL_KINDS.has(error.kind) ? 'refused' : 'failed';
}
const REFUSAL_KINDS: ReadonlySet<AppErrorKind> = new Set([
  'refused',
  'read-only',
  'untrusted-administrator',
  'service-off',
  'organizations-managed',
  'organization-policy',
  'central-configuration',
  'account-suspended',
]);
