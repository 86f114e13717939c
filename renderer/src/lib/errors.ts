import type { AppError, Result } from '../../../contract/api';

/** "refused" or "failed", the word the activity log records for the same error (main/domain/errors.ts). */
export { outcomeOfError } from '../../../main/domain/errors';

/** Thrown by `unwrap` so TanStack Query and callers see the typed AppError main returned. */
export class ApiError extends Error {
  readonly appError: AppError;
  constructor(appError: AppError) {
    super(appError.message);
    this.name = 'ApiError';
    this.appError = appError;
  }
}

export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new ApiError(result.error);
}

/** Calls a contract method and unwraps its Result; a rejected IPC promise becomes an ApiError too. */
export async function call<T>(promise: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await promise;
  } catch (error) {
    throw new ApiError(asAppError(error));
  }
  return unwrap(result);
}

/** Whatever was thrown, as an AppError a person can read. */
export function asAppError(error: unknown): AppError {
  if (error instanceof ApiError) return error.appError;
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'unknown', message, remediation: null, command: null, retryable: false };
}

/** True for an error that only turning the service on in that region can clear. */
export function isServiceOffError(error: AppError): boolean {
  return error.kind === 'service-off' || (error.kind === 'refused' && error.awsCode === 'InvalidAccessException');
}
