/**
 * A credential helper never outlives the process that started it: `status` is stopped by a real
 * signal (SIGINT as Ctrl-C sends it, SIGTERM, SIGHUP) while its helper sleeps, and the helper's whole
 * process group (the shell, the sleeping child it started) is gone afterwards. A process that exits
 * normally while a helper that ignores SIGTERM still runs, or fails with an uncaught error, ends the
 * group too.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSettings } from '../../main/core/storage/settings';
import { type CliFixture, startCliFixture } from '../helpers/cli-process';

const ROOT = path.resolve(__dirname, '../..');
let fixture: CliFixture;
let pidFile: string;

/** A helper script: records its shell's pid and its sleeping child's, then waits for the child. */
async function writeHelper(name: string, ignoreTerm: boolean): Promise<string> {
  const script = path.join(fixture.dir, `${name}.sh`);
  await writeFile(
    script,
    ['#!/bin/sh', ignoreTerm ? "trap '' TERM" : '', 'sleep 300 &', `echo "$$ $!" > "${pidFile}"`, 'wait', ''].join(
      '\n',
    ),
    { mode: 0o700 },
  );
  return script;
}

beforeAll(async () => {
  fixture = await startCliFixture('shi-cli-groups-');
  pidFile = path.join(fixture.dir, 'helper.pids');
  const sleeper = await writeHelper('sleeper', false);
  const stubborn = await writeHelper('stubborn', true);
  await appendFile(
    fixture.env.AWS_CONFIG_FILE as string,
    `\n[profile sleeper]\nregion = us-east-1\nendpoint_url = ${fixture.emulator.url}\ncredential_process = /bin/sh "${sleeper}"\n` +
      `\n[profile stubborn]\nregion = us-east-1\nendpoint_url = ${fixture.emulator.url}\ncredential_process = /bin/sh "${stubborn}"\n`,
  );
  openSettings({ cwd: fixture.env.SHI_SETTINGS_DIR as string }).update({ credentialTimeoutSeconds: 60 });
});
afterAll(() => fixture?.close());

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie waiting for its (gone) parent to reap it is not running.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function helperPids(): Promise<number[]> {
  for (let i = 0; i < 200 && !existsSync(pidFile); i++) await sleep(50);
  await sleep(100);
  const pids = (await readFile(pidFile, 'utf8')).trim().split(/\s+/).map(Number);
  expect(pids).toHaveLength(2);
  return pids;
}

async function gone(pids: number[]): Promise<boolean> {
  for (let i = 0; i < 60; i++) {
    if (pids.every((pid) => !alive(pid))) return true;
    await sleep(50);
  }
  return false;
}

function startCli(...args: string[]): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/main.ts', ...args], {
    cwd: ROOT,
    env: fixture.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.resume();
  child.stderr?.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited };
}

describe.skipIf(process.platform === 'win32')('credential helpers when the command ends', () => {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    it(`${signal} to the command line ends the helper's process group (exit ${code})`, async () => {
      await rm(pidFile, { force: true });
      const { child, exited } = startCli('status', '--profile', 'sleeper', '--region', 'us-east-1');
      const pids = await helperPids();
      expect(pids.every(alive)).toBe(true);
      child.kill(signal);
      expect(await exited).toBe(code);
      expect(await gone(pids)).toBe(true);
    }, 60_000);
  }

  for (const [how, helper, code] of [
    ['exit', 'stubborn', 0],
    ['throw', 'sleeper', 1],
  ] as const) {
    const what = how === 'exit' ? 'a normal exit' : 'an uncaught error';
    it(`${what} of the process that started the helper ends its group (${helper})`, async () => {
      await rm(pidFile, { force: true });
      const script = path.join(__dirname, 'helper-groups-crash.ts');
      const command = `/bin/sh "${path.join(fixture.dir, `${helper}.sh`)}"`;
      const child = spawn(process.execPath, ['--import', 'tsx', script, command, pidFile, how], {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr?.on('data', (c: Buffer) => {
        stderr += c.toString();
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (status) => resolve(status)));
      const pids = await helperPids();
      expect(await exited).toBe(code);
      if (how === 'throw') expect(stderr).toContain('deliberate failure');
      expect(await gone(pids)).toBe(true);
    }, 60_000);
  }
});
