/**
 * Assumed-role credentials in the AWS CLI's own cache (~/.aws/cli/cache), checked against
 * independent implementations rather than against a copy of the rules:
 * - the file name the app writes is the one botocore's AssumeRoleCredentialFetcher computes for the
 *   same profile (test/core/aws/botocore_role_cache.py asks botocore's real assume-role provider);
 * - botocore and the AWS CLI v2 (/usr/bin/aws) use the app's file: no AssumeRole, no MFA code;
 * - the app uses a file botocore wrote: no AssumeRole, no MFA prompt;
 * - a later process (another command, the app after a restart) reuses the file until it expires;
 * - expired, malformed or non-regular files are ignored and replaced.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AwsClients, createAwsClients, type MfaPromptRequest } from '../../../main/core/aws/clients';
import { roleCacheKey } from '../../../main/core/aws/role-cache';
import { type RunningEmulator, startEmulator } from '../../emulator/index';

const run = promisify(execFile);
const SCRIPT = path.join(import.meta.dirname, 'botocore_role_cache.py');
const SERIAL = 'arn:aws:iam::111111111111:mfa/alice';

let emulator: RunningEmulator;
let dir: string;
let env: Record<string, string>;
let cacheDir: string;
let codes = ['123456', '234567', '345678', '456789', '567890', '678901'];
const open: AwsClients[] = [];

beforeAll(async () => {
  emulator = await startEmulator();
  dir = await mkdtemp(path.join(tmpdir(), 'shi-role-cache-'));
  const aws = await emulator.writeAwsDir(dir);
  // Every setting that enters botocore's key: a session name, an external id, a duration.
  await appendFile(
    aws.configFile,
    `\n[profile mfa-audit-long]\nregion = us-east-1\nendpoint_url = ${emulator.url}\nrole_arn = arn:aws:iam::777777777777:role/SecurityAuditMfa\nsource_profile = admin\nmfa_serial = ${SERIAL}\nrole_session_name = long-audit\nexternal_id = ext-\u00e9t\u00e9\nduration_seconds = 3600\n`,
  );
  env = { ...aws.env };
  cacheDir = path.join(aws.home, '.aws', 'cli', 'cache');
});
afterAll(async () => {
  await emulator.stop();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  for (const clients of open.splice(0)) clients.dispose();
  emulator.clearLog();
});

/** A new process's worth of clients (nothing in memory): only the files carry over. */
function newClients() {
  const prompts: MfaPromptRequest[] = [];
  const clients = createAwsClients({
    env,
    maxAttempts: 1,
    promptMfa: async (request) => {
      prompts.push(request);
      const code = codes[0];
      codes = codes.slice(1);
      if (!code) throw new Error('no MFA code left');
      return code;
    },
  });
  open.push(clients);
  return { clients, prompts };
}

async function accountOf(clients: AwsClients, profile: string) {
  await clients.listProfiles();
  return (await clients.sts(profile, 'us-east-1').send(new GetCallerIdentityCommand({}))).Account;
}

async function botocore(mode: 'key' | 'fetch', profile: string, code?: string) {
  const { stdout } = await run('python3', [SCRIPT, mode, profile, emulator.url, ...(code ? [code] : [])], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: env.HOME ?? '',
      AWS_CONFIG_FILE: env.AWS_CONFIG_FILE ?? '',
      AWS_SHARED_CREDENTIALS_FILE: env.AWS_SHARED_CREDENTIALS_FILE ?? '',
    },
  });
  return JSON.parse(stdout.trim()) as { botocore: string; key: string; accessKeyId?: string; account?: string };
}

const stsCalls = () =>
  emulator.requestLog().filter((e) => e.operation === 'AssumeRole' || e.operation === 'GetSessionToken');

function cacheFiles(): string[] {
  return fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir).filter((f) => f.endsWith('.json')) : [];
}

describe('the cache key', () => {
  it.each(['mfa-audit', 'sandbox-role', 'mfa-audit-long'])('of %s is botocore’s', async (profile) => {
    const { clients } = newClients();
    const loaded = await clients.loadedProfiles();
    const ours = roleCacheKey(loaded.sdk[profile] ?? {});
    const theirs = await botocore('key', profile);
    console.log(`botocore ${theirs.botocore} key of ${profile}: ${theirs.key}; the app's: ${ours}`);
    expect(ours).toBe(theirs.key);
  });
});

