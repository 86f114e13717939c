/**
 * GuardDuty's rows, read through the real SDK from the emulator's demo (test/emulator/README.md,
 * "GuardDuty, Macie and Detective in the demo"): the administrator with its members, an invitation
 * waiting where the account has a detector and where it has none (GuardDuty off, the invitation still
 * shown), an Enabled member, the empty 200 of a standalone account, the deprecated "master" read, an
 * opt-in region not enabled, and the calls a row costs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceRow } from '../../../../main/domain/types';
import { demoScenario } from '../../../emulator/test-kit';
import { callsOf } from '../../../helpers/request-counts';
import { type Harness, startHarness } from '../../harness';

/** The app as installed: every service read (the harness reads Security Hub CSPM alone unless asked). */
const EVERY_SERVICE = { settings: { serviceMode: 'all' as const } };

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const ADMIN = '111111111111';
const find = (rows: ServiceRow[], profile: string, region: string, service = 'guardduty') =>
  rows.find((r) => r.service === service && r.profile === profile && r.region === region);

describe('GuardDuty rows', () => {
  it('reads every profile of the demo beside Security Hub CSPM, as the demo has them', async () => {
    h = await startHarness(EVERY_SERVICE);
    const { rows } = await h.refreshAll();
    expect([...new Set(rows.map((r) => r.service))]).toEqual(
      expect.arrayContaining(['securityhub', 'guardduty', 'macie', 'detective']),
    );

    const admin = find(rows, 'admin', 'us-east-1');
    expect(admin).toMatchObject({ state: 'on', accountId: ADMIN, administrators: [], error: null, partialErrors: [] });
    expect(Object.fromEntries((admin?.members ?? []).map((m) => [m.accountId, m.memberStatus]))).toEqual({
      '222222222222': 'Invited',
      '333333333333': 'Enabled',
      '444444444444': 'Enabled',
      '555555555555': 'Invited',
      '999999999999': 'Created',
    });
    // ListMembers' timestamps are strings in GuardDuty's model; the row keeps them as ISO text.
    expect(admin?.members?.find((m) => m.accountId === '333333333333')?.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    const pendingHere = find(rows, 'member-pending', 'us-east-1');
    expect(pendingHere?.state).toBe('on');
    expect(pendingHere?.pendingInvitations).toEqual([
      expect.objectContaining({ accountId: ADMIN, memberStatus: 'Invited' }),
    ]);

    // No detector in eu-west-1: GuardDuty is off there, and the invitation waiting is shown all the same.
    const noDetector = find(rows, 'member-pending', 'eu-west-1');
    expect(noDetector).toMatchObject({ state: 'off', error: null, administrators: [], members: null });
    expect(noDetector?.pendingInvitations.map((i) => i.accountId)).toEqual([ADMIN]);
    expect(find(rows, 'member-pending', 'ap-southeast-2')).toMatchObject({ state: 'on', pendingInvitations: [] });

    expect(find(rows, 'member-enabled', 'us-east-1')?.administrators).toEqual([
      expect.objectContaining({ accountId: ADMIN, memberStatus: 'Enabled' }),
    ]);
    expect(find(rows, 'org-member', 'us-east-1')?.administrators).toEqual([
      expect.objectContaining({ accountId: ADMIN, memberStatus: 'Enabled', invitationId: null }),
    ]);
    // GetAdministratorAccount's empty 200: a standalone account, no administrator, no error.
    expect(find(rows, 'sandbox-role', 'us-east-1')).toMatchObject({ state: 'on', administrators: [], error: null });
    expect(find(rows, 'hub-off', 'eu-west-1')).toMatchObject({ state: 'off', pendingInvitations: [] });
    // Security Hub's rows are what they were.
    expect(find(rows, 'hub-off', 'eu-west-1', 'securityhub')?.state).toBe('off');
  });

  it('reads the administrator with GetMasterAccount where IAM denies GetAdministratorAccount, and says so', async () => {
    h = await startHarness(EVERY_SERVICE);
    const row = await h.row('legacy-iam', 'us-east-1', 'guardduty');
    expect(row.administrators).toEqual([expect.objectContaining({ accountId: ADMIN, memberStatus: 'Enabled' })]);
    expect(row.notes.join(' ')).toContain(
      'IAM denied guardduty:GetAdministratorAccount, so this was read with the deprecated GetMasterAccount.',
    );
    expect(h.operations('GetMasterAccount')).toHaveLength(1);
  });

  it('answers an opt-in region the account has not enabled with one call', async () => {
    h = await startHarness({ settings: { serviceMode: 'all', defaultRegions: ['af-south-1'] } });
    const calls = await callsOf(h.emulator, () =>
      h!.refresh({ kind: 'row', service: 'guardduty', profile: 'member-pending', region: 'af-south-1' }),
    );
    const row = await h.row('member-pending', 'af-south-1', 'guardduty');
    expect(row.state).toBe('region-not-enabled');
    expect(calls.byOperation).toEqual({ GetCallerIdentity: 1, ListDetectors: 1 });
  });

  it('costs four calls a row the first time and three once the detector is known; two where there is none', async () => {
    h = await startHarness(EVERY_SERVICE);
    const first = await callsOf(h.emulator, () => h!.row('member-pending', 'us-east-1', 'guardduty'));
    expect(first.byOperation).toEqual({
      GetCallerIdentity: 1,
      ListDetectors: 1,
      ListInvitations: 1,
      GetAdministratorAccount: 1,
      ListMembers: 1,
    });
    const again = await callsOf(h.emulator, () => h!.row('member-pending', 'us-east-1', 'guardduty'));
    // STS is asked each refresh (a profile's identity may change); GuardDuty's detector is not.
    expect(again.byOperation).toEqual({
      GetCallerIdentity: 1,
      ListInvitations: 1,
      GetAdministratorAccount: 1,
      ListMembers: 1,
    });
    const off = await callsOf(h.emulator, () => h!.row('member-pending', 'eu-west-1', 'guardduty'));
    // "None" is never kept: GuardDuty may be turned on at any time, so ListDetectors is asked each read.
    expect(off.byOperation).toEqual({ GetCallerIdentity: 1, ListDetectors: 1, ListInvitations: 1 });
  });

  it('reads the detector again when the one it knew was deleted, and shows GuardDuty off', async () => {
    h = await startHarness(EVERY_SERVICE);
    expect((await h.row('member-pending', 'ap-southeast-2', 'guardduty')).state).toBe('on');
    const scenario = demoScenario();
    h.emulator.loadScenario({
      ...scenario,
      guardduty: {
        ...scenario.guardduty,
        detectors: (scenario.guardduty?.detectors ?? []).map((d) =>
          d.accountId === '222222222222' ? { ...d, regions: d.regions.filter((r) => r !== 'ap-southeast-2') } : d,
        ),
      },
    });
    let row: ServiceRow | undefined;
    const calls = await callsOf(h.emulator, async () => {
      row = await h!.row('member-pending', 'ap-southeast-2', 'guardduty');
    });
    expect(row).toMatchObject({ state: 'off', error: null, partialErrors: [] });
    // The kept detector is refused ("not owned by the current account"), then ListDetectors answers none.
    expect(calls.byOperation).toMatchObject({ GetAdministratorAccount: 1, ListMembers: 1, ListDetectors: 1 });
    expect(h.emulator.answersByCode('guardduty')).toMatchObject({ BadRequestException: 2 });
  });
});
