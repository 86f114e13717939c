/**
 * Macie's rows, read through the real SDK from the emulator's demo (test/emulator/README.md, "Macie"):
 * the administrator with its members (how each joined), an invitation waiting, an Enabled member, an
 * Organizations member, Macie paused, Macie off ("Macie is not enabled.", an AccessDenied event in the
 * account's CloudTrail) read once and not asked again for a day until "Re-check regions", the
 * deprecated "master" read, and the calls a row costs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceRow } from '../../../../main/domain/types';
import { callsOf } from '../../../helpers/request-counts';
import { type Harness, startHarness } from '../../harness';

/** Every service read (the harness reads Security Hub CSPM alone unless asked). */
const EVERY_SERVICE = { settings: { serviceMode: 'all' as const } };

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const ADMIN = '111111111111';
const find = (rows: ServiceRow[], profile: string, region: string) =>
  rows.find((r) => r.service === 'macie' && r.profile === profile && r.region === region);

describe('Macie rows', () => {
  it('reads every profile of the demo beside the other services, as the demo has them', async () => {
    h = await startHarness(EVERY_SERVICE);
    const { rows } = await h.refreshAll();
    expect(new Set(rows.map((r) => r.service))).toContain('macie');

    const admin = find(rows, 'admin', 'us-east-1');
    expect(admin).toMatchObject({ state: 'on', accountId: ADMIN, administrators: [], error: null, partialErrors: [] });
    expect(Object.fromEntries((admin?.members ?? []).map((m) => [m.accountId, [m.memberStatus, m.joinedBy]]))).toEqual({
      '222222222222': ['Invited', 'invitation'],
      '333333333333': ['Enabled', 'invitation'],
      // The model: email "is null if the account is associated … through Organizations".
      '444444444444': ['Enabled', 'organizations'],
      '555555555555': ['Invited', 'invitation'],
      // Created, never invited: invitedAt is null, so how it joins is not known yet.
      '999999999999': ['Created', null],
    });
    // Macie's timestamps are Dates in the SDK; the row keeps ISO text.
    expect(admin?.members?.find((m) => m.accountId === '333333333333')?.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    expect(find(rows, 'member-pending', 'us-east-1')).toMatchObject({
      state: 'on',
      pendingInvitations: [expect.objectContaining({ accountId: ADMIN, memberStatus: 'Invited' })],
    });
    // Macie off: an answer, not a failure; its invitations are not asked for, and the row says so.
    const off = find(rows, 'member-pending', 'eu-west-1');
    expect(off).toMatchObject({ state: 'off', error: null, administrators: [], pendingInvitations: [], members: null });
    expect(off?.notes.join(' ')).toContain('Macie is off in eu-west-1: its invitations are not read while it is off');

    expect(find(rows, 'member-enabled', 'us-east-1')?.administrators).toEqual([
      expect.objectContaining({ accountId: ADMIN, memberStatus: 'Enabled' }),
    ]);
    const paused = find(rows, 'member-enabled', 'ap-southeast-2');
    expect(paused?.state).toBe('on');
    expect(paused?.notes.join(' ')).toContain('Macie is paused in ap-southeast-2');
    // No invitation behind an Organizations membership (the model): the organization manages it.
    expect(find(rows, 'org-member', 'us-east-1')?.administrators).toEqual([
      expect.objectContaining({ accountId: ADMIN, memberStatus: 'Enabled', invitationId: null, viaOrganization: true }),
    ]);
  });

  it('costs four calls a row where Macie is on, one where it is off', async () => {
    h = await startHarness(EVERY_SERVICE);
    const on = await callsOf(h.emulator, () => h!.row('member-pending', 'us-east-1', 'macie'));
    expect(on.byOperation).toEqual({
      GetCallerIdentity: 1,
      GetMacieSession: 1,
      GetAdministratorAccount: 1,
      ListInvitations: 1,
      ListMembers: 1,
    });
    const off = await callsOf(h.emulator, () => h!.row('member-pending', 'eu-west-1', 'macie'));
    expect(off.byOperation).toEqual({ GetCallerIdentity: 1, GetMacieSession: 1 });
  });

  it('asks an account-region with Macie off once: the second refresh sends it no Macie call, "Re-check regions" asks again', async () => {
    h = await startHarness({ settings: { serviceMode: 'all', defaultRegions: ['us-east-1', 'eu-west-1'] } });
    const macieOnly = { kind: 'select' as const, services: ['macie'] };
    h.emulator.clearLog();
    const first = await h.refresh(macieOnly);
    const offFirst = h.emulator.answersByCode('macie2').AccessDeniedException ?? 0;
    // Macie is off for member-pending, hub-off … in eu-west-1, and elsewhere in the demo: one answer each.
    const offRows = first.rows.filter((r) => r.state === 'off');
    expect(offRows.length).toBeGreaterThan(0);
    expect(offFirst).toBe(new Set(offRows.map((r) => `${r.accountId}/${r.region}`)).size);

    h.emulator.clearLog();
    const second = await h.refresh(macieOnly);
    const offSecond = h.emulator.answersByCode('macie2').AccessDeniedException ?? 0;
    console.info(`Macie off: AccessDenied answers, first refresh ${offFirst}, second refresh ${offSecond}`);
    expect(offSecond).toBe(0);
    const pendingOff = second.rows.find((r) => r.profile === 'member-pending' && r.region === 'eu-west-1');
    expect(pendingOff?.state).toBe('off');
    expect(pendingOff?.notes.join(' ')).toContain('Not asked again since');
    // No Macie call at all reached an account-region whose "off" stands.
    const offKeys = new Set(offRows.map((r) => `${r.accountId}/${r.region}`));
    const askedOff = h.emulator
      .requestLog()
      .filter((e) => e.service === 'macie2' && offKeys.has(`${e.accountId}/${e.region}`));
    expect(askedOff).toEqual([]);

    h.emulator.clearLog();
    const recheck = await h.backend.handlers['regions:recheck']({});
    expect(recheck.forgotten).toBe(offKeys.size);
    await h.backend.refresh.wait(recheck.refreshId as string);
    expect(h.emulator.answersByCode('macie2').AccessDeniedException ?? 0).toBe(offFirst);
  });

  it('reads the administrator with GetMasterAccount where IAM denies GetAdministratorAccount, and says so', async () => {
    h = await startHarness(EVERY_SERVICE);
    const row = await h.row('legacy-iam', 'us-east-1', 'macie');
    expect(row.administrators).toEqual([expect.objectContaining({ accountId: ADMIN, memberStatus: 'Enabled' })]);
    expect(row.notes.join(' ')).toContain(
      'IAM denied macie2:GetAdministratorAccount, so this was read with the deprecated GetMasterAccount.',
    );
    expect(h.operations('GetMasterAccount')).toHaveLength(1);
  });
});
