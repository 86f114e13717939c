/**
 * Generated rows of a "previous session", written to the snapshots file before the page opens, to
 * measure how the Overview copes with hundreds or thousands of rows.
 */
import type { ServiceRow } from '../../main/domain/types';
import { serviceRow } from '../helpers/rows';

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'af-south-1'];

function account(n: number): string {
  return String(100_000_000_000 + n).padStart(12, '0');
}

/** `count` rows: profiles `perf-0000…` × four regions, a mix of administrators, members, pending and off hubs. */
export function generateRows(count: number, fetchedAt = '2026-11-25T08:00:00.000Z'): ServiceRow[] {
  const rows: ServiceRow[] = [];
  for (let i = 0; rows.length < count; i++) {
    const profile = `perf-${String(Math.floor(i / REGIONS.length)).padStart(4, '0')}`;
    const region = REGIONS[i % REGIONS.length] ?? 'us-east-1';
    const accountId = account(Math.floor(i / REGIONS.length));
    const kind = i % 7;
    const hubOn = kind !== 6;
    rows.push({
      ...serviceRow(profile, region),
      accountId,
      arn: `arn:aws:iam::${accountId}:user/perf`,
      state: hubOn ? 'on' : 'off',
      administrators:
        kind === 1 || kind === 2
          ? [
              {
                accountId: '111111111111',
                invitationId: `inv-${i}`,
                invitedAt: '2026-11-01T00:00:00.000Z',
                memberStatus: 'Enabled',
              },
            ]
          : [],
      pendingInvitations:
        kind === 3
          ? [
              {
                accountId: '111111111111',
                invitationId: `pending-${i}`,
                invitedAt: '2026-11-20T00:00:00.000Z',
                memberStatus: 'Invited',
              },
            ]
          : [],
      members:
        kind === 4
          ? Array.from({ length: 3 }, (_, m) => ({
              accountId: account(900_000 + i * 3 + m),
              email: null,
              administratorId: accountId,
              masterId: accountId,
              memberStatus: m === 0 ? 'Invited' : 'Enabled',
              invitedAt: '2026-10-01T00:00:00.000Z',
              updatedAt: '2026-10-02T00:00:00.000Z',
            }))
          : null,
      error: null,
      partialErrors: [],
      notes: [],
      fetchedAt,
      stale: true,
    });
  }
  return rows;
}

/** Every commercial region where Security Hub exists, as the large run counts them (17). */
export const SCALE_REGIONS = [
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'af-south-1',
];

const ADMIN = '111111111111';

function baseRow(profile: string, region: string, accountId: string, fetchedAt: string): ServiceRow {
  return serviceRow(profile, region, {
    accountId,
    arn: `arn:aws:iam::${accountId}:user/scale`,
    fetchedAt,
    stale: true,
  });
}

function failure(kind: 'sign-in-needed' | 'access-denied' | 'network', profile: string): ServiceRow['error'] {
  const message = {
    'sign-in-needed': `The SSO session of profile ${profile} has expired.`,
    'access-denied': 'IAM does not allow securityhub:GetAdministratorAccount.',
    network: 'The Security Hub endpoint could not be reached.',
  }[kind];
  return { kind, message, remediation: null, command: null, retryable: kind === 'network' };
}

/**
 * The large run as the Overview sees it: 1,000 profiles on 250 accounts (four profiles per
 * account) × 17 regions = 17,000 rows. Account 0 is the administrator of 1,000 members in every
 * region, most others its Enabled members; some wait on an invitation, some have Security Hub off,
 * af-south-1 is not enabled in a fifth of the accounts, and a few profiles fail (sign-in on the
 * `corp` sso-session, access denied, network).
 */
export function generateScaleRows(fetchedAt = '2026-11-25T08:00:00.000Z'): ServiceRow[] {
  const rows: ServiceRow[] = [];
  const members = Array.from({ length: 1000 }, (_, m) => ({
    accountId: account(m + 1),
    email: null,
    administratorId: ADMIN,
    masterId: ADMIN,
    memberStatus: 'Enabled',
    invitedAt: '2026-10-01T00:00:00.000Z',
    updatedAt: '2026-10-02T00:00:00.000Z',
  }));
  for (let p = 0; p < 1000; p++) {
    const a = Math.floor(p / 4);
    const profile = `scale-${String(p).padStart(4, '0')}`;
    const accountId = a === 0 ? ADMIN : account(a);
    SCALE_REGIONS.forEach((region, r) => {
      const row = baseRow(profile, region, accountId, fetchedAt);
      if (p % 97 === 5) {
        row.state = 'error';
        row.error = failure('sign-in-needed', profile);
      } else if (p % 131 === 7) {
        row.state = 'error';
        row.error = failure('access-denied', profile);
      } else if (p === 998 && r < 3) {
        row.state = 'error';
        row.error = failure('network', profile);
      } else if (region === 'af-south-1' && a % 5 === 0) {
        row.state = 'region-not-enabled';
      } else if (a === 0) {
        row.members = members;
      } else if ((a + r) % 23 === 0) {
        row.state = 'off';
      } else if ((a * 17 + r) % 61 === 0) {
        row.pendingInvitations = [
          {
            accountId: ADMIN,
            invitationId: `inv-${a}-${r}`,
            invitedAt: '2026-11-20T00:00:00.000Z',
            memberStatus: 'Invited',
          },
        ];
      } else if (a % 9 !== 0) {
        row.administrators = [
          {
            accountId: ADMIN,
            invitationId: `inv-${a}-${r}`,
            invitedAt: '2026-11-01T00:00:00.000Z',
            memberStatus: 'Enabled',
          },
        ];
      }
      rows.push(row);
    });
  }
  return rows;
}
