import type { AppError } from '../../preload/api';

/**
 * Thrown by main-process code to return a typed AppError through IPC or the CLI. Electron keeps only
 * `message` of a thrown error, so main/ipc.ts turns this back into `{ ok: false, error }`.
 */
export class AppErrorException extends Error {
  constructor(readonly appError: AppError) {
    super(appError.message);
    this.name = 'AppErrorException';
  }
}

export function isAppErrorException(error: unknown): error is AppErrorException {
  return error instanceof AppErrorException;
}
