/**
 * Refresh benchmark: the emulator in its own process (so its CPU is not ours), a generated
 * scenario, and a full refresh through the backend. Prints one JSON object.
 *
 *   npm run bench -- --profiles N --accounts M --regions R --latency-ms L [--concurrency C]
 *                    [--throttling] [--admin-members K] [--sample 10] [--no-sequential]
 *                    [--cpu-profile out.cpuprofile]
 *
 * wallMs          the full refresh, start to finished event
 * calls           requests the emulator received (its request log)
 * cpuMs           CPU time of this process during the refresh (process.cpuUsage)
 * floorMs         max(L × ceil(calls / C), cpuMs): the best a C-wide pipe (or this CPU) allows
 * ratio           wallMs / floorMs
 * firstRowMs      the first complete row
 * sequential*     the same reads one call at a time on a sample of profiles, scaled linearly to N
 * failedRows, readsPerAccountRegion (max GetAdministratorAccount per account-region)
 *
 * --cpu-profile writes a V8 CPU profile of the measured refresh only (not start-up or warm-up);
 * open it in Chrome DevTools or sum its self times with a small script.
 */
import fs from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { createBackend } from '../../main/core/backend';
import type { AppEvent } from '../../preload/api';
import { generateScenario } from '../emulator/index';
import { control, startEmulatorProcess } from './emulator-process';

interface LogEntry {
  service: string;
  operation: string;
  accountId: string | null;
  region: string | null;
  status: number;
}

function options() {
  const { values } = parseArgs({
    options: {
      profiles: { type: 'string', default: '200' },
      accounts: { type: 'string', default: '200' },
      regions: { type: 'string', default: '3' },
      'latency-ms': { type: 'string', default: '50' },
      concurrency: { type: 'string', default: '64' },
      throttling: { type: 'boolean', default: false },
      'admin-members': { type: 'string', default: '0' },
      sample: { type: 'string', default: '10' },
      'no-sequential': { type: 'boolean', default: false },
      'cpu-profile': { type: 'string' },
    },
    strict: true,
  });
  const int = (name: keyof typeof values) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
    return n;
  };
  return {
    profiles: int('profiles'),
    accounts: int('accounts'),
    regions: int('regions'),
    latencyMs: int('latency-ms'),
    concurrency: int('concurrency'),
    throttling: values.throttling,
    adminMembers: int('admin-members'),
    sample: int('sample'),
    sequential: !values['no-sequential'],
    cpuProfile: values['cpu-profile'] ?? null,
  };
}

