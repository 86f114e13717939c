/**
 * `… | head -1`: the reader closes the pipe while the command still writes. The command ends quietly
 * with 141 (128 + SIGPIPE), as a Unix tool killed by SIGPIPE does — no stack trace on stderr.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliFixture, startCliFixture } from '../helpers/cli-process';

let fixture: CliFixture;
beforeAll(async () => {
  fixture = await startCliFixture('shi-cli-pipe-');
});
afterAll(() => fixture?.close());

describe('a closed pipe', () => {
  it('ends the command quietly', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/main.ts', 'profiles'], {
      cwd: path.resolve(__dirname, '../..'),
      env: fixture.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The reader is gone before the first line is written, as `head -0` would be.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(141);
  }, 60_000);
});
