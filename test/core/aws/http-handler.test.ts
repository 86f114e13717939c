/**
 * The app's HTTP handler on a corporate-style network: HTTPS through a CONNECT proxy, a private CA
 * added from AWS_CA_BUNDLE or ca_bundle, NO_PROXY, a proxy that wants credentials, and keep-alive.
 * Real SDK, the emulator's TLS listener and a local proxy.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeHubCommand } from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AwsClients, createAwsClients } from '../../../main/core/aws/clients';
import { toAppError } from '../../../main/core/aws/errors';
import { proxyForUrl } from '../../../main/core/aws/http-handler';
import { securityHub } from '../../../main/core/services/securityhub';
import { type RunningEmulator, startEmulator } from '../../emulator/index';
import { type ConnectProxy, startConnectProxy } from '../../helpers/connect-proxy';

describe('proxyForUrl', () => {
  it.each([
    [{ HTTPS_PROXY: 'http://proxy:3128' }, 'https://securityhub.us-east-1.amazonaws.com/', 'http://proxy:3128'],
    [{ https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' }, 'https://a.example/', 'http://lower:1'],
    [{ HTTPS_PROXY: 'proxy:3128' }, 'https://a.example/', 'https://proxy:3128'],
    [{ HTTP_PROXY: 'http://p:1' }, 'https://a.example/', ''],
    [{ HTTP_PROXY: 'http://p:1' }, 'http://a.example/', 'http://p:1'],
    [{ ALL_PROXY: 'http://all:1' }, 'https://a.example/', 'http://all:1'],
    [{ HTTPS_PROXY: 'http://p:1', NO_PROXY: 'amazonaws.com' }, 'https://sts.amazonaws.com/', ''],
    [{ HTTPS_PROXY: 'http://p:1', NO_PROXY: '.amazonaws.com' }, 'https://sts.amazonaws.com/', ''],
    [{ HTTPS_PROXY: 'http://p:1', NO_PROXY: '*.amazonaws.com' }, 'https://sts.amazonaws.com/', ''],
    [{ HTTPS_PROXY: 'http://p:1', NO_PROXY: 'amazonaws.com' }, 'https://notamazonaws.com/', 'http://p:1'],
    [{ HTTPS_PROXY: 'http://p:1', no_proxy: 'localhost, 127.0.0.1' }, 'https://127.0.0.1:8443/', ''],
    [{ HTTPS_PROXY: 'http://p:1', NO_PROXY: '127.0.0.1:9999' }, 'https://127.0.0.1:8443/', 'http://p:1'],
    [{ HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' }, 'https://a.example/', ''],
    [{}, 'https://a.example/', ''],
  ])('%o %s -> %s', (env, url, expected) => {
    expect(proxyForUrl(url, env)).toBe(expected);
  });
});

let emulator: RunningEmulator;
let dir: string;
let baseEnv: Record<string, string>;
let caFile: string;
let proxy: ConnectProxy | null = null;
let clients: AwsClients | null = null;
let tlsTarget: string;

beforeAll(async () => {
  emulator = await startEmulator({ tls: true });
  if (!emulator.tlsUrl || !emulator.caPem) throw new Error('the emulator did not start TLS');
  dir = await mkdtemp(join(tmpdir(), 'shi-http-'));
  const aws = await emulator.writeAwsDir(dir);
  // Every profile talks to the TLS listener instead of plain HTTP.
  const config = await readFile(aws.configFile, 'utf8');
  await writeFile(aws.configFile, config.split(emulator.url).join(emulator.tlsUrl));
  caFile = join(dir, 'corporate-ca.pem');
  await writeFile(caFile, emulator.caPem);
  baseEnv = { ...aws.env };
  tlsTarget = new URL(emulator.tlsUrl).host;
});

afterAll(async () => {
  await emulator.stop();
  await rm(dir, { recursive: true, force: true });
});

afterEach(async () => {
  clients?.dispose();
  clients = null;
  await proxy?.stop();
  proxy = null;
});

async function make(env: Record<string, string>) {
  clients = createAwsClients({ env, promptMfa: () => Promise.reject(new Error('no MFA here')), maxAttempts: 1 });
  await clients.listProfiles();
  return clients;
}

const whoAmI = (c: AwsClients, profile = 'admin') =>
  c
    .sts(profile, 'us-east-1')
    .send(new GetCallerIdentityCommand({}))
    .then((r) => r.Account);

describe('through a CONNECT proxy to a TLS endpoint with a private CA', () => {
  it('reaches Security Hub, STS and role assumption through the proxy, trusting AWS_CA_BUNDLE', async () => {
    proxy = await startConnectProxy();
    const c = await make({ ...baseEnv, HTTPS_PROXY: proxy.url, AWS_CA_BUNDLE: caFile });
    expect(await whoAmI(c)).toBe('111111111111');
    // AssumeRole during credential resolution goes through the same handler.
    expect(await whoAmI(c, 'sandbox-role')).toBe('666666666666');
    const hub = await c.client(securityHub.sdk, 'admin', 'us-east-1').send(new DescribeHubCommand({}));
    expect(hub.HubArn).toContain('111111111111');
    expect(proxy.targets.length).toBeGreaterThan(0);
    expect(new Set(proxy.targets)).toEqual(new Set([tlsTarget]));
  });

  it('trusts the profile’s ca_bundle too', async () => {
    const config = await readFile(baseEnv.AWS_CONFIG_FILE as string, 'utf8');
    const withBundle = join(dir, 'config-with-bundle');
    await writeFile(withBundle, config.replace('[profile admin]', `[profile admin]\nca_bundle = ${caFile}`));
    proxy = await startConnectProxy();
    const c = await make({ ...baseEnv, AWS_CONFIG_FILE: withBundle, https_proxy: proxy.url });
    expect(await whoAmI(c)).toBe('111111111111');
  });

  it('without the CA, fails with a network error that points at AWS_CA_BUNDLE', async () => {
    proxy = await startConnectProxy();
    const c = await make({ ...baseEnv, HTTPS_PROXY: proxy.url });
    const error = await whoAmI(c).catch((e: unknown) => e);
    const appErr = toAppError(error, { profile: 'admin', region: 'us-east-1' });
    expect(appErr.kind).toBe('network');
    expect(appErr.remediation).toContain('AWS_CA_BUNDLE');
  });

  it('goes direct for hosts in NO_PROXY', async () => {
    proxy = await startConnectProxy();
    const c = await make({
      ...baseEnv,
      HTTPS_PROXY: proxy.url,
      NO_PROXY: 'localhost,127.0.0.1',
      AWS_CA_BUNDLE: caFile,
    });
    expect(await whoAmI(c)).toBe('111111111111');
    expect(proxy.targets).toEqual([]);
  });

  it('reports a proxy that wants credentials as a proxy error, and works with them', async () => {
    proxy = await startConnectProxy({ credentials: 'alice:s3cret' });
    const refused = await make({ ...baseEnv, HTTPS_PROXY: proxy.url, AWS_CA_BUNDLE: caFile });
    const error = await whoAmI(refused).catch((e: unknown) => e);
    expect(toAppError(error, { profile: 'admin' }).kind).toBe('proxy');
    refused.dispose();
    const withAuth = proxy.url.replace('http://', 'http://alice:s3cret@');
    const c = await make({ ...baseEnv, HTTPS_PROXY: withAuth, AWS_CA_BUNDLE: caFile });
    expect(await whoAmI(c)).toBe('111111111111');
  });

  it('runs 80 calls at once and then reuses its kept-alive connections', async () => {
    proxy = await startConnectProxy();
    const c = await make({ ...baseEnv, HTTPS_PROXY: proxy.url, AWS_CA_BUNDLE: caFile });
    const accounts = await Promise.all(Array.from({ length: 80 }, () => whoAmI(c)));
    expect(new Set(accounts)).toEqual(new Set(['111111111111']));
    const tunnels = proxy.targets.length;
    for (let i = 0; i < 10; i++) await whoAmI(c);
    // Sequential calls after the burst open no new tunnel: the sockets were kept alive.
    expect(proxy.targets.length).toBe(tunnels);
  });

  it('reports an unreadable CA bundle as a config error', async () => {
    const c = await make({ ...baseEnv, AWS_CA_BUNDLE: join(dir, 'missing.pem') });
    const error = await whoAmI(c).catch((e: unknown) => e);
    expect(toAppError(error).kind).toBe('config');
  });
});