async function main() {
  const o = options();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shi-bench-'));
  const scenario = generateScenario({
    profiles: o.profiles,
    accounts: o.accounts,
    regions: o.regions,
    ...(o.adminMembers ? { administratorMembers: o.adminMembers } : {}),
  });
  const scenarioFile = path.join(dir, 'scenario.json');
  await fs.writeFile(scenarioFile, JSON.stringify(scenario));
  const emulator = await startEmulatorProcess([
    '--port',
    '0',
    '--aws-dir',
    path.join(dir, 'aws'),
    '--scenario',
    scenarioFile,
    '--latency-ms',
    String(o.latencyMs),
    ...(o.throttling ? ['--throttling'] : []),
  ]);
  // The SDK reads the SSO cache through os.homedir(); the generated profiles use static keys anyway.
  process.env.HOME = emulator.env.HOME;

  const events: { at: number; event: AppEvent }[] = [];
  const backend = createBackend({
    env: { ...emulator.env, PATH: process.env.PATH },
    settingsDir: path.join(dir, 'settings'),
    source: 'cli',
    version: 'bench',
    demo: false,
    emit: (event) => events.push({ at: performance.now(), event }),
    clipboard: { writeText: async () => {} },
    openExternal: async () => ({ opened: false, reason: 'bench' }),
    chooseSavePath: async () => null,
    // The SDK's own retries stay (3 attempts) with short waits; the scheduler backs off per account-region.
    aws: { retryStrategy: new ConfiguredRetryStrategy(3, 50) },
  });
  const { handlers } = backend;
  try {
    const regions = [...new Set(scenario.profiles.map((p) => p.region))];
    await handlers['settings:update']({
      defaultRegionMode: 'list',
      defaultRegions: regions,
      concurrency: o.concurrency,
      callTimeoutMs: 60_000,
    });
    const list = await handlers['profiles:list'](undefined);
    // Warm-up: the SDK loads parts of itself on first use. A running app has done that long before
    // the user presses Refresh, so one row of the last profile is read before measuring.
    const last = list.profiles[list.profiles.length - 1];
    if (last) {
      const warm = await handlers['refresh:start']({ scope: { kind: 'row', profile: last.name, region: regions[0]! } });
      await backend.refresh.wait(warm.refreshId);
    }

    // Variant: a full refresh first, so every profile's account is known (a second refresh of a session).
    const pre = await handlers['refresh:start']({ scope: { kind: 'all' } });
    await backend.refresh.wait(pre.refreshId);
    await control(emulator.url, 'DELETE', 'log');
    const profiler = o.cpuProfile ? new Session() : null;
    if (profiler) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const started = await handlers['refresh:start']({ scope: { kind: 'all' } });
    const summary = await backend.refresh.wait(started.refreshId);
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    if (profiler && o.cpuProfile) {
      const { profile } = await profiler.post('Profiler.stop');
      await fs.writeFile(o.cpuProfile, JSON.stringify(profile));
      profiler.disconnect();
    }
    const log = (await control(emulator.url, 'GET', 'log')) as LogEntry[];
    const calls = log.length;
    const firstProgress = events.find(
      (e) => e.event.type === 'refresh-progress' && e.event.refreshId === started.refreshId,
    );
    const reads = new Map<string, number>();
    for (const e of log) {
      if (e.operation === 'GetAdministratorAccount' && e.status === 200) {
        const key = `${e.accountId}/${e.region}`;
        reads.set(key, (reads.get(key) ?? 0) + 1);
      }
    }
    const floorMs = Math.max(o.latencyMs * Math.ceil(calls / o.concurrency), cpuMs);

    let sequentialSampleMs: number | null = null;
    let sequentialMs: number | null = null;
    let sampleSize = 0;
    if (o.sequential) {
      await handlers['settings:update']({ concurrency: 1 });
      const sample = list.profiles.slice(0, Math.min(o.sample, list.profiles.length));
      sampleSize = sample.length;
      const s0 = performance.now();
      for (const p of sample) {
        const s = await handlers['refresh:start']({ scope: { kind: 'profile', profile: p.name } });
        await backend.refresh.wait(s.refreshId);
      }
      sequentialSampleMs = performance.now() - s0;
      sequentialMs = (sequentialSampleMs * list.profiles.length) / Math.max(1, sampleSize);
    }

    const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
    const result = {
      profiles: o.profiles,
      accounts: o.accounts,
      regions: o.regions,
      latencyMs: o.latencyMs,
      concurrency: o.concurrency,
      throttling: o.throttling,
      adminMembers: o.adminMembers,
      rows: summary?.total ?? 0,
      wallMs: round(wallMs),
      calls,
      callsPerSecond: round((calls / wallMs) * 1000),
      throttledResponses: log.filter((e) => e.status === 429).length,
      cpuMs: round(cpuMs),
      cpuMsPerCall: round(cpuMs / Math.max(1, calls), 3),
      floorMs: round(floorMs),
      ratio: round(wallMs / floorMs, 3),
      firstRowMs: firstProgress ? round(firstProgress.at - t0) : null,
      sequentialSampleProfiles: sampleSize,
      sequentialSampleMs: sequentialSampleMs === null ? null : round(sequentialSampleMs),
      sequentialMs: sequentialMs === null ? null : round(sequentialMs),
      speedup: sequentialMs === null ? null : round(sequentialMs / wallMs, 2),
      failedRows: summary?.failed ?? -1,
      readsPerAccountRegion: Math.max(0, ...reads.values()),
      accountRegionsRead: reads.size,
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await backend.dispose();
    emulator.child.kill('SIGTERM');
    await fs.rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
