/**
 * Refresh benchmark: the emulator in its own process (so its CPU and memory are not ours), a
 * generated scenario, and a full refresh through the backend. Prints one JSON object.
 *
 *   npm run bench -- --profiles N --accounts M --regions R --latency-ms L [--concurrency C]
 *                    [--throttling] [--throttle-rate 0..1] [--admin-members K] [--sample 10] [--no-sequential]
 *                    [--workers W] [--cpu-profile out.cpuprofile] [--services securityhub,guardduty]
 *   npm run bench -- --large    1,000 profiles on 250 accounts × 17 regions (17,000 rows), throttling
 *                               on and 2% of requests answered 429 besides (a row's three reads never
 *                               empty an account-region's bucket of 30), one administrator of 1,000 members in every region, no sequential
 *                               sample; any flag given beside it overrides that part of the preset
 *
 * wallMs          the full refresh, start to finished event
 * calls           requests the emulator received (its request log)
 * callsPerRow     calls / rows
 * workers         worker threads doing the AWS work (--workers; default the app's: the cores less one, 1
 *                 to 8); 0 runs it on the main thread, as before there were workers
 * mainLoopP99Ms, mainLoopMaxMs
 *                 the main thread's event-loop delay during the refresh (perf_hooks.monitorEventLoopDelay,
 *                 enabled once the modules are loaded, reset as the measured refresh starts): how long an
 *                 IPC reply or a window event would wait behind the refresh, 99th percentile and worst
 * mainLoopUtilization
 *                 the share of the refresh the main thread was busy (performance.eventLoopUtilization)
 * mainLoopHeldSpans, mainLoopHeldMaxCpuMs
 *                 the spans the main thread's loop was held over 20 ms (a timer probing every 5 ms fired that
 *                 late, long-tasks.ts), and the most CPU time the main thread itself used in one of them
 *                 (process.threadCpuUsage). A span far longer than its CPU time is the thread waiting for a
 *                 core: on 2 cores the worker, the emulator process and the garbage collector's helper
 *                 threads all want one, which a workstation with cores to spare does not make it do
 * cpuMs           CPU time of this process during the refresh, every thread (process.cpuUsage)
 * floorMs         max(L × ceil(calls / C), cpuMs): the best a C-wide pipe (or this CPU) allows
 * ratio           wallMs / floorMs
 * firstRowMs      the first complete row. On this first refresh no profile's account is known (the
 *                 generated profiles have static keys, so their settings name none) and no
 *                 account-region has answered: a row waits for STS, then probes with one call, then
 *                 reads (three round trips)
 * again           the same refresh run once more right after (wallMs, firstRowMs, calls): as a second
 *                 Refresh or the watch runs it, with every account known and every account-region
 *                 answered (a row's reads start beside STS, no probe)
 * sequential*     the same reads one call at a time on a sample of profiles, scaled linearly to N
 * failedRows      rows with an error (a region that is not enabled does not count)
 * readsPerAccountRegion
 *                 the most reads of any one Security Hub read operation (Describe*, Get*, List*) in
 *                 any one account-region during the refresh, successful or not; a throttled (429)
 *                 answer is a retry of the same read and a request with a NextToken continues the
 *                 listing its first page started, so neither counts. 1 = every account-region was
 *                 read once, whichever operations a row uses; readsByOperation has the same maximum
 *                 per operation, accountRegionsRead how many account-regions were read at all
 * peakRssMb       peak resident memory of this process (every thread) — the backend, plus the bench's small
 *                 bookkeeping; the emulator is another process — from process.resourceUsage().maxRSS,
 *                 taken when the refresh finishes (before the request log is fetched)
 * snapshotWrites, snapshotWriteMaxMs, snapshotWriteMedianMs, snapshotWriteMaxCpuMs, snapshotWriteMedianCpuMs
 *                 the snapshot store's batch writes during the refresh (the writer's onBatchWritten
 *                 hook): how many, and the longest and median wall time of one, in ms, and the same
 *                 in CPU time of this process (a machine busy with other work inflates wall time)
 *
 * --services      the services read (comma-separated ids; default every service the app has)
 * byService       per service: its rows, the calls signed for it (STS calls are shared, so they are in
 *                 `calls` only), callsPerRow, and readsPerAccountRegion as above for that service
 *
 * --cpu-profile writes a V8 CPU profile of the measured refresh only (not start-up or warm-up);
 * open it in Chrome DevTools or sum its self times with a small script. It profiles the main thread:
 * with --workers 0 that is all the AWS work, with workers it is what is left on the main thread.
 *
 * --long-tasks    profiles the main thread as --cpu-profile does (sampling every 0.2 ms), probes its event
 *                 loop every 5 ms and prints `longTasks`: each span the loop was held over 20 ms, longest
 *                 first, with the project functions on the stacks sampled in it and where its time went
 *                 (long-tasks.ts). The profiler's own cost inflates the loop-delay figures of such a run:
 *                 measure those without it.
 *
 * --names         the account-names pass that follows the refresh is measured too (the loop delay, the
 *                 long tasks and the CPU profile run until it is over); `namesMs`: how long it took after
 *                 the refresh's end. wallMs stays the refresh's. With --long-tasks, `namesLongTasks`: the
 *                 longest spans held after the refresh's end, that is during the names pass.
 */
