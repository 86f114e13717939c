/**
 * The emulator in its own process, for the benchmark and the soak run: its CPU and memory are then
 * not ours, so what they measure is the backend alone. It is driven through its control API.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { type GeneratedScenario, generateScenario } from '../emulator/index';

const ROOT = path.resolve(__dirname, '../..');

export interface EmulatorProcess {
  child: ChildProcess;
  url: string;
  /** The AWS environment the emulator printed (config and credentials files, HOME). */
  env: Record<string, string>;
}

/** Starts the emulator CLI and reads its URL and the AWS environment from what it prints. */
export async function startEmulatorProcess(args: string[]): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/emulator/cli.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the emulator did not start: ${err}`)), 30_000);
    child.on('exit', (code) => reject(new Error(`the emulator exited (${code}): ${err}`)));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /emulator listening on (\S+)/.exec(out)?.[1];
      const env: Record<string, string> = {};
      for (const m of out.matchAll(/^export (\w+)=(.*)$/gm)) env[m[1]!] = m[2]!.replace(/^'(.*)'$/, '$1');
      if (url && env.AWS_CONFIG_FILE && env.AWS_SHARED_CREDENTIALS_FILE && env.HOME) {
        clearTimeout(timer);
        resolve({ child, url, env });
      }
    });
  });
}

/** What a benchmark's generated scenario holds, and how the emulator answers it. */
export interface BenchScenario {
  profiles: number;
  accounts: number;
  regions: number;
  adminMembers: number;
  /** The services read: any besides Security Hub CSPM turns the others on wherever it is. */
  services: readonly string[];
  latencyMs: number;
  throttling: boolean;
  throttleRate: number;
}

/**
 * Generates the scenario into `dir`, starts the emulator on it in its own process (its AWS files
 * under `dir/aws`) and points this process's HOME at them, as the SDK finds the SSO cache there.
 */
export async function startBenchEmulator(
  o: BenchScenario,
  dir: string,
  extraArgs: string[] = [],
): Promise<{ emulator: EmulatorProcess; scenario: GeneratedScenario }> {
  const scenario = generateScenario({
    profiles: o.profiles,
    accounts: o.accounts,
    regions: o.regions,
    ...(o.adminMembers ? { administratorMembers: o.adminMembers } : {}),
    // The other services on wherever Security Hub CSPM is, with its administrators' members mirrored.
    services: o.services.some((id) => id !== 'securityhub'),
  });
  const scenarioFile = path.join(dir, 'scenario.json');
  await fs.writeFile(scenarioFile, JSON.stringify(scenario));
  const emulator = await startEmulatorProcess([
    '--port',
    '0',
    '--aws-dir',
    path.join(dir, 'aws'),
    '--scenario',
    scenarioFile,
    '--latency-ms',
    String(o.latencyMs),
    ...(o.throttling ? ['--throttling'] : []),
    ...(o.throttleRate > 0 ? ['--throttle-rate', String(o.throttleRate)] : []),
    ...extraArgs,
  ]);
  process.env.HOME = emulator.env.HOME;
  return { emulator, scenario };
}

/** One call of the emulator's control API (test/emulator/control.ts). */
export async function control(url: string, method: 'GET' | 'DELETE' | 'POST', what: string, body?: unknown) {
  const res = await fetch(`${url}/__emulator/${what}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  if (!res.ok) throw new Error(`emulator ${method} ${what}: ${res.status} ${await res.text()}`);
  return (await res.json()) as unknown;
}
