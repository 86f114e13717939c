/**
 * IPC round trip while a large refresh runs, in the browser harness (DESIGN.md §4 item 4): the built
 * renderer in Chromium, the built preload with the harness's stand-in transport, the real dispatch
 * (main/shell/bind-ipc.ts) and backend, the emulator in its own process (as in refresh-bench.ts: its
 * CPU is not the backend's). The page asks `app:info` every 50 ms from the moment it starts the
 * refresh until the refresh has finished, and the times from the call to its answer, measured in the
 * page with performance.now(), are printed as one JSON object. Before it, the same for 5 s with nothing
 * running: what the harness's own transport costs (a Playwright binding and CDP, heavier than Electron's).
 *
 *   npm run bench:ipc -- [--profiles 1000 --accounts 250 --regions 17 --admin-members 1000]
 *                        [--latency-ms 50] [--concurrency 64] [--workers W] [--services securityhub]
 *                        [--cpu-profile]
 *
 * The defaults are refresh-bench.ts's --large run for Security Hub CSPM: 17,000 rows, throttling on
 * and 2% of requests answered 429 besides.
 *
 * roundTrip       during the refresh: count, p50Ms, p99Ms, maxMs of the page's app:info calls
 * roundTripLegs   the same calls split where the time went (each count, p50Ms, p99Ms, maxMs): toMainMs from the
 *                 page's call to the test process's binding (the page's thread, CDP, this process's loop),
 *                 inMainMs the dispatch, backToPageMs from the answer to the page's promise (this process's
 *                 loop, CDP, the page's thread). The two processes share the epoch clock
 * idleRoundTrip   the same with nothing running (before the refresh); the window starts its own first
 *                 refresh when it opens, so "nothing running" holds only until that has begun
 * pageLongTasks   during the refresh, the page's long tasks as Chromium reports them (PerformanceObserver
 *                 'longtask': tasks over 50 ms): count, totalMs, maxMs. A call that comes in meanwhile waits
 *                 for the task to end, in Electron as here
 * slowCalls       during the refresh, the calls whose round trip took over 30 ms (count), how many of those
 *                 were under way while the page ran a long task (duringPageLongTask), and how many while this
 *                 process's event loop was held over 20 ms (duringMainLoopHeld, long-tasks.ts's probe)
 * pageLongFrames  during the refresh, the page's long animation frames (PerformanceObserver
 *                 'long-animation-frame': frames over 50 ms): count, totalMs, maxMs, and of their time
 *                 scriptMs (scripts Chromium attributes, over 5 ms each) and styleAndLayoutMs, and
 *                 scriptsBy: the scripts' milliseconds by what ran them (invoker, function)
 * pageLoopLateness
 *                 during the refresh, how late a 10 ms timer in the page fired (count, p50Ms, p99Ms, maxMs):
 *                 the page's event loop, whatever held it
 * idlePageLoopLateness
 *                 the same with nothing running
 * pumpWaitMs, pumpDeliverMs
 *                 per event during the refresh (spread): how long it waited in the harness's pump behind
 *                 earlier events, then how long its delivery took (one CDP evaluate, which also waits for
 *                 the page's thread, and the page's listeners)
 * pageProfile     with --cpu-profile only: the page's thread sampled by Chromium's profiler during the
 *                 refresh, busyMs and milliseconds of self time by source file and by function, and
 *                 inclusive time by project function (page-profile.ts). Files are named only in an
 *                 unminified build (`SHI_NO_MINIFY=1 npm run build`); the profiler slows the page a little
 * dispatchMaxMs   the longest app:info inside the main process (dispatch to answer): the rest of a
 *                 round trip is waiting for the main thread, the transport and the page's own thread
 * mainLoopP99Ms, mainLoopMaxMs
 *                 this process's event-loop delay during the refresh (the backend's main thread, which
 *                 here also runs the harness's transport)
 * eventsUndelivered
 *                 events still queued for the page when the refresh finished (the harness delivers
 *                 each with one CDP call, far slower than Electron's webContents.send)
 * refreshMs, rows, failedRows, eventsSent: the refresh the calls waited beside
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { chromium } from 'playwright-core';
import { type AppEvent, EVENT_CHANNEL } from '../../contract/api';
import { createBackend } from '../../main/core/backend';
import { isServiceId } from '../../main/core/services/registry';
import { openSettings } from '../../main/core/storage/settings';
import { defaultWorkerCount } from '../../main/core/workers/open-workers';
import { createDispatch, parseTrustedOrigin } from '../../main/shell/bind-ipc';
import { ensureBuilt, PRELOAD_BUNDLE, RENDERER_DIR } from '../e2e/build';
import { CHROMIUM_ARGS, requireChromium } from '../e2e/chromium';
import { createEventPump, installBridge } from '../e2e/preload-bridge';
import { startStaticServer } from '../e2e/static-server';
import { generateScenario } from '../emulator/index';
import { startEmulatorProcess } from './emulator-process';
import { type CpuProfile, type Held, probeHeldLoop } from './long-tasks';
import { moduleIndex, startPageProfile, summariseProfile } from './page-profile';

const PROBE_EVERY_MS = 50;
/** The round trip the window must stay under at p99. */
const SLOW_MS = 30;
/** The main thread's event-loop delay while the refresh runs (as refresh-bench.ts measures it). */
const loopDelay = monitorEventLoopDelay();
const IDLE_PROBE_MS = 5_000;

