/**
 * Where a worker thread's code is found: the bundle beside the built main process — from out/main or
 * from one of its shared chunks, also when out/ sits inside an archive folder named app.asar, as in
 * the packaged app — else the TypeScript source, run through tsx.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WORKER_BUNDLE, workerFile } from '../../../main/core/workers/worker-file';

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

describe('the worker thread’s file', () => {
  it('is the bundle beside the built main process, seen from a chunk or from out/main', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'shi-worker-file-'));
    const main = path.join(dir, 'resources', 'app.asar', 'out', 'main');
    mkdirSync(path.join(main, 'chunks'), { recursive: true });
    writeFileSync(path.join(main, WORKER_BUNDLE), '');
    expect(workerFile(path.join(main, 'chunks'))).toEqual({
      file: path.join(main, WORKER_BUNDLE),
      execArgv: undefined,
    });
    expect(workerFile(main)).toEqual({ file: path.join(main, WORKER_BUNDLE), execArgv: undefined });
  });

  it('is the TypeScript source through tsx without a build', () => {
    const here = path.resolve(__dirname, '../../../main/core/workers');
    expect(workerFile(here)).toEqual({ file: path.join(here, 'worker-entry.ts'), execArgv: ['--import', 'tsx'] });
  });
});
