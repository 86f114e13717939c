/**
 * The client half of the emulator benchmark, run in its own process: signed SDK calls
 * (GetAdministratorAccount) with a fixed concurrency, spread over the given keys.
 * Input (env): BENCH_URL, BENCH_KEYS (JSON [{accessKeyId, secretAccessKey}]), BENCH_REQUESTS, BENCH_CONCURRENCY.
 * Output: one JSON line {requests, errors, ms}.
 */

import { Agent } from 'node:http';
import { GetAdministratorAccountCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { NodeHttpHandler } from '@smithy/node-http-handler';

interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
}

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
}

async function main(): Promise<void> {
  const url = env('BENCH_URL');
  const keys = JSON.parse(env('BENCH_KEYS')) as Keys[];
  const total = Number(env('BENCH_REQUESTS'));
  const concurrency = Number(env('BENCH_CONCURRENCY'));
  const requestHandler = new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: concurrency }) });
  const clients = keys.map(
    (credentials) =>
      new SecurityHubClient({ region: 'us-east-1', endpoint: url, credentials, requestHandler, maxAttempts: 1 }),
  );
  // Warm up: first calls pay for lazy loading inside the SDK.
  await Promise.all(clients.map((c) => c.send(new GetAdministratorAccountCommand({}))));

  let next = 0;
  let errors = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      try {
        await clients[i % clients.length]!.send(new GetAdministratorAccountCommand({}));
      } catch {
        errors++;
      }
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const ms = performance.now() - start;
  process.stdout.write(`${JSON.stringify({ requests: total, errors, ms: Math.round(ms) })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench client: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
