/**
 * The command line runs its AWS work in the same worker threads as the app (the `workers` setting):
 * the built command line starts the worker bundle beside it, and runs on the main thread with 0; on a
 * terminal the progress line counts every row once across two workers and is cleared before the
 * table. (Ctrl-C while a worker runs a credential helper: test/cli/helper-groups.test.ts.)
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSettings } from '../../main/core/storage/settings';
import { CLI_BUNDLE, ensureBuilt, REPO_ROOT } from '../e2e/build';
import { type CliFixture, type CliResult, startCliFixture } from '../helpers/cli-process';
import { runOnTerminal } from '../helpers/pty';

const run = promisify(execFile);
let fixture: CliFixture;
let copy = '';

beforeAll(async () => {
  if (!existsSync(CLI_BUNDLE)) ensureBuilt();
  fixture = await startCliFixture('shi-cli-workers-');
  // A copy of the built out/main, its packages reached through a link (Node looks upwards for them).
  copy = mkdtempSync(path.join(tmpdir(), 'shi-cli-built-'));
  cpSync(path.dirname(CLI_BUNDLE), path.join(copy, 'out', 'main'), { recursive: true });
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
}, 180_000);
afterAll(async () => {
  await fixture?.close();
  if (copy) rmSync(copy, { recursive: true, force: true });
});

const setWorkers = (workers: number | null) =>
  openSettings({ cwd: fixture.env.SHI_SETTINGS_DIR as string }).update({ workers });

async function builtCli(...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(copy, 'out', 'main', 'cli.js'), ...args], {
      env: fixture.env,
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

type Row = { profile: string; accountId: string | null; error: { kind: string } | null };
const adminRow = (result: CliResult) =>
  (JSON.parse(result.stdout) as { rows: Row[] }).rows.find((r) => r.profile === 'admin');
const STATUS = ['status', '--profile', 'admin', '--region', 'us-east-1', '--json'];

describe('the built command line', () => {
  it('reads through the worker bundle beside it, and on its own thread with workers 0', async () => {
    setWorkers(1);
    const inWorker = await builtCli(...STATUS);
    expect(inWorker.code, inWorker.stderr).toBe(0);
    expect(adminRow(inWorker)).toMatchObject({ accountId: '111111111111', error: null });

    // Without the bundle the worker cannot start: the row says so (the AWS work was to run there).
    rmSync(path.join(copy, 'out', 'main', 'aws-worker.js'));
    const noBundle = await builtCli(...STATUS);
    expect(noBundle.code).not.toBe(0);
    expect(adminRow(noBundle)?.error?.kind).toBe('internal');

    setWorkers(0);
    const here = await builtCli(...STATUS);
    expect(here.code, here.stderr).toBe(0);
    expect(adminRow(here)).toMatchObject({ accountId: '111111111111', error: null });
  }, 120_000);
});

describe.skipIf(process.platform === 'win32')('on a terminal with two workers', () => {
  it('counts every row once in the progress line and clears it before the table', async () => {
    setWorkers(2);
    const profiles = ['admin', 'member-pending', 'member-enabled', 'hub-off'];
    const argv = [process.execPath, '--import', 'tsx', 'main/cli/main.ts', 'status'];
    for (const profile of profiles) argv.push('--profile', profile);
    argv.push('--region', 'us-east-1', '--region', 'eu-west-1');
    const result = await runOnTerminal(argv, { cwd: REPO_ROOT, env: fixture.env });
    expect(result.code, result.output).toBe(0);
    const total = profiles.length * 2;
    const counts = [...result.output.matchAll(/Reading rows: (\d+)\/(\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    // The rows come in batches: the count only rises, never past the total, and ends at it.
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.every(([done = 0, of], i) => of === total && done > (counts[i - 1]?.[0] ?? 0))).toBe(true);
    expect(counts.at(-1)).toEqual([total, total]);
    expect(result.output).not.toMatch(/Reading rows: \d+\/\d+PROFILE/);
    expect(result.output).toMatch(/(^|[\r\n])PROFILE\s+REGION/);
  }, 60_000);
});
