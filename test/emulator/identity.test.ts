import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateMembersCommand,
  GetAdministratorAccountCommand,
  ListInvitationsCommand,
} from '@aws-sdk/client-securityhub';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { fromIni, fromWebToken } from '@aws-sdk/credential-providers';
import { GetRoleCredentialsCommand, SSOClient } from '@aws-sdk/nested-clients/sso';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from './index';
import { ADMIN, demoKeys, demoScenario, failure, securityHub, sts } from './test-kit';

let emu: RunningEmulator;
let dir: string;
let files: Awaited<ReturnType<RunningEmulator['writeAwsDir']>>;
const saved = { ...process.env };

const EXPIRED = {
  accessKeyId: 'ASIAEMULEXPIRED00001',
  secretAccessKey: 'expiredSessionSecretKey/000000000000001',
  sessionToken: 'expired-session-token-0000000000000001',
};

beforeAll(async () => {
  emu = await startEmulator();
  dir = mkdtempSync(join(tmpdir(), 'emulator-identity-'));
  files = await emu.writeAwsDir(dir);
  // fromSSO reads the token cache from $HOME and, inside fromIni, the config from AWS_CONFIG_FILE
  // (it does not receive fromIni's filepath options). This file's worker owns its environment.
  Object.assign(process.env, files.env);
});
afterAll(async () => {
  for (const k of ['HOME', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'] as const) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  await emu.stop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  const s = demoScenario();
  s.principals.push({
    accessKeyId: EXPIRED.accessKeyId,
    secretAccessKey: EXPIRED.secretAccessKey,
    sessionToken: EXPIRED.sessionToken,
    accountId: ADMIN,
    arn: 'arn:aws:sts::111111111111:assumed-role/Old/session',
    expiresAt: '2026-01-01T00:00:00Z',
  } as never);
  emu.loadScenario(s);
});

const profile = (name: string, extra: Parameters<typeof fromIni>[0] = {}) =>
  fromIni({
    profile: name,
    filepath: files.credentialsFile,
    configFilepath: files.configFile,
    ignoreCache: true,
    clientConfig: { endpoint: emu.url, region: 'us-east-1' },
    ...extra,
  });

describe('signature and key checks', () => {
  it('Security Hub: wrong secret, unknown key, expired session', async () => {
    const good = demoKeys('admin');
    const wrong = await failure(() =>
      securityHub(emu, { ...good, secretAccessKey: `${good.secretAccessKey}x` }).send(
        new GetAdministratorAccountCommand({}),
      ),
    );
    expect(wrong.name).toBe('InvalidSignatureException');
    expect(wrong.$metadata?.httpStatusCode).toBe(403);
    const unknown = await failure(() =>
      securityHub(emu, { ...good, accessKeyId: 'AKIAUNKNOWN000000000' }).send(new GetAdministratorAccountCommand({})),
    );
    expect(unknown.name).toBe('UnrecognizedClientException');
    const expired = await failure(() => securityHub(emu, { ...EXPIRED }).send(new GetAdministratorAccountCommand({})));
    expect(expired.name).toBe('ExpiredTokenException');
    const noToken = await failure(() =>
      securityHub(emu, { ...EXPIRED, sessionToken: undefined }).send(new GetAdministratorAccountCommand({})),
    );
    expect(noToken.name).toBe('UnrecognizedClientException');
  });

  it('STS: InvalidClientTokenId, SignatureDoesNotMatch, ExpiredToken', async () => {
    const good = demoKeys('admin');
    const wrong = await failure(() =>
      sts(emu, { ...good, secretAccessKey: 'x'.repeat(40) }).send(new GetCallerIdentityCommand({})),
    );
    expect(wrong.name).toBe('SignatureDoesNotMatch');
    const unknown = await failure(() =>
      sts(emu, { ...good, accessKeyId: 'AKIAUNKNOWN000000000' }).send(new GetCallerIdentityCommand({})),
    );
    expect(unknown.name).toBe('InvalidClientTokenId');
    const expired = await failure(() => sts(emu, { ...EXPIRED }).send(new GetCallerIdentityCommand({})));
    expect(expired.name).toBe('ExpiredToken');
  });

  it('a body changed after signing is refused', async () => {
    const client = securityHub(emu, 'admin');
    client.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { body?: unknown };
        request.body = JSON.stringify({ AccountDetails: [{ AccountId: '999999999999' }] });
        return next(args);
      },
      { step: 'deserialize', name: 'tamperAfterSigning' },
    );
    const error = await failure(() =>
      client.send(new CreateMembersCommand({ AccountDetails: [{ AccountId: '123456789012' }] })),
    );
    expect(error.name).toBe('InvalidSignatureException');
  });

  it('a missing or malformed Authorization header is refused', async () => {
    const withAuthorization = (value: string | null) => {
      const client = securityHub(emu, 'admin');
      client.middlewareStack.add(
        (next) => async (args) => {
          const headers = (args.request as { headers: Record<string, string> }).headers;
          if (value === null) delete headers.authorization;
          else headers.authorization = value;
          return next(args);
        },
        { step: 'deserialize', name: 'replaceAuthorization' },
      );
      return failure(() => client.send(new GetAdministratorAccountCommand({})));
    };
    expect((await withAuthorization(null)).name).toBe('MissingAuthenticationTokenException');
    expect((await withAuthorization('AWS4-HMAC-SHA256 Credential=garbage')).name).toBe('IncompleteSignatureException');
  });

  it('STS works in an opt-in region the account has not enabled while Security Hub refuses', async () => {
    const who = await sts(emu, 'member-pending', 'af-south-1').send(new GetCallerIdentityCommand({}));
    expect(who.Account).toBe('222222222222');
    const error = await failure(() =>
      securityHub(emu, 'member-pending', 'af-south-1').send(new ListInvitationsCommand({})),
    );
    expect(error.name).toBe('UnrecognizedClientException');
  });
});

