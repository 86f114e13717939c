import { describe, expect, it } from 'vitest';
import { isThrottlingError, THROTTLING_CODES, toAppError } from '../../../main/core/aws/errors';
import { createCallScheduler } from '../../../main/core/calls/scheduler';
import { isAppErrorException } from '../../../main/domain/errors';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const throttled = () =>
  Object.assign(new Error('Rate exceeded'), { name: 'LimitExceededException', $metadata: { httpStatusCode: 429 } });

describe('call scheduler', () => {
  it('never runs more calls than the concurrency and runs the lowest priority first', async () => {
    const scheduler = createCallScheduler({ isThrottled: isThrottlingError, concurrency: 2, timeoutMs: 1000 });
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    const job = (n: number) => async () => {
      active++;
      peak = Math.max(peak, active);
      order.push(n);
      await sleep(5);
      active--;
      return n;
    };
    // Two fill the slots; then 9, 8, …, 3 queue with priorities equal to their number.
    const first = [
      scheduler.run({ priority: 100, key: 'a' }, job(100)),
      scheduler.run({ priority: 100, key: 'a' }, job(101)),
    ];
    const rest = [9, 8, 7, 6, 5, 4, 3].map((n) => scheduler.run({ priority: n, key: 'a' }, job(n)));
    expect(await Promise.all([...first, ...rest])).toEqual([100, 101, 9, 8, 7, 6, 5, 4, 3]);
    expect(peak).toBe(2);
    expect(order.slice(2)).toEqual([3, 4, 5, 6, 7, 8, 9]);
  });

  it('pauses only the throttled key and retries the call instead of failing it', async () => {
    const scheduler = createCallScheduler({
      isThrottled: isThrottlingError,
      concurrency: 4,
      timeoutMs: 1000,
      backoff: { baseMs: 80, maxMs: 200 },
      random: () => 1,
    });
    let attempts = 0;
    const t0 = Date.now();
    const slow = scheduler.run({ priority: 0, key: 'hot' }, async () => {
      attempts++;
      if (attempts < 3) throw throttled();
      return Date.now() - t0;
    });
    const other = scheduler.run({ priority: 1, key: 'cold' }, async () => Date.now() - t0);
    const [hotMs, coldMs] = await Promise.all([slow, other]);
    expect(attempts).toBe(3);
    // 80 ms then 160 ms of backoff on "hot"; "cold" was not held back.
    expect(hotMs).toBeGreaterThanOrEqual(230);
    expect(coldMs).toBeLessThan(60);
    expect(scheduler.stats().throttled).toBe(2);
  });

  it('gives up after maxRetries throttled answers with the original error', async () => {
    const scheduler = createCallScheduler({
      isThrottled: isThrottlingError,
      concurrency: 1,
      timeoutMs: 1000,
      backoff: { baseMs: 1, maxMs: 2, maxRetries: 2 },
    });
    let attempts = 0;
    await expect(
      scheduler.run({ priority: 0, key: 'k' }, async () => {
        attempts++;
        throw throttled();
      }),
    ).rejects.toMatchObject({ name: 'LimitExceededException' });
    expect(attempts).toBe(3);
  });

  it('cancels queued and running calls through the caller signal', async () => {
    const scheduler = createCallScheduler({ isThrottled: isThrottlingError, concurrency: 1, timeoutMs: 5000 });
    const controller = new AbortController();
    let sawAbort = false;
    const running = scheduler.run({ priority: 0, key: 'k', signal: controller.signal }, (signal) => {
      return new Promise((_resolve, reject) => {
        signal.addEventListener('abort', () => {
          sawAbort = true;
          reject(new Error('aborted'));
        });
      });
    });
    let queuedRan = false;
    const queued = scheduler.run({ priority: 1, key: 'k', signal: controller.signal }, async () => {
      queuedRan = true;
    });
    controller.abort();
    const results = await Promise.allSettled([running, queued]);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      const reason = (r as PromiseRejectedResult).reason;
      expect(isAppErrorException(reason) && reason.appError.kind).toBe('cancelled');
    }
    expect(sawAbort).toBe(true);
    expect(queuedRan).toBe(false);
    // The slot is free again.
    expect(await scheduler.run({ priority: 0, key: 'k' }, async () => 'after')).toBe('after');
  });

  it('times a call out with a timeout error', async () => {
    const scheduler = createCallScheduler({ isThrottled: isThrottlingError, concurrency: 1, timeoutMs: 30 });
    const error = await scheduler
      .run(
        { priority: 0, key: 'k' },
        (signal) => new Promise((_r, reject) => signal.addEventListener('abort', () => reject(new Error('x')))),
      )
      .catch((e: unknown) => e);
    expect(isAppErrorException(error) && error.appError.kind).toBe('timeout');
  });
});

describe('throttling: one list of codes for the scheduler and the error sentences', () => {
  it('backs off and retries every code the error classifier calls throttling, by name alone', async () => {
    // A status other than 429, so only the name decides (the old scheduler list lacked ThrottledException).
    for (const name of THROTTLING_CODES) {
      const scheduler = createCallScheduler({
        isThrottled: isThrottlingError,
        concurrency: 1,
        timeoutMs: 1000,
        backoff: { baseMs: 1, maxMs: 2 },
      });
      let attempts = 0;
      const value = await scheduler.run({ priority: 0, key: 'k' }, async () => {
        attempts++;
        if (attempts === 1) throw Object.assign(new Error('slow down'), { name, $metadata: { httpStatusCode: 400 } });
        return 'ok';
      });
      expect(value, name).toBe('ok');
      expect(scheduler.stats().throttled, name).toBe(1);
      expect(toAppError(Object.assign(new Error('slow down'), { name })).kind, name).toBe('throttled');
    }
    expect(THROTTLING_CODES).toContain('ThrottledException');
    expect(THROTTLING_CODES).toContain('TooManyRequestsException');
  });
});
