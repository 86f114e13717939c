/**
 * Credentials and clients through the real AWS SDK against the emulator: every kind of profile
 * resolves to its account, and MFA needs one code per device however many regions and profiles use it.
 */
import { rmSync } from 'node:fs';
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeHubCommand } from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AwsClients, createAwsClients, type MfaPromptRequest } from '../../../main/core/aws/clients';
import { toAppError } from '../../../main/core/aws/errors';
import { securityHub } from '../../../main/core/services/securityhub';
import { AppErrorException, appError } from '../../../main/domain/errors';
import { type RunningEmulator, startEmulator } from '../../emulator/index';

const SERIAL = 'arn:aws:iam::111111111111:mfa/alice';
const CODES = ['123456', '234567', '345678', '456789', '567890', '678901'];

let emulator: RunningEmulator;
let dir: string;
let env: Record<string, string>;
let savedHome: string | undefined;
let clients: AwsClients | null = null;

beforeAll(async () => {
  emulator = await startEmulator();
  dir = await mkdtemp(join(tmpdir(), 'shi-clients-'));
  const aws = await emulator.writeAwsDir(dir);
  // A second profile on the same MFA device, to show one code serves both.
  await appendFile(
    aws.configFile,
    `\n[profile mfa-audit-2]\nregion = eu-west-1\nendpoint_url = ${emulator.url}\nrole_arn = arn:aws:iam::777777777777:role/SecurityAuditMfa\nsource_profile = admin\nmfa_serial = ${SERIAL}\n`,
  );
  env = { ...aws.env };
  // The SDK finds SSO tokens under os.homedir(), i.e. $HOME.
  savedHome = process.env.HOME;
  process.env.HOME = aws.home;
});

afterAll(async () => {
  process.env.HOME = savedHome;
  await emulator.stop();
  await rm(dir, { recursive: true, force: true });
});

afterEach(() => {
  clients?.dispose();
  clients = null;
  emulator.clearLog();
  // Each test starts without the roles earlier tests assumed: they would come from the AWS CLI's
  // cache (role-cache.test.ts tests that) instead of the AssumeRole and MFA steps tested here.
  rmSync(join(env.HOME ?? '', '.aws', 'cli', 'cache'), { recursive: true, force: true });
});

function makeClients(prompt: (r: MfaPromptRequest) => Promise<string>) {
  clients = createAwsClients({ env, promptMfa: prompt, maxAttempts: 1 });
  return clients;
}

/** The emulator, like STS, refuses a code it has seen: every test takes fresh ones. */
let used = 0;
function freshCode(): string {
  const code = CODES[used++];
  if (!code) throw new Error('the scenario has no unused MFA code left');
  return code;
}

function codeSupplier() {
  const requests: MfaPromptRequest[] = [];
  const prompt = async (r: MfaPromptRequest) => {
    requests.push(r);
    return freshCode();
  };
  return { prompt, requests };
}

async function accountOf(c: AwsClients, profile: string, region = 'us-east-1') {
  const out = await c.sts(profile, region).send(new GetCallerIdentityCommand({}));
  return out.Account;
}

describe('each kind of profile resolves to its account', () => {
  it.each([
    ['admin', '111111111111'],
    ['sandbox-role', '666666666666'],
    ['sso-dev', '888888888888'],
    ['proc-ops', '999999999999'],
  ])('%s -> %s', async (profile, account) => {
    const c = makeClients(async () => {
      throw new Error('no MFA expected');
    });
    await c.listProfiles();
    expect(await accountOf(c, profile)).toBe(account);
  });

  it('an MFA role resolves with the prompted code', async () => {
    const { prompt, requests } = codeSupplier();
    const c = makeClients(prompt);
    await c.listProfiles();
    expect(await accountOf(c, 'mfa-audit')).toBe('777777777777');
    expect(requests).toEqual([{ serial: SERIAL, profiles: ['mfa-audit', 'mfa-audit-2'] }]);
  });
});

