/**
 * What a person reads when a profile's credential_source has nothing to give (no keys in the
 * environment, not on EC2, not in ECS), and when a host name does not resolve: real SDK providers
 * and a real SDK call, nothing mocked.
 */
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsClients, createAwsClients } from '../../../main/core/aws/clients';
import { toAppError } from '../../../main/core/aws/errors';
import { type AppError, isAppErrorException } from '../../../main/domain/errors';
import { type RunningEmulator, startEmulator } from '../../emulator/index';

const ENV_NAMES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_EC2_METADATA_SERVICE_ENDPOINT',
  'AWS_EC2_METADATA_DISABLED',
];
let emulator: RunningEmulator;
let dir: string;
let clients: AwsClients;
let awsEnv: { AWS_CONFIG_FILE: string; AWS_SHARED_CREDENTIALS_FILE: string; HOME: string };
const saved = new Map<string, string | undefined>();

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

beforeAll(async () => {
  emulator = await startEmulator();
  dir = await mkdtemp(join(tmpdir(), 'shi-cred-failures-'));
  const aws = await emulator.writeAwsDir(dir);
  awsEnv = { ...aws.env };
  const role = (name: string, source: string) =>
    `[profile ${name}]\nregion = us-east-1\nendpoint_url = ${emulator.url}\nrole_arn = arn:aws:iam::666666666666:role/SecurityAudit\ncredential_source = ${source}`;
  await appendFile(
    aws.configFile,
    [
      '',
      role('from-env', 'Environment'),
      role('from-ec2', 'Ec2InstanceMetadata'),
      role('from-ecs', 'EcsContainer'),
      `[profile on-env]\nregion = us-east-1\nendpoint_url = ${emulator.url}\nrole_arn = arn:aws:iam::666666666666:role/SecurityAudit\nsource_profile = from-env`,
      '',
    ].join('\n'),
  );
  // The SDK's providers read these from process.env: none may leak in from the machine running the tests.
  for (const name of ENV_NAMES) {
    saved.set(name, process.env[name]);
    delete process.env[name];
  }
  // Instance metadata at a closed port: refused at once, as off EC2 (instead of waiting on 169.254.169.254).
  process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = `http://127.0.0.1:${await closedPort()}`;
  clients = createAwsClients({ env: aws.env, promptMfa: () => Promise.reject(new Error('no MFA')), maxAttempts: 1 });
  await clients.listProfiles();
});

afterAll(async () => {
  clients?.dispose();
  for (const [name, value] of saved) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await emulator?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function failure(profile: string): Promise<AppError> {
  const error = await clients
    .sts(profile, 'us-east-1')
    .send(new GetCallerIdentityCommand({}))
    .then(
      () => new Error('expected the call to fail'),
      (e: unknown) => e,
    );
  return isAppErrorException(error) ? error.appError : toAppError(error, { profile });
}

describe('credential_source with nothing to give', () => {
  it('Environment: names the variables that are not set', async () => {
    const e = await failure('from-env');
    expect(e.kind).toBe('no-credentials');
    expect(e.message).toBe(
      'Profile "from-env" takes its credentials from the environment (credential_source = Environment), but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set.',
    );
    expect(e.remediation).toContain('AWS_ACCESS_KEY_ID');
    // Through a role on top, the profile that has the setting is named.
    const chained = await failure('on-env');
    expect(chained.message).toMatch(/^Profile "from-env", the source of profile "on-env", takes its credentials/);
  });

  it('Ec2InstanceMetadata and EcsContainer: say where the profile expects to run', async () => {
    const ec2 = await failure('from-ec2');
    expect(ec2.kind).toBe('no-credentials');
    expect(ec2.message).toMatch(
      /^Profile "from-ec2" expects to run on an EC2 instance \(credential_source = Ec2InstanceMetadata\)/,
    );
    const ecs = await failure('from-ecs');
    expect(ecs.message).toMatch(
      /^Profile "from-ecs" expects to run in an ECS container \(credential_source = EcsContainer\)/,
    );
    expect(ecs.message).toContain('AWS_CONTAINER_CREDENTIALS_RELATIVE_URI');
  });

  it('leaves a working source alone: with the keys set, the role is assumed', async () => {
    const keys = /\[admin\]\naws_access_key_id = (\S+)\naws_secret_access_key = (\S+)/.exec(
      await readFile(awsEnv.AWS_SHARED_CREDENTIALS_FILE, 'utf8'),
    );
    process.env.AWS_ACCESS_KEY_ID = keys?.[1] ?? '';
    process.env.AWS_SECRET_ACCESS_KEY = keys?.[2] ?? '';
    const c = createAwsClients({ env: awsEnv, promptMfa: () => Promise.reject(new Error('no MFA')), maxAttempts: 1 });
    try {
      await c.listProfiles();
      const out = await c.sts('from-env', 'us-east-1').send(new GetCallerIdentityCommand({}));
      expect(out.Account).toBe('666666666666');
    } finally {
      c.dispose();
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
    }
  });
});

describe('a host name that does not resolve', () => {
  it('names the host (the SDK passes on getaddrinfo’s hostname)', async () => {
    const client = new SecurityHubClient({
      region: 'us-east-1',
      endpoint: 'http://no-such-host.invalid',
      credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
    const raw = await client.send(new DescribeHubCommand({})).then(
      () => new Error('expected the call to fail'),
      (e: unknown) => e,
    );
    client.destroy();
    expect((raw as { code?: string }).code).toMatch(/^(ENOTFOUND|EAI_AGAIN)$/);
    expect((raw as { hostname?: string }).hostname).toBe('no-such-host.invalid');
    const e = toAppError(raw, { profile: 'dev', region: 'us-east-1' });
    expect(e.kind).toBe('network');
    expect(e.message).toContain('no-such-host.invalid');
    expect(e.message).toMatch(/did not resolve/);
  });
});
