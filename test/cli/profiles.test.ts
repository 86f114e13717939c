/**
 * `profiles [--json]` on the files the emulator writes (plus a malformed line), through the command
 * registry with captured output, and once as a real process the way the package's bin runs.
 */
import { execFile } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PROFILES } from '../emulator/demo-profiles';
import { type RunningEmulator, startEmulator } from '../emulator/index';
import { runCliInProcess } from '../helpers/cli-process';

let emulator: RunningEmulator;
let dir: string;
let env: Record<string, string>;
let secrets: string[];
let brokenLine: number;

beforeAll(async () => {
  emulator = await startEmulator();
  dir = await mkdtemp(join(tmpdir(), 'shi-cli-'));
  const aws = await emulator.writeAwsDir(dir);
  const before = (await readFile(aws.configFile, 'utf8')).split('\n').length;
  await appendFile(aws.configFile, '\n[profile typo]\nregion us-east-1\n');
  brokenLine = before + 2;
  env = { ...aws.env, PATH: process.env.PATH ?? '' };
  const creds = await readFile(aws.credentialsFile, 'utf8');
  secrets = [...creds.matchAll(/= (\S+)$/gm)].map((m) => m[1] ?? '').filter(Boolean);
  expect(secrets.length).toBeGreaterThan(10);
});

afterAll(async () => {
  await emulator.stop();
  await rm(dir, { recursive: true, force: true });
});

const run = (argv: string[], extraEnv: Record<string, string> = {}) =>
  runCliInProcess(argv, { ...env, ...extraEnv }, dir);

describe('profiles', () => {
  it('--json prints one object per profile, in order, with warnings on stderr', async () => {
    const { code, stdout, stderr } = await run(['profiles', '--json'], { AWS_PROFILE: 'admin' });
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as Record<string, unknown>[];
    expect(rows.map((r) => r.name)).toEqual([...DEMO_PROFILES, 'typo']);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(
        ['isDefault', 'kind', 'mfa', 'name', 'reason', 'region', 'sourceProfile', 'ssoSession', 'usable'].sort(),
      );
    }
    const byName = new Map(rows.map((r) => [r.name, r]));
    expect(byName.get('admin')).toMatchObject({ kind: 'static', region: 'us-east-1', usable: true, isDefault: true });
    expect(byName.get('mfa-audit')).toMatchObject({ kind: 'assume-role', mfa: true, sourceProfile: 'admin' });
    expect(byName.get('sso-dev')).toMatchObject({ kind: 'sso', usable: true, ssoSession: expect.any(String) });
    expect(byName.get('admin')).toMatchObject({ ssoSession: null });
    expect(byName.get('proc-ops')).toMatchObject({ kind: 'credential-process' });
    expect(byName.get('typo')).toMatchObject({ usable: false });
    expect(stderr).toContain(`warning: ${env.AWS_CONFIG_FILE}:${brokenLine}:`);
  });

  it('prints a table by default', async () => {
    const { code, stdout } = await run(['profiles']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^PROFILE\s+KIND\s+REGION\s+MFA\s+SOURCE\s+USABLE$/);
    expect(lines.find((l) => l.startsWith('mfa-audit '))).toMatch(/assume-role\s+us-east-1\s+yes\s+admin\s+yes/);
    expect(lines.find((l) => l.startsWith('typo '))).toMatch(/no: /);
  });

  it('never prints a secret', async () => {
    const outputs = [await run(['profiles', '--json']), await run(['profiles'])];
    const text = outputs.map((o) => o.stdout + o.stderr).join('\n');
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});

describe('the command line', () => {
  it('--help lists the commands and flags', async () => {
    const top = await run(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/Commands:\n\s+profiles\s+/);
    const sub = await run(['profiles', '--help']);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain('--json');
  });

  it('fails with a non-zero exit on an unknown command or flag', async () => {
    const unknown = await run(['nope']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('unknown command');
    const flag = await run(['profiles', '--jsn']);
    expect(flag.code).not.toBe(0);
    expect(flag.stderr).toContain('--jsn');
    expect((await run([])).code).not.toBe(0);
  });

  it('runs as a program (as the bin does) with the same output', async () => {
    const exec = promisify(execFile);
    const root = resolve(__dirname, '../..');
    const { stdout } = await exec(
      process.execPath,
      ['--import', 'tsx', join(root, 'main/cli/main.ts'), 'profiles', '--json'],
      {
        cwd: root,
        env,
      },
    );
    expect((JSON.parse(stdout) as { name: string }[]).map((r) => r.name)).toEqual([...DEMO_PROFILES, 'typo']);
    const failed = await exec(process.execPath, ['--import', 'tsx', join(root, 'main/cli/main.ts'), 'nope'], {
      cwd: root,
      env,
    }).catch((e: { code: number }) => e);
    expect((failed as { code: number }).code).toBe(2);
  });
});
