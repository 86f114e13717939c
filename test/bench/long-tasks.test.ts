/**
 * Naming the main thread's held spans from a CPU profile: the samples inside a span are counted,
 * those outside are not, and a project function is named with its share of the span's samples.
 */
import { describe, expect, it } from 'vitest';
import { type CpuProfile, longTasks } from './long-tasks';

const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });

/** root → flush (snapshot-writer) → concat (node:buffer); root → receive (pool) → parse (zod); root → (idle). */
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)', ''), children: [2, 4, 6] },
    { id: 2, callFrame: frame('flush', 'file:///app/main/core/storage/snapshot-writer.ts'), children: [3] },
    { id: 3, callFrame: frame('concat', 'node:buffer') },
    { id: 4, callFrame: frame('receive', 'file:///app/main/core/workers/pool.ts'), children: [5] },
    { id: 5, callFrame: frame('parse', 'file:///app/node_modules/zod/v4/core/schemas.cjs') },
    { id: 6, callFrame: frame('(idle)', '') },
  ],
  startTime: 1_000_000,
  endTime: 1_100_000,
  // One sample a millisecond: 10 idle, 30 of flush (3 in flush itself), 10 idle, 25 of receive, 25 idle.
  samples: [
    ...Array(10).fill(6),
    ...Array(27).fill(3),
    ...Array(3).fill(2),
    ...Array(10).fill(6),
    ...Array(25).fill(5),
    ...Array(25).fill(6),
  ],
  timeDeltas: Array(100).fill(1000),
};

describe('long tasks', () => {
  it('names each held span by the project functions sampled in it, longest first', () => {
    const held = [
      { fromUs: 1_051_000, toUs: 1_076_000, cpuUs: null },
      { fromUs: 1_011_000, toUs: 1_041_000, cpuUs: 12_345 },
    ];
    const [first, second, ...rest] = longTasks(profile, held);
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ startMs: 11, ms: 30, samples: 30, cpuMs: 12.3 });
    expect(first?.inProject).toEqual(['flush main/core/storage/snapshot-writer.ts 100%']);
    expect(first?.self).toEqual(['concat node:buffer:1 90%', 'flush main/core/storage/snapshot-writer.ts 10%']);
    expect(second).toMatchObject({ startMs: 51, ms: 25, samples: 25, cpuMs: null });
    expect(second?.inProject).toEqual(['receive main/core/workers/pool.ts 100%']);
    expect(second?.self).toEqual(['parse node_modules/zod/v4/core/schemas.cjs:1 100%']);
  });

  it('keeps only the longest spans asked for', () => {
    const held = [1, 2, 3].map((i) => ({ fromUs: 1_000_000 + i * 1000, toUs: 1_000_000 + i * 2000, cpuUs: null }));
    expect(longTasks(profile, held, 2).map((t) => t.ms)).toEqual([3, 2]);
  });
});
