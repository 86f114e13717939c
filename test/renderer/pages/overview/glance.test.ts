import { describe, expect, it } from 'vitest';
import type { ServiceRow } from '../../../../contract/api';
import { buildCoverage, cellAt, cellName, cellOf } from '../../../../renderer/src/pages/overview/coverage';
import {
  applyQuickFilters,
  attentionOf,
  failureCause,
  quickFilters,
} from '../../../../renderer/src/pages/overview/glance';
import { matchesText, toItems } from '../../../../renderer/src/pages/overview/items';
import { demoProfiles, error, snapshot } from '../../support/demo-data';

const invitation = (from: string, id: string) => ({
  accountId: from,
  invitationId: id,
  invitedAt: null,
  memberStatus: 'Invited',
});
const admin = (accountId: string, memberStatus = 'Enabled') => ({
  accountId,
  invitationId: 'i',
  invitedAt: null,
  memberStatus,
});
const members = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    accountId: String(200000000000 + i),
    email: null,
    administratorId: '111111111111',
    masterId: '111111111111',
    memberStatus: 'Enabled',
    invitedAt: null,
    updatedAt: null,
  }));
const failed = (profile: string, region: string, kind: Parameters<typeof error>[0], extra: Partial<ServiceRow> = {}) =>
  snapshot(profile, region, { state: 'error', error: error(kind, `${kind} happened`), ...extra });

/** A mix: two profiles reach account 222 (one pending in two regions), an administrator, failures. */
function rows(): ServiceRow[] {
  return [
    snapshot('b-admin', 'us-east-1', { accountId: '111111111111', members: members(3) }),
    snapshot('b-admin', 'eu-west-1', { accountId: '111111111111', members: members(1200) }),
    snapshot('a-member', 'us-east-1', {
      accountId: '222222222222',
      pendingInvitations: [invitation('111111111111', 'x')],
    }),
    snapshot('c-member-too', 'us-east-1', {
      accountId: '222222222222',
      pendingInvitations: [invitation('111111111111', 'x')],
    }),
    snapshot('a-member', 'eu-west-1', {
      accountId: '222222222222',
      pendingInvitations: [invitation('999999999999', 'y')],
    }),
    snapshot('d-enabled', 'us-east-1', { accountId: '333333333333', administrators: [admin('111111111111')] }),
    snapshot('d-enabled', 'eu-west-1', {
      accountId: '333333333333',
      administrators: [admin('111111111111', 'Resigned')],
    }),
    snapshot('d-enabled', 'af-south-1', { accountId: '333333333333', state: 'region-not-enabled' }),
    snapshot('e-off', 'us-east-1', { accountId: '444444444444', state: 'off' }),
    failed('sso-signed-out', 'us-east-1', 'sign-in-needed'),
    failed('sso-signed-out', 'eu-west-1', 'sign-in-needed'),
    failed('legacy-iam', 'us-east-1', 'access-denied', { accountId: '555555555555' }),
    failed('hub-off', 'us-east-1', 'timeout', { accountId: '444444444444' }),
    failed('member-enabled', 'us-east-1', 'expired-credentials'),
  ];
}