describe('profiles resolved through fromIni', () => {
  const accountOf = async (credentials: ReturnType<typeof fromIni>) =>
    (await sts(emu, credentials).send(new GetCallerIdentityCommand({}))).Account;

  it('static, assume-role, credential_process and SSO profiles reach their accounts', async () => {
    expect(await accountOf(profile('admin'))).toBe(ADMIN);
    expect(await accountOf(profile('sandbox-role'))).toBe('666666666666');
    expect(await accountOf(profile('proc-ops'))).toBe('999999999999');
    const sso = await sts(emu, profile('sso-dev')).send(new GetCallerIdentityCommand({}));
    expect(sso.Account).toBe('888888888888');
    expect(sso.Arn).toContain('SecurityHubAdmin');
    const admin = await securityHub(emu, profile('sso-dev')).send(new GetAdministratorAccountCommand({}));
    expect(admin.Administrator).toBeUndefined();
  });

  it('the signed-out SSO profile needs `aws sso login`', async () => {
    const error = await failure(() => profile('sso-signed-out')());
    expect(error.message).toContain('aws sso login');
  });

  it('the SSO portal refuses an unknown bearer token with UnauthorizedException', async () => {
    const sso = new SSOClient({ region: 'us-east-1', endpoint: emu.url, maxAttempts: 1 });
    const error = await failure(() =>
      sso.send(
        new GetRoleCredentialsCommand({
          accessToken: 'not-a-token',
          accountId: '888888888888',
          roleName: 'SecurityHubAdmin',
        }),
      ),
    );
    expect(error.name).toBe('UnauthorizedException');
    const ok = await sso.send(
      new GetRoleCredentialsCommand({
        accessToken: demoScenario().ssoSessions[0]!.accessToken,
        accountId: '888888888888',
        roleName: 'SecurityHubAdmin',
      }),
    );
    expect(ok.roleCredentials?.accessKeyId).toMatch(/^ASIA/);
  });

  it('an MFA profile asks for a code, and the same code is refused a second time', async () => {
    const serials: string[] = [];
    const mfaCodeProvider = async (serial: string) => {
      serials.push(serial);
      return '123456';
    };
    expect(await accountOf(profile('mfa-audit', { mfaCodeProvider }))).toBe('777777777777');
    expect(serials).toEqual(['arn:aws:iam::111111111111:mfa/alice']);
    const reused = await failure(() => profile('mfa-audit', { mfaCodeProvider })());
    expect(reused.name).toBe('AccessDenied');
    expect(reused.message).toContain('MultiFactorAuthentication failed');
    const wrong = await failure(() => profile('mfa-audit', { mfaCodeProvider: async () => '000000' })());
    expect(wrong.message).toContain('MultiFactorAuthentication failed');
  });
});

const accountOfCreds = async (credentials: Parameters<typeof sts>[1]) =>
  (await sts(emu, credentials).send(new GetCallerIdentityCommand({}))).Account;

