/**
 * npm run emulator -- --port <port> --aws-dir <dir> [--scenario <file>] [--latency-ms <n>]
 *                     [--jitter-ms <n>] [--throttling] [--throttle-rate <0..1>] [--error-rate <0..1>] [--tls] [--log-cap <n>]
 *
 * Starts the emulator, writes the client files into <dir>, prints
 *   emulator listening on http://127.0.0.1:<port>
 *   export AWS_CONFIG_FILE=… / export AWS_SHARED_CREDENTIALS_FILE=… / export HOME=…
 * and runs until SIGINT/SIGTERM.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Faults, startEmulator } from './index';

const USAGE =
  'usage: npm run emulator -- --port <port> --aws-dir <dir> [--scenario <file>] [--latency-ms <n>] [--jitter-ms <n>] [--throttling] [--throttle-rate <0..1>] [--error-rate <0..1>] [--tls] [--log-cap <n>]';

const shellQuote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

function numberOption(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new Error(`--${name} must be a number between ${min} and ${max}`);
  }
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'aws-dir': { type: 'string' },
      scenario: { type: 'string' },
      'latency-ms': { type: 'string' },
      'jitter-ms': { type: 'string' },
      'error-rate': { type: 'string' },
      'throttle-rate': { type: 'string' },
      throttling: { type: 'boolean', default: false },
      tls: { type: 'boolean', default: false },
      'log-cap': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = numberOption(values.port, 'port', 0, 65535)!;
  const faults: Partial<Faults> = { throttling: values.throttling };
  const latency = numberOption(values['latency-ms'], 'latency-ms', 0, 120_000);
  const jitter = numberOption(values['jitter-ms'], 'jitter-ms', 0, 120_000);
  const errorRate = numberOption(values['error-rate'], 'error-rate', 0, 1);
  if (latency !== undefined) faults.latencyMs = Math.round(latency);
  if (jitter !== undefined) faults.latencyJitterMs = Math.round(jitter);
  if (errorRate !== undefined) faults.errorRate = errorRate;
  // A share of requests answered 429 whatever the bucket holds, for runs whose reads never empty it.
  const throttleRate = numberOption(values['throttle-rate'], 'throttle-rate', 0, 1);
  if (throttleRate !== undefined) faults.throttleRate = throttleRate;

  const logCap = numberOption(values['log-cap'], 'log-cap', 1, 10_000_000);
  const emulator = await startEmulator({
    port,
    scenario: values.scenario,
    faults,
    tls: values.tls,
    ...(logCap === undefined ? {} : { logCap: Math.round(logCap) }),
  });
  const lines = [`emulator listening on ${emulator.url}`];
  if (values['aws-dir']) {
    const dir = await emulator.writeAwsDir(values['aws-dir']);
    for (const [name, value] of Object.entries(dir.env)) lines.push(`export ${name}=${shellQuote(value)}`);
    if (emulator.caPem) await writeFile(join(values['aws-dir'], 'ca.pem'), emulator.caPem);
  }
  if (emulator.tlsUrl) {
    lines.push(`# tls: ${emulator.tlsUrl}${values['aws-dir'] ? ` (CA in ${join(values['aws-dir'], 'ca.pem')})` : ''}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    emulator.stop().then(
      () => {
        process.stderr.write(`emulator stopped (${signal})\n`);
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exit(2);
});