describe('attention and causes', () => {
  it('ranks pending invitations first, then rows that could not be read; not enabled is not a failure', () => {
    const [adminRow, , pending] = rows();
    expect(attentionOf(pending as ServiceRow)).toBe(0);
    expect(attentionOf(failed('p', 'r', 'network'))).toBe(1);
    expect(attentionOf(adminRow as ServiceRow)).toBe(2);
    expect(attentionOf(snapshot('p', 'r', { state: 'region-not-enabled' }))).toBe(2);
  });

  it('groups errors into sign-in, access denied, network and other', () => {
    expect(failureCause(error('sign-in-needed', 'x'))).toBe('sign-in');
    expect(failureCause(error('access-denied', 'x'))).toBe('access-denied');
    for (const kind of ['network', 'timeout', 'proxy'] as const) expect(failureCause(error(kind, 'x'))).toBe('network');
    expect(failureCause(error('expired-credentials', 'x'))).toBe('other');
    expect(failureCause(null)).toBe('other');
  });

  it('finds rows by the text of any shown field, in any case, never across two fields', () => {
    const found = (text: string) =>
      toItems(rows(), [])
        .filter((i) => matchesText(i, text))
        .map((i) => `${i.profile}|${i.region}`);
    expect(found('')).toHaveLength(rows().length);
    expect(found('E-OFF')).toEqual(['e-off|us-east-1']);
    expect(found('RESIGNED')).toEqual(['d-enabled|eu-west-1']);
    expect(found('Region not enabled')).toEqual(['d-enabled|af-south-1']);
    // "d-enabled" then "333…": a match spanning the profile and the account is none.
    expect(found('d-enabled333')).toEqual([]);
  });

  it('orders items attention first, each group by profile then region, and by name when turned off', () => {
    const keys = (first: boolean) => toItems(rows(), [], first).map((i) => `${i.profile}|${i.region}`);
    expect(keys(true).slice(0, 3)).toEqual(['a-member|eu-west-1', 'a-member|us-east-1', 'c-member-too|us-east-1']);
    expect(keys(true).slice(3, 8)).toEqual([
      'hub-off|us-east-1',
      'legacy-iam|us-east-1',
      'member-enabled|us-east-1',
      'sso-signed-out|eu-west-1',
      'sso-signed-out|us-east-1',
    ]);
    expect(keys(true)[8]).toBe('b-admin|eu-west-1');
    expect(keys(false).slice(0, 3)).toEqual(['a-member|eu-west-1', 'a-member|us-east-1', 'b-admin|eu-west-1']);
    expect(new Set(keys(true))).toEqual(new Set(keys(false)));
  });
});

describe('summary counts', () => {
  const filters = quickFilters(rows(), demoProfiles().profiles);
  const byId = (id: string) => {
    const f = filters.find((x) => x.id === id);
    if (!f) throw new Error(`no filter ${id}`);
    return f;
  };

  it('counts each invitation once however many profiles read it, and its administrators', () => {
    // x is read by two profiles of account 222 in us-east-1; y comes from another administrator.
    expect(byId('pending').label).toBe('2 pending invitations from 2 administrators');
    expect(byId('pending').count).toBe(3);
  });

  it('counts memberships, administrators with their members, hubs off and regions not enabled', () => {
    expect(byId('enabled').label).toBe('1 Enabled membership');
    expect(byId('administrators').label).toBe('1 administrator of 1,203 members in 2 regions');
    expect(byId('off').count).toBe(1);
    expect(byId('not-enabled').label).toBe('af-south-1 not enabled in 1 account');
  });

  it('groups the rows that could not be read: sign-in per sso-session, access denied, network, other', () => {
    expect(byId('sign-in:expired-session').label).toBe('2 rows need sign-in on sso-session expired-session');
    expect(byId('access-denied').count).toBe(1);
    expect(byId('network').count).toBe(1);
    expect(byId('other').count).toBe(1);
    expect(filters.some((f) => f.id === 'sign-in:profiles')).toBe(false);
  });

  it('says "1 row needs", "2 rows need"', () => {
    const one = rows().filter((r) => !(r.profile === 'sso-signed-out' && r.region === 'eu-west-1'));
    const single = quickFilters(one, demoProfiles().profiles).find((f) => f.id === 'sign-in:expired-session');
    expect(single?.label).toBe('1 row needs sign-in on sso-session expired-session');
  });

  it('keeps the rows of any pressed toggle, and every row when none is', () => {
    const items = toItems(rows(), [], true);
    expect(applyQuickFilters(items, filters, new Set())).toBe(items);
    const kept = applyQuickFilters(items, filters, new Set(['off', 'network']));
    expect(kept.map((i) => `${i.profile}|${i.region}`)).toEqual(['hub-off|us-east-1', 'e-off|us-east-1']);
  });
});

