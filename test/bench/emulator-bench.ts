/**
 * npm run bench:emulator [-- --requests 5000 --concurrency 32]
 *
 * How many signed SDK requests per second the emulator serves with faults off. The emulator runs
 * as its own process (its CLI), the client as another, so neither's CPU is counted for the other.
 * Prints one JSON line.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

const root = join(__dirname, '..', '..');

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); null elsewhere. */
function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

function waitForLine(child: ChildProcess, match: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for the emulator')), timeoutMs);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (match.test(line)) {
        clearTimeout(timer);
        resolve(line);
      }
    });
    child.once('exit', (code) => reject(new Error(`process exited early with ${code}`)));
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { requests: { type: 'string', default: '5000' }, concurrency: { type: 'string', default: '32' } },
  });
  const requests = Number(values.requests);
  const concurrency = Number(values.concurrency);
  const emulator = spawn(process.execPath, ['--import', 'tsx', 'test/emulator/cli.ts', '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const line = await waitForLine(emulator, /^emulator listening on /, 30_000);
    const url = line.split(' ').pop()!;
    const demo = JSON.parse(readFileSync(join(root, 'test/emulator/scenarios/demo.json'), 'utf8')) as {
      principals: { accessKeyId: string; secretAccessKey: string }[];
    };
    // The first three demo keys: three accounts, as an app refreshing several profiles would call.
    const keys = demo.principals
      .slice(0, 3)
      .map((p) => ({ accessKeyId: p.accessKeyId, secretAccessKey: p.secretAccessKey }));
    const cpuBefore = cpuMs(emulator.pid);
    const client = spawn(process.execPath, ['--import', 'tsx', 'test/bench/emulator-bench-client.ts'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        BENCH_URL: url,
        BENCH_KEYS: JSON.stringify(keys),
        BENCH_REQUESTS: String(requests),
        BENCH_CONCURRENCY: String(concurrency),
      },
    });
    const result = JSON.parse(await waitForLine(client, /^\{/, 300_000)) as {
      requests: number;
      errors: number;
      ms: number;
    };
    const cpuAfter = cpuMs(emulator.pid);
    const perSecond = Math.round((result.requests / result.ms) * 1000);
    // Includes the client's warm-up calls: a slight overestimate of the emulator's cost per request.
    const emulatorCpuMsPerRequest =
      cpuBefore === null || cpuAfter === null ? null : Number(((cpuAfter - cpuBefore) / result.requests).toFixed(3));
    process.stdout.write(
      `${JSON.stringify({ benchmark: 'emulator', operation: 'GetAdministratorAccount', requests: result.requests, concurrency, errors: result.errors, ms: result.ms, requestsPerSecond: perSecond, emulatorCpuMsPerRequest })}\n`,
    );
  } finally {
    emulator.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
