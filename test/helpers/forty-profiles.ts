/**
 * A realistic workstation of 40 AWS profiles against the emulator, as a security engineer in an
 * organization has one: a security administrator, workload accounts (some invited, some members),
 * roles assumed from the administrator (two whose trust does not allow it), two IAM Identity Center
 * sessions whose sign-in has expired (12 and 4 profiles), two profiles with the older SSO settings
 * never signed in, one valid SSO session, old access keys AWS no longer knows, credential_process
 * helpers that fail, a role whose source_profile does not exist, a profile whose region is a typo,
 * and an account under a region-deny service control policy.
 *
 * `status` over it is the measure of whether the command line's output scales (README, "The command
 * line"); test/bench/status-output.ts prints it, test/cli/status-groups.test.ts checks it.
 */
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openSettings } from '../../main/core/storage/settings';
import type { AwsDir } from '../emulator/aws-dir';
import { type RunningEmulator, type Scenario, startEmulator } from '../emulator/index';

export const FORTY_REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'af-south-1'];

const ADMIN = '111111111111';
const acct = (n: number) => `2000000000${String(n).padStart(2, '0')}`;
const key = (n: number) => `AKIAFORTYPROFILE${String(n).padStart(4, '0')}`;
const secret = (n: number) => `fortyProfilesSecretKey/${String(n).padStart(20, '0')}`;

/** Workload accounts with static keys: the first three have pending invitations, the next three are members. */
const WORKLOADS = ['payments-prod', 'payments-dev', 'ledger-prod', 'ledger-dev', 'search-prod', 'search-dev'];
const ROLES = ['audit-logs', 'audit-network', 'audit-data', 'audit-identity'];
const CORP = [
  'corp-billing',
  'corp-crm',
  'corp-data-lake',
  'corp-edge',
  'corp-hr',
  'corp-intranet',
  'corp-mail',
  'corp-ml',
  'corp-mobile',
  'corp-observability',
  'corp-shared-services',
  'corp-web',
];
const SANDBOX = ['sandbox-alice', 'sandbox-bob', 'sandbox-carol', 'sandbox-dave'];

