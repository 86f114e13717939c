/**
 * `npm run demo`: the app against the bundled AWS emulator, with no AWS account and without touching
 * the user's own files. Starts the emulator in this process with the demo scenario, writes an AWS
 * folder (config, credentials, SSO cache) and a separate settings folder into a fresh temp folder,
 * then starts Electron pointed at them. Where Electron cannot start, the emulator stays up for the
 * command line until SIGINT/SIGTERM.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSettings } from '../main/core/storage/settings';
import { DEMO_SCENARIO_PATH, startEmulator } from '../test/emulator/index';

const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const DEMO_REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'af-south-1'];
/** An Electron that dies this soon with an error never started (no display, missing libraries). */
const STARTUP_GRACE_MS = 10_000;

/** Variables of the user's own AWS setup that must not leak into the demo. */
const AWS_VARIABLES_TO_DROP = /^AWS_/;

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * The Electron binary. Through the launcher (`npm run demo`) it is already known: ELECTRON_EXEC_PATH,
 * or SHI_DEMO_NO_ELECTRON when its download failed (the launcher has printed why). Run directly, it is
 * resolved through the `electron` package in a child process: the package may try to download the
 * binary on first use and print progress, which must not mix with the demo's output.
 */
function resolveElectron(): { path: string | null; reason: string } {
  if (process.env.SHI_DEMO_NO_ELECTRON) return { path: null, reason: 'its binary could not be downloaded' };
  const known = process.env.ELECTRON_EXEC_PATH;
  if (known) return existsSync(known) ? { path: known, reason: '' } : { path: null, reason: `${known} is missing` };
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(String(require('electron')))"], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (probe.status !== 0 || !probe.stdout) {
    return { path: null, reason: 'its binary was never downloaded' };
  }
  if (!existsSync(probe.stdout)) return { path: null, reason: `its binary is missing from ${probe.stdout}` };
  return { path: probe.stdout, reason: '' };
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ scenario: DEMO_SCENARIO_PATH, port: Number(process.env.SHI_DEMO_PORT ?? 0) });
  const tmp = await mkdtemp(path.join(tmpdir(), 'shi-demo-'));
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await emulator.stop().catch(() => undefined);
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    process.exit(code);
  };

  try {
    const aws = await emulator.writeAwsDir(path.join(tmp, 'aws'));
    const settingsDir = path.join(tmp, 'settings');
    await mkdir(settingsDir, { recursive: true });
    // The demo's regions as a list: the emulator's scenario holds only these.
    openSettings({ cwd: settingsDir }).update({ defaultRegionMode: 'list', defaultRegions: DEMO_REGIONS });

    const demoEnv = {
      HOME: aws.env.HOME,
      AWS_CONFIG_FILE: aws.env.AWS_CONFIG_FILE,
      AWS_SHARED_CREDENTIALS_FILE: aws.env.AWS_SHARED_CREDENTIALS_FILE,
      SHI_USER_DATA: settingsDir,
      SHI_DEMO: '1',
    };
    // The command line takes its settings folder from SHI_SETTINGS_DIR (the app from SHI_USER_DATA).
    const cliEnv = {
      HOME: demoEnv.HOME,
      AWS_CONFIG_FILE: demoEnv.AWS_CONFIG_FILE,
      AWS_SHARED_CREDENTIALS_FILE: demoEnv.AWS_SHARED_CREDENTIALS_FILE,
      SHI_SETTINGS_DIR: settingsDir,
    };
    const childEnv: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (!AWS_VARIABLES_TO_DROP.test(key)) childEnv[key] = value;
    }
    Object.assign(childEnv, demoEnv);

    const keepEmulatorForCli = (reason: string) => {
      console.log(
        `Electron cannot start on this machine because ${reason}, so the demo keeps the AWS emulator running for the command line instead.`,
      );
      console.log(`Emulator: ${emulator.url}`);
      console.log('In another shell, in this repository:');
      for (const [key, value] of Object.entries(cliEnv)) console.log(`export ${key}=${shellQuote(value)}`);
      console.log('npm run -s cli -- status --all');
      console.log('Press Ctrl+C here to stop the emulator and remove the demo files.');
    };

    process.on('SIGINT', () => void stop(0));
    process.on('SIGTERM', () => void stop(0));

    const electron = resolveElectron();
    if (!electron.path) {
      keepEmulatorForCli(electron.reason);
      return;
    }

    const started = Date.now();
    const child: ChildProcess = spawn(electron.path, [REPO_ROOT], { cwd: REPO_ROOT, env: childEnv, stdio: 'inherit' });
    console.log(`Demo running against the emulator at ${emulator.url}; close the window to stop.`);
    let childGone = false;
    // While Electron runs, a signal stops Electron first; its exit then stops the emulator.
    const forward = (signal: NodeJS.Signals) => (childGone ? void stop(0) : child.kill(signal));
    process.removeAllListeners('SIGINT').removeAllListeners('SIGTERM');
    process.on('SIGINT', () => forward('SIGINT'));
    process.on('SIGTERM', () => forward('SIGTERM'));
    const fallBack = (reason: string) => {
      if (childGone) return;
      childGone = true;
      keepEmulatorForCli(reason);
    };
    child.on('error', (error) => fallBack(`it failed to launch: ${error.message}`));
    child.on('exit', (code, signal) => {
      if (childGone) return;
      if (!stopping && signal === null && code !== 0 && Date.now() - started < STARTUP_GRACE_MS) {
        fallBack(`it exited with code ${code} while starting`);
        return;
      }
      childGone = true;
      void stop(code === 0 || signal !== null ? 0 : (code ?? 1));
    });
  } catch (error) {
    console.error(`The demo could not start: ${error instanceof Error ? error.message : String(error)}`);
    await stop(1);
  }
}

void main();
