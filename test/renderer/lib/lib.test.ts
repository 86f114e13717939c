import { describe, expect, it } from 'vitest';
import { createQueryClient, shouldRetry, staleTimeFor } from '../../../renderer/src/data/query-client';
import { createRowBuffer, mergeRows, rowKey } from '../../../renderer/src/data/rows';
import { toCsv } from '../../../renderer/src/lib/csv';
import { ApiError, asAppError, call, unwrap } from '../../../renderer/src/lib/errors';
import { parseHash, routeHref } from '../../../renderer/src/lib/router';
import { checkDraft, toDraft } from '../../../renderer/src/pages/settings/draft';
import { demoSettings, error, snapshot } from '../support/demo-data';

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

describe('query client', () => {
  it('retries only retryable AppErrors, at most twice', () => {
    const retryable = new ApiError(error('network', 'Offline', { retryable: true }));
    const final = new ApiError(error('access-denied', 'No'));
    expect(shouldRetry(0, retryable)).toBe(true);
    expect(shouldRetry(1, retryable)).toBe(true);
    expect(shouldRetry(2, retryable)).toBe(false);
    expect(shouldRetry(0, final)).toBe(false);
    expect(shouldRetry(0, new Error('plain'))).toBe(false);
    const options = createQueryClient().getDefaultOptions().queries;
    expect(options?.refetchOnWindowFocus).toBe(false);
    expect(staleTimeFor(5)).toBe(300_000);
    expect(staleTimeFor(0)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('rows', () => {
  it('merges by profile|region, and a stale row never replaces a fresh one', () => {
    const fresh = snapshot('a', 'us-east-1', { accountId: '111111111111' });
    const stale = { ...snapshot('a', 'us-east-1'), stale: true };
    const merged = mergeRows(mergeRows({}, [fresh]), [stale, snapshot('b', 'eu-west-1')]);
    expect(Object.keys(merged).sort()).toEqual(['a|us-east-1', 'b|eu-west-1']);
    expect(merged[rowKey(fresh)]?.accountId).toBe('111111111111');
  });

  it('buffers progress rows into one cache write', async () => {
    const client = createQueryClient();
    const buffer = createRowBuffer(client, 10);
    for (let i = 0; i < 100; i += 1) buffer.put(snapshot(`p${i}`, 'us-east-1'));
    expect(client.getQueryData(['rows'])).toBeUndefined();
    await new Promise((r) => setTimeout(r, 30));
    expect(Object.keys(client.getQueryData(['rows']) as object)).toHaveLength(100);
  });
});

describe('csv', () => {
  it('quotes separators and defuses spreadsheet formulas', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', '=SUM(A1)'],
          ['say "hi"', '-1'],
        ],
      ),
    ).toBe('a,b\r\n"x,y",\'=SUM(A1)\r\n"say ""hi""",\'-1\r\n');
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

describe('settings draft', () => {
  it('turns a valid draft into a patch and names each bad field', () => {
    const draft = toDraft(demoSettings());
    expect(checkDraft(draft).patch).toMatchObject({ concurrency: 16, callTimeoutMs: 15000 });
    const bad = checkDraft({
      ...draft,
      concurrency: '300',
      autoRefreshMinutes: '-1',
      callTimeoutSeconds: '1.5',
      defaultRegions: ['Mars'],
      profileRegions: [{ profile: 'admin', regions: [] }],
    });
    expect(bad.patch).toBeNull();
    expect(Object.keys(bad.errors).sort()).toEqual([
      'autoRefreshMinutes',
      'callTimeoutSeconds',
      'concurrency',
      'defaultRegions',
      'profileRegions',
    ]);
  });
});
