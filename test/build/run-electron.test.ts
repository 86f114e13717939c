/**
 * scripts/run-electron.mjs run as a real process: the one-sentence refusal when Electron's binary is
 * missing, and env/argument/exit-code forwarding when a (stand-in) binary is present.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const script = path.join(root, 'scripts', 'run-electron.mjs');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir() {
  const d = mkdtempSync(path.join(tmpdir(), 'shi-run-electron-'));
  dirs.push(d);
  return d;
}

function run(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [script, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('scripts/run-electron.mjs', () => {
  it.each([['.'], ['--dist'], ['--dev']])(
    'tries the download for %s and fails in one sentence when the mirror refuses',
    (mode) => {
      // Port 9 on loopback refuses connections: the download itself must be attempted and its error named.
      const result = run([mode], {
        ELECTRON_OVERRIDE_DIST_PATH: '',
        ELECTRON_SKIP_BINARY_DOWNLOAD: '',
        ELECTRON_MIRROR: 'http://127.0.0.1:9/',
        electron_config_cache: tempDir(),
      });
      expect(result.status).toBe(1);
      expect(result.stdout).toContain('Downloading Electron');
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^Electron's binary could not be downloaded \(.+\); behind a firewall set ELECTRON_MIRROR/,
      );
      expect(lines[0]).toContain('from http://127.0.0.1:9/)');
      expect(result.stderr).not.toMatch(/\bat .+:\d+:\d+/);
    },
  );

  it('goes on with the demo for the command line when the download fails, after the one sentence', async () => {
    const child = spawn(process.execPath, [script, '--demo'], {
      cwd: root,
      env: {
        ...process.env,
        ELECTRON_OVERRIDE_DIST_PATH: '',
        ELECTRON_SKIP_BINARY_DOWNLOAD: '',
        ELECTRON_MIRROR: 'http://127.0.0.1:9/',
        electron_config_cache: tempDir(),
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    const deadline = Date.now() + 60_000;
    while (!stdout.includes('npm run -s cli -- status --all') && child.exitCode === null && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGTERM');
    const status = await closed;
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Electron's binary could not be downloaded \(/)]);
    expect(stdout).toContain('Electron cannot start on this machine because its binary could not be downloaded');
    expect(stdout).toMatch(/^Emulator: http:\/\/127\.0\.0\.1:\d+$/m);
    expect(status).toBe(0);
  }, 90_000);

  it.skipIf(process.platform === 'win32')('runs the binary with the arguments and forwards env and exit code', () => {
    const dir = tempDir();
    const fake = path.join(dir, 'electron');
    writeFileSync(fake, '#!/bin/sh\necho "args:$*"\necho "demo:$SHI_DEMO"\nexit 7\n');
    chmodSync(fake, 0o755);
    const result = run(['.', '--demo'], { ELECTRON_OVERRIDE_DIST_PATH: dir, SHI_DEMO: '1' });
    expect(result.stdout).toContain('args:. --demo');
    expect(result.stdout).toContain('demo:1');
    expect(result.status).toBe(7);
  });
});
