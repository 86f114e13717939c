/**
 * The snapshot file written off the main thread keeps the store's guarantee: a process killed during
 * the save leaves the previous file whole under its name (the new text is only ever in a temp file).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replaceFileSync } from '../../../main/core/storage/atomic-file';
import { makeTempDir } from './helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = makeTempDir());
});
afterEach(() => cleanup());

describe('an asynchronous snapshot save killed before its rename', () => {
  it('leaves the previous file whole', async () => {
    const file = path.join(dir, 'snapshots.json');
    const previous = JSON.stringify({ version: 3, savedAt: '2026-11-25T10:00:00.000Z', memberLists: {}, rows: [] });
    replaceFileSync(file, previous);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'snapshot-kill-writer.ts'), file], {
      cwd: path.resolve(__dirname, '../../..'),
      stdio: 'ignore',
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, s) => resolve(s)));
    expect(signal).toBe('SIGKILL');
    expect(fs.readFileSync(file, 'utf8')).toBe(previous);
    // The killed save's text, complete and flushed, was never renamed over it.
    const temps = fs.readdirSync(dir).filter((name) => name.endsWith('.tmp'));
    expect(temps).toHaveLength(1);
    expect(fs.statSync(path.join(dir, temps[0] as string)).size).toBe(64 * 64 * 1024);
  }, 60_000);
});