import fs from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { createBackend } from '../../main/core/backend';
import { limitHeapGrowth } from '../../main/core/heap-growth';
import { isServiceId, serviceIds, serviceOf } from '../../main/core/services/registry';
import type { SnapshotBatch } from '../../main/core/storage/snapshot-writer';
import { defaultWorkerCount } from '../../main/core/workers/open-workers';
import { accountRegionReads, type LogEntry, median } from './bench-figures';
import { control, startBenchEmulator } from './emulator-process';
import { type CpuProfile, type LongTask, longTasks, probeHeldLoop } from './long-tasks';

/** Today's run: 200 profiles on 200 accounts × 3 regions, 50 ms a call, 64 at a time. */
const DEFAULT_RUN = {
  profiles: '200',
  accounts: '200',
  regions: '3',
  'latency-ms': '50',
  concurrency: '64',
  'admin-members': '0',
  sample: '10',
  throttling: false,
  'throttle-rate': '0',
  'no-sequential': false,
};

/** --large: 17,000 rows; the sequential sample would take minutes and says nothing new here. */
const LARGE_RUN: typeof DEFAULT_RUN = {
  ...DEFAULT_RUN,
  profiles: '1000',
  accounts: '250',
  regions: '17',
  'admin-members': '1000',
  throttling: true,
  'throttle-rate': '0.02',
  'no-sequential': true,
};

function options() {
  const { values } = parseArgs({
    options: {
      large: { type: 'boolean', default: false },
      profiles: { type: 'string' },
      accounts: { type: 'string' },
      regions: { type: 'string' },
      'latency-ms': { type: 'string' },
      concurrency: { type: 'string' },
      throttling: { type: 'boolean' },
      'throttle-rate': { type: 'string' },
      'admin-members': { type: 'string' },
      sample: { type: 'string' },
      'no-sequential': { type: 'boolean' },
      'cpu-profile': { type: 'string' },
      'long-tasks': { type: 'boolean', default: false },
      names: { type: 'boolean', default: false },
      workers: { type: 'string' },
      services: { type: 'string' },
    },
    strict: true,
  });
  const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  const v = { ...(values.large ? LARGE_RUN : DEFAULT_RUN), ...given };
  const int = (name: keyof typeof DEFAULT_RUN) => {
    const n = Number(v[name]);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
    return n;
  };
  const share = (name: keyof typeof DEFAULT_RUN) => {
    const n = Number(v[name]);
    if (!(n >= 0 && n <= 1)) throw new Error(`--${name} must be between 0 and 1`);
    return n;
  };
  const services = values.services === undefined ? serviceIds() : values.services.split(',').map((id) => id.trim());
  const unknown = services.filter((id) => !isServiceId(id));
  if (services.length === 0 || unknown.length > 0) {
    throw new Error(`--services takes ids among ${serviceIds().join(', ')} (not ${unknown.join(', ') || 'nothing'})`);
  }
  return {
    services: [...new Set(services)],
    large: values.large === true,
    profiles: int('profiles'),
    accounts: int('accounts'),
    regions: int('regions'),
    latencyMs: int('latency-ms'),
    concurrency: int('concurrency'),
    throttling: v.throttling === true,
    throttleRate: share('throttle-rate'),
    adminMembers: int('admin-members'),
    sample: int('sample'),
    sequential: v['no-sequential'] !== true,
    cpuProfile: values['cpu-profile'] ?? null,
    longTasks: values['long-tasks'] === true,
    names: values.names === true,
    workers: values.workers === undefined ? defaultWorkerCount() : wholeNumber('workers', values.workers),
  };
}

function wholeNumber(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
  return n;
}

/** The main thread's event-loop delay, from the end of module loading (reset when the measured refresh starts). */
const loopDelay = monitorEventLoopDelay();
loopDelay.enable();

