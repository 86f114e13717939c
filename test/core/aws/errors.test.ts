/**
 * Every error kind produced from a real SDK or credential error, provoked against the emulator,
 * and no secret from the written files in any resulting message.
 */
import { createHash } from 'node:crypto';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AcceptAdministratorInvitationCommand,
  DescribeHubCommand,
  DisassociateFromAdministratorAccountCommand,
  EnableSecurityHubCommand,
  GetAdministratorAccountCommand,
  GetMembersCommand,
} from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AwsClients, createAwsClients } from '../../../main/core/aws/clients';
import { actionFromMessage, type ErrorContext, scrubSecrets, toAppError } from '../../../main/core/aws/errors';
import { securityHub } from '../../../main/core/services/securityhub';
import type { AppError } from '../../../main/domain/errors';
import { DEMO_SCENARIO_PATH, type RunningEmulator, type Scenario, startEmulator } from '../../emulator/index';

const EXPIRED = {
  accessKeyId: 'ASIAEMULEXPIRED00001',
  secretAccessKey: 'expiredSessionSecret/000000000000000000001',
  sessionToken: 'IQoJb3JpZ2luX2VtdWxhdG9yExpiredSessionToken0000000000000001',
};
const WRONG_KEY = { id: 'AKIAWRONGKEY00000001', secret: 'wrongSecretKeyThatNobodyKnows/000000000001' };

let emulator: RunningEmulator;
let dir: string;
let env: Record<string, string>;
let savedHome: string | undefined;
let clients: AwsClients;
/** Every secret written to the AWS files: none may appear in any AppError. */
const secrets: string[] = [];
const produced: AppError[] = [];

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

beforeAll(async () => {
  const scenario = JSON.parse(await readFile(DEMO_SCENARIO_PATH, 'utf8')) as Scenario & {
    principals: Record<string, unknown>[];
    profiles: Record<string, unknown>[];
  };
  scenario.principals.push({
    ...EXPIRED,
    expiresAt: new Date(Date.now() - 3_600_000).toISOString(),
    accountId: '222222222222',
    arn: 'arn:aws:sts::222222222222:assumed-role/Old/session',
  });
  scenario.profiles.push({ name: 'expired', type: 'static', region: 'us-east-1', accessKeyId: EXPIRED.accessKeyId });
  emulator = await startEmulator({ scenario });
  dir = await mkdtemp(join(tmpdir(), 'shi-errors-'));
  const aws = await emulator.writeAwsDir(dir);
  const port = await closedPort();
  await appendFile(
    aws.configFile,
    [
      '',
      `[profile wrong-key]\nregion = us-east-1\nendpoint_url = ${emulator.url}`,
      `[profile wrong-secret]\nregion = us-east-1\nendpoint_url = ${emulator.url}`,
      `[profile closed-port]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:${port}`,
      `[sso-session tampered]\nsso_region = us-east-1\nsso_start_url = https://d-90670emul8.awsapps.com/start`,
      `[profile sso-tampered]\nregion = us-east-1\nendpoint_url = ${emulator.url}\nsso_session = tampered\nsso_account_id = 888888888888\nsso_role_name = SecurityHubAdmin`,
      `[profile sso-no-role]\nregion = us-east-1\nendpoint_url = ${emulator.url}\nsso_session = demo\nsso_account_id = 888888888888\nsso_role_name = NotAssigned`,
      // Legacy SSO settings (no sso-session) with no cached token, and roles on top of each kind.
      `[profile sso-legacy]\nregion = us-east-1\nendpoint_url = ${emulator.url}\nsso_start_url = https://d-90670legacy.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 888888888888\nsso_role_name = SecurityHubAdmin`,
      `[profile role-on-legacy]\nregion = us-east-1\nendpoint_url = ${emulator.url}\nrole_arn = arn:aws:iam::888888888888:role/Audit\nsource_profile = sso-legacy`,
      `[profile role-on-session]\nregion = us-east-1\nendpoint_url = ${emulator.url}\nrole_arn = arn:aws:iam::888888888888:role/Audit\nsource_profile = sso-signed-out`,
      '',
    ].join('\n'),
  );
  const adminKey = /\[admin\]\naws_access_key_id = (\S+)/.exec(await readFile(aws.credentialsFile, 'utf8'))?.[1] ?? '';
  await appendFile(
    aws.credentialsFile,
    `\n[wrong-key]\naws_access_key_id = ${WRONG_KEY.id}\naws_secret_access_key = ${WRONG_KEY.secret}\n` +
      `\n[wrong-secret]\naws_access_key_id = ${adminKey}\naws_secret_access_key = ${WRONG_KEY.secret}\n` +
      `\n[closed-port]\naws_access_key_id = ${WRONG_KEY.id}\naws_secret_access_key = ${WRONG_KEY.secret}\n`,
  );
  // A cached SSO token the portal does not know: a sign-in that was revoked.
  const tamperedToken = 'revoked-sso-access-token-00000000000000000001';
  await writeFile(
    join(aws.home, '.aws', 'sso', 'cache', `${createHash('sha1').update('tampered').digest('hex')}.json`),
    JSON.stringify({
      startUrl: 'https://d-90670emul8.awsapps.com/start',
      region: 'us-east-1',
      accessToken: tamperedToken,
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    }),
  );
  // Collect every secret that exists in the written files and the SSO cache.
  const creds = await readFile(aws.credentialsFile, 'utf8');
  for (const m of creds.matchAll(/^(?:aws_access_key_id|aws_secret_access_key|aws_session_token) = (\S+)$/gm)) {
    if (m[1]) secrets.push(m[1]);
  }
  const demo = JSON.parse(await readFile(DEMO_SCENARIO_PATH, 'utf8')) as { ssoSessions: { accessToken: string }[] };
  secrets.push(
    ...demo.ssoSessions.map((s) => s.accessToken),
    tamperedToken,
    EXPIRED.sessionToken,
    EXPIRED.secretAccessKey,
  );
  env = { ...aws.env };
  savedHome = process.env.HOME;
  process.env.HOME = aws.home;
  clients = createAwsClients({ env, promptMfa: () => Promise.reject(new Error('no MFA here')), maxAttempts: 1 });
  await clients.listProfiles();
});

