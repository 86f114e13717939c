/**
 * How Macie answers what the generic reading (main/core/aws/errors.ts) cannot tell. Macie off in a
 * region answers every operation but EnableMacie with AccessDeniedException "Macie is not enabled."
 * (prowler-cloud/prowler#1279; HTTP 401 in a real run, mondoohq/mql#5988, not the model's 403): that
 * is "off", not a denial, and it is told apart from an IAM denial of the same code by its text, as
 * Steampipe's Macie tables do (turbot/steampipe-plugin-aws, table_aws_macie2_classification_job.go).
 * Each such answer is an AccessDenied event in the account's CloudTrail (AWS support, quoted in
 * DataBiosphere/azul#5779), so the off answer stands for a day (index.ts `offStands`).
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

/** Macie's "off" answer (AccessDeniedException "Macie is not enabled."). */
export function isMacieNotEnabled(error: unknown): boolean {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  return e.name === 'AccessDeniedException' && /macie is not enabled/i.test(e.message ?? '');
}

/**
 * Macie's own readings: off; ValidationException and ConflictException (every Macie operation models
 * both, with one `message` member) are AWS refusing what was asked, not failures to retry. Null: the
 * generic reading (IAM and organization denials, throttling, not found).
 */
export function classifyMacieError(error: unknown, context: ErrorContext): AppError | null {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  if (e.$metadata === undefined) return null;
  const requestId = e.$metadata.requestId;
  const extra = { ...(e.name ? { awsCode: e.name } : {}), ...(requestId ? { requestId } : {}) };
  if (isMacieNotEnabled(error)) {
    return appError('service-off', `Macie is not enabled${where(context)}.`, {
      remediation: 'Turn Macie on in this account and region (AWS bills it) to use its invitations here.',
      ...extra,
    });
  }
  const message = e.message ?? '';
  if (e.name === 'ConflictException') {
    return appError('conflict', `Macie refused the request${where(context)}: ${message}`, extra);
  }
  if (e.name === 'ValidationException') {
    if (/organi[sz]ation/i.test(message)) return null;
    return appError('invalid-input', `Macie rejected the request${where(context)}: ${message}`, extra);
  }
  return null;
}

/** Macie off: what a read answers where the account has not enabled Macie. */
export function macieOff(context: { profile: string; region: string; accountId?: string }): AppError {
  const account = context.accountId ? `account ${context.accountId}` : context.profile;
  return appError('service-off', `Macie is not enabled for ${account} in ${context.region}.`, {
    remediation: 'Turn Macie on in this account and region (AWS bills it) to use its invitations here.',
  });
}