describe('coverage matrix cells', () => {
  it('says each relationship in a word and a glyph', () => {
    const [adminRow, bigAdmin, pending] = rows();
    expect(cellOf(adminRow as ServiceRow)).toEqual({
      state: 'administrator',
      glyph: 'A3',
      summary: 'administrator of 3 members',
    });
    expect(cellOf(bigAdmin as ServiceRow).glyph).toBe('A1.2k');
    expect(cellOf(pending as ServiceRow)).toEqual({
      state: 'pending',
      glyph: 'P',
      summary: 'pending from 111111111111',
    });
    expect(cellOf(snapshot('p', 'r', { administrators: [admin('111111111111')] })).summary).toBe(
      'member of 111111111111',
    );
    expect(cellOf(snapshot('p', 'r', { administrators: [admin('111111111111', 'Resigned')] }))).toMatchObject({
      state: 'none',
      summary: 'Resigned by 111111111111',
    });
    expect(cellOf(snapshot('p', 'r')).state).toBe('none');
    expect(cellOf(snapshot('p', 'r', { state: 'off' })).state).toBe('off');
    expect(cellOf(snapshot('p', 'r', { state: 'region-not-enabled' })).state).toBe('not-enabled');
    expect(cellOf(failed('p', 'r', 'access-denied'))).toMatchObject({ state: 'unreadable', glyph: '!' });
  });

  it('has one line per account, merging the profiles that reach it; unknown accounts by profile', () => {
    const coverage = buildCoverage(rows());
    expect(coverage.regions).toEqual(['af-south-1', 'eu-west-1', 'us-east-1']);
    expect(coverage.lines.map((l) => l.label)).toEqual([
      '111111111111',
      '222222222222',
      '333333333333',
      '444444444444',
      '555555555555',
      'profile member-enabled',
      'profile sso-signed-out',
    ]);
    const shared = coverage.lines[1];
    if (!shared) throw new Error('no line');
    expect(shared.profiles).toEqual(['a-member', 'c-member-too']);
    const cell = cellAt(shared, 'us-east-1');
    expect(cell.profiles).toEqual(['a-member', 'c-member-too']);
    expect(cellName(shared, 'us-east-1', cell)).toBe(
      '222222222222 in us-east-1: pending from 111111111111; profiles a-member, c-member-too',
    );
    expect(cellAt(shared, 'af-south-1').state).toBe('not-read');
  });

  it('shows the profile that read an account-region when another profile failed there', () => {
    const coverage = buildCoverage(rows());
    const line = coverage.lines.find((l) => l.label === '444444444444');
    if (!line) throw new Error('no line');
    const cell = cellAt(line, 'us-east-1');
    expect(cell.state).toBe('off');
    expect(cell.row?.profile).toBe('e-off');
    expect(cell.others.map((r) => r.profile)).toEqual(['hub-off']);
    expect(cell.profiles).toEqual(['e-off', 'hub-off']);
  });
});

describe('regions an organization policy blocks', () => {
  const blocked = (profile: string, region: string, accountId: string) =>
    snapshot(profile, region, {
      accountId,
      state: 'blocked',
      error: error('organization-policy', "Your organization's service control policy denies Security Hub CSPM."),
    });
  const all = [
    ...rows(),
    blocked('a-member', 'eu-north-1', '222222222222'),
    blocked('c-member-too', 'eu-north-1', '222222222222'),
    blocked('b-admin', 'eu-north-1', '111111111111'),
    blocked('b-admin', 'ap-south-1', '111111111111'),
  ];
  const filters = quickFilters(all, demoProfiles().profiles);
  const byId = (id: string) => filters.find((x) => x.id === id);

  it('are counted apart, per account, and never as failures', () => {
    expect(byId('blocked')).toMatchObject({
      kind: 'state',
      label: '2 regions blocked by an organization policy in 2 accounts',
      count: 4,
    });
    // The failures are the same as without them.
    expect(byId('access-denied')?.count).toBe(1);
    expect(byId('other')?.count).toBe(1);
    for (const row of all.filter((r) => r.state === 'blocked')) expect(attentionOf(row)).toBe(2);
    const one = quickFilters([blocked('p', 'eu-north-1', '222222222222')], demoProfiles().profiles);
    expect(one.find((f) => f.id === 'blocked')?.label).toBe(
      'eu-north-1 blocked by an organization policy in 1 account',
    );
  });

  it('are their own cell in the matrix, not an unreadable one', () => {
    expect(cellOf(blocked('p', 'eu-north-1', '222222222222'))).toEqual({
      state: 'blocked',
      glyph: 'B',
      summary: 'blocked by an organization policy',
    });
  });

  it('put every other denial under "access denied"', () => {
    for (const kind of ['permissions-boundary', 'session-policy', 'resource-policy', 'service-refused'] as const) {
      expect(failureCause(error(kind, 'x')), kind).toBe('access-denied');
    }
  });
});
