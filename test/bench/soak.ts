/**
 * Soak run: the backend's background watch (auto-refresh of everything, main/core/rows/watch.ts)
 * for many cycles against the emulator with faults on, printing heap and RSS, to find memory that
 * grows with every refresh (listeners, caches, timers, per-refresh maps that are never emptied).
 *
 *   npm run soak -- [--cycles 300] [--interval-ms 20] [--profiles 40] [--accounts 20] [--regions 4]
 *                   [--admin-members 12] [--flip-every 25] [--no-faults]
 *
 * The emulator runs in its own process (its memory is not ours). The auto-refresh timer is the real
 * one (createAutoRefresh through BackendDeps.timers) with its minutes replaced by --interval-ms: a
 * new refresh starts at most that long after the previous one finished. Every --flip-every cycles
 * the emulator switches between the scenario with and without an administrator's members, so the
 * watch has invitations and status changes to report. Every 10th cycle prints a line after a
 * forced garbage collection (the script re-runs itself with --expose-gc when it lacks it); the
 * summary gives the growth per 100 cycles (least-squares slope over the second half of the run,
 * after the caches have filled).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import type { AppEvent } from '../../contract/api';
import { createBackend } from '../../main/core/backend';
import type { Timers } from '../../main/core/rows/auto-refresh';
import { generateScenario } from '../emulator/index';
import { control, startEmulatorProcess } from './emulator-process';
import { growthPer100, rssPeaks, type Sample } from './soak-stats';

/** Faults of the soak: some of every kind the app must survive, not so many that nothing is read. */
const SOAK_FAULTS = { latencyMs: 2, latencyJitterMs: 4, throttleRate: 0.03, errorRate: 0.02, dropRate: 0.005 };

