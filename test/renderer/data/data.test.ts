import { describe, expect, it } from 'vitest';
import { createQueryClient, shouldRetry, staleTimeFor } from '../../../renderer/src/data/query-client';
import { createRowBuffer, mergeRows, rowKey, rowWriteDelayMs } from '../../../renderer/src/data/rows';
import { ApiError } from '../../../renderer/src/lib/errors';
import { error, snapshot } from '../support/demo-data';

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
  it('merges by profile and region, and a stale row never replaces a fresh one', () => {
    const fresh = snapshot('a', 'us-east-1', { accountId: '111111111111' });
    const stale = { ...snapshot('a', 'us-east-1'), stale: true };
    const merged = mergeRows(mergeRows({}, [fresh]), [stale, snapshot('b', 'eu-west-1')]);
    expect(Object.keys(merged).sort()).toEqual([rowKey(fresh), rowKey(snapshot('b', 'eu-west-1'))].sort());
    expect(merged[rowKey(fresh)]?.accountId).toBe('111111111111');
  });

  it('keeps rows apart whose names contain the separator a readable key would use', () => {
    const merged = mergeRows({}, [snapshot('a|b', 'c'), snapshot('a', 'b|c')]);
    expect(Object.keys(merged)).toHaveLength(2);
  });

  it('buffers progress rows into one cache write', async () => {
    const client = createQueryClient();
    const buffer = createRowBuffer(client, 10);
    for (let i = 0; i < 100; i += 1) buffer.put([snapshot(`p${i}`, 'us-east-1')]);
    expect(client.getQueryData(['rows'])).toBeUndefined();
    await new Promise((r) => setTimeout(r, 30));
    expect(Object.keys(client.getQueryData(['rows']) as object)).toHaveLength(100);
  });

  it('waits longer before each write as the rows it holds grow', async () => {
    const client = createQueryClient();
    const asked: number[] = [];
    const buffer = createRowBuffer(client, (known) => {
      asked.push(known);
      return 5;
    });
    buffer.put([snapshot('p0', 'us-east-1'), snapshot('p1', 'us-east-1')]);
    await new Promise((r) => setTimeout(r, 20));
    buffer.put([snapshot('p2', 'us-east-1')]);
    await new Promise((r) => setTimeout(r, 20));
    expect(asked).toEqual([0, 2]);
    expect([0, 5_000, 17_000, 100_000].map(rowWriteDelayMs)).toEqual([250, 250, 850, 1000]);
  });
});
