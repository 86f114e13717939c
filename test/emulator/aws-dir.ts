/**
 * Writes what an AWS client needs to reach the emulator: `config` and `credentials` with the
 * scenario's profiles (each with endpoint_url), the SSO token cache under <dir>/home/.aws/sso/cache
 * (file name = sha1 of the sso_session name, as the SDK looks it up), and the script the
 * credential_process profiles run with this very node binary.
 */
import { createHash } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ParsedScenario } from './scenario-schema';
import { ssoClientOf } from './state';

export interface AwsDir {
  configFile: string;
  credentialsFile: string;
  home: string;
  env: { AWS_CONFIG_FILE: string; AWS_SHARED_CREDENTIALS_FILE: string; HOME: string };
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

const quote = (s: string) => `"${s.replace(/(["\\$`])/g, '\\$1')}"`;

export async function writeAwsDir(dirInput: string, scenario: ParsedScenario, endpointUrl: string): Promise<AwsDir> {
  const dir = resolve(dirInput);
  const home = join(dir, 'home');
  const cacheDir = join(home, '.aws', 'sso', 'cache');
  await mkdir(cacheDir, { recursive: true });
  const keys = new Map(scenario.principals.map((p) => [p.accessKeyId, p]));
  const script = join(dir, 'credential-process.mjs');

  const config: string[] = [];
  const credentials: string[] = [];
  const processCreds: Record<string, { AccessKeyId: string; SecretAccessKey: string; SessionToken?: string }> = {};

  for (const p of scenario.profiles) {
    const lines = [`[profile ${p.name}]`, `region = ${p.region}`, `endpoint_url = ${endpointUrl}`];
    if (p.type === 'static') {
      const k = keys.get(p.accessKeyId)!;
      credentials.push(
        `[${p.name}]`,
        `aws_access_key_id = ${k.accessKeyId}`,
        `aws_secret_access_key = ${k.secretAccessKey}`,
      );
      if (k.sessionToken) credentials.push(`aws_session_token = ${k.sessionToken}`);
      credentials.push('');
    } else if (p.type === 'assume-role') {
      lines.push(`role_arn = ${p.roleArn}`, `source_profile = ${p.sourceProfile}`, `role_session_name = ${p.name}`);
      if (p.mfaSerial) lines.push(`mfa_serial = ${p.mfaSerial}`);
    } else if (p.type === 'sso') {
      lines.push(`sso_session = ${p.ssoSession}`, `sso_account_id = ${p.accountId}`, `sso_role_name = ${p.roleName}`);
    } else {
      const k = keys.get(p.accessKeyId)!;
      processCreds[p.name] = {
        AccessKeyId: k.accessKeyId,
        SecretAccessKey: k.secretAccessKey,
        ...(k.sessionToken ? { SessionToken: k.sessionToken } : {}),
      };
      lines.push(`credential_process = ${quote(process.execPath)} ${quote(script)} ${p.name}`);
    }
    config.push(...lines, '');
  }

  for (const s of scenario.ssoSessions) {
    config.push(
      `[sso-session ${s.name}]`,
      `sso_region = ${s.region}`,
      `sso_start_url = ${s.startUrl}`,
      'sso_registration_scopes = sso:account:access',
      '',
    );
    // The fields the AWS CLI v2 writes after `aws sso login` for an [sso-session] (the SDK's
    // SSOToken type in @smithy/shared-ini-file-loader reads the same names).
    const now = Date.now();
    const expiresAt = new Date(now + (s.expired ? -HOUR : s.nearExpiry ? 2 * MINUTE : 12 * HOUR)).toISOString();
    const client = ssoClientOf(s.name);
    const token = {
      startUrl: s.startUrl,
      region: s.region,
      accessToken: s.accessToken,
      expiresAt,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      registrationExpiresAt: new Date(now + (s.registrationExpired ? -HOUR : 90 * 24 * HOUR)).toISOString(),
      refreshToken: client.refreshToken,
    };
    const name = createHash('sha1').update(s.name).digest('hex');
    await writeFile(join(cacheDir, `${name}.json`), `${JSON.stringify(token, null, 2)}\n`, { mode: 0o600 });
  }

  await writeFile(script, processScript(processCreds), { mode: 0o700 });
  await chmod(script, 0o700);
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');
  await writeFile(configFile, config.join('\n'), { mode: 0o600 });
  await writeFile(credentialsFile, credentials.join('\n'), { mode: 0o600 });
  return {
    configFile,
    credentialsFile,
    home,
    env: { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, HOME: home },
  };
}

/** The credential_process helper: prints Version 1 JSON for the profile named in argv. */
function processScript(creds: Record<string, unknown>): string {
  return `// Written by the Security Hub emulator: prints credential_process JSON for the profile in argv[2].
const credentials = ${JSON.stringify(creds, null, 2)};
const profile = process.argv[2] ?? '';
const c = credentials[profile];
if (!c) {
  process.stderr.write('unknown profile ' + profile + '\\n');
  process.exit(1);
}
process.stdout.write(JSON.stringify({ Version: 1, ...c }));
`;
}