describe('a role the app assumed', () => {
  it('is cached where and as the AWS CLI keeps it, and reused by a later process without a code', async () => {
    fs.rmSync(cacheDir, { recursive: true, force: true });
    const first = newClients();
    expect(await accountOf(first.clients, 'mfa-audit')).toBe('777777777777');
    expect(first.prompts).toHaveLength(1);

    const { key } = await botocore('key', 'mfa-audit');
    const file = path.join(cacheDir, `${key}.json`);
    expect(cacheFiles()).toEqual([`${key}.json`]);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(cacheDir).mode & 0o777).toBe(0o700);
    const entry = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(entry.Credentials.AccessKeyId).toMatch(/^ASIA/);
    expect(entry.Credentials.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dUTC$/);
    expect(entry.Credentials.AccountId).toBe('777777777777');
    expect(entry.AssumedRoleUser.Arn).toContain(':assumed-role/SecurityAuditMfa/');

    // Another command, or the app after a restart: nothing in memory, no prompt, no STS call.
    emulator.clearLog();
    const second = newClients();
    expect(await accountOf(second.clients, 'mfa-audit')).toBe('777777777777');
    expect(second.prompts).toHaveLength(0);
    expect(stsCalls()).toHaveLength(0);

    // botocore (no code to give: it would fail if it asked) and the AWS CLI v2 use the same file.
    const boto = await botocore('fetch', 'mfa-audit');
    expect(boto.accessKeyId).toBe(entry.Credentials.AccessKeyId);
    expect(boto.account).toBe('777777777777');
    const { stdout } = await run(
      '/usr/bin/aws',
      ['sts', 'get-caller-identity', '--profile', 'mfa-audit', '--endpoint-url', emulator.url, '--output', 'json'],
      { env: { ...env, PATH: process.env.PATH ?? '' }, timeout: 30_000 },
    );
    expect(JSON.parse(stdout).Arn).toContain(':assumed-role/SecurityAuditMfa/');
    expect(stsCalls()).toHaveLength(0);
  }, 60_000);
});

describe('a role botocore assumed', () => {
  it('is used by the app from botocore’s file: no AssumeRole, no prompt', async () => {
    fs.rmSync(cacheDir, { recursive: true, force: true });
    const code = codes[0] ?? '';
    codes = codes.slice(1);
    const boto = await botocore('fetch', 'mfa-audit-long', code);
    expect(boto.account).toBe('777777777777');
    expect(cacheFiles()).toEqual([`${boto.key}.json`]);
    emulator.clearLog();
    const { clients, prompts } = newClients();
    expect(await accountOf(clients, 'mfa-audit-long')).toBe('777777777777');
    expect(prompts).toHaveLength(0);
    expect(stsCalls()).toHaveLength(0);
  }, 60_000);
});

describe('a cache file that cannot be used', () => {
  it.each([
    ['expired', (file: string) => fs.writeFileSync(file, expiredEntry())],
    ['about to expire (inside botocore’s 15 minutes)', (file: string) => fs.writeFileSync(file, expiredEntry(10))],
    ['malformed', (file: string) => fs.writeFileSync(file, '{"Credentials": {"AccessKeyId": 1}')],
    ['not JSON', (file: string) => fs.writeFileSync(file, 'not json')],
    ['a FIFO', (file: string) => execFileSync('mkfifo', [file])],
  ])('is ignored when %s, and replaced', async (_what, plant) => {
    if (process.platform === 'win32') return;
    fs.rmSync(cacheDir, { recursive: true, force: true });
    fs.mkdirSync(cacheDir, { recursive: true });
    const { key } = await botocore('key', 'sandbox-role');
    const file = path.join(cacheDir, `${key}.json`);
    plant(file);
    const { clients } = newClients();
    expect(await accountOf(clients, 'sandbox-role')).toBe('666666666666');
    expect(emulator.requestLog().filter((e) => e.operation === 'AssumeRole')).toHaveLength(1);
    expect(fs.lstatSync(file).isFile()).toBe(true);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).Credentials.AccessKeyId).toMatch(/^ASIA/);
  });
});

function expiredEntry(minutesLeft = -5): string {
  const at = new Date(Date.now() + minutesLeft * 60_000).toISOString().slice(0, 19);
  return JSON.stringify({
    Credentials: {
      AccessKeyId: 'ASIAEXPIREDEXPIRED00',
      SecretAccessKey: 'expiredexpiredexpiredexpiredexpired0000',
      SessionToken: 'expired-session-token-0000000000',
      Expiration: `${at}UTC`,
    },
  });
}
