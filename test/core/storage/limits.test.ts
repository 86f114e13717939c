/**
 * What a door accepts, storage accepts: a region or profile name that passed the contract's schema
 * never makes a snapshot save fail or an activity entry go missing. Over-long values are refused at
 * the door with a clear error, and the activity log keeps every field whole, never dropped.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { requestSchemas } from '../../../contract/api';
import { openActivityLog } from '../../../main/core/storage/activity';
import { openSettings } from '../../../main/core/storage/settings';
import { createSnapshotWriter } from '../../../main/core/storage/snapshot-writer';
import { openSnapshots } from '../../../main/core/storage/snapshots';
import { PROFILE_NAME_MAX, REGION_MAX, TRUNCATED_SUFFIX } from '../../../main/domain/limits';
import { makeTempDir, snapshotRow } from './helpers';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = makeTempDir());
});
afterEach(() => cleanup());

const longRegion = `us-${'a'.repeat(70)}-1`;

describe('regions at the doors', () => {
  it('settings:update refuses an over-long region with a sentence saying why', () => {
    const parsed = requestSchemas['settings:update'].safeParse({ defaultRegions: [longRegion] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(new RegExp(`at most ${REGION_MAX} characters`));
    const store = openSettings({ cwd: dir });
    expect(() => store.update({ defaultRegions: [longRegion] })).toThrow(/Settings not saved.*at most/);
    expect(store.get().defaultRegions).toEqual(['us-east-1']);
  });

  it('a row request refuses an over-long region', () => {
    expect(requestSchemas['administrator:disassociate'].safeParse({ profile: 'a', region: longRegion }).success).toBe(
      false,
    );
  });
});

describe('profile names: storage accepts what the doors accept', () => {
  const name = 'p'.repeat(PROFILE_NAME_MAX);

  it('the longest accepted profile name passes the door, the snapshot save and the activity log', async () => {
    expect(requestSchemas['administrator:disassociate'].safeParse({ profile: name, region: 'us-east-1' }).success).toBe(
      true,
    );
    const store = openSnapshots({ cwd: dir });
    expect(store.save([snapshotRow(name, 'us-east-1')]).dropped).toEqual([]);
    expect(store.load()[0]?.profile).toBe(name);
    const log = openActivityLog({ cwd: dir, source: 'cli' });
    const entry = await log.append({
      service: 'securityhub',
      profile: name,
      accountId: '111111111111',
      region: 'us-east-1',
      action: 'disassociate',
      target: '999999999999',
      outcome: 'succeeded',
      detail: 'Left the administrator.',
      requestId: null,
    });
    expect(entry.profile).toBe(name);
  });

  it('a 300-character profile name is accepted everywhere (SSO tools generate long ones)', async () => {
    const long = 'sso-'.padEnd(300, 'x');
    expect(requestSchemas['refresh:start'].safeParse({ scope: { kind: 'profile', profile: long } }).success).toBe(true);
    const store = openSnapshots({ cwd: dir });
    expect(store.save([snapshotRow(long, 'eu-west-1')]).saved).toBe(1);
  });

  it('one over-long row does not block the save of the others; the writer warns once', () => {
    const store = openSnapshots({ cwd: dir });
    const warnings: string[] = [];
    const writer = createSnapshotWriter(store, { delayMs: 60_000, onWarning: (m) => warnings.push(m) });
    writer.put(snapshotRow('q'.repeat(PROFILE_NAME_MAX + 1), 'us-east-1'));
    writer.put(snapshotRow('admin', 'us-east-1'));
    writer.flush();
    writer.put(snapshotRow('admin', 'eu-west-1'));
    writer.flush();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/malformed.*not saved, the other rows were/);
    const saved = JSON.parse(fs.readFileSync(path.join(dir, 'snapshots.json'), 'utf8')) as {
      rows: { region: string }[];
    };
    expect(saved.rows.map((r) => r.region).sort()).toEqual(['eu-west-1', 'us-east-1']);
  });
});

describe('activity entries are never dropped or cut for their length', () => {
  it('stores every field whole: the log is what an auditor reads (screens shorten what they show)', async () => {
    const log = openActivityLog({ cwd: dir, source: 'app' });
    const error = vi.spyOn(console, 'error');
    const long = {
      profile: 'r'.repeat(PROFILE_NAME_MAX + 500),
      target: '222222222222,'.repeat(3000),
      detail: `AWS said: ${'very long message '.repeat(3000)}`,
      requestId: 'x'.repeat(5000),
    };
    const entry = await log.append({
      service: 'securityhub',
      accountId: '111111111111',
      region: 'us-east-1',
      action: 'invite-members',
      outcome: 'failed',
      ...long,
    });
    expect(entry).toMatchObject(long);
    expect(entry.detail.includes(TRUNCATED_SUFFIX)).toBe(false);
    const listed = await log.list();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toEqual(entry);
    expect(fs.readFileSync(log.path, 'utf8')).toContain(long.target);
    expect(error).not.toHaveBeenCalled();
    error.mockRestore();
  });
});