describe('sharing and caching', () => {
  it('resolves each profile once for all its regions: one AssumeRole, one SSO exchange', async () => {
    const c = makeClients(async () => {
      throw new Error('no MFA expected');
    });
    await c.listProfiles();
    const regions = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
    const calls = ['sandbox-role', 'sso-dev', 'proc-ops'].flatMap((p) => regions.map((r) => accountOf(c, p, r)));
    expect(await Promise.all(calls)).toEqual([
      ...Array(3).fill('666666666666'),
      ...Array(3).fill('888888888888'),
      ...Array(3).fill('999999999999'),
    ]);
    const log = emulator.requestLog();
    expect(log.filter((e) => e.operation === 'AssumeRole')).toHaveLength(1);
    expect(log.filter((e) => e.service === 'sso')).toHaveLength(1);
    expect(c.client(securityHub.sdk, 'admin', 'eu-west-1')).toBe(c.client(securityHub.sdk, 'admin', 'eu-west-1'));
    expect(c.sts('admin', 'eu-west-1')).not.toBe(c.sts('admin', 'us-east-1'));
  });

  it('keeps the profile list until reload(), which re-reads the files and rebuilds clients', async () => {
    const c = makeClients(async () => '000000');
    const before = await c.listProfiles();
    const client = c.client(securityHub.sdk, 'admin', 'us-east-1');
    await appendFile(env.AWS_CONFIG_FILE as string, '\n[profile added-later]\nregion = eu-west-1\n');
    expect((await c.listProfiles()).profiles.map((p) => p.name)).toEqual(before.profiles.map((p) => p.name));
    await c.reload();
    expect((await c.listProfiles()).profiles.map((p) => p.name)).toContain('added-later');
    expect(c.client(securityHub.sdk, 'admin', 'us-east-1')).not.toBe(client);
    expect(await accountOf(c, 'admin')).toBe('111111111111');
  });

  it('resolves a role added to the files after start once reload() has run', async () => {
    // fromIni reads the files through the SDK's process-wide cache, which other profiles filled
    // before the edit: reload() must refresh it, or the new profile would not be found.
    const c = makeClients(async () => '000000');
    await c.listProfiles();
    expect(await accountOf(c, 'sandbox-role')).toBe('666666666666');
    await appendFile(
      env.AWS_CONFIG_FILE as string,
      `\n[profile role-later]\nregion = us-east-1\nendpoint_url = ${emulator.url}\nrole_arn = arn:aws:iam::666666666666:role/SecurityAudit\nsource_profile = admin\n`,
    );
    await c.reload();
    expect(await accountOf(c, 'role-later')).toBe('666666666666');
  });

  it('sends web identity role assumption through the app’s STS client and endpoint', async () => {
    const tokenFile = join(dir, 'web-token');
    await writeFile(tokenFile, 'header.payload.signature');
    await appendFile(
      env.AWS_CONFIG_FILE as string,
      `\n[profile web]\nregion = us-east-1\nendpoint_url = ${emulator.url}\nrole_arn = arn:aws:iam::666666666666:role/Web\nweb_identity_token_file = ${tokenFile}\n`,
    );
    const c = makeClients(async () => '000000');
    await c.listProfiles();
    // The emulator does not implement it; what matters is that the call reached it.
    await expect(accountOf(c, 'web')).rejects.toBeTruthy();
    expect(emulator.requestLog().map((e) => e.operation)).toContain('AssumeRoleWithWebIdentity');
  });

  it('says so when a client is asked for before the profiles are loaded', () => {
    const c = makeClients(async () => '000000');
    expect(() => c.client(securityHub.sdk, 'admin', 'us-east-1')).toThrow(/listProfiles/);
  });

  it('turns an unusable or unknown profile into a clear error on the first call', async () => {
    const c = makeClients(async () => '000000');
    await c.listProfiles();
    const unknown = await accountOf(c, 'no-such-profile').catch((e: unknown) => e);
    expect(toAppError(unknown)).toMatchObject({
      kind: 'no-credentials',
      message: expect.stringContaining('no-such-profile'),
    });
  });
});

