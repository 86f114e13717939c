/**
 * Endpoint precedence per profile and per service. The expected values come from the SDK itself:
 * for the process-wide profile (AWS_PROFILE) a client without an explicit endpoint resolves the
 * configured endpoint on its own, so resolveEndpoint must pick the same one for any profile.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { loadSharedConfigFiles } from '@smithy/core/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EndpointService, resolveEndpoint } from '../../../main/core/aws/endpoints';
import type { SharedFiles } from '../../../main/core/aws/profiles';

const CONFIG = `[profile plain]
region = us-east-1

[profile own]
endpoint_url = http://own.test:1001

[profile with-services]
services = local
endpoint_url = http://own.test:1002

[profile services-partial]
services = stsonly
endpoint_url = http://own.test:1003

[profile services-missing]
services = nowhere
endpoint_url = http://own.test:1004

[profile ignoring]
ignore_configured_endpoint_urls = true
endpoint_url = http://own.test:1005

[services local]
securityhub =
  endpoint_url = http://hub.test:2001
sts =
  endpoint_url = http://sts.test:2002
sso =
  endpoint_url = http://sso.test:2003
sso_oidc =
  endpoint_url = http://oidc.test:2004

[services stsonly]
sts =
  endpoint_url = http://sts.test:2005
`;

let dir: string;
let files: SharedFiles;
let counter = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shi-endpoints-'));
  await writeFile(join(dir, 'config'), CONFIG);
  const loaded = await loadSharedConfigFiles({ configFilepath: join(dir, 'config'), filepath: join(dir, 'none') });
  files = { configFile: loaded.configFile as SharedFiles['configFile'], credentialsFile: loaded.credentialsFile };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const url = (service: EndpointService, profile: string, env: Record<string, string> = {}) =>
  resolveEndpoint(service, profile, env, files)?.url ?? null;

describe('resolveEndpoint', () => {
  it('prefers the service variable, then AWS_ENDPOINT_URL, then services, then endpoint_url', () => {
    const both = { AWS_ENDPOINT_URL_SECURITYHUB: 'http://env-hub.test', AWS_ENDPOINT_URL: 'http://env.test' };
    expect(url('SecurityHub', 'with-services', both)).toBe('http://env-hub.test');
    expect(url('STS', 'with-services', both)).toBe('http://env.test');
    expect(url('SecurityHub', 'with-services')).toBe('http://hub.test:2001');
    expect(url('STS', 'with-services')).toBe('http://sts.test:2002');
    expect(url('SSO', 'with-services')).toBe('http://sso.test:2003');
    expect(url('SSO OIDC', 'with-services')).toBe('http://oidc.test:2004');
    expect(url('SecurityHub', 'services-partial')).toBe('http://own.test:1003');
    expect(url('STS', 'services-partial')).toBe('http://sts.test:2005');
    expect(url('SecurityHub', 'own')).toBe('http://own.test:1001');
    expect(url('SecurityHub', 'plain')).toBeNull();
    expect(url('SSO OIDC', 'plain', { AWS_ENDPOINT_URL_SSO_OIDC: 'http://o.test' })).toBe('http://o.test');
  });

  it('honours ignore_configured_endpoint_urls and AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', () => {
    expect(url('SecurityHub', 'ignoring', { AWS_ENDPOINT_URL: 'http://env.test' })).toBeNull();
    expect(url('SecurityHub', 'own', { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' })).toBeNull();
    expect(url('SecurityHub', 'ignoring', { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false' })).toBe(
      'http://own.test:1005',
    );
  });

  it('gives no endpoint when the named services section is missing', () => {
    expect(url('SecurityHub', 'services-missing')).toBeNull();
  });
});

/** The host:port a real client would call, for the process-wide profile, with the SDK's own lookup. */
async function sdkChoice(service: EndpointService, profile: string, env: Record<string, string>): Promise<string> {
  const saved = { ...process.env };
  // A fresh copy of the file per run: the SDK caches file contents by path.
  const configFile = join(dir, `config-${counter++}`);
  await writeFile(configFile, CONFIG);
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  Object.assign(process.env, env, {
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
    AWS_PROFILE: profile,
  });
  let seen = '';
  try {
    const config = { region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' } };
    // Record where the request would go, then stop it before it leaves.
    const capture = {
      step: 'build' as const,
      name: 'captureEndpoint',
    };
    const record = (request: unknown) => {
      const r = request as { hostname: string; port?: number };
      seen = `${r.hostname}${r.port ? `:${r.port}` : ''}`;
      throw new Error('captured');
    };
    if (service === 'STS') {
      const client = new STSClient(config);
      client.middlewareStack.add(() => async (args) => record(args.request), capture);
      await client.send(new GetCallerIdentityCommand({})).catch(() => undefined);
    } else {
      const client = new SecurityHubClient(config);
      client.middlewareStack.add(() => async (args) => record(args.request), capture);
      await client.send(new DescribeHubCommand({})).catch(() => undefined);
    }
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
  return seen;
}

describe('agrees with the SDK’s own resolution for the process-wide profile', () => {
  const cases: [EndpointService, string, Record<string, string>][] = [
    ['SecurityHub', 'own', {}],
    ['SecurityHub', 'with-services', {}],
    ['STS', 'with-services', {}],
    ['SecurityHub', 'services-partial', {}],
    ['STS', 'services-partial', {}],
    ['SecurityHub', 'plain', {}],
    ['SecurityHub', 'ignoring', {}],
    ['SecurityHub', 'services-missing', {}],
    ['SecurityHub', 'own', { AWS_ENDPOINT_URL: 'http://env.test:3001' }],
    ['SecurityHub', 'with-services', { AWS_ENDPOINT_URL_SECURITYHUB: 'http://env-hub.test:3002' }],
    ['STS', 'with-services', { AWS_ENDPOINT_URL_SECURITYHUB: 'http://env-hub.test:3002' }],
    ['SecurityHub', 'own', { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }],
    ['SecurityHub', 'ignoring', { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false' }],
  ];
  it.each(cases)('%s for %s with %o', async (service, profile, env) => {
    const ours = resolveEndpoint(service, profile, env, files);
    const expected = ours
      ? new URL(ours.url).host
      : service === 'STS'
        ? 'sts.us-east-1.amazonaws.com'
        : 'securityhub.us-east-1.amazonaws.com';
    expect(await sdkChoice(service, profile, env)).toBe(expected);
  });
});

describe('where an endpoint was set', () => {
  it.each([
    ['own', {}, 'endpoint_url of profile "own"'],
    ['with-services', {}, 'sts endpoint_url in [services local], named by profile "with-services"'],
    ['own', { AWS_ENDPOINT_URL: 'http://env.test:3001' }, 'AWS_ENDPOINT_URL'],
    ['own', { AWS_ENDPOINT_URL_STS: 'http://env-sts.test:3003' }, 'AWS_ENDPOINT_URL_STS'],
  ] as const)('%s with %o: %s', (profile, env, where) => {
    expect(resolveEndpoint('STS', profile, env, files)?.where).toBe(where);
  });
});