afterAll(async () => {
  clients.dispose();
  process.env.HOME = savedHome;
  await emulator.stop();
  await rm(dir, { recursive: true, force: true });
});

afterEach(() => {
  emulator.setFaults({ throttleRate: 0, latencyMs: 0, errorRate: 0, dropRate: 0 });
});

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

async function failure(promise: Promise<unknown>, context: ErrorContext): Promise<AppError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  const appError = toAppError(error, context);
  produced.push(appError);
  return appError;
}

const hub = (profile: string, region = 'us-east-1') => clients.client(securityHub.sdk, profile, region);
const sts = (profile: string, region = 'us-east-1') => clients.sts(profile, region);

describe('toAppError on real failures', () => {
  it('invalid-credentials: an unknown access key and a wrong secret', async () => {
    const unknown = await failure(sts('wrong-key').send(new GetCallerIdentityCommand({})), { profile: 'wrong-key' });
    expect(unknown).toMatchObject({ kind: 'invalid-credentials', awsCode: 'InvalidClientTokenId' });
    expect(unknown.requestId).toBeTruthy();
    const onHub = await failure(hub('wrong-key').send(new DescribeHubCommand({})), { profile: 'wrong-key' });
    expect(onHub).toMatchObject({ kind: 'invalid-credentials', awsCode: 'UnrecognizedClientException' });
    const secret = await failure(sts('wrong-secret').send(new GetCallerIdentityCommand({})), {
      profile: 'wrong-secret',
    });
    expect(secret).toMatchObject({ kind: 'invalid-credentials', awsCode: 'SignatureDoesNotMatch' });
  });

  it('expired-credentials: an expired session token', async () => {
    const e = await failure(sts('expired').send(new GetCallerIdentityCommand({})), { profile: 'expired' });
    expect(e).toMatchObject({ kind: 'expired-credentials', awsCode: 'ExpiredToken' });
  });

  it('region-not-enabled only when STS accepted the same credentials', async () => {
    const who = await sts('member-pending').send(new GetCallerIdentityCommand({}));
    expect(who.Account).toBe('222222222222');
    const call = () => hub('member-pending', 'af-south-1').send(new DescribeHubCommand({}));
    const region = await failure(call(), { profile: 'member-pending', region: 'af-south-1', identityOk: true });
    expect(region).toMatchObject({ kind: 'region-not-enabled', awsCode: 'UnrecognizedClientException' });
    expect(region.message).toContain('af-south-1');
    expect((await failure(call(), { profile: 'member-pending', region: 'af-south-1' })).kind).toBe(
      'invalid-credentials',
    );
  });

  it('service-off: Security Hub not enabled in the region (Security Hub’s own reading of the error)', async () => {
    const raw = await hub('hub-off', 'eu-west-1')
      .send(new DescribeHubCommand({}))
      .then(
        () => null,
        (e: unknown) => e,
      );
    const e = securityHub.classifyError(raw, { profile: 'hub-off', region: 'eu-west-1' });
    expect(e).toMatchObject({ kind: 'service-off', awsCode: 'InvalidAccessException' });
    expect(e?.message).toBe('Security Hub CSPM is not enabled for hub-off in eu-west-1.');
  });

  it('access-denied names the IAM action, from the context or from the message', async () => {
    const call = () => hub('legacy-iam').send(new GetAdministratorAccountCommand({}));
    const parsed = await failure(call(), { profile: 'legacy-iam', region: 'us-east-1' });
    expect(parsed).toMatchObject({ kind: 'access-denied', action: 'securityhub:GetAdministratorAccount' });
    expect(parsed.message).toContain('securityhub:GetAdministratorAccount');
    const given = await failure(call(), { profile: 'legacy-iam', action: 'securityhub:Custom' });
    expect(given.action).toBe('securityhub:Custom');
  });

  it('organizations-managed: a member enrolled through Organizations cannot leave by itself', async () => {
    const e = await failure(hub('org-member').send(new DisassociateFromAdministratorAccountCommand({})), {
      profile: 'org-member',
    });
    expect(e).toMatchObject({ kind: 'organizations-managed', awsCode: 'BadRequestException' });
  });

  it('throttled with maxAttempts 1', async () => {
    emulator.setFaults({ throttleRate: 1 });
    const e = await failure(hub('admin').send(new DescribeHubCommand({})), { profile: 'admin' });
    expect(e).toMatchObject({ kind: 'throttled', awsCode: 'TooManyRequestsException', retryable: true });
  });

  it('internal for a 500 from AWS, network for a dropped connection', async () => {
    emulator.setFaults({ errorRate: 1 });
    const internal = await failure(hub('admin').send(new DescribeHubCommand({})), { profile: 'admin' });
    expect(internal).toMatchObject({ kind: 'internal', awsCode: 'InternalException', retryable: true });
    emulator.setFaults({ errorRate: 0, dropRate: 1 });
    const dropped = await failure(hub('admin').send(new DescribeHubCommand({})), { profile: 'admin' });
    // The SDK names a reset socket TimeoutError (for its retry rules); the code says what happened.
    expect(dropped).toMatchObject({ kind: 'network', retryable: true });
    expect(dropped.message).toContain('ECONNRESET');
  });

  it('not-found, conflict and invalid-input', async () => {
    const notFound = await failure(
      hub('member-pending').send(
        new AcceptAdministratorInvitationCommand({ AdministratorId: '123456789012', InvitationId: 'nope' }),
      ),
      { profile: 'member-pending' },
    );
    expect(notFound.kind).toBe('not-found');
    const conflict = await failure(hub('admin').send(new EnableSecurityHubCommand({})), { profile: 'admin' });
    expect(conflict).toMatchObject({ kind: 'conflict', awsCode: 'ResourceConflictException' });
    const invalid = await failure(hub('admin').send(new GetMembersCommand({ AccountIds: ['123'] })), {
      profile: 'admin',
    });
    expect(invalid).toMatchObject({ kind: 'invalid-input', awsCode: 'InvalidInputException' });
  });

  it('network: connection refused on a closed port', async () => {
    const e = await failure(sts('closed-port').send(new GetCallerIdentityCommand({})), { profile: 'closed-port' });
    expect(e).toMatchObject({ kind: 'network', retryable: true });
    expect(e.message).toContain('ECONNREFUSED');
  });

  it('timeout: no answer within the request timeout', async () => {
    const slow = createAwsClients({
      env,
      promptMfa: () => Promise.reject(new Error('no')),
      maxAttempts: 1,
      requestTimeoutMs: 200,
    });
    await slow.listProfiles();
    emulator.setFaults({ latencyMs: 1500 });
    try {
      const e = await failure(slow.client(securityHub.sdk, 'admin', 'us-east-1').send(new DescribeHubCommand({})), {
        profile: 'admin',
      });
      expect(e).toMatchObject({ kind: 'timeout', retryable: true });
    } finally {
      slow.dispose();
    }
  });

  it('sign-in-needed: SSO without a valid cached token, and a token the portal refuses', async () => {
    const missing = await failure(sts('sso-signed-out').send(new GetCallerIdentityCommand({})), {
      profile: 'sso-signed-out',
    });
    // One sign-in of the session renews every profile on it.
    expect(missing).toMatchObject({ kind: 'sign-in-needed', command: 'aws sso login --sso-session expired-session' });
    expect(missing.message).toContain('(sso-session expired-session)');
    const refused = await failure(sts('sso-tampered').send(new GetCallerIdentityCommand({})), {
      profile: 'sso-tampered',
    });
    expect(refused).toMatchObject({ kind: 'sign-in-needed', command: 'aws sso login --sso-session tampered' });
    // A valid sign-in without that account and role: the portal's ForbiddenException "No access".
    const noRole = await failure(sts('sso-no-role').send(new GetCallerIdentityCommand({})), { profile: 'sso-no-role' });
    expect(noRole.kind).toBe('no-credentials');
    expect(noRole.message).toMatch(/is valid, but it has no access to the profile’s account and role/);
  });

  it('sign-in-needed names the profile for legacy SSO settings, and the SSO profile under a role', async () => {
    const commandOf = async (profile: string) =>
      (await failure(sts(profile).send(new GetCallerIdentityCommand({})), { profile })).command;
    expect(await commandOf('sso-legacy')).toBe('aws sso login --profile sso-legacy');
    // fromIni hands a role's SSO source to fromSSO without the file paths: it reads process.env's.
    const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };
    process.env.AWS_CONFIG_FILE = env.AWS_CONFIG_FILE;
    process.env.AWS_SHARED_CREDENTIALS_FILE = env.AWS_SHARED_CREDENTIALS_FILE;
    try {
      // `aws sso login --profile ROLE` does not follow source_profile for legacy settings.
      expect(await commandOf('role-on-legacy')).toBe('aws sso login --profile sso-legacy');
      expect(await commandOf('role-on-session')).toBe('aws sso login --sso-session expired-session');
    } finally {
      restoreEnv('AWS_CONFIG_FILE', saved.config);
      restoreEnv('AWS_SHARED_CREDENTIALS_FILE', saved.credentials);
    }
  });

  it('mfa-needed when AWS refuses the code or the code is malformed; cancelled when the prompt is', async () => {
    for (const [code, awsCode] of [
      ['000000', 'AccessDenied'],
      ['12ab', undefined],
    ] as const) {
      const c = createAwsClients({ env, promptMfa: async () => code, maxAttempts: 1 });
      await c.listProfiles();
      try {
        const e = await failure(c.sts('mfa-audit', 'us-east-1').send(new GetCallerIdentityCommand({})), {
          profile: 'mfa-audit',
        });
        expect(e).toMatchObject({ kind: 'mfa-needed', retryable: true });
        expect(e.awsCode).toBe(awsCode);
      } finally {
        c.dispose();
      }
    }
    const aborted = new Error('The operation was aborted');
    aborted.name = 'AbortError';
    expect(toAppError(aborted).kind).toBe('cancelled');
  });

  it('no-credentials for a profile that does not exist or has no credentials', async () => {
    const e = await failure(sts('no-such-profile').send(new GetCallerIdentityCommand({})), {
      profile: 'no-such-profile',
    });
    expect(e.kind).toBe('no-credentials');
  });

  it('put no secret from the AWS files in any message', () => {
    expect(produced.length).toBeGreaterThan(15);
    const text = JSON.stringify(produced);
    for (const secret of secrets) expect(text).not.toContain(secret);
    for (const e of produced) expect(e.message.length).toBeGreaterThan(10);
  });
});

