/**
 * `npm run demo` where Electron cannot start: one sentence saying so, the emulator's URL and the
 * `export` lines that point the command line at it; the CLI then works against the emulator, and
 * SIGTERM stops everything cleanly and removes the demo's temp folder.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_BUNDLE, REPO_ROOT } from './build';
import { DEMO_PROFILES, waitFor } from './helpers';

const run = promisify(execFile);

describe('npm run demo without Electron', () => {
  let child: ChildProcess | null = null;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('keeps the emulator up for the CLI, then stops cleanly on SIGTERM', async () => {
    let output = '';
    const demo = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
      cwd: REPO_ROOT,
      // A path with no Electron in it: the demo must take its no-Electron road on every machine.
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: path.join(REPO_ROOT, 'test-results', 'no-electron-here') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = demo;
    demo.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    demo.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      demo.on('exit', (code, signal) => resolve({ code, signal })),
    );

    await waitFor('the demo instructions', () => output.includes('npm run -s cli -- status --all'), 60_000);
    const lines = output.trim().split('\n');
    expect(lines[0]).toMatch(
      /^Electron cannot start on this machine because .+, so the demo keeps the AWS emulator running for the command line instead\.$/,
    );
    const url = /^Emulator: (http:\/\/127\.0\.0\.1:\d+)$/m.exec(output)?.[1];
    expect(url).toBeDefined();
    const env: Record<string, string> = {};
    for (const match of output.matchAll(/^export ([A-Z_]+)='([^']*)'$/gm)) env[match[1]!] = match[2]!;
    expect(Object.keys(env).sort()).toEqual([
      'AWS_CONFIG_FILE',
      'AWS_SHARED_CREDENTIALS_FILE',
      'HOME',
      'SHI_SETTINGS_DIR',
    ]);
    expect(existsSync(env.AWS_CONFIG_FILE!)).toBe(true);
    expect(existsSync(env.AWS_SHARED_CREDENTIALS_FILE!)).toBe(true);
    // No secret in what the demo prints.
    expect(output).not.toMatch(/aws_secret_access_key|AKIA[A-Z0-9]{16}/i);

    const state = await fetch(`${url}/__emulator/state`);
    expect(state.status).toBe(200);

    if (existsSync(CLI_BUNDLE)) {
      const { stdout } = await run(process.execPath, [CLI_BUNDLE, 'profiles', '--json'], {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH ?? '', ...env },
        timeout: 60_000,
      });
      const listed = JSON.parse(stdout) as { profiles?: { name: string }[] } | { name: string }[];
      const profiles = Array.isArray(listed) ? listed : (listed.profiles ?? []);
      expect(profiles.map((p) => p.name)).toEqual(expect.arrayContaining(DEMO_PROFILES));
    } else {
      console.warn(`${CLI_BUNDLE} is not built: the CLI part of the demo check was skipped.`);
    }

    demo.kill('SIGTERM');
    const exit = await Promise.race([
      exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('the demo did not stop within 15 s')), 15_000),
      ),
    ]);
    expect(exit).toEqual({ code: 0, signal: null });
    // The temp folder (config, credentials, SSO cache, settings) is gone and the emulator is down.
    const demoRoot = path.dirname(path.dirname(env.AWS_CONFIG_FILE!));
    expect(path.basename(demoRoot)).toMatch(/^shi-demo-/);
    expect(existsSync(demoRoot)).toBe(false);
    await expect(fetch(`${url}/__emulator/state`)).rejects.toThrow();
  });
});
