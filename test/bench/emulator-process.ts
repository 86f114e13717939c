/**
 * The emulator in its own process, for the benchmark and the soak run: its CPU and memory are then
 * not ours, so what they measure is the backend alone. It is driven through its control API.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

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

/** One call of the emulator's control API (test/emulator/control.ts). */
export async function control(url: string, method: 'GET' | 'DELETE' | 'POST', what: string, body?: unknown) {
  const res = await fetch(`${url}/__emulator/${what}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  if (!res.ok) throw new Error(`emulator ${method} ${what}: ${res.status} ${await res.text()}`);
  return (await res.json()) as unknown;
}
