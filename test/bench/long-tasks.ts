/**
 * The main thread's long tasks: spans in which a timer probing every PROBE_MS fired more than
 * LONG_TASK_MS late (so an IPC reply or a window event would have waited that long), each named from
 * a V8 CPU profile of the same thread by the project functions on the stacks of the samples taken in
 * it (inclusive share: a function and everything it called) and by where the time itself went (self
 * share), so a burst says what it was: the snapshot write, row validation, planning, events, a
 * garbage collection. (A run of busy samples alone is not a task: work let through to the event
 * loop with setImmediate leaves no idle sample between its slices, yet replies are answered.)
 *
 * The profile's times and process.hrtime are the same monotonic clock (microseconds here).
 */

/** Past this, a task delays every IPC reply and window event behind it noticeably. */
export const LONG_TASK_MS = 20;

/** The parts of a V8 CPU profile (Profiler.stop's `profile`) read here. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface LongTask {
  /** From the start of the profile. */
  startMs: number;
  ms: number;
  /** Profile samples in the span (a few: the thread was not running, another process had the core). */
  samples: number;
  /** This thread's CPU time in the span (Held.cpuUs): the rest of `ms` it waited for a core. */
  cpuMs: number | null;
  /** Project functions by the share of the task's samples they were on the stack of, largest first ("fn file 97%"). */
  inProject: string[];
  /** Functions by the share of samples they were running themselves, largest first. */
  self: string[];
}

/** How often the probe asks to run. */
export const PROBE_MS = 5;

/** A span the event loop was held, in microseconds of the monotonic clock (process.hrtime). */
export interface Held {
  fromUs: number;
  toUs: number;
  /**
   * CPU time this thread used in the span (process.threadCpuUsage; null where Node lacks it). Far
   * less than the span: the thread was ready but waited for a core (other threads and processes had
   * them), which a machine with cores to spare does not make it do.
   */
  cpuUs: number | null;
}

/**
 * Starts the probe: a timer every PROBE_MS that notes each span it fired more than `thresholdMs`
 * late. `stop()` ends it and gives the spans.
 */
export function probeHeldLoop(thresholdMs = LONG_TASK_MS): { stop(): Held[] } {
  const held: Held[] = [];
  const nowUs = () => Number(process.hrtime.bigint() / 1000n);
  const threadCpuUs = () => {
    // Node 22.19 and later; the @types/node in use predates it.
    const used = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage?.();
    return used ? used.user + used.system : null;
  };
  let due = nowUs() + PROBE_MS * 1000;
  let cpuBefore = threadCpuUs();
  const timer = setInterval(() => {
    const now = nowUs();
    const cpu = threadCpuUs();
    if (now - due > thresholdMs * 1000) {
      held.push({ fromUs: due, toUs: now, cpuUs: cpu !== null && cpuBefore !== null ? cpu - cpuBefore : null });
    }
    due = now + PROBE_MS * 1000;
    cpuBefore = cpu;
  }, PROBE_MS);
  return {
    stop() {
      clearInterval(timer);
      return held;
    },
  };
}

/** A project file: the app's own code (main/, contract/), not node_modules nor Node's internals. */
const isProject = (url: string) => /\/(main|contract)\//.test(url) && !url.includes('node_modules');

function frameName(frame: { functionName: string; url: string; lineNumber: number }): string {
  const file = frame.url.replace(/^.*\/(main|contract|node_modules)\//, '$1/');
  // A project file runs as transpiled text whose line numbers are not the source's: the file names it.
  const where = !file ? '' : isProject(frame.url) ? ` ${file}` : ` ${file}:${frame.lineNumber + 1}`;
  return `${frame.functionName || '(anonymous)'}${where}`;
}

/** The held spans, longest first (at most `limit`), each named from the profile's samples in it. */
export function longTasks(profile: CpuProfile, held: Held[], limit = 10): LongTask[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Each sample's time: the profile's deltas are in microseconds, the first from startTime.
  const times: number[] = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas) {
    t += d;
    times.push(t);
  }
  const firstAtOrAfter = (us: number) => {
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((times[mid] as number) < us) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const long = [...held]
    .sort((a, b) => b.toUs - b.fromUs - (a.toUs - a.fromUs))
    .slice(0, limit)
    .map(({ fromUs, toUs, cpuUs }) => ({
      from: firstAtOrAfter(fromUs),
      to: firstAtOrAfter(toUs),
      startUs: fromUs,
      ms: (toUs - fromUs) / 1000,
      cpuUs,
    }));
  return long.map(({ from, to, startUs, ms, cpuUs }) => {
    const inclusive = new Map<string, number>();
    const self = new Map<string, number>();
    for (let i = from; i < to; i++) {
      const leaf = byId.get(profile.samples[i]!)!;
      const selfName = frameName(leaf.callFrame);
      self.set(selfName, (self.get(selfName) ?? 0) + 1);
      const seen = new Set<string>();
      for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
        const frame = byId.get(id)!.callFrame;
        if (!isProject(frame.url)) continue;
        const name = frameName(frame);
        if (seen.has(name)) continue;
        seen.add(name);
        inclusive.set(name, (inclusive.get(name) ?? 0) + 1);
      }
    }
    const n = Math.max(1, to - from);
    const top = (m: Map<string, number>, k: number) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, k)
        .map(([fn, count]) => `${fn} ${Math.round((count / n) * 100)}%`);
    return {
      startMs: Math.round((startUs - profile.startTime) / 100) / 10,
      samples: to - from,
      ms: Math.round(ms * 10) / 10,
      cpuMs: cpuUs === null ? null : Math.round(cpuUs / 100) / 10,
      inProject: top(inclusive, 6),
      self: top(self, 4),
    };
  });
}
