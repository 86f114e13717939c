/**
 * How Security Hub CSPM answers what the generic reading (main/core/aws/errors.ts) cannot tell: the
 * service off in the region, and errors that mean "nothing here".
 */
import { type AppError, appError } from '../../../domain/errors';
import type { ErrorContext } from '../../aws/errors';

interface ErrorLike {
  name?: string;
  message?: string;
  $metadata?: { requestId?: string };
}

/**
 * Security Hub CSPM off in a region: every operation but EnableSecurityHub answers
 * InvalidAccessException "Account <id> is not subscribed to AWS Security Hub" (DESIGN.md §3).
 */
export function classifySecurityHubError(error: unknown, context: ErrorContext): AppError | null {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  if (e.name !== 'InvalidAccessException' || !/not subscribed/i.test(e.message ?? '')) return null;
  const where =
    context.profile && context.region
      ? ` for ${context.profile} in ${context.region}`
      : context.region
        ? ` in ${context.region}`
        : '';
  const requestId = e.$metadata?.requestId;
  return appError('service-off', `Security Hub is not enabled${where}.`, {
    remediation: 'Enable Security Hub in this account and region to use invitations here.',
    ...(e.$metadata ? { awsCode: 'InvalidAccessException' } : {}),
    ...(requestId ? { requestId } : {}),
  });
}

/**
 * An answer that means "nothing here" although it arrives as an error: ResourceNotFound; or, for
 * accounts enrolled through Organizations (which "don't receive invitations", ListInvitations docs:
 * "Only accounts that are managed by invitation can use this operation"), a BadRequest,
 * InvalidInput or AccessDenied saying there is no such resource. The terraform AWS provider's
 * Security Hub member and invite-accepter code treats the same answers as "not found".
 */
export function meansNothingFound(error: unknown): boolean {
  const e = error as ErrorLike | null;
  if (!e || typeof e !== 'object') return false;
  if (e.name === 'ResourceNotFoundException') return true;
  return (
    ['AccessDeniedException', 'BadRequestException', 'InvalidInputException'].includes(e.name ?? '') &&
    /no such resource|not found|does not exist|managed by invitation/i.test(e.message ?? '')
  );
}

/** An empty answer standing in for a "nothing found" error (its request id kept). */
export async function emptyWhenNothingFound<T>(send: () => Promise<T>, empty: Omit<T, '$metadata'>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (!meansNothingFound(error)) throw error;
    const $metadata = (error as { $metadata?: unknown }).$metadata ?? {};
    return { ...empty, $metadata } as T;
  }
}
