/**
 * IPC round trip while a large refresh runs, in the browser harness (DESIGN.md §4 item 4): the built
 * renderer in Chromium, the built preload with the harness's stand-in transport, the real dispatch
 * (main/shell/bind-ipc.ts) and backend, the emulator in its own process (as in refresh-bench.ts: its
 * CPU is not the backend's). The dispatch and backend run in a process of their own
 * (main-process.ts), as Electron's main process is: this process runs the harness's transport
 * (Playwright's binding, CDP, the event pump) and carries calls and events to and from it over Node's
 * IPC channel, so the transport's work is not counted as the main process's. The page asks `app:info`
 * every 50 ms from the moment it starts the refresh until the refresh has finished, and the times from
 * the call to its answer, measured in the page with performance.now(), are printed as one JSON object.
 * Before it, the same for 5 s with nothing running: what the harness's own transport costs (a
 * Playwright binding and CDP, heavier than Electron's).
 *
 *   npm run bench:ipc -- [--profiles 1000 --accounts 250 --regions 17 --admin-members 1000]
 *                        [--latency-ms 50] [--concurrency 64] [--workers W] [--services securityhub]
 *                        [--cpu-profile] [--no-events]
 *
 * The defaults are refresh-bench.ts's --large run for Security Hub CSPM: 17,000 rows, throttling on
 * and 2% of requests answered 429 besides.
 *
 * roundTrip       during the refresh: count, p50Ms, p99Ms, maxMs of the page's app:info calls
 * roundTripLegs   the same calls split where the time went (each count, p50Ms, p99Ms, maxMs): toMainMs from the
 *                 page's call to the main process's dispatch (the page's thread, CDP, this process, the main
 *                 process's loop), inMainMs the dispatch, backToPageMs from the answer to the page's promise
 *                 (this process, CDP — behind the events it is delivering — the page's thread). The
 *                 processes share the epoch clock
 * idleRoundTrip   the same with nothing running (before the refresh); the window starts its own first
 *                 refresh when it opens, so "nothing running" holds only until that has begun
 * pageLongTasks   during the refresh, the page's long tasks as Chromium reports them (PerformanceObserver
 *                 'longtask': tasks over 50 ms): count, totalMs, maxMs. A call that comes in meanwhile waits
 *                 for the task to end, in Electron as here
 * slowCalls       during the refresh, the calls whose round trip took over 30 ms (count), how many of those
 *                 were under way while the page ran a long task (duringPageLongTask), while the main
 *                 process's event loop was held over 20 ms (duringMainLoopHeld, long-tasks.ts's probe), and
 *                 while this process's (the harness's transport) was (duringHarnessLoopHeld)
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
 *                 the main process's event-loop delay during the refresh (its main thread: the backend's,
 *                 with nothing of the harness on it)
 * --no-events     the page gets no events (the window shows no rows): the transport carries the calls
 *                 alone, so the round trip's difference from a run with events is what delivering the
 *                 refresh's events over the same transport costs the calls
 * eventsUndelivered
 *                 events still queued for the page when the refresh finished (the harness delivers
 *                 each with one CDP call, far slower than Electron's webContents.send)
 * refreshMs, rows, failedRows, eventsSent: the refresh the calls waited beside
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { type AppEvent, EVENT_CHANNEL } from '../../contract/api';
import { isServiceId } from '../../main/core/services/registry';
import { openSettings } from '../../main/core/storage/settings';
import { defaultWorkerCount } from '../../main/core/workers/open-workers';
import type { Dispatch } from '../../main/shell/bind-ipc';
import { ensureBuilt, PRELOAD_BUNDLE, RENDERER_DIR } from '../e2e/build';
import { CHROMIUM_ARGS, requireChromium } from '../e2e/chromium';
import { createEventPump, installBridge } from '../e2e/preload-bridge';
import { startStaticServer } from '../e2e/static-server';
import { startBenchEmulator } from './emulator-process';
import { type CpuProfile, probeHeldLoop } from './long-tasks';
import { startMainProcess } from './main-process-client';
import {
  heldOnEpoch,
  legs,
  type Probed,
  scriptsBy,
  slowCalls,
  spread,
  startProbe,
  stopProbe,
  tasks,
} from './page-probe';
import { moduleIndex, startPageProfile, summariseProfile } from './page-profile';

const PROBE_EVERY_MS = 50;
const IDLE_PROBE_MS = 5_000;
/** As refresh-bench.ts --large: 2% of requests answered 429 besides the throttling buckets. */
const LARGE_THROTTLE_RATE = 0.02;

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
      'no-events': { type: 'boolean', default: false },
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
    noEvents: values['no-events'] === true,
  };
}

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
    const { emulator, scenario } = await startBenchEmulator(
      { ...o, throttling: true, throttleRate: LARGE_THROTTLE_RATE },
      dir,
    );
    cleanups.push(async () => emulator.child.kill('SIGTERM'));

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

    const server = await startStaticServer(RENDERER_DIR);
    cleanups.push(() => server.close());
    let pump: ReturnType<typeof createEventPump> | null = null;
    let finished: (event: Extract<AppEvent, { type: 'refresh-finished' }>) => void = () => {};
    const refreshFinished = new Promise<Extract<AppEvent, { type: 'refresh-finished' }>>((resolve) => {
      finished = resolve;
    });
    let delivered = 0;
    let eventsPumped = 0;
    const main = await startMainProcess(
      {
        type: 'start',
        env: { ...emulator.env, PATH: process.env.PATH ?? '', AWS_EC2_METADATA_DISABLED: 'true' },
        settingsDir,
        origin: server.url,
        workers: o.workers,
      },
      (event) => {
        if (event.type === 'refresh-finished' && event.total > 1) finished(event);
        // --no-events: the transport carries the calls only (what its event deliveries cost the calls).
        if (o.noEvents) return;
        delivered += 1;
        pump?.send(event);
        void pump?.idle().then(() => {
          eventsPumped += 1;
        });
      },
    );
    cleanups.push(() => main.stop());
    const dispatchMs: { at: number; ms: number }[] = [];
    const dispatch: Dispatch = async (event, channel, payload) => {
      const answer = await main.call(event, channel, payload);
      if (channel === 'app:info') dispatchMs.push({ at: answer.at, ms: answer.ms });
      return answer.result as Awaited<ReturnType<Dispatch>>;
    };
    const context = await chromium.launchPersistentContext(path.join(dir, 'chromium'), {
      executablePath,
      args: CHROMIUM_ARGS,
      viewport: { width: 1440, height: 900 },
    });
    cleanups.push(() => context.close());
    await installBridge(context, { dispatch, preloadPath: PRELOAD_BUNDLE });
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
    main.post({ type: 'measure-start' });
    const harnessProbe = probeHeldLoop();
    const t0 = performance.now();
    await page.evaluate(() =>
      (window as unknown as { api: { startRefresh(r: unknown): Promise<unknown> } }).api.startRefresh({
        scope: { kind: 'all' },
      }),
    );
    const summary = await refreshFinished;
    const refreshMs = performance.now() - t0;
    const measured = await main.measured();
    const harnessHeld = heldOnEpoch(harnessProbe.stop());
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
      slowCalls: slowCalls(during.roundTrips, during.longTasks, measured.held, harnessHeld),
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
      mainLoopP99Ms: measured.mainLoopP99Ms,
      mainLoopMaxMs: measured.mainLoopMaxMs,
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
