/** Demo-like data for the renderer's in-memory window.api (names as in the demo scenario). */
import type {
  AccountNames,
  ActivityEntry,
  AppError,
  AppInfo,
  MemberInfo,
  ProductInfo,
  ProfileList,
  ProfileSummary,
  ServiceInfo,
  ServiceRow,
  Settings,
} from '../../../contract/api';
import { serviceRow } from '../../helpers/rows';

export const FETCHED_AT = '2026-11-25T10:00:00.000Z';
export const CACHED_AT = '2026-11-24T08:00:00.000Z';

export function error(kind: AppError['kind'], message: string, extra: Partial<AppError> = {}): AppError {
  return { kind, message, remediation: null, command: null, retryable: false, ...extra };
}

function profile(name: string, kind: ProfileSummary['kind'], extra: Partial<ProfileSummary> = {}): ProfileSummary {
  return {
    name,
    kind,
    region: 'us-east-1',
    usable: true,
    reason: null,
    mfa: false,
    sourceProfile: null,
    ssoSession: null,
    isDefault: false,
    configuredAccountId: null,
    ...extra,
  };
}

export function demoProfiles(): ProfileList {
  return {
    profiles: [
      profile('admin', 'static', { isDefault: true }),
      profile('member-pending', 'static'),
      profile('member-enabled', 'static'),
      profile('hub-off', 'static'),
      profile('mfa-audit', 'assume-role', { mfa: true, sourceProfile: 'admin' }),
      profile('sso-signed-out', 'sso', { ssoSession: 'expired-session' }),
      profile('legacy-iam', 'static'),
    ],
    warnings: [],
    configFile: '/home/user/.aws/config',
    credentialsFile: '/home/user/.aws/credentials',
  };
}

export function snapshot(profileName: string, region: string, extra: Partial<ServiceRow> = {}): ServiceRow {
  return serviceRow(profileName, region, { fetchedAt: FETCHED_AT, ...extra });
}

function member(accountId: string, memberStatus: string, extra: Partial<MemberInfo> = {}): MemberInfo {
  return {
    accountId,
    email: `${accountId}@example.com`,
    administratorId: '111111111111',
    masterId: '111111111111',
    memberStatus,
    invitedAt: '2026-11-01T09:00:00.000Z',
    updatedAt: '2026-11-02T09:00:00.000Z',
    ...extra,
  };
}

const account = (id: string, name: string) => ({ accountId: id, arn: `arn:aws:iam::${id}:user/${name}` });

export function demoRows(): ServiceRow[] {
  return [
    snapshot('admin', 'us-east-1', {
      ...account('111111111111', 'admin'),
      members: [
        member('222222222222', 'Invited'),
        member('333333333333', 'Enabled'),
        member('444444444444', 'Enabled'),
        member('555555555555', 'Invited'),
        member('999999999999', 'Created', { administratorId: null }),
      ],
    }),
    snapshot('admin', 'eu-west-1', {
      ...account('111111111111', 'admin'),
      members: [member('222222222222', 'Invited')],
    }),
    snapshot('member-pending', 'us-east-1', {
      ...account('222222222222', 'member'),
      pendingInvitations: [
        {
          accountId: '111111111111',
          invitationId: 'inv-222-use1',
          invitedAt: '2026-11-20T12:00:00.000Z',
          memberStatus: 'Invited',
        },
      ],
    }),
    snapshot('member-pending', 'eu-west-1', {
      ...account('222222222222', 'member'),
      pendingInvitations: [
        {
          accountId: '111111111111',
          invitationId: 'inv-222-euw1',
          invitedAt: '2026-11-20T12:00:00.000Z',
          memberStatus: 'Invited',
        },
      ],
    }),
    snapshot('member-enabled', 'us-east-1', {
      ...account('333333333333', 'member'),
      administrators: [
        {
          accountId: '111111111111',
          invitationId: 'inv-333',
          invitedAt: '2026-10-01T12:00:00.000Z',
          memberStatus: 'Enabled',
        },
      ],
    }),
    snapshot('hub-off', 'eu-west-1', {
      ...account('555555555555', 'off'),
      state: 'off',
      error: error('service-off', 'Security Hub is not enabled for account 555555555555 in eu-west-1.', {
        remediation: 'Enable Security Hub CSPM in eu-west-1 first.',
      }),
    }),
    snapshot('sso-signed-out', 'us-east-1', {
      state: 'error',
      error: error('sign-in-needed', 'The SSO session of sso-signed-out has expired.', {
        remediation: 'Sign in again, then refresh.',
        command: 'aws sso login --sso-session expired-session',
      }),
    }),
    snapshot('legacy-iam', 'us-east-1', {
      ...account('333333333333', 'legacy'),
      administrators: [
        {
          accountId: '111111111111',
          invitationId: 'inv-legacy',
          invitedAt: null,
          memberStatus: 'Enabled',
        },
      ],
      notes: ['IAM denied GetAdministratorAccount; the deprecated GetMasterAccount was used.'],
    }),
  ];
}

/** The same rows as the last session left them. */
export function cachedRows(): ServiceRow[] {
  return demoRows().map((row) => ({ ...row, stale: true, fetchedAt: CACHED_AT }));
}