function options() {
  const { values } = parseArgs({
    options: {
      profiles: { type: 'string', default: '1000' },
      accounts: { type: 'string', default: '250' },
      regions: { type: 'string', default: '17' },
      'admin-members': { type: 'string', default: '1000' },
      'latency-ms': { type: 'string', default: '50' },
      concurrency: { type: 'string', default: '64' },
      workers: { type: 'string' },
      services: { type: 'string', default: 'securityhub' },
      'cpu-profile': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const int = (name: keyof typeof values) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
    return n;
  };
  const services = String(values.services)
    .split(',')
    .map((id) => id.trim());
  if (!services.every(isServiceId)) throw new Error(`--services: unknown id among ${services.join(', ')}`);
  return {
    profiles: int('profiles'),
    accounts: int('accounts'),
    regions: int('regions'),
    adminMembers: int('admin-members'),
    latencyMs: int('latency-ms'),
    concurrency: int('concurrency'),
    workers: values.workers === undefined ? defaultWorkerCount() : int('workers'),
    services,
    cpuProfile: values['cpu-profile'] === true,
  };
}

function spread(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? null;
  const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
  return { count: sorted.length, p50Ms: round(at(0.5)), p99Ms: round(at(0.99)), maxMs: round(sorted.at(-1) ?? null) };
}

/**
 * Starts the page's probes: app:info every `everyMs`, each call's round trip kept in the page; the
 * page's long tasks (PerformanceObserver 'longtask'); and a timer every 10 ms noting how late it fired.
 */
const startProbe = (everyMs: number) => {
  const w = window as unknown as {
    api: { appInfo(): Promise<unknown> };
    __roundTrips: [number, number][];
    __probe: ReturnType<typeof setInterval>;
    __longTasks: [number, number][];
    __observer: PerformanceObserver;
    __lateness: number[];
    __lateTimer: ReturnType<typeof setInterval>;
    __frames: { ms: number; scriptMs: number; layoutMs: number; scripts: [string, number][] }[];
    __frameObserver: PerformanceObserver;
  };
  // Each call's start and end on the epoch clock, which the test process shares.
  w.__roundTrips = [];
  w.__probe = setInterval(() => {
    const started = performance.timeOrigin + performance.now();
    void w.api.appInfo().then(() => w.__roundTrips.push([started, performance.timeOrigin + performance.now()]));
  }, everyMs);
  w.__longTasks = [];
  w.__observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      w.__longTasks.push([performance.timeOrigin + entry.startTime, entry.duration]);
    }
  });
  w.__observer.observe({ type: 'longtask' });
  // Long animation frames: how much of each was script and how much style and layout.
  w.__frames = [];
  w.__frameObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as unknown as {
      duration: number;
      startTime: number;
      styleAndLayoutStart: number;
      scripts: { duration: number; invoker: string; sourceFunctionName: string }[];
    }[]) {
      w.__frames.push({
        ms: entry.duration,
        scriptMs: entry.scripts.reduce((n, s) => n + s.duration, 0),
        scripts: entry.scripts.map((s) => [`${s.invoker} ${s.sourceFunctionName}`.trim(), s.duration]),
        layoutMs: entry.styleAndLayoutStart > 0 ? entry.startTime + entry.duration - entry.styleAndLayoutStart : 0,
      });
    }
  });
  w.__frameObserver.observe({ type: 'long-animation-frame' });
  // (No named functions in here: tsx would wrap them in a helper the page does not have.)
  w.__lateness = [];
  let last = performance.now();
  w.__lateTimer = setInterval(() => {
    const now = performance.now();
    w.__lateness.push(Math.max(0, now - last - 10));
    last = now;
  }, 10);
};

