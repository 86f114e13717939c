import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MemberInfo, ServiceRow } from '../../../main/domain/row';
import { administrator, member, serviceRow } from '../../helpers/rows';

/** A fresh folder under the system temp dir; removed by the returned cleanup. */
export function makeTempDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shi-settings-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A stored row of account 111111111111, an Enabled member of 999999999999. */
export function snapshotRow(profile: string, region: string, extra: Partial<ServiceRow> = {}): ServiceRow {
  return serviceRow(profile, region, {
    accountId: '111111111111',
    arn: 'arn:aws:iam::111111111111:user/alice',
    administrators: [
      administrator('999999999999', 'Enabled', { invitationId: 'inv-1', invitedAt: '2026-02-01T00:00:00.000Z' }),
    ],
    ...extra,
  });
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
  return member(accountId);
}
