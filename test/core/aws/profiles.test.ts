/**
 * Listing profiles: the AWS CLI's names and order, the SDK's values, and a warning (never a crash or
 * a silently shorter list) for every line or section one of them cannot read.
 */
import { execFileSync } from 'node:child_process';
import { truncateSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { fromIni } from '@aws-sdk/credential-providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../../main/core/aws/clients';
import { listProfiles, loadProfiles } from '../../../main/core/aws/profiles';
import { AppErrorException } from '../../../main/domain/errors';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLETOKENxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';
const KEY = 'AKIAIOSFODNN7EXAMPLE';

const CONFIG = `# the shared config file
[default]
region = us-east-1

[profile dev]
region = eu-west-1
output = json

[profile "with space"]
region = eu-west-1

[profile a b]
region = eu-west-1

[profile dot.name]
region = ap-southeast-2
role_arn = arn:aws:iam::111111111111:role/Audit
source_profile = dev
mfa_serial = arn:aws:iam::111111111111:mfa/alice

[profile chained]
role_arn = arn:aws:iam::222222222222:role/Next
source_profile = dot.name

[profile broken-source]
role_arn = arn:aws:iam::222222222222:role/Next
source_profile = missing

[profile proc]
credential_process = /usr/bin/false

[profile web]
role_arn = arn:aws:iam::111111111111:role/Web
web_identity_token_file = /tmp/token

[sso-session corp]
sso_start_url = https://example.awsapps.com/start
sso_region = us-east-1

[profile sso]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = Admin

[profile sso-nosession]
sso_session = nowhere
sso_account_id = 111111111111
sso_role_name = Admin

[services local]
securityhub =
  endpoint_url = http://127.0.0.1:1

[empty-in-config]

[profile empty]

[profile colon]
region: us-west-2
aws_access_key_id = ${KEY}
aws_secret_access_key = ${SECRET}
`;

const CREDENTIALS = `[default]
aws_access_key_id = ${KEY}
aws_secret_access_key = ${SECRET}

[dev]
aws_access_key_id = ${KEY}
aws_secret_access_key = ${SECRET}
aws_session_token = ${TOKEN}

[cred only]
aws_access_key_id = ${KEY}
aws_secret_access_key = ${SECRET}

[profile literal]
aws_access_key_id = ${KEY}
aws_secret_access_key = ${SECRET}

[creds.dotted]
aws_access_key_id = ${KEY}
aws_secret_access_key = ${SECRET}

[half]
aws_access_key_id = ${KEY}

[blank]
`;

/** What `aws configure list-profiles` prints for these files (checked against botocore below). */
const CLI_ORDER = [
  'default',
  'dev',
  'with space',
  'dot.name',
  'chained',
  'broken-source',
  'proc',
  'web',
  'sso',
  'sso-nosession',
  'empty',
  'colon',
  'cred only',
  'profile literal',
  'creds.dotted',
  'half',
  'blank',
];

let dir: string;
let env: Record<string, string>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shi-profiles-'));
  await writeFile(join(dir, 'config'), CONFIG);
  await writeFile(join(dir, 'credentials'), CREDENTIALS);
  env = { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), HOME: dir };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function botocoreProfiles(e: Record<string, string>): string[] | null {
  try {
    const out = execFileSync(
      'python3',
      ['-c', 'import botocore.session\nfor p in botocore.session.Session().available_profiles: print(p)'],
      { env: { PATH: process.env.PATH ?? '', ...e }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    return out.split('\n').filter((l) => l !== '');
  } catch {
    return null;
  }
}

describe('listProfiles', () => {
  it('lists the names in the AWS CLI order, including empty and credentials-only profiles', async () => {
    const list = await listProfiles(env);
    expect(list.profiles.map((p) => p.name)).toEqual(CLI_ORDER);
    expect(list.configFile).toBe(env.AWS_CONFIG_FILE);
    expect(list.credentialsFile).toBe(env.AWS_SHARED_CREDENTIALS_FILE);
  });

  // botocore (the AWS CLI's library) decides what `aws configure list-profiles` prints.
  it.runIf(botocoreProfiles({}) !== null)('agrees with botocore (the AWS CLI) where it is installed', () => {
    expect(botocoreProfiles(env)).toEqual(CLI_ORDER);
  });

  it('describes each profile from the SDK loader’s values', async () => {
    const byName = new Map((await listProfiles(env)).profiles.map((p) => [p.name, p]));
    expect(byName.get('default')).toEqual({
      name: 'default',
      kind: 'static',
      region: 'us-east-1',
      usable: true,
      reason: null,
      mfa: false,
      sourceProfile: null,
      ssoSession: null,
      isDefault: true,
      configuredAccountId: null,
    });
    expect(byName.get('dev')).toMatchObject({ kind: 'static', region: 'eu-west-1', usable: true, isDefault: false });
    expect(byName.get('dot.name')).toMatchObject({
      kind: 'assume-role',
      mfa: true,
      sourceProfile: 'dev',
      usable: true,
    });
    // MFA through the source chain.
    expect(byName.get('chained')).toMatchObject({ kind: 'assume-role', mfa: true, sourceProfile: 'dot.name' });
    expect(byName.get('broken-source')).toMatchObject({ usable: false, reason: expect.stringContaining('missing') });
    expect(byName.get('proc')).toMatchObject({ kind: 'credential-process', usable: true });
    expect(byName.get('web')).toMatchObject({ kind: 'web-identity', usable: true });
    expect(byName.get('sso')).toMatchObject({ kind: 'sso', usable: true });
    expect(byName.get('sso-nosession')).toMatchObject({
      kind: 'sso',
      usable: false,
      reason: expect.stringContaining('nowhere'),
    });
    expect(byName.get('empty')).toMatchObject({ kind: 'unknown', usable: false });
    expect(byName.get('blank')).toMatchObject({ kind: 'unknown', usable: false });
    expect(byName.get('half')).toMatchObject({
      usable: false,
      reason: expect.stringContaining('aws_secret_access_key'),
    });
    // The CLI reads `region: us-west-2`, the SDK does not: the value from the SDK is what counts.
    expect(byName.get('colon')).toMatchObject({ kind: 'static', region: null, usable: true });
    expect(byName.get('with space')).toMatchObject({ usable: false, reason: expect.stringContaining('spaces') });
    expect(byName.get('cred only')).toMatchObject({ usable: false, reason: expect.stringContaining('spaces') });
    expect(byName.get('profile literal')).toMatchObject({
      usable: false,
      reason: expect.stringContaining('"profile"'),
    });
    expect(byName.get('creds.dotted')).toMatchObject({ kind: 'static', usable: true });
  });

  it('marks usable exactly the profiles the SDK resolves', async () => {
    const list = await listProfiles(env);
    const files = { filepath: env.AWS_SHARED_CREDENTIALS_FILE, configFilepath: env.AWS_CONFIG_FILE, ignoreCache: true };
    // Kinds that resolve without a network call (roles through a stand-in roleAssumer hook).
    for (const p of list.profiles.filter((x) => ['static', 'assume-role', 'unknown'].includes(x.kind))) {
      const provider = fromIni({
        ...files,
        profile: p.name,
        mfaCodeProvider: async () => '123456',
        roleAssumer: async () => ({ accessKeyId: 'ASIAROLE', secretAccessKey: 'role' }),
      });
      const resolved = await provider().then(
        () => true,
        () => false,
      );
      expect({ name: p.name, usable: resolved }).toEqual({ name: p.name, usable: p.usable });
    }
  });

  it('warns about each section and line a parser skips, by file and line', async () => {
    const { warnings } = await listProfiles(env);
    const at = (file: string, line: number) =>
      warnings.filter((w) => w.file === join(dir, file) && w.line === line).map((w) => w.message);
    const configLine = (text: string) => CONFIG.split('\n').indexOf(text) + 1;
    const credLine = (text: string) => CREDENTIALS.split('\n').indexOf(text) + 1;
    expect(at('config', configLine('[profile a b]'))).toEqual([expect.stringContaining('AWS CLI ignores')]);
    expect(at('config', configLine('[empty-in-config]'))).toEqual([
      expect.stringContaining('[profile empty-in-config]'),
    ]);
    expect(at('config', configLine('region: us-west-2'))).toEqual([expect.stringContaining('":"')]);
    expect(at('credentials', credLine('[cred only]'))).toHaveLength(1);
    expect(at('credentials', credLine('[profile literal]'))).toHaveLength(1);
  });

  it('never puts a secret in the listing', async () => {
    const text = JSON.stringify(await listProfiles(env));
    for (const secret of [KEY, SECRET, TOKEN]) expect(text).not.toContain(secret);
  });

  it('marks the AWS_PROFILE profile as the default one', async () => {
    const list = await listProfiles({ ...env, AWS_PROFILE: 'dev' });
    expect(list.profiles.filter((p) => p.isDefault).map((p) => p.name)).toEqual(['dev']);
    const missing = await listProfiles({ ...env, AWS_PROFILE: 'nope' });
    expect(missing.profiles.some((p) => p.isDefault)).toBe(false);
    expect(missing.warnings.some((w) => w.message.includes('AWS_PROFILE'))).toBe(true);
  });

  it('reports a malformed line by file and line and still lists every profile', async () => {
    const file = join(dir, 'malformed-config');
    await writeFile(
      file,
      '[profile one]\nregion = us-east-1\nthis is not a setting\n[profile two]\nregion = eu-west-1\n',
    );
    const list = await listProfiles({ ...env, AWS_CONFIG_FILE: file });
    expect(list.profiles.slice(0, 2).map((p) => [p.name, p.region])).toEqual([
      ['one', 'us-east-1'],
      ['two', 'eu-west-1'],
    ]);
    expect(list.warnings).toContainEqual({
      file,
      line: 3,
      message: expect.stringContaining('not a "key = value" line'),
    });
  });

  it('turns an unreadable or missing file into a warning', async () => {
    const folder = join(dir, 'a-folder');
    await mkdir(folder, { recursive: true });
    const list = await listProfiles({
      ...env,
      AWS_CONFIG_FILE: folder,
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'nope'),
    });
    expect(list.profiles).toEqual([]);
    expect(list.warnings.map((w) => [w.file, w.line])).toEqual([
      [folder, 0],
      [join(dir, 'nope'), 0],
    ]);
    expect(list.warnings[0]?.message).toBe(
      `Could not read the config file: ${folder} is a folder, not a regular file.`,
    );
    expect(list.warnings[1]?.message).toContain('does not exist');
  });

  it('refuses a FIFO config file at once and never hands it to the SDK', async () => {
    const fifo = join(dir, 'config-fifo');
    execFileSync('mkfifo', [fifo]);
    const loaded = await loadProfiles({ ...env, AWS_CONFIG_FILE: fifo });
    expect(loaded.list.warnings).toContainEqual({
      file: fifo,
      line: 0,
      message: `Could not read the config file: ${fifo} is a FIFO, not a regular file.`,
    });
    // fromIni and fromSSO read the paths they are given: the null device reads as an empty file.
    expect(loaded.sdkPaths).toEqual({ configFile: devNull, credentialsFile: join(dir, 'credentials') });
    expect(loaded.list.configFile).toBe(fifo);
    // The credentials file is still read.
    expect(loaded.list.profiles.map((p) => p.name)).toContain('dev');
  }, 10_000);

  it('treats names like "constructor" as ordinary profile names', async () => {
    const file = join(dir, 'proto-config');
    await writeFile(
      file,
      '[profile constructor]\nregion = eu-west-1\n[profile web]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = toString\n',
    );
    const list = await listProfiles({ ...env, AWS_CONFIG_FILE: file, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none') });
    expect(list.profiles.map((p) => [p.name, p.region, p.usable])).toEqual([
      ['constructor', 'eu-west-1', false],
      ['web', null, false],
    ]);
    expect(list.profiles[1]?.reason).toContain('"toString" does not exist');
  });

  it('names the sso-session behind each profile: its own, or its role chain’s; null for legacy SSO', async () => {
    const file = join(dir, 'sso-sessions');
    await writeFile(
      file,
      [
        '[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1',
        '[profile a]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Admin',
        '[profile legacy]\nsso_start_url = https://old.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111111111111\nsso_role_name = Admin',
        '[profile role-on-a]\nrole_arn = arn:aws:iam::222222222222:role/Audit\nsource_profile = a',
        '[profile role-on-role]\nrole_arn = arn:aws:iam::333333333333:role/Audit\nsource_profile = role-on-a',
        '[profile role-on-legacy]\nrole_arn = arn:aws:iam::222222222222:role/Audit\nsource_profile = legacy',
        '[profile role-env]\nrole_arn = arn:aws:iam::222222222222:role/Audit\ncredential_source = Environment',
        '[profile keys]\nregion = eu-west-1',
        '',
      ].join('\n'),
    );
    const list = await listProfiles({ ...env, AWS_CONFIG_FILE: file, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none') });
    expect(Object.fromEntries(list.profiles.map((p) => [p.name, p.ssoSession]))).toEqual({
      a: 'corp',
      legacy: null,
      'role-on-a': 'corp',
      'role-on-role': 'corp',
      'role-on-legacy': null,
      'role-env': null,
      keys: null,
    });
  });

  it('names the account a profile’s settings point at: sso_account_id, or the account of role_arn', async () => {
    const file = join(dir, 'configured-accounts');
    await writeFile(
      file,
      [
        '[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1',
        '[profile sso]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Admin',
        '[profile sso-odd]\nsso_session = corp\nsso_account_id = 1111\nsso_role_name = Admin',
        '[profile role]\nrole_arn = arn:aws:iam::222222222222:role/Audit\nsource_profile = sso',
        '[profile role-gov]\nrole_arn = arn:aws-us-gov:iam::333333333333:role/path/Audit\ncredential_source = Environment',
        '[profile web]\nrole_arn = arn:aws:iam::444444444444:role/Web\nweb_identity_token_file = /tmp/token',
        '[profile role-user]\nrole_arn = arn:aws:iam::555555555555:user/alice\nsource_profile = sso',
        '[profile role-broken]\nrole_arn = arn:aws:iam::555555555555:role/Audit',
        `[profile keys]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}`,
        '[profile proc]\ncredential_process = /usr/bin/false',
        '',
      ].join('\n'),
    );
    const list = await listProfiles({ ...env, AWS_CONFIG_FILE: file, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none') });
    expect(Object.fromEntries(list.profiles.map((p) => [p.name, p.configuredAccountId]))).toEqual({
      sso: '111111111111',
      'sso-odd': null,
      role: '222222222222',
      'role-gov': '333333333333',
      web: '444444444444',
      'role-user': null,
      'role-broken': null,
      keys: null,
      proc: null,
    });
  });

  it('uses ~/.aws/config and ~/.aws/credentials under HOME when the variables are unset', async () => {
    const home = join(dir, 'home');
    await mkdir(join(home, '.aws'), { recursive: true });
    await writeFile(join(home, '.aws', 'config'), '[profile from-home]\nregion = sa-east-1\n');
    await writeFile(
      join(home, '.aws', 'credentials'),
      `[default]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n`,
    );
    const list = await listProfiles({ HOME: home });
    expect(list.profiles.map((p) => [p.name, p.region])).toEqual([
      ['from-home', 'sa-east-1'],
      ['default', null],
    ]);
    expect(list.configFile).toBe(join(home, '.aws', 'config'));
    // No files at all is not an error.
    expect((await listProfiles({ HOME: join(dir, 'empty-home') })).warnings).toEqual([]);
  });
});

describe('a shared file that exists but is refused', () => {
  it('refuses every profile when the config file is over 32 MB, so none calls public endpoints', async () => {
    const big = join(dir, 'huge-config');
    // A sparse file: 33 MB of zeros take no disk space, and the reader stops at 32 MB + 1 byte.
    await writeFile(big, '[profile dev]\nregion = eu-west-1\nendpoint_url = http://127.0.0.1:1\n');
    truncateSync(big, 33 * 1024 * 1024);
    const list = await listProfiles({ ...env, AWS_CONFIG_FILE: big });
    expect(list.warnings[0]?.message).toBe('Could not read the config file: it is larger than 32 MB.');
    // 'dev' still has its keys in the credentials file, but its region and endpoint were in the config.
    const dev = list.profiles.find((p) => p.name === 'dev');
    expect(dev?.usable).toBe(false);
    expect(dev?.reason).toBe(
      `The config file ${big} could not be read (it is larger than 32 MB), so this profile's settings there (region, endpoints, role, SSO) are unknown: it is not used rather than sent to AWS's public endpoints.`,
    );
    expect(list.profiles.every((p) => !p.usable)).toBe(true);

    const clients = createAwsClients({ env: { ...env, AWS_CONFIG_FILE: big }, promptMfa: async () => '' });
    try {
      await clients.listProfiles();
      const error = await clients
        .sts('dev', 'us-east-1')
        .send(new GetCallerIdentityCommand({}))
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(AppErrorException);
      expect((error as AppErrorException).appError.kind).toBe('config');
      expect((error as AppErrorException).appError.message).toContain('larger than 32 MB');
    } finally {
      clients.dispose();
    }
  }, 20_000);
});

describe('an unread credentials file', () => {
  it('costs only the keys in it: a profile the config file defines whole is still usable', async () => {
    const fifo = join(dir, 'credentials-fifo');
    execFileSync('mkfifo', [fifo]);
    const config = join(dir, 'config-sso-only');
    await writeFile(
      config,
      '[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n' +
        '[profile a]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Admin\n',
    );
    const list = await listProfiles({ ...env, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: fifo });
    expect(list.profiles.find((p) => p.name === 'a')?.usable).toBe(true);
  }, 10_000);
});