const stopProbe = () => {
  const w = window as unknown as {
    __roundTrips: [number, number][];
    __probe: ReturnType<typeof setInterval>;
    __longTasks: [number, number][];
    __observer: PerformanceObserver;
    __lateness: number[];
    __lateTimer: ReturnType<typeof setInterval>;
    __frames: { ms: number; scriptMs: number; layoutMs: number; scripts: [string, number][] }[];
    __frameObserver: PerformanceObserver;
  };
  clearInterval(w.__probe);
  w.__frameObserver.disconnect();
  clearInterval(w.__lateTimer);
  // Entries observed but not yet handed to the callback.
  for (const entry of w.__observer.takeRecords()) {
    w.__longTasks.push([performance.timeOrigin + entry.startTime, entry.duration]);
  }
  w.__observer.disconnect();
  return { roundTrips: w.__roundTrips, longTasks: w.__longTasks, lateness: w.__lateness, frames: w.__frames };
};

type Probed = ReturnType<typeof stopProbe>;

/**
 * The round trips split where they were spent: from the page's call to the test process, inside it
 * (dispatch), and back to the page. The page's calls and the dispatches are matched in order.
 */
function legs(calls: [number, number][], dispatched: { at: number; ms: number }[]) {
  const page = [...calls].sort((a, b) => a[0] - b[0]);
  const main = [...dispatched].sort((a, b) => a.at - b.at);
  const n = Math.min(page.length, main.length);
  const toMain: number[] = [];
  const back: number[] = [];
  for (let i = 0; i < n; i++) {
    const [start, end] = page[i] as [number, number];
    const { at, ms } = main[i] as { at: number; ms: number };
    toMain.push(at - start);
    back.push(end - (at + ms));
  }
  return { toMainMs: spread(toMain), inMainMs: spread(main.map((d) => d.ms)), backToPageMs: spread(back) };
}

/** The calls over SLOW_MS, and how many of them were under way while the page ran a long task. */
function slowCalls(calls: [number, number][], longTasks: [number, number][], mainHeld: [number, number][]) {
  const slow = calls.filter(([start, end]) => end - start > SLOW_MS);
  const during = (spans: [number, number][]) =>
    slow.filter(([start, end]) => spans.some(([at, ms]) => at < end && at + ms > start)).length;
  return {
    overMs: SLOW_MS,
    count: slow.length,
    duringPageLongTask: during(longTasks),
    duringMainLoopHeld: during(mainHeld),
  };
}

/** The main thread's held spans (long-tasks.ts, monotonic microseconds) as [epoch ms, ms], the page's clock. */
function heldOnEpoch(held: Held[]): [number, number][] {
  const epochMinusMonotonicMs =
    performance.timeOrigin + performance.now() - Number(process.hrtime.bigint() / 1000n) / 1000;
  return held.map(({ fromUs, toUs }) => [fromUs / 1000 + epochMinusMonotonicMs, (toUs - fromUs) / 1000]);
}

