/**
 * Detective's rows, read through the real SDK from the emulator's demo (test/emulator/README.md,
 * "Detective"): the administrator's behavior graph with its members, an account in two graphs (an
 * ENABLED membership of one administrator, an invitation of another: two administrators' entries, each
 * keyed by its graph ARN), the organization's membership, an account in no graph (Detective off), and
 * the calls a row costs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceRow } from '../../../../main/domain/types';
import { callsOf } from '../../../helpers/request-counts';
import { type Harness, startHarness } from '../../harness';

const EVERY_SERVICE = { settings: { serviceMode: 'all' as const } };

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const ADMIN = '111111111111';
const SANDBOX = '666666666666';
const GRAPH = /^arn:aws:detective:us-east-1:111111111111:graph:[0-9a-f]{32}$/;
const SANDBOX_GRAPH = /^arn:aws:detective:us-east-1:666666666666:graph:[0-9a-f]{32}$/;
const find = (rows: ServiceRow[], profile: string, region: string) =>
  rows.find((r) => r.service === 'detective' && r.profile === profile && r.region === region);

describe('Detective rows', () => {
  it('reads the demo: the administrator’s graph and members, an account in two graphs, the organization’s membership', async () => {
    h = await startHarness(EVERY_SERVICE);
    const { rows } = await h.refreshAll();
    expect(new Set(rows.map((r) => r.service))).toContain('detective');

    const admin = find(rows, 'admin', 'us-east-1');
    expect(admin).toMatchObject({ state: 'on', accountId: ADMIN, administrators: [], error: null, partialErrors: [] });
    expect(Object.fromEntries((admin?.members ?? []).map((m) => [m.accountId, m.memberStatus]))).toEqual({
      '222222222222': 'INVITED',
      '333333333333': 'ENABLED',
      '444444444444': 'ENABLED',
      '555555555555': 'INVITED',
      '999999999999': 'VERIFICATION_IN_PROGRESS',
    });
    const orgMember = admin?.members?.find((m) => m.accountId === '444444444444');
    expect(orgMember).toMatchObject({ joinedBy: 'organizations', administratorId: ADMIN });
    expect(admin?.members?.find((m) => m.accountId === '333333333333')?.joinedBy).toBe('invitation');

    // One account in two graphs: a membership of 111111111111's graph, an invitation to 666666666666's.
    const twoGraphs = find(rows, 'member-enabled', 'us-east-1');
    expect(twoGraphs?.state).toBe('on');
    expect(twoGraphs?.administrators).toEqual([
      expect.objectContaining({
        accountId: ADMIN,
        memberStatus: 'ENABLED',
        invitationId: expect.stringMatching(GRAPH),
      }),
    ]);
    expect(twoGraphs?.pendingInvitations).toEqual([
      expect.objectContaining({
        accountId: SANDBOX,
        memberStatus: 'INVITED',
        invitationId: expect.stringMatching(SANDBOX_GRAPH),
      }),
    ]);

    expect(find(rows, 'member-pending', 'us-east-1')?.pendingInvitations).toEqual([
      expect.objectContaining({ accountId: ADMIN, invitationId: expect.stringMatching(GRAPH) }),
    ]);
    expect(find(rows, 'member-pending', 'eu-west-1')?.pendingInvitations.map((i) => i.accountId)).toEqual([ADMIN]);
    // InvitationType ORGANIZATION: the organization's membership, which the account cannot leave.
    expect(find(rows, 'org-member', 'us-east-1')?.administrators).toEqual([
      expect.objectContaining({ accountId: ADMIN, memberStatus: 'ENABLED', viaOrganization: true }),
    ]);
    // Neither an administrator nor in any graph: Detective is off there (no error).
    expect(find(rows, 'member-pending', 'ap-southeast-2')).toMatchObject({
      state: 'off',
      error: null,
      administrators: [],
      pendingInvitations: [],
    });
    // Still VERIFICATION_IN_PROGRESS: nothing was sent to the member yet (MemberDetail docs).
    expect(find(rows, 'proc-ops', 'us-east-1')?.pendingInvitations ?? []).toEqual([]);
  });

  it('costs ListGraphs and ListInvitations a row, and ListMembers where the account has a graph', async () => {
    h = await startHarness(EVERY_SERVICE);
    const member = await callsOf(h.emulator, () => h!.row('member-enabled', 'us-east-1', 'detective'));
    expect(member.byOperation).toEqual({ GetCallerIdentity: 1, ListGraphs: 1, ListInvitations: 1 });
    const admin = await callsOf(h.emulator, () => h!.row('admin', 'us-east-1', 'detective'));
    expect(admin.byOperation).toEqual({ GetCallerIdentity: 1, ListGraphs: 1, ListInvitations: 1, ListMembers: 1 });
  });
});
