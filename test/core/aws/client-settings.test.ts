/**
 * Client settings (FIPS, dual-stack, retry mode, app id, auth scheme preference) come from each
 * profile's own values, decided once when the files are loaded: a client build reads no file.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clientSettings } from '../../../main/core/aws/client-settings';
import { type AwsClients, createAwsClients } from '../../../main/core/aws/clients';
import { securityHub } from '../../../main/core/services/securityhub';

let dir: string;
let configFile: string;
let clients: AwsClients | null = null;

const CONFIG = `[profile fips]
region = us-east-1
aws_access_key_id = AKIDFIPSEXAMPLE00001
aws_secret_access_key = fipsSecretExample0000000000000000000000
use_fips_endpoint = true
retry_mode = adaptive
sdk_ua_app_id = audit-tool
auth_scheme_preference = sigv4a, sigv4

[profile plain]
region = eu-west-1
aws_access_key_id = AKIDPLAINEXAMPLE0001
aws_secret_access_key = plainSecretExample000000000000000000000
`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shi-client-settings-'));
  configFile = join(dir, 'config');
  await writeFile(configFile, CONFIG);
});
afterAll(() => rm(dir, { recursive: true, force: true }));
afterEach(async () => {
  clients?.dispose();
  clients = null;
  await writeFile(configFile, CONFIG);
});

/** A config value as the SDK keeps it: the value itself or a provider of it. */
const resolved = async <T>(v: T | (() => Promise<T>)) => (typeof v === 'function' ? (v as () => Promise<T>)() : v);

async function loaded(env: NodeJS.ProcessEnv) {
  clients = createAwsClients({ env, promptMfa: async () => '000000' });
  await clients.listProfiles();
  return clients;
}

describe('clientSettings', () => {
  it('takes the environment first, then the profile, then the SDK default', () => {
    expect(clientSettings({}, {})).toMatchObject({
      useFipsEndpoint: false,
      useDualstackEndpoint: false,
      authSchemePreference: [],
      retryMode: 'standard',
    });
    expect(clientSettings({}, { use_fips_endpoint: 'true', use_dualstack_endpoint: 'true' })).toMatchObject({
      useFipsEndpoint: true,
      useDualstackEndpoint: true,
    });
    expect(clientSettings({ AWS_USE_FIPS_ENDPOINT: 'false' }, { use_fips_endpoint: 'true' }).useFipsEndpoint).toBe(
      false,
    );
    expect(clientSettings({ AWS_RETRY_MODE: 'legacy' }, { retry_mode: 'adaptive' }).retryMode).toBe('legacy');
  });

  it('skips a value the SDK would not accept, as the SDK does', () => {
    expect(clientSettings({ AWS_USE_FIPS_ENDPOINT: 'yes' }, { use_fips_endpoint: 'true' }).useFipsEndpoint).toBe(true);
    expect(clientSettings({}, { use_fips_endpoint: 'on' }).useFipsEndpoint).toBe(false);
  });

  it('reads the app id and the auth scheme preference', async () => {
    const s = clientSettings({}, { sdk_ua_app_id: 'tool', auth_scheme_preference: 'sigv4a, sigv4' });
    expect(await s.userAgentAppId()).toBe('tool');
    expect(s.authSchemePreference).toEqual(['sigv4a', 'sigv4']);
    expect(await clientSettings({ AWS_SDK_UA_APP_ID: 'env-id' }, { sdk_ua_app_id: 'tool' }).userAgentAppId()).toBe(
      'env-id',
    );
  });
});

describe('clients built from the loaded profiles', () => {
  it('give each profile its own settings, whatever AWS_PROFILE says', async () => {
    // The SDK on its own would read AWS_PROFILE's (fips) values for every client.
    const c = await loaded({
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
      AWS_PROFILE: 'fips',
    });
    const fips = c.client(securityHub.sdk, 'fips', 'us-east-1').config;
    const plain = c.client(securityHub.sdk, 'plain', 'us-east-1').config;
    expect(await fips.useFipsEndpoint()).toBe(true);
    expect(await plain.useFipsEndpoint()).toBe(false);
    expect(await resolved(fips.retryMode)).toBe('adaptive');
    expect(await resolved(plain.retryMode)).toBe('standard');
    expect(await fips.userAgentAppId()).toBe('audit-tool');
    expect(await c.sts('fips', 'us-east-1').config.useFipsEndpoint()).toBe(true);
  });

  it('read no file when a client is built: the files are read on load and reload()', async () => {
    const c = await loaded({ AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none') });
    await writeFile(configFile, CONFIG.replace('use_fips_endpoint = true', 'use_fips_endpoint = false'));
    const before = c.client(securityHub.sdk, 'fips', 'eu-west-1').config;
    expect(await before.useFipsEndpoint()).toBe(true);
    await c.reload();
    const after = c.client(securityHub.sdk, 'fips', 'eu-west-1').config;
    expect(await after.useFipsEndpoint()).toBe(false);
  });
});
