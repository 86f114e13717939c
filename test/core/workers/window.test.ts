/**
 * Flow control between a worker and the main thread (outbox.ts): while the main thread is held (a
 * long task, a garbage collection), a worker reading a large refresh keeps at most WINDOW rows and
 * results unacknowledged instead of piling every row it reads into the port, which Node would hand
 * the main thread all in one callback. Every row still arrives, once.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WINDOW } from '../../../main/core/workers/outbox';
import { generateScenario } from '../../emulator/index';
import { type Harness, startHarness } from '../harness';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
  delete process.env.WINDOW_PROBE_FILE;
});

/** Holds this thread as a long task would. */
function holdThread(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy on purpose
  }
}

describe('the window between a worker and the main thread', () => {
  it('keeps a worker at most WINDOW outcome messages ahead while the main thread is held', async () => {
    const probe = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'shi-window-')), 'most');
    process.env.WINDOW_PROBE_FILE = probe;
    const harness = await startHarness({
      emulator: {
        scenario: generateScenario({ profiles: 200, accounts: 100, regions: ['us-east-1', 'eu-west-1', 'ap-south-1'] }),
      },
      deps: {
        workers: {
          count: 1,
          aws: { retryDelayMs: 5, requestTimeoutMs: 5000 },
          file: { file: `${__dirname}/window-entry.ts`, execArgv: ['--import', 'tsx'] },
        },
      },
      settings: { defaultRegions: ['us-east-1', 'eu-west-1', 'ap-south-1'] },
    });
    h = harness;
    const started = await harness.backend.handlers['refresh:start']({ scope: { kind: 'all' } });
    // The main thread stops taking messages for a while, again and again, as the worker reads on: first
    // for a whole second once rows flow (the worker reads well over WINDOW messages' worth meanwhile).
    let finished = false;
    const waited = (harness.backend.refresh.wait(started.refreshId) ?? Promise.resolve(null)).finally(() => {
      finished = true;
    });
    await expect
      .poll(() => harness.rowsOf(started.refreshId).length, { timeout: 30_000, interval: 5 })
      .toBeGreaterThan(0);
    holdThread(1000);
    while (!finished) {
      holdThread(150);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const summary = await waited;

    expect(summary).toMatchObject({ done: started.total, cancelled: false });
    expect(started.total).toBeGreaterThan(5 * WINDOW);
    const keys = harness.rowsOf(started.refreshId).map((r) => `${r.service}/${r.profile}/${r.region}`);
    expect(keys).toHaveLength(started.total);
    expect(new Set(keys).size).toBe(started.total);
    await expect.poll(async () => Number(await fs.readFile(probe, 'utf8').catch(() => '0'))).toBeGreaterThan(0);
    const most = Number(await fs.readFile(probe, 'utf8'));
    // The window was reached (the worker outpaced the held thread) and never passed.
    expect(most).toBe(WINDOW);
  }, 120_000);
});
