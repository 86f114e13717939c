/**
 * Summing the page's CPU profile: frames of the renderer bundle are placed in their source files by
 * the module markers of an unminified build, idle samples are left out, native work is counted, and
 * a project function's inclusive time holds what it called.
 */
import { describe, expect, it } from 'vitest';
import type { CpuProfile } from './long-tasks';
import { moduleIndex, summariseProfile } from './page-profile';

const BUNDLE_URL = 'http://127.0.0.1:1234/assets/index-abc.js';

const BUNDLE = [
  '// node_modules/react-dom/cjs/react-dom-client.production.js',
  'function performWork() {}',
  '// renderer/src/pages/overview/items.ts',
  'function toItem() {}',
  'function items() {}',
].join('\n');

const frame = (functionName: string, url: string, lineNumber: number) => ({ functionName, url, lineNumber });

/** root → items → toItem; root → performWork; root → (program); root → (idle). */
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)', '', -1), children: [2, 4, 5, 6] },
    { id: 2, callFrame: frame('items', BUNDLE_URL, 4), children: [3] },
    { id: 3, callFrame: frame('toItem', BUNDLE_URL, 3) },
    { id: 4, callFrame: frame('performWork', BUNDLE_URL, 1) },
    { id: 5, callFrame: frame('(program)', '', -1) },
    { id: 6, callFrame: frame('(idle)', '', -1) },
  ],
  startTime: 0,
  endTime: 100_000,
  // One sample a millisecond (each counted until the next): 10 in toItem, 5 in items itself,
  // 20 in React, 7 native, then idle.
  samples: [...Array(10).fill(3), ...Array(5).fill(2), ...Array(20).fill(4), ...Array(7).fill(5), ...Array(58).fill(6)],
  timeDeltas: Array(100).fill(1000),
};

describe('the page profile', () => {
  it('places bundle lines in their modules, a package by its name', () => {
    const index = moduleIndex(BUNDLE);
    expect(index).toEqual({
      lines: [0, 2],
      files: ['node_modules/react-dom', 'renderer/src/pages/overview/items.ts'],
    });
  });

  it('sums self time by file and function and inclusive time by project function, idle left out', () => {
    const summary = summariseProfile(profile, BUNDLE_URL, moduleIndex(BUNDLE));
    expect(summary.busyMs).toBe(42);
    expect(summary.selfByFile).toEqual({
      'node_modules/react-dom': 20,
      'renderer/src/pages/overview/items.ts': 15,
      '(native)': 7,
    });
    expect(summary.selfByFunction).toMatchObject({
      'performWork node_modules/react-dom': 20,
      'toItem renderer/src/pages/overview/items.ts': 10,
      'items renderer/src/pages/overview/items.ts': 5,
    });
    expect(summary.inclusiveByProjectFunction).toEqual({
      'items renderer/src/pages/overview/items.ts': 15,
      'toItem renderer/src/pages/overview/items.ts': 10,
    });
  });

  it('names every frame "bundle" in a minified build, which has no module markers', () => {
    const summary = summariseProfile(profile, BUNDLE_URL, moduleIndex('function a(){}function b(){}'));
    expect(summary.selfByFile).toEqual({ bundle: 35, '(native)': 7 });
    expect(summary.inclusiveByProjectFunction).toEqual({});
  });
});
