import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../lib/errors';

/** Retry only what main says may succeed again, and at most twice. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return error instanceof ApiError && error.appError.retryable && failureCount < 2;
}

export function createQueryClient(options: { retryDelayMs?: number } = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false,
        retry: shouldRetry,
        // Matches the default auto-refresh interval until Settings arrive (see useStaleTimeFromSettings).
        staleTime: 15 * 60_000,
        ...(options.retryDelayMs !== undefined ? { retryDelay: options.retryDelayMs } : {}),
      },
      mutations: { retry: false },
    },
  });
}

/** staleTime follows the auto-refresh interval; 0 (off) means data never goes stale on its own. */
export function staleTimeFor(autoRefreshMinutes: number): number {
  return autoRefreshMinutes > 0 ? autoRefreshMinutes * 60_000 : Number.POSITIVE_INFINITY;
}
