/**
 * What the SDK may send again on its own.
 *
 * Reads: the SDK's standard retries, except for a quota LimitExceededException (the SDK counts every
 * LimitExceeded as throttling; a quota answers the same however often it is asked).
 *
 * Writes: at most once per user action, unless AWS's answer says the request was not applied. A
 * throttle (429 TooManyRequests and the like) is refused before processing, so it is retried; a
 * dropped connection, a timeout or a 5xx may come after AWS applied the write, so it is never
 * resent — the action re-reads the row instead and reports what AWS's state shows.
 */
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';
import { isQuotaError } from './errors';

export type RetryUse = 'read' | 'write';

export function retryPolicy(base: RetryStrategyV2, use: RetryUse): RetryStrategyV2 {
  return {
    acquireInitialRetryToken: (scope) => base.acquireInitialRetryToken(scope),
    refreshRetryTokenForRetry(token: RetryToken, info: RetryErrorInfo) {
      if (!mayRetry(info, use)) return Promise.reject(info.error ?? new Error('Not retried.'));
      return base.refreshRetryTokenForRetry(token, info);
    },
    recordSuccess: (token) => base.recordSuccess(token),
  };
}

export function mayRetry(info: RetryErrorInfo, use: RetryUse): boolean {
  if (isQuotaError(info.error)) return false;
  return use === 'read' || info.errorType === 'THROTTLING';
}
