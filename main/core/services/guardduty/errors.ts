/**
 * How GuardDuty answers what the generic reading (main/core/aws/errors.ts) cannot tell. GuardDuty is
 * off in a region when the account has no detector there: ListDetectors answers an empty list, not
 * an error (prowler reads it so), so "off" is said by this folder's reads, not by an error code.
 * Every operation models one client error, BadRequestException (400), whose message says what was
 * wrong (test/emulator/README.md, "GuardDuty", has the quoted answers and their sources).
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

/**
 * A BadRequestException is AWS refusing what was asked (invalid input), not a failure to retry. An
 * answer about AWS Organizations is left to the generic reading, which names it.
 */
export function classifyGuardDutyError(error: unknown, context: ErrorContext): AppError | null {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  if (e.name !== 'BadRequestException' || e.$metadata === undefined) return null;
  const message = e.message ?? '';
  if (/organi[sz]ation/i.test(message)) return null;
  const requestId = e.$metadata.requestId;
  const extra = { awsCode: 'BadRequestException', ...(requestId ? { requestId } : {}) };
  // CreateDetector where one exists: "…a detector already exists for the current account."
  // (nozaq/terraform-aws-secure-baseline#35).
  if (/detector already exists/i.test(message)) {
    return appError('conflict', `GuardDuty already has a detector${where(context)}: ${message}`, extra);
  }
  return appError('invalid-input', `GuardDuty rejected the request${where(context)}: ${message}`, extra);
}

/** GuardDuty off: what an administrator's call answers where the account has no detector. */
export function guardDutyOff(context: { profile: string; region: string; accountId?: string }): AppError {
  const account = context.accountId ? `account ${context.accountId}` : context.profile;
  return appError('service-off', `GuardDuty is off for ${account} in ${context.region}: it has no detector there.`, {
    remediation: 'Turn GuardDuty on in this account and region (it creates the detector, which AWS bills).',
  });
}