export function fortyProfilesScenario(): Scenario {
  const regions = FORTY_REGIONS.slice(0, 3);
  const accounts = [
    { id: ADMIN, hubRegions: regions, optInRegions: ['af-south-1'] },
    ...WORKLOADS.map((_, i) => ({ id: acct(i + 1), hubRegions: regions })),
    ...ROLES.map((_, i) => ({ id: acct(20 + i), hubRegions: regions })),
    ...['broken-trust-a', 'broken-trust-b'].map((_, i) => ({ id: acct(30 + i), hubRegions: regions })),
    ...CORP.map((_, i) => ({ id: acct(40 + i), hubRegions: regions })),
    ...SANDBOX.map((_, i) => ({ id: acct(60 + i), hubRegions: regions })),
    { id: acct(70), hubRegions: regions }, // the valid SSO session's account
    { id: acct(71), hubRegions: regions }, // under the region-deny SCP
    { id: acct(72), hubRegions: regions }, // the profile with a region typo
  ];
  const principals = [
    { accessKeyId: key(0), secretAccessKey: secret(0), accountId: ADMIN, arn: `arn:aws:iam::${ADMIN}:user/secops` },
    ...WORKLOADS.map((name, i) => ({
      accessKeyId: key(i + 1),
      secretAccessKey: secret(i + 1),
      accountId: acct(i + 1),
      arn: `arn:aws:iam::${acct(i + 1)}:user/${name}`,
    })),
    { accessKeyId: key(71), secretAccessKey: secret(71), accountId: acct(71), arn: `arn:aws:iam::${acct(71)}:user/eu` },
    { accessKeyId: key(72), secretAccessKey: secret(72), accountId: acct(72), arn: `arn:aws:iam::${acct(72)}:user/t` },
  ];
  const invited = (i: number) => ({ accountId: acct(i), email: `${WORKLOADS[i - 1]}@example.com` });
  const session = (name: string, expired: boolean, grants: { accountId: string; roleName: string }[]) => ({
    name,
    startUrl: `https://d-90670f0rty.awsapps.com/start#${name}`,
    region: 'us-east-1',
    accessToken: `forty-profiles-${name}-access-token-0000000001`,
    expired,
    // An expired sign-in whose client registration has expired too: no refresh, a sign-in is needed.
    registrationExpired: expired,
    grants,
  });
  return {
    description: 'A 40-profile workstation (test/helpers/forty-profiles.ts).',
    regions: FORTY_REGIONS,
    optInRegions: ['af-south-1'],
    accounts,
    principals,
    roles: [
      ...ROLES.map((_, i) => ({ arn: `arn:aws:iam::${acct(20 + i)}:role/SecurityAudit`, trustedAccounts: [ADMIN] })),
      // Trust only another account: AssumeRole from the administrator is refused.
      ...[30, 31].map((n) => ({ arn: `arn:aws:iam::${acct(n)}:role/SecurityAudit`, trustedAccounts: [acct(1)] })),
    ],
    ssoSessions: [
      session(
        'corp',
        true,
        CORP.map((_, i) => ({ accountId: acct(40 + i), roleName: 'SecurityAudit' })),
      ),
      session(
        'sandbox',
        true,
        SANDBOX.map((_, i) => ({ accountId: acct(60 + i), roleName: 'Developer' })),
      ),
      session('platform', false, [{ accountId: acct(70), roleName: 'SecurityAudit' }]),
    ],
    administrators: [
      {
        accountId: ADMIN,
        region: 'us-east-1',
        members: [
          ...[1, 2, 3].map((i) => ({ ...invited(i), status: 'Invited' as const })),
          ...[4, 5, 6].map((i) => ({ ...invited(i), status: 'Enabled' as const })),
        ],
      },
      { accountId: ADMIN, region: 'eu-west-1', members: [{ ...invited(1), status: 'Invited' as const }] },
    ],
    scpDenials: [{ accountIds: [acct(71)], allowedRegions: ['us-east-1'] }],
    profiles: [
      { name: 'security-admin', type: 'static', region: 'us-east-1', accessKeyId: key(0) },
      ...WORKLOADS.map((name, i) => ({
        name,
        type: 'static' as const,
        region: 'us-east-1',
        accessKeyId: key(i + 1),
      })),
      ...ROLES.map((name, i) => ({
        name,
        type: 'assume-role' as const,
        region: 'us-east-1',
        roleArn: `arn:aws:iam::${acct(20 + i)}:role/SecurityAudit`,
        sourceProfile: 'security-admin',
      })),
      ...['broken-trust-a', 'broken-trust-b'].map((name, i) => ({
        name,
        type: 'assume-role' as const,
        region: 'us-east-1',
        roleArn: `arn:aws:iam::${acct(30 + i)}:role/SecurityAudit`,
        sourceProfile: 'security-admin',
      })),
      ...CORP.map((name, i) => ({
        name,
        type: 'sso' as const,
        region: 'eu-west-1',
        ssoSession: 'corp',
        accountId: acct(40 + i),
        roleName: 'SecurityAudit',
      })),
      ...SANDBOX.map((name, i) => ({
        name,
        type: 'sso' as const,
        region: 'us-east-1',
        ssoSession: 'sandbox',
        accountId: acct(60 + i),
        roleName: 'Developer',
      })),
      {
        name: 'platform-audit',
        type: 'sso',
        region: 'us-east-1',
        ssoSession: 'platform',
        accountId: acct(70),
        roleName: 'SecurityAudit',
      },
      { name: 'eu-only', type: 'static', region: 'us-east-1', accessKeyId: key(71) },
    ],
  } as Scenario;
}

