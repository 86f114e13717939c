/**
 * Where the page's own thread went during a run: a Chromium CPU profile (CDP Profiler) summed by
 * self time per function and per source file, and by inclusive time per project function (the
 * window's code in renderer/, main/domain/, contract/: a function and everything it called).
 *
 * The renderer bundle is one file; its functions are placed in their source files by the module
 * markers (`// renderer/src/…`, `// node_modules/…`) an unminified build writes before each module
 * (`SHI_NO_MINIFY=1 npm run build`). In a minified build there are none and every frame is "bundle".
 */
import type { CDPSession } from 'playwright-core';
import type { CpuProfile } from './long-tasks';

/** The first line of each module in the bundle, in order, with the module's path. */
export interface ModuleIndex {
  lines: number[];
  files: string[];
}

const MODULE_MARKER = /^\/\/ ((?:node_modules|renderer|main|contract)\/\S+)$/;

export function moduleIndex(bundleText: string): ModuleIndex {
  const index: ModuleIndex = { lines: [], files: [] };
  bundleText.split('\n').forEach((text, line) => {
    const found = MODULE_MARKER.exec(text);
    if (found?.[1]) {
      index.lines.push(line);
      index.files.push(found[1].replace(/^node_modules\/((?:@[^/]+\/)?[^/]+).*$/, 'node_modules/$1'));
    }
  });
  return index;
}

/** The module a bundle line (0-based) belongs to: the last marker at or before it. */
function fileAt(index: ModuleIndex, line: number): string {
  let lo = 0;
  let hi = index.lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((index.lines[mid] as number) <= line) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 'bundle' : (index.files[lo - 1] as string);
}

const isProjectFile = (file: string) => /^(renderer|main|contract)\//.test(file);

/** Starts sampling the page's thread every `intervalUs`; `stop()` gives the profile. */
export async function startPageProfile(session: CDPSession, intervalUs = 500) {
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await session.send('Profiler.start');
  return {
    async stop(): Promise<CpuProfile> {
      const { profile } = await session.send('Profiler.stop');
      await session.send('Profiler.disable');
      return profile as unknown as CpuProfile;
    },
  };
}

/** Milliseconds per name, largest first, the first `limit`. */
const top = (m: Map<string, number>, limit: number) =>
  Object.fromEntries(
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, us]) => [name, Math.round(us / 100) / 10]),
  );

/**
 * The profile summed: `busyMs` (samples not idle), self time by file and by function, inclusive
 * time by project function. Time per sample is its delta (V8's sampling is not exactly periodic).
 */
export function summariseProfile(profile: CpuProfile, bundleUrl: string, index: ModuleIndex, limit = 15) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const where = (frame: CpuProfile['nodes'][number]['callFrame']) =>
    frame.url === bundleUrl ? fileAt(index, frame.lineNumber) : frame.url ? 'other script' : '(native)';
  const selfByFile = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  const inclusiveByProjectFunction = new Map<string, number>();
  const add = (m: Map<string, number>, key: string, us: number) => m.set(key, (m.get(key) ?? 0) + us);
  let busyUs = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i + 1] ?? 0;
    const leaf = byId.get(id);
    // "(program)" is the page's native work (style, layout, paint, parsing): busy, not idle.
    if (!leaf || leaf.callFrame.functionName === '(idle)') return;
    busyUs += us;
    const file = where(leaf.callFrame);
    add(selfByFile, file, us);
    add(selfByFunction, `${leaf.callFrame.functionName || '(anonymous)'} ${file}`, us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame || frame.url !== bundleUrl) continue;
      const frameFile = fileAt(index, frame.lineNumber);
      if (!isProjectFile(frameFile)) continue;
      const name = `${frame.functionName || '(anonymous)'} ${frameFile}`;
      if (seen.has(name)) continue;
      seen.add(name);
      add(inclusiveByProjectFunction, name, us);
    }
  });
  return {
    busyMs: Math.round(busyUs / 1000),
    selfByFile: top(selfByFile, limit),
    selfByFunction: top(selfByFunction, limit),
    inclusiveByProjectFunction: top(inclusiveByProjectFunction, limit),
  };
}
