import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../renderer/src/lib/csv';
import { ApiError, asAppError, call, unwrap } from '../../../renderer/src/lib/errors';
import { parseHash, routeHref } from '../../../renderer/src/lib/router';
import { error } from '../support/demo-data';

describe('unwrap and call', () => {
  it('returns the value or throws an ApiError carrying the AppError', async () => {
    expect(unwrap({ ok: true, value: 3 })).toBe(3);
    const appError = error('throttled', 'Slow down.', { retryable: true });
    expect(() => unwrap({ ok: false, error: appError })).toThrow(ApiError);
    await expect(call(Promise.resolve({ ok: false as const, error: appError }))).rejects.toMatchObject({ appError });
    await expect(call(Promise.reject(new Error('IPC closed')))).rejects.toMatchObject({
      appError: { kind: 'unknown', message: 'IPC closed' },
    });
    expect(asAppError('odd').message).toBe('odd');
  });
});

describe('csv', () => {
  it('quotes separators and defuses spreadsheet formulas, not plain numbers', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', '=SUM(A1)'],
          ['say "hi"', '-1'],
          [' =1', '\uff1dSUM(A1)'],
        ],
      ),
    ).toBe('a,b\r\n"x,y",\'=SUM(A1)\r\n"say ""hi""",-1\r\n\' =1,\'\uff1dSUM(A1)\r\n');
  });
});

describe('router', () => {
  it('round-trips profile names with any character', () => {
    const name = 'team a/b #1';
    expect(parseHash(routeHref({ page: 'profile', profile: name }))).toEqual({ page: 'profile', profile: name });
    expect(parseHash('#/settings')).toEqual({ page: 'settings' });
    expect(parseHash('#/nowhere')).toEqual({ page: 'overview' });
    expect(parseHash('#/profile/%E0%A4%A')).toEqual({ page: 'overview' });
  });
});
