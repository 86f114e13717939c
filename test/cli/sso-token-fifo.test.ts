/**
 * `status` with a FIFO where an SSO token should be, as a user runs it: the command ends on its own,
 * in bounded time, with the row's error naming the file. Before, the SDK's read of the token blocked
 * one of Node's file threads for good and the command never ended, not even on SIGTERM.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSettings } from '../../main/core/storage/settings';
import { type CliFixture, startCliFixture } from '../helpers/cli-process';
import { runProcess } from '../helpers/run-process';

const ROOT = path.resolve(__dirname, '../..');
let fixture: CliFixture;
let fifo: string;

beforeAll(async () => {
  fixture = await startCliFixture('shi-cli-fifo-');
  fifo = path.join(
    fixture.env.HOME as string,
    '.aws',
    'sso',
    'cache',
    `${createHash('sha1').update('demo').digest('hex')}.json`,
  );
  rmSync(fifo);
  execFileSync('mkfifo', [fifo]);
  openSettings({ cwd: fixture.env.SHI_SETTINGS_DIR as string }).update({ credentialTimeoutSeconds: 5 });
});
afterAll(() => fixture?.close());

describe.skipIf(process.platform === 'win32')('status with a FIFO at the SSO token path', () => {
  it('ends by itself with the row error naming the file', async () => {
    const started = Date.now();
    const result = await runProcess(
      process.execPath,
      ['--import', 'tsx', 'main/cli/main.ts', 'status', '--profile', 'sso-dev', '--region', 'us-east-1', '--json'],
      // SIGKILL: the command before the fix ignored SIGTERM while a file thread was blocked.
      { cwd: ROOT, env: fixture.env, limitMs: 40_000, killSignal: 'SIGKILL' },
    );
    console.log(`cli status with a FIFO token: ${Date.now() - started} ms, exit ${result.status}`);
    expect(result.status).toBe(1);
    const body = JSON.parse(result.stdout) as { rows: { profile: string; error: { message: string } | null }[] };
    const message = body.rows.find((r) => r.profile === 'sso-dev')?.error?.message ?? '';
    expect(message).toContain(fifo);
    expect(message).toMatch(/FIFO/);
  }, 60_000);
});
