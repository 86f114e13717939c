import { describe, expect, it } from 'vitest';
import {
  APP_ERROR_KINDS,
  AppErrorException,
  appError,
  errorOf,
  internalError,
  outcomeOfError,
} from '../../main/domain/errors';

describe('outcomeOfError: the one rule for "refused" versus "failed"', () => {
  it('calls a state the rules do not allow "refused", whoever enforces it', () => {
    for (const kind of [
      'refused',
      'read-only',
      'untrusted-administrator',
      'service-off',
      'organizations-managed',
      'organization-policy',
      'central-configuration',
      'account-suspended',
    ] as const) {
      expect(outcomeOfError(appError(kind, 'x')), kind).toBe('refused');
    }
  });

  it('calls everything else "failed"', () => {
    const refusals = new Set([
      'refused',
      'read-only',
      'untrusted-administrator',
      'service-off',
      'organizations-managed',
      'organization-policy',
      'central-configuration',
      'account-suspended',
    ]);
    const others = APP_ERROR_KINDS.filter((kind) => !refusals.has(kind));
    expect(others.length).toBeGreaterThan(15);
    for (const kind of others) expect(outcomeOfError(appError(kind, 'x')), kind).toBe('failed');
  });
});

describe('errorOf', () => {
  it('keeps the AppError of an AppErrorException', () => {
    const error = appError('throttled', 'Slow down.', { retryable: true, awsCode: 'TooManyRequestsException' });
    expect(errorOf(new AppErrorException(error))).toEqual(error);
  });

  it('turns anything else into the internal-error sentence, without its message', () => {
    const error = errorOf(new Error('secret details AKIA1234567890ABCDEF'));
    expect(error).toEqual(internalError());
    expect(error.message).not.toMatch(/AKIA|secret/);
    expect(error.retryable).toBe(true);
  });
});
