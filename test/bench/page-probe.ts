/**
 * What bench:ipc measures in the page and how it sums it (ipc-bench.ts's header describes each
 * figure): the page's probes (app:info round trips, long tasks, long animation frames, a 10 ms timer's
 * lateness) and the sums over them, the round trip's legs and which slow calls met a held thread.
 */
import type { Held } from './long-tasks';

/** The round trip the window must stay under at p99. */
export const SLOW_MS = 30;

export function spread(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? null;
  const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
  return { count: sorted.length, p50Ms: round(at(0.5)), p99Ms: round(at(0.99)), maxMs: round(sorted.at(-1) ?? null) };
}

/**
 * Starts the page's probes: app:info every `everyMs`, each call's round trip kept in the page; the
 * page's long tasks (PerformanceObserver 'longtask'); and a timer every 10 ms noting how late it fired.
 */
export const startProbe = (everyMs: number) => {
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

export const stopProbe = () => {
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

export type Probed = ReturnType<typeof stopProbe>;

/**
 * The round trips split where they were spent: from the page's call to the test process, inside it
 * (dispatch), and back to the page. The page's calls and the dispatches are matched in order.
 */
export function legs(calls: [number, number][], dispatched: { at: number; ms: number }[]) {
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

/**
 * The calls over SLOW_MS, and how many of them were under way while the page ran a long task, while
 * the main process's event loop was held, and while the harness's own process (its transport) was.
 */
export function slowCalls(
  calls: [number, number][],
  longTasks: [number, number][],
  mainHeld: [number, number][],
  harnessHeld: [number, number][],
) {
  const slow = calls.filter(([start, end]) => end - start > SLOW_MS);
  const during = (spans: [number, number][]) =>
    slow.filter(([start, end]) => spans.some(([at, ms]) => at < end && at + ms > start)).length;
  return {
    overMs: SLOW_MS,
    count: slow.length,
    duringPageLongTask: during(longTasks),
    duringMainLoopHeld: during(mainHeld),
    duringHarnessLoopHeld: during(harnessHeld),
  };
}

/** The main thread's held spans (long-tasks.ts, monotonic microseconds) as [epoch ms, ms], the page's clock. */
export function heldOnEpoch(held: Held[]): [number, number][] {
  const epochMinusMonotonicMs =
    performance.timeOrigin + performance.now() - Number(process.hrtime.bigint() / 1000n) / 1000;
  return held.map(({ fromUs, toUs }) => [fromUs / 1000 + epochMinusMonotonicMs, (toUs - fromUs) / 1000]);
}

/** Milliseconds of the long frames' scripts by what ran them (invoker and function), the largest first. */
export function scriptsBy(scripts: [string, number][], limit = 8) {
  const by = new Map<string, number>();
  for (const [name, ms] of scripts) by.set(name, (by.get(name) ?? 0) + ms);
  return Object.fromEntries(
    [...by]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, ms]) => [name, Math.round(ms)]),
  );
}

export const tasks = (durations: number[]) => ({
  count: durations.length,
  totalMs: Math.round(durations.reduce((a, b) => a + b, 0)),
  maxMs: Math.round(Math.max(0, ...durations)),
});