describe('STS operations', () => {
  const ROLE = 'arn:aws:iam::777777777777:role/SecurityAuditMfa';

  it('AssumeRole of an MFA role: refused without MFA, allowed with a code or with an MFA session', async () => {
    const admin = sts(emu, 'admin');
    const denied = await failure(() => admin.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'x1' })));
    expect(denied.name).toBe('AccessDenied');
    const serial = 'arn:aws:iam::111111111111:mfa/alice';
    const withCode = await admin.send(
      new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'x2', SerialNumber: serial, TokenCode: '234567' }),
    );
    expect(withCode.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(withCode.AssumedRoleUser?.Arn).toBe('arn:aws:sts::777777777777:assumed-role/SecurityAuditMfa/x2');

    const session = await admin.send(
      new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: '345678', DurationSeconds: 900 }),
    );
    const c = session.Credentials!;
    const mfaSession = {
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken!,
    };
    expect((await sts(emu, mfaSession).send(new GetCallerIdentityCommand({}))).Account).toBe(ADMIN);
    const viaSession = await sts(emu, mfaSession).send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'x3' }));
    expect(viaSession.Credentials?.Expiration).toBeInstanceOf(Date);
    const reused = await failure(() =>
      admin.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: '345678' })),
    );
    expect(reused.message).toContain('MultiFactorAuthentication failed');
  });

  it('AssumeRole refuses a role that does not trust the caller', async () => {
    const error = await failure(() =>
      sts(emu, 'member-pending').send(
        new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::666666666666:role/SecurityAudit', RoleSessionName: 'xx' }),
      ),
    );
    expect(error.name).toBe('AccessDenied');
    expect(error.message).toContain('sts:AssumeRole');
  });

  it('AssumeRoleWithWebIdentity (unsigned) works for a role that trusts web identities only', async () => {
    const s = demoScenario();
    s.roles.push({
      arn: 'arn:aws:iam::666666666666:role/WebDeploy',
      trustedAccounts: ['111111111111'],
      webIdentity: true,
    } as never);
    emu.loadScenario(s);
    const web = (roleArn: string, webIdentityToken = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln') =>
      fromWebToken({
        roleArn,
        webIdentityToken,
        roleSessionName: 'ci',
        clientConfig: { endpoint: emu.url, region: 'us-east-1' },
      });
    expect(await accountOfCreds(web('arn:aws:iam::666666666666:role/WebDeploy'))).toBe('666666666666');
    const denied = await failure(() => web('arn:aws:iam::666666666666:role/SecurityAudit')());
    expect(denied.name).toBe('AccessDenied');
    const badToken = await failure(() => web('arn:aws:iam::666666666666:role/WebDeploy', 'not a jwt')());
    // Wire code InvalidIdentityToken; the SDK names the modelled error class.
    expect(badToken.name).toBe('InvalidIdentityTokenException');
  });

  it('AssumeRole refuses a DurationSeconds beyond the role maximum', async () => {
    const role = 'arn:aws:iam::666666666666:role/SecurityAudit';
    const error = await failure(() =>
      sts(emu, 'admin').send(new AssumeRoleCommand({ RoleArn: role, RoleSessionName: 'long', DurationSeconds: 7200 })),
    );
    expect(error.name).toBe('ValidationError');
    const ok = await sts(emu, 'admin').send(
      new AssumeRoleCommand({ RoleArn: role, RoleSessionName: 'short', DurationSeconds: 900 }),
    );
    const ms = ok.Credentials!.Expiration!.getTime() - Date.now();
    expect(ms).toBeGreaterThan(850_000);
    expect(ms).toBeLessThanOrEqual(900_000);
  });

  it('GetSessionToken refuses session credentials and a foreign MFA device', async () => {
    const session = await sts(emu, 'admin').send(new GetSessionTokenCommand({}));
    const c = session.Credentials!;
    const temp = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    expect((await failure(() => sts(emu, temp).send(new GetSessionTokenCommand({})))).name).toBe('AccessDenied');
    const foreign = await failure(() =>
      sts(emu, 'member-pending').send(
        new GetSessionTokenCommand({ SerialNumber: 'arn:aws:iam::111111111111:mfa/alice', TokenCode: '456789' }),
      ),
    );
    expect(foreign.message).toContain('MultiFactorAuthentication failed');
  });
});