function options() {
  const { values } = parseArgs({
    options: {
      cycles: { type: 'string', default: '300' },
      'interval-ms': { type: 'string', default: '20' },
      profiles: { type: 'string', default: '40' },
      accounts: { type: 'string', default: '20' },
      regions: { type: 'string', default: '4' },
      'admin-members': { type: 'string', default: '12' },
      'flip-every': { type: 'string', default: '25' },
      'no-faults': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const int = (name: Exclude<keyof typeof values, 'no-faults'>, min: number) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number of at least ${min}`);
    return n;
  };
  return {
    cycles: int('cycles', 1),
    intervalMs: int('interval-ms', 1),
    profiles: int('profiles', 1),
    accounts: int('accounts', 1),
    regions: int('regions', 1),
    adminMembers: int('admin-members', 0),
    flipEvery: int('flip-every', 0),
    faults: !values['no-faults'],
  };
}

/** Without --expose-gc the figures would measure the collector's timing: run again with it. */
function reexecWithGc(): boolean {
  if (typeof globalThis.gc === 'function') return false;
  const run = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, __filename, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(run.status ?? 1);
}

const mb = (bytes: number) => bytes / 1024 / 1024;
const fmt = (n: number, width = 7) => n.toFixed(1).padStart(width);

async function main() {
  if (reexecWithGc()) return;
  const o = options();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shi-soak-'));
  const generate = (adminMembers: number) =>
    generateScenario({
      profiles: o.profiles,
      // The administrator and its members are among the accounts, so both scenarios have the same ones.
      accounts: Math.max(o.accounts, o.adminMembers + 1),
      regions: o.regions,
      administratorMembers: adminMembers,
    });
  const scenarios = [generate(o.adminMembers), generate(0)];
  const scenarioFile = path.join(dir, 'scenario.json');
  await fs.writeFile(scenarioFile, JSON.stringify(scenarios[0]));
  const emulator = await startEmulatorProcess([
    '--port',
    '0',
    '--aws-dir',
    path.join(dir, 'aws'),
    '--scenario',
    scenarioFile,
  ]);
  if (o.faults) await control(emulator.url, 'POST', 'faults', SOAK_FAULTS);
  process.env.HOME = emulator.env.HOME;

  let cycles = 0;
  let rows = 0;
  let failedRows = 0;
  let watchChanges = 0;
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  const samples: Sample[] = [];
  let lastSample: Promise<void> = Promise.resolve();
  let cycleStart = performance.now();
  const onEvent = (event: AppEvent) => {
    if (event.type === 'watch-change') watchChanges += event.changes.length;
    if (event.type !== 'refresh-finished') return;
    cycles++;
    rows += event.total;
    failedRows += event.failed;
    if (cycles % 10 === 0 || cycles === o.cycles) lastSample = sample(cycles, performance.now() - cycleStart);
    cycleStart = performance.now();
    if (o.flipEvery > 0 && cycles % o.flipEvery === 0) {
      void control(emulator.url, 'POST', 'scenario', scenarios[(cycles / o.flipEvery) % 2]);
    }
    if (cycles >= o.cycles) done();
  };

  // The real auto-refresh timer, its interval shortened: minutes become --interval-ms.
  const timers: Timers = {
    setInterval: (callback) => setInterval(callback, o.intervalMs),
    clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
  };
  const backend = createBackend({
    env: { ...emulator.env, PATH: process.env.PATH },
    settingsDir: path.join(dir, 'settings'),
    source: 'app',
    version: 'soak',
    demo: false,
    emit: onEvent,
    clipboard: { writeText: async () => {} },
    openExternal: async () => ({ opened: false, reason: 'soak' }),
    chooseSavePath: async () => null,
    watch: true,
    timers,
    snapshotDelayMs: 200,
    aws: { retryStrategy: new ConfiguredRetryStrategy(3, 20) },
    // Throttled calls back off briefly: the soak is about memory, not about waiting.
    callBackoff: { baseMs: 20, maxMs: 200 },
  });

  async function sample(cycle: number, lastCycleMs: number) {
    globalThis.gc?.();
    const m = process.memoryUsage();
    const log = (await control(emulator.url, 'GET', 'log')) as { status: number }[];
    await control(emulator.url, 'DELETE', 'log');
    const s: Sample = { cycle, heapMb: mb(m.heapUsed), rssMb: mb(m.rss) };
    samples.push(s);
    const faults = `429 ${log.filter((e) => e.status === 429).length}, 5xx ${log.filter((e) => e.status >= 500).length}, dropped ${log.filter((e) => e.status === 0).length}`;
    console.log(
      `cycle ${String(cycle).padStart(5)}  heap ${fmt(s.heapMb)} MB  rss ${fmt(s.rssMb)} MB  last ${fmt(lastCycleMs, 6)} ms  ` +
        `requests ${String(log.length).padStart(6)} (${faults})  failed rows ${failedRows}/${rows}  watch changes ${watchChanges}`,
    );
  }

  const t0 = performance.now();
  try {
    const regions = [...new Set(scenarios[0]!.profiles.map((p) => p.region))];
    await backend.handlers['settings:update']({
      defaultRegionMode: 'list',
      defaultRegions: regions,
      concurrency: 32,
      autoRefreshMinutes: 1,
    });
    console.log(
      `soak: ${o.cycles} cycles, ${o.profiles} profiles × ${regions.length} regions, interval ${o.intervalMs} ms, faults ${o.faults ? JSON.stringify(SOAK_FAULTS) : 'off'}`,
    );
    await finished;
    await lastSample;
    const g = growthPer100(samples);
    const peaks = rssPeaks(samples);
    const first = samples[0];
    const last = samples[samples.length - 1];
    console.log(
      `summary: ${cycles} cycles in ${fmt((performance.now() - t0) / 1000, 1)} s; ` +
        `heap ${fmt(first?.heapMb ?? 0, 1)} → ${fmt(last?.heapMb ?? 0, 1)} MB, rss ${fmt(first?.rssMb ?? 0, 1)} → ${fmt(last?.rssMb ?? 0, 1)} MB; ` +
        `growth per 100 cycles (second half): heap ${g.heapMb.toFixed(2)} MB, rss ${g.rssMb.toFixed(2)} MB; ` +
        `rss peak first half ${fmt(peaks.firstHalfMb, 1)} MB, second half ${fmt(peaks.secondHalfMb, 1)} MB` +
        `${typeof globalThis.gc === 'function' ? '' : ' (no --expose-gc: figures include garbage)'}`,
    );
  } finally {
    await backend.dispose();
    emulator.child.kill('SIGTERM');
    await fs.rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`soak: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
