/**
 * bench:ipc run end to end on a tiny scenario: the page in Chromium, the main process in a process of
 * its own (main-process.ts), calls and events carried between them. No timing bounds (the benchmark
 * measures those): every call the page made was answered, every event delivered, and the figures
 * agree with each other.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireChromium } from '../e2e/chromium';
import { runProcess } from '../helpers/run-process';

const ROOT = path.resolve(__dirname, '../..');
type Spread = { count: number; p50Ms: number | null; p99Ms: number | null; maxMs: number | null };

describe('npm run bench:ipc on a tiny scenario', () => {
  it('carries the page’s calls to the main process and its events back', async () => {
    requireChromium();
    const args = ['--profiles', '3', '--accounts', '2', '--regions', '2', '--latency-ms', '0', '--admin-members', '3'];
    const run = await runProcess(process.execPath, ['--import', 'tsx', 'test/bench/ipc-bench.ts', ...args], {
      cwd: ROOT,
      env: process.env,
      limitMs: 120_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    // Security Hub CSPM only (the default): 3 profiles × 2 regions.
    expect(out).toMatchObject({ rows: 6, failedRows: 0, eventsUndelivered: 0 });
    // 5 s of a call every 50 ms with nothing running: each answered, through the main process's dispatch.
    const idle = out.idleRoundTrip as Spread;
    expect(idle.count).toBeGreaterThan(50);
    expect(idle.p50Ms as number).toBeLessThanOrEqual(idle.maxMs as number);
    const legs = out.roundTripLegs as Record<string, Spread>;
    expect(legs.inMainMs?.count).toBe((out.roundTrip as Spread).count);
    expect(out.dispatchMaxMs).toBeGreaterThanOrEqual(0);
    expect(typeof out.mainLoopMaxMs).toBe('number');
    expect(out.slowCalls).toMatchObject({ overMs: 30 });
  }, 150_000);
});
