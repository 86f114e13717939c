import { execFileSync } from 'node:child_process';
import v8 from 'node:v8';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HEAP_GROWING_PERCENT, limitHeapGrowth } from '../../main/core/heap-growth';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('limitHeapGrowth', () => {
  it('sets the V8 flag that caps heap growth at 2× the live size', () => {
    const set = vi.spyOn(v8, 'setFlagsFromString');
    limitHeapGrowth();
    expect(set).toHaveBeenCalledWith('--heap-growing-percent=100');
    expect(HEAP_GROWING_PERCENT).toBe(100);
  });

  it('is a flag this V8 knows (an unknown one would only print an error and change nothing)', () => {
    // node --v8-options lists every flag of the engine running the tests.
    const options = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' });
    expect(options).toMatch(/--heap-growing-percent\b/);
  });
});
