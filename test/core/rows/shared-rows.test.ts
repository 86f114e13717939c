/**
 * A read shared between profiles that reach the same account (member-enabled and legacy-iam are
 * both 333333333333) belongs to the account: each profile's row carries its own name, notes and
 * errors, and nothing in it names the other profile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceRow } from '../../../main/domain/types';
import type { RefreshRead } from '../harness';
import { type Harness, startHarness } from '../harness';

const PROFILES = ['member-enabled', 'legacy-iam'];
const REGIONS = ['us-east-1', 'af-south-1'];

let h: Harness;
let summary: RefreshRead;

beforeAll(async () => {
  h = await startHarness({
    settings: { profileRegions: Object.fromEntries(PROFILES.map((p) => [p, REGIONS])) },
  });
  h.emulator.clearLog();
  // One refresh for all four rows, so the reads of 333333333333 are shared between the two profiles.
  const started = await h.backend.refresh.start({
    kind: 'rows',
    rows: PROFILES.flatMap((profile) => REGIONS.map((region) => ({ profile, region }))),
  });
  const done = await h.backend.refresh.wait(started.refreshId);
  if (!done) throw new Error('the refresh finished before it could be awaited');
  summary = { ...done, rows: h.rowsOf(started.refreshId) };
}, 60_000);
afterAll(() => h?.close());

function row(profile: string, region: string): ServiceRow {
  const found = summary.rows.find((r) => r.profile === profile && r.region === region);
  if (!found) throw new Error(`no row ${profile}/${region}`);
  return found;
}

describe('rows shared between profiles of one account', () => {
  it('reads each account-region once', () => {
    const reads = h.emulator
      .requestLog()
      .filter((e) => e.service === 'securityhub' && e.operation === 'GetAdministratorAccount');
    expect(reads.filter((e) => e.region === 'us-east-1')).toHaveLength(1);
    expect(reads.filter((e) => e.region === 'af-south-1')).toHaveLength(1);
  });

  it('tells about the account, not a profile, when the region is not enabled', () => {
    for (const profile of PROFILES) {
      const r = row(profile, 'af-south-1');
      expect(r).toMatchObject({
        profile,
        region: 'af-south-1',
        accountId: '333333333333',
        state: 'region-not-enabled',
      });
      expect(r.error?.kind).toBe('region-not-enabled');
      expect(r.error?.message).toBe(
        'Account 333333333333 has not enabled region af-south-1, or its session token is not valid there.',
      );
    }
  });

  it('never names the other profile anywhere in a row', () => {
    for (const region of REGIONS) {
      for (const profile of PROFILES) {
        const other = PROFILES.find((p) => p !== profile)!;
        const r = row(profile, region);
        expect(r.profile).toBe(profile);
        expect(JSON.stringify(r)).not.toContain(other);
      }
    }
  });

  it('says on the rows that took another profile’s read that it was read once for the account', () => {
    // member-enabled comes first in the config, so legacy-iam is the one shown the shared read.
    for (const region of REGIONS) {
      expect(row('legacy-iam', region).notes).toContain(
        `Account 333333333333 in ${region} was read once and is shown under every profile that reaches it.`,
      );
    }
    expect(row('legacy-iam', 'us-east-1').administrators[0]).toEqual(
      row('member-enabled', 'us-east-1').administrators[0],
    );
  });
});