/** Entries the emulator's request log keeps: every request of the largest run, retries included. */
const LOG_CAP = 5_000_000;

async function main() {
  const o = options();
  // As the app does when it starts.
  limitHeapGrowth();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shi-bench-'));
  const { emulator, scenario } = await startBenchEmulator(o, dir, ['--log-cap', String(LOG_CAP)]);

  // Only the first progress event's time: the app sends events on and keeps none, so neither does
  // the bench (17,000 rows held here would count in the peak RSS measured below).
  let firstProgressAt: number | null = null;
  const rowsByService = new Map<string, number>();
  let measuring = false;
  const snapshotBatches: SnapshotBatch[] = [];
  const backend = createBackend({
    env: { ...emulator.env, PATH: process.env.PATH },
    settingsDir: path.join(dir, 'settings'),
    // As the app runs it (its peak RSS is measured), without the auto-refresh timer.
    source: 'app',
    watch: false,
    version: 'bench',
    demo: false,
    emit: (event) => {
      // The warm-up has finished before `measuring` is set, so this is the measured refresh's row.
      if (!measuring || event.type !== 'refresh-progress') return;
      if (firstProgressAt === null) firstProgressAt = performance.now();
      for (const row of event.rows) rowsByService.set(row.service, (rowsByService.get(row.service) ?? 0) + 1);
    },
    onSnapshotBatch: (batch) => snapshotBatches.push(batch),
    clipboard: { writeText: async () => {} },
    openExternal: async () => ({ opened: false, reason: 'bench' }),
    chooseSavePath: async () => null,
    // The SDK's own retries stay (3 attempts) with short waits; the scheduler backs off per account-region.
    aws: { retryStrategy: new ConfiguredRetryStrategy(3, 50) },
    workers: { count: o.workers, aws: { maxAttempts: 3, retryDelayMs: 50 } },
  });
  const { handlers } = backend;
  try {
    const regions = [...new Set(scenario.profiles.map((p) => p.region))];
    // The scenario's regions only (a new install reads every region of the partition).
    await handlers['settings:update']({
      defaultRegionMode: 'list',
      defaultRegions: regions,
      concurrency: o.concurrency,
      callTimeoutMs: 60_000,
      serviceMode: 'list',
      services: o.services,
    });
    const list = await handlers['profiles:list'](undefined);
    // Warm-up: the SDK loads parts of itself on first use. A running app has done that long before
    // the user presses Refresh, so one row of the last profile is read before measuring — one of the
    // last profiles per worker thread, the first profiles each goes to going to different workers.
    const warmRows = list.profiles
      .slice(-Math.max(1, o.workers))
      .map((p) => ({ profile: p.name, region: regions[0]! }));
    if (warmRows.length > 0) {
      const warm = await handlers['refresh:start']({ scope: { kind: 'rows', rows: warmRows } });
      await backend.refresh.wait(warm.refreshId);
      // And the account names read after it (its pages would run beside the measured refresh).
      await backend.namesSettled();
    }

    await control(emulator.url, 'DELETE', 'log');
    snapshotBatches.length = 0;
    const profiler = o.cpuProfile || o.longTasks ? new Session() : null;
    if (profiler) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      if (o.longTasks) await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
      await profiler.post('Profiler.start');
    }
    const probe = probeHeldLoop();
    const cpu0 = process.cpuUsage();
    const elu0 = performance.eventLoopUtilization();
    loopDelay.reset();
    const t0 = performance.now();
    measuring = true;
    const started = await handlers['refresh:start']({ scope: { kind: 'all' } });
    const summary = await backend.refresh.wait(started.refreshId);
    const wallMs = performance.now() - t0;
    const refreshEndUs = Number(process.hrtime.bigint() / 1000n);
    if (o.names) await backend.namesSettled();
    const namesMs = performance.now() - t0 - wallMs;
    const mainLoop = { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
    const mainLoopUtilization = performance.eventLoopUtilization(elu0).utilization;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    // Before the request log is fetched: its JSON is the bench's, not the app's.
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const batchMs = snapshotBatches.map((b) => b.ms);
    const batchCpuMs = snapshotBatches.map((b) => b.cpuMs);
    let tasks: LongTask[] | null = null;
    let namesTasks: LongTask[] | null = null;
    const held = probe.stop();
    const heldInRefresh = held.filter((span) => span.fromUs < refreshEndUs);
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      if (o.cpuProfile) await fs.writeFile(o.cpuProfile, JSON.stringify(profile));
      if (o.longTasks) tasks = longTasks(profile as CpuProfile, held);
      if (o.longTasks && o.names) {
        namesTasks = longTasks(
          profile as CpuProfile,
          held.filter((span) => span.fromUs >= refreshEndUs),
          5,
        );
      }
      profiler.disconnect();
    }
    const log = (await control(emulator.url, 'GET', 'log')) as LogEntry[];
    const calls = log.length;
    const reads = accountRegionReads(log);
    const byService = Object.fromEntries(
      o.services.map((id) => {
        // The emulator logs a request by its signing name, which is the service's IAM prefix.
        const signing = serviceOf(id).iamPrefix;
        const serviceCalls = log.filter((e) => e.service === signing).length;
        const rows = rowsByService.get(id) ?? 0;
        return [
          id,
          {
            rows,
            calls: serviceCalls,
            callsPerRow: Math.round((serviceCalls / Math.max(1, rows)) * 100) / 100,
            readsPerAccountRegion: accountRegionReads(log, signing).max,
          },
        ];
      }),
    );
    const floorMs = Math.max(o.latencyMs * Math.ceil(calls / o.concurrency), cpuMs);

    // The same refresh again, as a second Refresh or the watch runs it: every profile's account is
    // known and every account-region has answered, so a row's reads start beside STS and none probes.
    const firstRowOnce = firstProgressAt;
    // The account names read after the first refresh are not the second one's calls.
    await backend.namesSettled();
    await control(emulator.url, 'DELETE', 'log');
    firstProgressAt = null;
    const again0 = performance.now();
    const againStarted = await handlers['refresh:start']({ scope: { kind: 'all' } });
    await backend.refresh.wait(againStarted.refreshId);
    const again = {
      wallMs: performance.now() - again0,
      firstRowMs: firstProgressAt === null ? null : (firstProgressAt as number) - again0,
      calls: ((await control(emulator.url, 'GET', 'log')) as LogEntry[]).length,
    };

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
      throttleRate: o.throttleRate,
      adminMembers: o.adminMembers,
      workers: o.workers,
      services: o.services,
      rows: summary?.total ?? 0,
      wallMs: round(wallMs),
      ...(o.names ? { namesMs: round(namesMs) } : {}),
      mainLoopP99Ms: round(mainLoop.p99),
      mainLoopMaxMs: round(mainLoop.max),
      mainLoopUtilization: round(mainLoopUtilization, 3),
      mainLoopHeldSpans: heldInRefresh.length,
      mainLoopHeldMaxCpuMs: round(Math.max(0, ...heldInRefresh.map((span) => (span.cpuUs ?? 0) / 1000))),
      calls,
      callsPerRow: round(calls / Math.max(1, summary?.total ?? 0), 2),
      callsPerSecond: round((calls / wallMs) * 1000),
      throttledResponses: log.filter((e) => e.status === 429).length,
      cpuMs: round(cpuMs),
      cpuMsPerCall: round(cpuMs / Math.max(1, calls), 3),
      floorMs: round(floorMs),
      ratio: round(wallMs / floorMs, 3),
      firstRowMs: firstRowOnce === null ? null : round(firstRowOnce - t0),
      sequentialSampleProfiles: sampleSize,
      sequentialSampleMs: sequentialSampleMs === null ? null : round(sequentialSampleMs),
      sequentialMs: sequentialMs === null ? null : round(sequentialMs),
      speedup: sequentialMs === null ? null : round(sequentialMs / wallMs, 2),
      failedRows: summary?.failed ?? -1,
      readsPerAccountRegion: reads.max,
      readsByOperation: reads.byOperation,
      accountRegionsRead: reads.accountRegions,
      byService,
      peakRssMb: round(peakRssMb),
      snapshotWrites: batchMs.length,
      snapshotWriteMaxMs: batchMs.length ? round(Math.max(...batchMs)) : null,
      snapshotWriteMedianMs: batchMs.length ? round(median(batchMs) ?? 0) : null,
      snapshotWriteMaxCpuMs: batchCpuMs.length ? round(Math.max(...batchCpuMs)) : null,
      snapshotWriteMedianCpuMs: batchCpuMs.length ? round(median(batchCpuMs) ?? 0) : null,
      again: {
        wallMs: round(again.wallMs),
        firstRowMs: again.firstRowMs === null ? null : round(again.firstRowMs),
        calls: again.calls,
      },
      ...(namesTasks ? { namesLongTasks: namesTasks } : {}),
      ...(tasks ? { longTasks: tasks } : {}),
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