/** Milliseconds of the long frames' scripts by what ran them (invoker and function), the largest first. */
function scriptsBy(scripts: [string, number][], limit = 8) {
  const by = new Map<string, number>();
  for (const [name, ms] of scripts) by.set(name, (by.get(name) ?? 0) + ms);
  return Object.fromEntries(
    [...by]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, ms]) => [name, Math.round(ms)]),
  );
}

const tasks = (durations: number[]) => ({
  count: durations.length,
  totalMs: Math.round(durations.reduce((a, b) => a + b, 0)),
  maxMs: Math.round(Math.max(0, ...durations)),
});

/** The profile summed over the renderer bundle's modules (page-profile.ts). */
async function profileSummary(profile: CpuProfile) {
  const assets = path.join(RENDERER_DIR, 'assets');
  const bundle = (await fs.readdir(assets)).find((f) => f.endsWith('.js'));
  if (!bundle) return summariseProfile(profile, '', { lines: [], files: [] });
  const text = await fs.readFile(path.join(assets, bundle), 'utf8');
  const url = profile.nodes.find((n) => n.callFrame.url.endsWith(`/assets/${bundle}`))?.callFrame.url ?? '';
  return summariseProfile(profile, url, moduleIndex(text));
}

async function main() {
  const o = options();
  const executablePath = requireChromium();
  ensureBuilt();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shi-ipc-bench-'));
  const cleanups: (() => Promise<unknown>)[] = [() => fs.rm(dir, { recursive: true, force: true })];
  try {
    const scenario = generateScenario({
      profiles: o.profiles,
      accounts: o.accounts,
      regions: o.regions,
      ...(o.adminMembers ? { administratorMembers: o.adminMembers } : {}),
      services: o.services.some((id) => id !== 'securityhub'),
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
      '--throttling',
      '--throttle-rate',
      '0.02',
    ]);
    cleanups.push(async () => emulator.child.kill('SIGTERM'));
    process.env.HOME = emulator.env.HOME;

    const settingsDir = path.join(dir, 'settings');
    await fs.mkdir(settingsDir, { recursive: true });
    openSettings({ cwd: settingsDir }).update({
      defaultRegionMode: 'list',
      defaultRegions: [...new Set(scenario.profiles.map((p) => p.region))],
      serviceMode: 'list',
      services: o.services,
      concurrency: o.concurrency,
      callTimeoutMs: 60_000,
    });

    let pump: ReturnType<typeof createEventPump> | null = null;
    let finished: (event: Extract<AppEvent, { type: 'refresh-finished' }>) => void = () => {};
    const refreshFinished = new Promise<Extract<AppEvent, { type: 'refresh-finished' }>>((resolve) => {
      finished = resolve;
    });
    let delivered = 0;
    let eventsPumped = 0;
    const backend = createBackend({
      env: { ...emulator.env, PATH: process.env.PATH, AWS_EC2_METADATA_DISABLED: 'true' },
      settingsDir,
      source: 'app',
      watch: false,
      version: 'bench',
      demo: false,
      emit: (event) => {
        delivered += 1;
        pump?.send(event);
        void pump?.idle().then(() => {
          eventsPumped += 1;
        });
        if (event.type === 'refresh-finished' && event.total > 1) finished(event);
      },
      clipboard: { writeText: async () => {} },
      openExternal: async () => ({ opened: false, reason: 'bench' }),
      chooseSavePath: async () => null,
      aws: { retryStrategy: new ConfiguredRetryStrategy(3, 50) },
      workers: { count: o.workers, aws: { maxAttempts: 3, retryDelayMs: 50 } },
    });
    cleanups.push(async () => backend.dispose());

    const server = await startStaticServer(RENDERER_DIR);
    cleanups.push(() => server.close());
    const dispatchMs: { at: number; ms: number }[] = [];
    const dispatch = createDispatch(backend.invoke, { origins: [parseTrustedOrigin(server.url)] });
    const context = await chromium.launchPersistentContext(path.join(dir, 'chromium'), {
      executablePath,
      args: CHROMIUM_ARGS,
      viewport: { width: 1440, height: 900 },
    });
    cleanups.push(() => context.close());
    await installBridge(context, {
      dispatch,
      preloadPath: PRELOAD_BUNDLE,
      onCall: (call) => {
        if (call.channel === 'app:info') dispatchMs.push({ at: call.at, ms: call.ms });
      },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    pump = createEventPump(page, EVENT_CHANNEL);
    await page.goto(server.url, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => 'api' in window);

    // Nothing running yet: what the transport itself costs.
    await page.evaluate(startProbe, PROBE_EVERY_MS);
    await new Promise((resolve) => setTimeout(resolve, IDLE_PROBE_MS));
    const idle = (await page.evaluate(stopProbe)) as Probed;
    dispatchMs.length = 0;
    pump.takeTimings();
    const cdp = o.cpuProfile ? await page.context().newCDPSession(page) : null;
    const profiler = cdp ? await startPageProfile(cdp) : null;

    // The probe starts, then the refresh (joining the one the window starts by itself, if it has).
    await page.evaluate(startProbe, PROBE_EVERY_MS);
    loopDelay.enable();
    const mainProbe = probeHeldLoop();
    const t0 = performance.now();
    await page.evaluate(() =>
      (window as unknown as { api: { startRefresh(r: unknown): Promise<unknown> } }).api.startRefresh({
        scope: { kind: 'all' },
      }),
    );
    const summary = await refreshFinished;
    const refreshMs = performance.now() - t0;
    loopDelay.disable();
    const mainHeld = heldOnEpoch(mainProbe.stop());
    const during = (await page.evaluate(stopProbe)) as Probed;
    const duringDispatch = dispatchMs.splice(0);
    const undelivered = delivered - eventsPumped;
    await pump.idle();
    const pumped = pump.takeTimings();
    const profile = profiler ? await profiler.stop() : null;
    const pageProfile = profile ? await profileSummary(profile) : undefined;
    // The whole profile too, for Chromium's DevTools (Performance, Load profile).
    const profileFile = profile ? path.join(os.tmpdir(), 'ipc-bench-page.cpuprofile') : null;
    if (profile && profileFile) await fs.writeFile(profileFile, JSON.stringify(profile));

    const result = {
      profiles: o.profiles,
      accounts: o.accounts,
      regions: o.regions,
      services: o.services,
      workers: o.workers,
      load: os.loadavg().map((n) => Math.round(n * 100) / 100),
      rows: summary.total,
      failedRows: summary.failed,
      refreshMs: Math.round(refreshMs),
      roundTrip: spread(during.roundTrips.map(([start, end]) => end - start)),
      roundTripLegs: legs(during.roundTrips, duringDispatch),
      idleRoundTrip: spread(idle.roundTrips.map(([start, end]) => end - start)),
      pageLongTasks: tasks(during.longTasks.map(([, ms]) => ms)),
      slowCalls: slowCalls(during.roundTrips, during.longTasks, mainHeld),
      pageLongFrames: {
        ...tasks(during.frames.map((f) => f.ms)),
        scriptMs: Math.round(during.frames.reduce((n, f) => n + f.scriptMs, 0)),
        styleAndLayoutMs: Math.round(during.frames.reduce((n, f) => n + f.layoutMs, 0)),
        scriptsBy: scriptsBy(during.frames.flatMap((f) => f.scripts)),
      },
      pageLoopLateness: spread(during.lateness),
      idlePageLoopLateness: spread(idle.lateness),
      pumpWaitMs: spread(pumped.waitMs),
      pumpDeliverMs: spread(pumped.deliverMs),
      dispatchMaxMs: Math.round(Math.max(0, ...duringDispatch.map((d) => d.ms)) * 10) / 10,
      mainLoopP99Ms: Math.round(loopDelay.percentile(99) / 1e5) / 10,
      mainLoopMaxMs: Math.round(loopDelay.max / 1e5) / 10,
      eventsSent: delivered,
      // Still queued for the page when the refresh finished: the harness delivers an event per CDP call.
      eventsUndelivered: undelivered,
      ...(pageProfile ? { pageProfile: { file: profileFile, ...pageProfile } } : {}),
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    for (const fn of cleanups.reverse()) await fn().catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:ipc: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