export function demoProducts(): ProductInfo[] {
  const products: ProductInfo[] = [];
  for (let i = 1; i <= 30; i += 1) {
    products.push({
      productArn: `arn:aws:securityhub:us-east-1::product/vendor${i}/product${i}`,
      productName: `Product ${i}`,
      companyName: `Vendor ${i}`,
      description: `Product number ${i}`,
      categories: ['Threat detection'],
      integrationTypes:
        i % 5 === 0
          ? ['SEND_FINDINGS_TO_SECURITY_HUB', 'UPDATE_FINDINGS_IN_SECURITY_HUB']
          : ['SEND_FINDINGS_TO_SECURITY_HUB'],
      marketplaceUrl: i === 1 ? 'https://aws.amazon.com/marketplace/pp/product1' : null,
      activationUrl: i === 2 ? 'https://vendor2.example.com/activate' : null,
    });
  }
  return products;
}

export function demoActivity(): ActivityEntry[] {
  return [
    {
      id: 'a2',
      time: '2026-11-25T09:00:00.000Z',
      source: 'app',
      service: 'securityhub',
      profile: 'member-pending',
      accountId: '222222222222',
      region: 'us-east-1',
      action: 'accept',
      target: '111111111111',
      outcome: 'succeeded',
      detail: 'Accepted the invitation from 111111111111.',
      requestId: 'req-2',
    },
    {
      id: 'a1',
      time: '2026-11-24T09:00:00.000Z',
      source: 'cli',
      service: 'securityhub',
      profile: 'org-member',
      accountId: '444444444444',
      region: 'us-east-1',
      action: 'disassociate',
      target: '111111111111',
      outcome: 'refused',
      detail: 'Only the delegated administrator can remove an Organizations member.',
      requestId: null,
    },
  ];
}

export function demoSettings(): Settings {
  return {
    serviceMode: 'all',
    services: ['securityhub'],
    defaultRegionMode: 'list',
    defaultRegions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'],
    profileRegions: {},
    hiddenProfiles: [],
    selectedView: 'overview',
    concurrency: 16,
    autoRefreshMinutes: 0,
    callTimeoutMs: 15000,
    credentialTimeoutSeconds: 30,
    readOnly: false,
    confirmations: { decline: true, disassociate: true, adminActions: true },
    theme: 'system',
    workers: null,
    // The demo's administrator, as the first refresh seeds it (its accounts are already Enabled members).
    trustedAdministrators: [
      { accountId: '111111111111', service: 'securityhub', origin: 'administrator', since: FETCHED_AT },
    ],
  };
}

/** The demo's names as a refresh reads them (Organizations, the portal, IAM aliases). */
export function demoNames(): AccountNames {
  const org = (name: string) => ({ name, source: 'organizations' as const, via: 'admin', at: FETCHED_AT });
  const alias = (name: string, via: string) => ({ name, source: 'iam-alias' as const, via, at: FETCHED_AT });
  return {
    accounts: {
      '100000000000': [org('Management')],
      '111111111111': [org('Security Tooling'), alias('acme-security', 'admin')],
      '222222222222': [alias('globex-pending', 'member-pending')],
      '333333333333': [alias('globex-prod', 'member-enabled')],
      '444444444444': [org('Org Workload')],
      '555555555555': [alias('initech-hub-off', 'hub-off')],
      '888888888888': [org('Developers'), { name: 'Developers', source: 'sso-portal', via: 'demo', at: FETCHED_AT }],
      '999999999999': [alias('acme-operations', 'proc-ops')],
    },
    own: [
      '111111111111',
      '222222222222',
      '333333333333',
      '444444444444',
      '555555555555',
      '888888888888',
      '999999999999',
    ],
  };
}

export function demoAppInfo(): AppInfo {
  return {
    version: '0.1.0',
    demo: false,
    platform: 'linux',
    configFile: '/home/user/.aws/config',
    credentialsFile: '/home/user/.aws/credentials',
    settingsFile: '/home/user/.config/securityhub-invitations/config.json',
    settingsNotice: null,
    services: [DEMO_SERVICE],
  };
}

/** The app's one service as main describes it (main/core/services/securityhub/index.ts). */
export const DEMO_SERVICE: ServiceInfo = {
  id: 'securityhub',
  name: 'Security Hub CSPM',
  shortName: 'Security Hub',
  operations: {
    accept: 'AcceptAdministratorInvitation',
    decline: 'DeclineInvitations',
    leave: 'DisassociateFromAdministratorAccount',
    'create-members': 'CreateMembers',
    'invite-members': 'InviteMembers',
    'delete-invitations': 'DeleteInvitations',
    'disassociate-members': 'DisassociateMembers',
    'delete-members': 'DeleteMembers',
    'turn-on': 'EnableSecurityHub',
  },
  organizationsPrincipal: 'securityhub.amazonaws.com',
  maxAdministrators: 1,
  membersNeedEmail: false,
  administratorCannotAccept: true,
  organizationEnrolment:
    "If this account is your organization's Security Hub CSPM delegated administrator, accounts of the organization become members at once (no invitation), and Security Hub CSPM and its default security standards are turned on in each of them where they are off: AWS bills those accounts from then on.",
  turnOn: {
    what: 'Security Hub CSPM (formerly called Security Hub) checks the account against security standards and is the service whose invitations this app manages. It is not the new AWS Security Hub (2025), which has no invitations, is turned on separately through AWS Organizations, and is billed separately.',
    billing:
      'Security Hub CSPM is billed per account and per region (security checks and findings ingested), after a 30-day free trial.',
    option: {
      label: 'Also enable the default security standards',
      description: 'AWS Foundational Security Best Practices and CIS AWS Foundations, as the console offers.',
    },
  },
};
