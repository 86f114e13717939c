/**
 * `profiles [--json]` on the files the emulator writes (plus a malformed line), through the command
 * registry with captured output, and once as a real process the way the package's bin runs.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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
        [
          'isDefault',
          'kind',
          'mfa',
          'name',
          'reason',
          'region',
          'regionProblem',
          'signIn',
          'sourceProfile',
          'ssoSession',
          'ssoStyle',
          'usable',
        ].sort(),
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
    expect(lines[0]).toMatch(/^PROFILE\s+KIND\s+REGION\s+MFA\s+SOURCE\s+SIGN-IN\s+USABLE$/);
    expect(lines.find((l) => l.startsWith('mfa-audit '))).toMatch(/assume-role\s+us-east-1\s+yes\s+admin\s+-\s+yes/);
    expect(lines.find((l) => l.startsWith('typo '))).toMatch(/no: /);
  });

  it('shows each SSO profile’s sign-in, legacy or sso-session, and flags a region that is not one', async () => {
    const legacyUrl = 'https://legacy.awsapps.com/start';
    const extra = join(dir, 'config-more');
    await writeFile(
      extra,
      `${await readFile(env.AWS_CONFIG_FILE ?? '', 'utf8')}\n` +
        '[profile typo-region]\nregion = us-est-1\nrole_arn = arn:aws:iam::666666666666:role/SecurityAudit\nsource_profile = admin\n\n' +
        `[profile legacy-sso]\nregion = us-east-1\nsso_start_url = ${legacyUrl}\nsso_region = us-east-1\nsso_account_id = 888888888888\nsso_role_name = SecurityHubAdmin\n\n` +
        '[profile role-on-sso]\nregion = us-east-1\nrole_arn = arn:aws:iam::666666666666:role/SecurityAudit\nsource_profile = sso-dev\n',
    );
    // A legacy sign-in's token, named by the start URL (and no token for a fresh sso-session).
    const cache = join(env.HOME ?? '', '.aws', 'sso', 'cache');
    const legacyToken = 'legacy-access-token-never-printed';
    await writeFile(
      join(cache, `${createHash('sha1').update(legacyUrl).digest('hex')}.json`),
      JSON.stringify({
        startUrl: legacyUrl,
        region: 'us-east-1',
        accessToken: legacyToken,
        expiresAt: '2999-01-01T00:00:00Z',
      }),
    );
    const tokens = [legacyToken];
    for (const file of await readdir(cache))
      tokens.push(JSON.parse(await readFile(join(cache, file), 'utf8')).accessToken);

    const json = await run(['profiles', '--json'], { AWS_CONFIG_FILE: extra });
    expect(json.code).toBe(0);
    const byName = new Map((JSON.parse(json.stdout) as Record<string, unknown>[]).map((r) => [r.name, r]));
    expect(byName.get('sso-dev')).toMatchObject({
      ssoStyle: 'sso-session',
      signIn: { ssoSession: 'demo', profile: null, state: 'signed-in', expiresAt: expect.any(String) },
    });
    expect(byName.get('sso-signed-out')).toMatchObject({ signIn: { ssoSession: 'expired-session', state: 'expired' } });
    expect(byName.get('legacy-sso')).toMatchObject({
      ssoStyle: 'legacy',
      signIn: { ssoSession: null, profile: 'legacy-sso', state: 'signed-in', expiresAt: '2999-01-01T00:00:00.000Z' },
    });
    // A role over SSO is signed in (or not) by its source's sign-in.
    expect(byName.get('role-on-sso')).toMatchObject({ ssoStyle: 'sso-session', signIn: { state: 'signed-in' } });
    expect(byName.get('admin')).toMatchObject({ ssoStyle: null, signIn: null, regionProblem: null });
    expect(byName.get('typo-region')).toMatchObject({
      regionProblem: '"us-est-1" is not an AWS region (did you mean us-east-1?)',
    });

    const table = await run(['profiles'], { AWS_CONFIG_FILE: extra });
    const lines = table.stdout.split('\n');
    expect(lines[0]).toMatch(/^PROFILE\s+KIND\s+REGION\s+MFA\s+SOURCE\s+SIGN-IN\s+USABLE$/);
    expect(lines.find((l) => l.startsWith('typo-region '))).toContain('us-est-1 (not a region: us-east-1?)');
    expect(lines.find((l) => l.startsWith('legacy-sso '))).toMatch(
      /sso \(legacy\)\s.*signed in until 2999-01-01 00:00 UTC/,
    );
    expect(lines.find((l) => l.startsWith('sso-dev '))).toMatch(/sso-session demo\s.*signed in until /);
    expect(lines.find((l) => l.startsWith('sso-signed-out '))).toMatch(/expired/);
    expect(lines.find((l) => l.startsWith('admin '))).toMatch(/static\s+us-east-1\s+no\s+-\s+-\s+yes/);
    for (const token of tokens) expect(json.stdout + table.stdout + table.stderr).not.toContain(token);
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