describe('scrubSecrets', () => {
  it('removes key ids, secrets, tokens and bearer tokens', () => {
    const text = scrubSecrets(
      'key AKIAIOSFODNN7EXAMPLE secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY token ' +
        `${'IQoJb3JpZ2luX2Vj'.repeat(8)} header Bearer abc.def aws_session_token=xyz ASIAEMULEXPIRED00001`,
    );
    for (const secret of [
      'AKIAIOSFODNN7EXAMPLE',
      'wJalrXUtnFEMI',
      'IQoJb3JpZ2luX2Vj',
      'abc.def',
      'xyz',
      'ASIAEMULEXPIRED00001',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(scrubSecrets('arn:aws:iam::111111111111:role/SecurityAudit')).toBe(
      'arn:aws:iam::111111111111:role/SecurityAudit',
    );
  });

  it('scrubs what it takes from an error message', () => {
    const error = Object.assign(new Error('Signature for AKIAIOSFODNN7EXAMPLE failed'), { name: 'Weird' });
    expect(toAppError(error).message).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });

  it('finds the action in a denial message', () => {
    expect(
      actionFromMessage('User: arn:aws:iam::1:user/x is not authorized to perform: sts:AssumeRole on resource'),
    ).toBe('sts:AssumeRole');
    expect(actionFromMessage('nothing here')).toBeNull();
  });
});
