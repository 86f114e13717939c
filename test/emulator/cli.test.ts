import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { GetAdministratorAccountCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { fromIni } from '@aws-sdk/credential-providers';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from './index';
import { demoKeys, failure, sts } from './test-kit';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('command line', () => {
  it('starts, prints its URL and the exports, serves the written profiles, and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emulator-cli-'));
    dirs.push(dir);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/emulator/cli.ts', '--port', '0', '--aws-dir', dir, '--latency-ms', '1'],
      {
        cwd: join(__dirname, '..', '..'),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const lines: string[] = [];
    const rl = createInterface({ input: child.stdout! });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`CLI printed only: ${lines.join(' | ')}`)), 20_000);
      rl.on('line', (line) => {
        lines.push(line);
        if (lines.length === 4) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    expect(lines[0]).toMatch(/^emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines.slice(1)).toEqual([
      `export AWS_CONFIG_FILE=${join(dir, 'config')}`,
      `export AWS_SHARED_CREDENTIALS_FILE=${join(dir, 'credentials')}`,
      `export HOME=${join(dir, 'home')}`,
    ]);
    const url = lines[0]!.split(' ').pop()!;
    const credentials = fromIni({
      profile: 'member-enabled',
      filepath: join(dir, 'credentials'),
      configFilepath: join(dir, 'config'),
      clientConfig: { endpoint: url },
    });
    const client = new SecurityHubClient({ region: 'us-east-1', endpoint: url, credentials, maxAttempts: 1 });
    const out = await client.send(new GetAdministratorAccountCommand({}));
    expect(out.Administrator?.AccountId).toBe('111111111111');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('exits with a usage message on a bad option', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/emulator/cli.ts', '--port', 'abc'], {
      cwd: join(__dirname, '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => {
      stderr += String(d);
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('--port');
  });
});

describe('TLS', () => {
  it('serves the same API over https with a throwaway CA that clients must trust', async () => {
    const emu = await startEmulator({ tls: true });
    try {
      expect(emu.tlsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(emu.caPem).toContain('BEGIN CERTIFICATE');
      const requestHandler = new NodeHttpHandler({ httpsAgent: new Agent({ ca: emu.caPem! }) });
      const trusted = new SecurityHubClient({
        region: 'us-east-1',
        endpoint: emu.tlsUrl!,
        credentials: demoKeys('admin'),
        requestHandler,
        maxAttempts: 1,
      });
      expect((await trusted.send(new GetAdministratorAccountCommand({}))).$metadata.httpStatusCode).toBe(200);
      const untrusted = new SecurityHubClient({
        region: 'us-east-1',
        endpoint: emu.tlsUrl!,
        credentials: demoKeys('admin'),
        maxAttempts: 1,
      });
      const error = await failure(() => untrusted.send(new GetAdministratorAccountCommand({})));
      expect(`${error.name} ${error.message} ${(error as { code?: string }).code}`).toMatch(
        /certificate|SELF_SIGNED|UNABLE/i,
      );
      // The plain HTTP port keeps working next to it.
      expect((await sts(emu, 'admin').send(new GetCallerIdentityCommand({}))).Account).toBe('111111111111');
    } finally {
      await emu.stop();
    }
  });
});