describe('endpoints per profile and service', () => {
  it('uses each profile’s own endpoint, not AWS_PROFILE’s, and the services section per service', async () => {
    const closed = 'http://127.0.0.1:9';
    await appendFile(
      env.AWS_CONFIG_FILE as string,
      `\n[profile elsewhere]\nregion = us-east-1\nendpoint_url = ${closed}\n` +
        `source_profile = admin\nrole_arn = arn:aws:iam::666666666666:role/SecurityAudit\n` +
        `\n[profile split]\nregion = us-east-1\nsource_profile = admin\nrole_arn = arn:aws:iam::666666666666:role/SecurityAudit\n` +
        `services = split-endpoints\nendpoint_url = ${closed}\n` +
        `\n[services split-endpoints]\nsecurityhub =\n  endpoint_url = ${emulator.url}\nsts =\n  endpoint_url = ${emulator.url}\n`,
    );
    clients = createAwsClients({
      env: { ...env, AWS_PROFILE: 'elsewhere' },
      promptMfa: async () => freshCode(),
      maxAttempts: 1,
    });
    await clients.listProfiles();
    expect(await accountOf(clients, 'admin')).toBe('111111111111');
    // Both the role's AssumeRole and the calls go to the services-section endpoints, not to endpoint_url.
    expect(await accountOf(clients, 'split')).toBe('666666666666');
    const hub = await clients.client(securityHub.sdk, 'split', 'us-east-1').send(new DescribeHubCommand({}));
    expect(hub.HubArn).toContain('666666666666');
    // Its AssumeRole goes to its own (closed) endpoint.
    const failed = await accountOf(clients, 'elsewhere').catch((e: unknown) => e);
    expect(toAppError(failed).kind).toBe('network');
    expect(emulator.requestLog().filter((e) => e.operation === 'AssumeRole')).toHaveLength(1);
  });
});

describe('MFA sessions', () => {
  it('asks once for many regions and several profiles sharing the serial, and never sends a code twice', async () => {
    const { prompt, requests } = codeSupplier();
    const c = makeClients(prompt);
    await c.listProfiles();
    const regions = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
    const accounts = await Promise.all(
      ['mfa-audit', 'mfa-audit-2'].flatMap((p) => regions.map((r) => accountOf(c, p, r))),
    );
    expect(accounts).toEqual(Array(6).fill('777777777777'));
    expect(requests).toHaveLength(1);
    const log = emulator.requestLog();
    expect(log.filter((e) => e.operation === 'GetSessionToken')).toHaveLength(1);
    // One AssumeRole per profile, not per region.
    expect(log.filter((e) => e.operation === 'AssumeRole' && e.status === 200)).toHaveLength(2);
    expect(log.filter((e) => e.status !== 200)).toEqual([]);
  });

  it('a cancelled prompt fails every waiting request once, and the next request asks again', async () => {
    let calls = 0;
    const c = makeClients(async () => {
      calls++;
      if (calls === 1) throw new AppErrorException(appError('cancelled', 'The MFA prompt was cancelled.'));
      return freshCode();
    });
    await c.listProfiles();
    const results = await Promise.allSettled([accountOf(c, 'mfa-audit'), accountOf(c, 'mfa-audit', 'eu-west-1')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const reason = (results[0] as PromiseRejectedResult).reason;
    expect(toAppError(reason, { profile: 'mfa-audit' }).kind).toBe('cancelled');
    expect(calls).toBe(1);
    expect(await accountOf(c, 'mfa-audit')).toBe('777777777777');
    expect(calls).toBe(2);
  });

  it('a code AWS refuses is reported as mfa-needed and not reused', async () => {
    const sent: string[] = [];
    const c = makeClients(async () => {
      const code = sent.length === 0 ? '000000' : freshCode();
      sent.push(code);
      return code;
    });
    await c.listProfiles();
    const error = await accountOf(c, 'mfa-audit').catch((e: unknown) => e);
    expect(toAppError(error, { profile: 'mfa-audit' }).kind).toBe('mfa-needed');
    expect(await accountOf(c, 'mfa-audit')).toBe('777777777777');
    expect(sent).toHaveLength(2);
    expect(sent[1]).not.toBe('000000');
  });
});
