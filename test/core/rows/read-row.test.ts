/**
 * Every field of the snapshot for the demo scenario, read through the real SDK from the emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackCachedRows } from '../../../main/domain/cached-rows';
import type { ServiceRow } from '../../../main/domain/types';
import { type Harness, type RefreshRead, startHarness } from '../harness';

let h: Harness;
let summary: RefreshRead;
let stsCallsPerAccount: Map<string, number>;
const rows = new Map<string, ServiceRow>();
const row = (profile: string, region: string) => {
  const r = rows.get(`${profile}/${region}`);
  if (!r) throw new Error(`no row ${profile}/${region}`);
  return r;
};

beforeAll(async () => {
  h = await startHarness({
    settings: {
      profileRegions: {
        admin: ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'af-south-1'],
        'member-pending': ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'af-south-1'],
      },
    },
  });
  summary = await h.refreshAll();
  for (const r of summary.rows) rows.set(`${r.profile}/${r.region}`, r);
  stsCallsPerAccount = new Map();
  for (const e of h.emulator.requestLog()) {
    if (e.service === 'sts' && e.operation === 'GetCallerIdentity') {
      stsCallsPerAccount.set(e.accountId ?? '?', (stsCallsPerAccount.get(e.accountId ?? '?') ?? 0) + 1);
    }
  }
}, 60_000);
afterAll(() => h?.close());

describe('snapshot of the demo scenario', () => {
  it('streams every row in progress events and a final finished event', () => {
    const progress = h.events.flatMap((e) => (e.type === 'refresh-progress' ? e.rows : []));
    const finished = h.events.filter((e) => e.type === 'refresh-finished');
    expect(progress).toHaveLength(summary.total);
    expect(finished).toHaveLength(1);
    expect(finished[0]).toMatchObject({ done: summary.total, total: summary.total, cancelled: false });
    expect(summary.total).toBe(rows.size);
  });

  it('reads the administrator row with its five members, including a Created one', () => {
    const r = row('admin', 'us-east-1');
    expect(r).toMatchObject({
      accountId: '111111111111',
      state: 'on',
      administrators: [],
      pendingInvitations: [],
      error: null,
      partialErrors: [],
      stale: false,
    });
    expect(r.arn).toMatch(/^arn:aws:(iam|sts)::111111111111:/);
    // A refresh does not call DescribeHub or GetInvitationsCount: the row has no field for them.
    expect(h.emulator.requestLog().filter((e) => /^(DescribeHub|GetInvitationsCount)$/.test(e.operation))).toEqual([]);
    const members = Object.fromEntries((r.members ?? []).map((m) => [m.accountId, m]));
    expect(Object.keys(members).sort()).toEqual([
      '222222222222',
      '333333333333',
      '444444444444',
      '555555555555',
      '999999999999',
    ]);
    expect(members['222222222222']?.memberStatus).toBe('Invited');
    expect(members['333333333333']?.memberStatus).toBe('Enabled');
    expect(members['444444444444']?.memberStatus).toBe('Enabled');
    expect(members['999999999999']?.memberStatus).toBe('Created');
    for (const m of r.members ?? []) {
      expect(m.administratorId).toBe('111111111111');
      expect(m.updatedAt === null || !Number.isNaN(Date.parse(m.updatedAt))).toBe(true);
    }
    expect(members['222222222222']?.invitedAt).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    expect(row('admin', 'eu-west-1').members?.map((m) => [m.accountId, m.memberStatus])).toEqual([
      ['222222222222', 'Invited'],
    ]);
    expect(row('admin', 'ap-southeast-2').members).toEqual([]);
  });

  it('shows the pending invitations of member-pending, from 111111111111', () => {
    for (const region of ['us-east-1', 'eu-west-1']) {
      const r = row('member-pending', region);
      expect(r.accountId).toBe('222222222222');
      expect(r.administrators).toEqual([]);
      expect(r.pendingInvitations).toHaveLength(1);
      expect(r.pendingInvitations[0]).toMatchObject({ accountId: '111111111111' });
      expect(r.pendingInvitations[0]?.invitationId).toBeTruthy();
      expect(r.pendingInvitations[0]?.invitedAt).toMatch(/Z$/);
      expect(r.members).toEqual([]);
    }
    expect(row('member-pending', 'ap-southeast-2').pendingInvitations).toEqual([]);
  });

  it('shows member-enabled with its Enabled administrator and nothing pending', () => {
    const r = row('member-enabled', 'us-east-1');
    expect(r.administrators[0]).toMatchObject({ accountId: '111111111111', memberStatus: 'Enabled' });
    expect(r.administrators[0]?.invitationId).toBeTruthy();
    expect(r.pendingInvitations).toEqual([]);
    expect(r.notes).toEqual([]);
  });

  it('shows the Organizations member with its administrator', () => {
    expect(row('org-member', 'us-east-1').administrators[0]).toMatchObject({
      accountId: '111111111111',
      memberStatus: 'Enabled',
    });
  });

  it('reads a row with three calls in one round trip, whatever the row holds', () => {
    const log = h.emulator.requestLog().filter((e) => e.service === 'securityhub');
    // admin (an administrator), member-pending (invitations), member-enabled (a relationship):
    // the same three operations each, nothing else.
    for (const [accountId, region] of [
      ['111111111111', 'us-east-1'],
      ['222222222222', 'us-east-1'],
      ['333333333333', 'us-east-1'],
    ] as const) {
      const ops = log.filter((e) => e.accountId === accountId && e.region === region).map((e) => e.operation);
      expect(ops.sort()).toEqual(['GetAdministratorAccount', 'ListInvitations', 'ListMembers']);
    }
    expect(log.filter((e) => ['DescribeHub', 'GetInvitationsCount', 'GetMembers'].includes(e.operation))).toEqual([]);
  });

  it('reads Security Hub off from the first call’s own answer, without reading anything else', () => {
    const off = row('hub-off', 'eu-west-1');
    expect(off).toMatchObject({
      state: 'off',
      error: null,
      administrators: [],
      members: null,
    });
    expect(off.accountId).toBe('555555555555');
    const on = row('hub-off', 'us-east-1');
    expect(on.state).toBe('on');
    expect(on.pendingInvitations.map((i) => i.accountId)).toEqual(['111111111111']);
    const hubOffCalls = h.emulator
      .requestLog()
      .filter((e) => e.accountId === '555555555555' && e.region === 'eu-west-1' && e.service === 'securityhub');
    // The account-region had never answered: one probe, whose "not subscribed" is the whole row's.
    expect(hubOffCalls.map((e) => [e.operation, e.errorCode])).toEqual([
      ['GetAdministratorAccount', 'InvalidAccessException'],
    ]);
  });

  it('shows one clean read of an account-region under every profile that reaches it', () => {
    // legacy-iam reaches 333333333333 like member-enabled, whose read had no denial: it is shared.
    const shared = row('legacy-iam', 'us-east-1');
    expect(shared.administrators[0]).toEqual(row('member-enabled', 'us-east-1').administrators[0]);
    // The note speaks of the account: a row never names another profile.
    expect(shared.notes.join(' ')).toMatch(/Account 333333333333 in us-east-1 was read once/);
    expect(JSON.stringify(shared)).not.toContain('member-enabled');
    const reads = h.emulator
      .requestLog()
      .filter((e) => e.accountId === '333333333333' && e.region === 'us-east-1' && e.operation === 'ListMembers');
    expect(reads).toHaveLength(1);
  });

  it('falls back to GetMasterAccount for legacy-iam and says so', async () => {
    h.emulator.clearLog();
    const r = await h.row('legacy-iam', 'us-east-1');
    expect(h.operations().filter((op) => /Administrator|Master/.test(op))).toEqual([
      'GetAdministratorAccount',
      'GetMasterAccount',
    ]);
    expect(r.administrators[0]).toMatchObject({ accountId: '111111111111', memberStatus: 'Enabled' });
    expect(r.partialErrors).toEqual([]);
    expect(r.notes.join(' ')).toMatch(/GetMasterAccount/);
    expect(r.notes.join(' ')).toMatch(/GetAdministratorAccount/);
  });

  it('resolves assume-role, SSO and credential_process profiles to their accounts', () => {
    expect(row('sandbox-role', 'us-east-1').accountId).toBe('666666666666');
    expect(row('sso-dev', 'us-east-1').accountId).toBe('888888888888');
    expect(row('proc-ops', 'us-east-1').accountId).toBe('999999999999');
    for (const p of ['sandbox-role', 'sso-dev', 'proc-ops']) expect(row(p, 'us-east-1').error).toBeNull();
  });

  it('tells the signed-out SSO profile to sign in, with the command', () => {
    const r = row('sso-signed-out', 'us-east-1');
    expect(r.state).toBe('error');
    expect(r.accountId).toBeNull();
    expect(r.error?.kind).toBe('sign-in-needed');
    expect(r.error?.command).toBe('aws sso login --sso-session expired-session');
  });

  it('says region-not-enabled for an opt-in region the account has not enabled, not bad credentials', () => {
    const r = row('member-pending', 'af-south-1');
    expect(r.state).toBe('region-not-enabled');
    expect(r.error?.kind).toBe('region-not-enabled');
    expect(r.accountId).toBe('222222222222');
    expect(row('admin', 'af-south-1').state).not.toBe('region-not-enabled');
  });

  it('makes one STS call per profile, not per region', () => {
    // admin reads 4 regions and member-pending 4, each with one GetCallerIdentity; 333333333333 is
    // reached by two profiles (member-enabled, legacy-iam): one call each.
    expect(stsCallsPerAccount.get('111111111111')).toBe(1);
    expect(stsCallsPerAccount.get('222222222222')).toBe(1);
    expect(stsCallsPerAccount.get('333333333333')).toBe(2);
  });

  it('stores the rows so the next start shows them stale', async () => {
    const cached = unpackCachedRows(await h.backend.handlers['snapshots:cached'](undefined));
    expect(cached.length).toBe(summary.total);
    expect(cached.every((r) => r.stale)).toBe(true);
    expect(cached.find((r) => r.profile === 'admin' && r.region === 'us-east-1')?.members).toHaveLength(5);
  });
});