/**
 * Adds what a scenario cannot hold (the emulator knows only working profiles): legacy SSO profiles
 * never signed in, access keys AWS does not know, failing credential_process helpers, a role whose
 * source_profile is missing, a region typo. 31 scenario profiles + 9 here = 40.
 */
export async function addBrokenProfiles(dir: string, files: AwsDir, endpointUrl: string): Promise<void> {
  const failing = path.join(dir, 'expired-helper.mjs');
  await writeFile(
    failing,
    "process.stderr.write('Error: your corporate session has expired; run acme-login first\\n');\nprocess.exit(1);\n",
  );
  const quote = (s: string) => `"${s.replace(/(["\\$`])/g, '\\$1')}"`;
  const profile = (name: string, lines: string[]) =>
    [`[profile ${name}]`, 'region = us-east-1', `endpoint_url = ${endpointUrl}`, ...lines, ''].join('\n');
  const legacy = (name: string, n: number) =>
    profile(name, [
      'sso_start_url = https://d-90670legacy.awsapps.com/start',
      'sso_region = us-east-1',
      `sso_account_id = ${acct(80 + n)}`,
      'sso_role_name = ReadOnly',
    ]);
  await appendFile(
    files.configFile,
    [
      legacy('legacy-sso-finance', 0),
      legacy('legacy-sso-marketing', 1),
      ...['old-keys-2019', 'old-keys-2020', 'old-keys-contractor'].map((name) => profile(name, [])),
      ...['vault-prod', 'vault-staging'].map((name) =>
        profile(name, [`credential_process = ${quote(process.execPath)} ${quote(failing)}`]),
      ),
      profile('orphan-role', [
        `role_arn = arn:aws:iam::${acct(90)}:role/SecurityAudit`,
        'source_profile = deleted-profile',
      ]),
      // The region typo: a real key, a region that is not one.
      profile('typo-region', []).replace('region = us-east-1', 'region = us-est-1'),
    ].join('\n'),
  );
  const staticKeys = (name: string, id: string, secretKey: string) =>
    `[${name}]\naws_access_key_id = ${id}\naws_secret_access_key = ${secretKey}\n\n`;
  await appendFile(
    files.credentialsFile,
    [
      staticKeys('old-keys-2019', 'AKIAOLDKEYS000002019', 'oldKeysSecret/000000000000000000002019'),
      staticKeys('old-keys-2020', 'AKIAOLDKEYS000002020', 'oldKeysSecret/000000000000000000002020'),
      staticKeys('old-keys-contractor', 'AKIAOLDKEYS00000CON', 'oldKeysSecret/0000000000000000000000c0'),
      staticKeys('typo-region', key(72), secret(72)),
    ].join(''),
  );
}

export interface FortyProfiles {
  emulator: RunningEmulator;
  dir: string;
  /** The environment the command line runs in: the AWS files, HOME (the SSO cache), the settings folder. */
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/**
 * The emulator, the 40 profiles in a temp folder and a settings folder reading `regions` ('all': every
 * region of the partition, as a new install does; a list: those alone).
 */
export async function openFortyProfiles(regions: 'all' | string[] = FORTY_REGIONS): Promise<FortyProfiles> {
  const emulator = await startEmulator({ scenario: fortyProfilesScenario(), port: 0 });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shi-forty-'));
  const files = await emulator.writeAwsDir(dir);
  await addBrokenProfiles(dir, files, emulator.url);
  const settingsDir = path.join(dir, 'settings');
  // Security Hub CSPM alone, as the figures of this workstation were taken (a new install reads every service).
  openSettings({ cwd: settingsDir }).update({
    ...(regions === 'all' ? { defaultRegionMode: 'all' } : { defaultRegionMode: 'list', defaultRegions: regions }),
    serviceMode: 'list',
    services: ['securityhub'],
  });
  return {
    emulator,
    dir,
    env: { ...files.env, PATH: process.env.PATH, SHI_SETTINGS_DIR: settingsDir },
    async close() {
      await emulator.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
