/**
 * The command line as a user runs it: a separate node process with the emulator's AWS files in its
 * environment and its own settings folder; or, where only parsing and printing are tested, runCli in
 * this process with the output collected.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { CliIo } from '../../main/cli/command';
import { runCli } from '../../main/cli/main';
import { openSettings } from '../../main/core/storage/settings';
import { DEMO_SCENARIO_PATH, type RunningEmulator, startEmulator } from '../emulator/index';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliFixture {
  emulator: RunningEmulator;
  /** The temp folder holding the AWS files and the settings folder. */
  dir: string;
  env: NodeJS.ProcessEnv;
  cli(...args: string[]): Promise<CliResult>;
  close(): Promise<void>;
}

export async function startCliFixture(prefix: string, options: { everyService?: boolean } = {}): Promise<CliFixture> {
  const emulator = await startEmulator({ scenario: DEMO_SCENARIO_PATH, port: 0 });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  const aws = await emulator.writeAwsDir(dir);
  const env: NodeJS.ProcessEnv = { ...aws.env, PATH: process.env.PATH, SHI_SETTINGS_DIR: path.join(dir, 'settings') };
  // The commands read us-east-1 and each profile's own region, and Security Hub CSPM, as the tests
  // were written for (a new install reads every region and every service: test/cli/config.test.ts
  // checks those defaults; `everyService` keeps the second). The demo's administrator is trusted, as
  // a user who expects its invitations has it (the trust tests start from their own list).
  openSettings({ cwd: env.SHI_SETTINGS_DIR as string }).update({
    defaultRegionMode: 'list',
    ...(options.everyService ? {} : { serviceMode: 'list', services: ['securityhub'] }),
    trustedAdministrators: [
      { accountId: '111111111111', service: '*', origin: 'you', since: '2026-01-01T00:00:00.000Z' },
    ],
  });
  return {
    emulator,
    dir,
    env,
    async cli(...args) {
      try {
        const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'main/cli/main.ts', ...args], {
          cwd: ROOT,
          env,
          timeout: 60_000,
        });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const e = error as { code?: number; stdout?: string; stderr?: string };
        return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
      }
    },
    async close() {
      await emulator.stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** runCli in this process, with stdout and stderr collected (no terminal: nothing can be asked). */
export async function runCliInProcess(argv: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env,
    cwd,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
