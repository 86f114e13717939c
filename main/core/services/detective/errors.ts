/**
 * How Detective answers what the generic reading (main/core/aws/errors.ts) cannot tell. Detective is
 * not "off" by an error: ListGraphs answers `[]` for an account that administers no graph, and a
 * member needs no graph of its own to list and answer its invitations. Its own error codes
 * (botocore detective/2018-10-26): ConflictException 409 ("The request attempted an invalid
 * action."), ServiceQuotaExceededException 402; ValidationException, ResourceNotFoundException,
 * AccessDeniedException and TooManyRequestsException are read generically.
 */
import { type AppError, appError } from '../../../domain/errors';
import type { ErrorContext } from '../../aws/errors';

interface ErrorLike {
  name?: string;
  message?: string;
  $metadata?: { requestId?: string };
}

const where = (context: { profile?: string; region?: string }) =>
  context.profile && context.region
    ? ` for ${context.profile} in ${context.region}`
    : context.region
      ? ` in ${context.region}`
      : '';

export function classifyDetectiveError(error: unknown, context: ErrorContext): AppError | null {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  if (e.$metadata === undefined) return null;
  const message = e.message ?? '';
  const requestId = e.$metadata.requestId;
  const extra = { awsCode: e.name ?? 'Unknown', ...(requestId ? { requestId } : {}) };
  if (e.name === 'ConflictException') {
    // "Organization accounts cannot remove themselves from the organization behavior graph" (the
    // administration guide, accounts.html); the API's own words for it are not published, so any
    // conflict naming the organization is read as that refusal (actions/leave.ts then keeps it).
    if (/organi[sz]ation/i.test(message)) {
      return appError(
        'organizations-managed',
        `Detective refused${where(context)}: the membership is the organization's (${message})`,
        extra,
      );
    }
    return appError('conflict', `Detective refused the change${where(context)}: ${message}`, extra);
  }
  if (e.name === 'ServiceQuotaExceededException') {
    // "…1,200 member accounts" per behavior graph, or its data volume (the model's documentation).
    return appError('quota', `Detective's limit is reached${where(context)}: ${message}`, {
      ...extra,
      remediation:
        'Remove members from the behavior graph (or ask AWS Support to raise the limit); trying again will not help.',
    });
  }
  return null;
}

/** No behavior graph: what an administrator's call answers where the account administers none. */
export function detectiveOff(context: { profile: string; region: string; accountId?: string }): AppError {
  const account = context.accountId ? `account ${context.accountId}` : context.profile;
  return appError(
    'service-off',
    `Detective is off for ${account} in ${context.region}: it administers no behavior graph there.`,
    { remediation: 'Turn Detective on in this account and region (it creates the behavior graph, which AWS bills).' },
  );
}
