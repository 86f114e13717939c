/**
 * Generated rows of a "previous session", written to the snapshots file before the page opens, to
 * measure how the Overview copes with hundreds or thousands of rows.
 */
import type { HubSnapshot } from '../../main/domain/types';

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'af-south-1'];

function account(n: number): string {
  return String(100_000_000_000 + n).padStart(12, '0');
}

/** `count` rows: profiles `perf-0000…` × four regions, a mix of administrators, members, pending and off hubs. */
export function generateRows(count: number, fetchedAt = '2026-11-25T08:00:00.000Z'): HubSnapshot[] {
  const rows: HubSnapshot[] = [];
  for (let i = 0; rows.length < count; i++) {
    const profile = `perf-${String(Math.floor(i / REGIONS.length)).padStart(4, '0')}`;
    const region = REGIONS[i % REGIONS.length] ?? 'us-east-1';
    const accountId = account(Math.floor(i / REGIONS.length));
    const kind = i % 7;
    const hubOn = kind !== 6;
    rows.push({
      profile,
      region,
      accountId,
      arn: `arn:aws:iam::${accountId}:user/perf`,
      hub: hubOn ? 'on' : 'off',
      hubArn: hubOn ? `arn:aws:securityhub:${region}:${accountId}:hub/default` : null,
      subscribedAt: hubOn ? '2025-01-01T00:00:00.000Z' : null,
      administrator:
        kind === 1 || kind === 2
          ? {
              accountId: '111111111111',
              invitationId: `inv-${i}`,
              invitedAt: '2026-11-01T00:00:00.000Z',
              memberStatus: 'Enabled',
            }
          : null,
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
      invitationsCount: hubOn ? (kind === 3 ? 1 : 0) : null,
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
