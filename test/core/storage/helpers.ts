import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HubSnapshot, MemberInfo } from '../../../main/domain/types';

/** A fresh folder under the system temp dir; removed by the returned cleanup. */
export function makeTempDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shi-settings-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function snapshotRow(profile: string, region: string, extra: Partial<HubSnapshot> = {}): HubSnapshot {
  return {
    profile,
    region,
    accountId: '111111111111',
    arn: 'arn:aws:iam::111111111111:user/alice',
    hub: 'on',
    hubArn: `arn:aws:securityhub:${region}:111111111111:hub/default`,
    subscribedAt: '2026-01-01T00:00:00.000Z',
    administrator: {
      accountId: '999999999999',
      invitationId: 'inv-1',
      invitedAt: '2026-02-01T00:00:00.000Z',
      memberStatus: 'Enabled',
    },
    pendingInvitations: [],
    invitationsCount: 0,
    members: null,
    error: null,
    partialErrors: [],
    notes: [],
    fetchedAt: '2026-11-25T10:00:00.000Z',
    stale: false,
    ...extra,
  };
}

/** Files in `dir` whose name starts with `prefix`, sorted. */
export function filesStartingWith(dir: string, prefix: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(prefix))
    .sort();
}

/** An Enabled member of administrator 111111111111, with nothing else known. */
export function memberInfo(accountId: string): MemberInfo {
  return {
    accountId,
    email: null,
    administratorId: '111111111111',
    masterId: null,
    memberStatus: 'Enabled',
    invitedAt: null,
    updatedAt: null,
  };
}
