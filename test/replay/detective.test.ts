/**
 * Detective rows and answers as the app reads them when AWS answers exactly as its published
 * examples and quoted errors show (fixtures/ names each source): the member's invitation from the
 * list-invitations example (keyed by its graph ARN, an example that predates InvitationType), an
 * account that administers no graph, the administrator of the list-graphs example with the
 * list-members example's members, the accept by graph ARN, and the AccessDenied a ListGraphs
 * without IAM permission answers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from './fixtures';
import { PROFILE, type ReplayHarness, startReplayHarness } from './harness';
import { FRAMINGS, type Plan } from './server';

let h: ReplayHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The list-invitations example's member account speaks (the STS example's account replaced). */
const MEMBER: [string, string] = ['123456789012', '444455556666'];
const sts = {
  'sts:GetCallerIdentity': { fixture: fixture('sts-get-caller-identity.api-reference'), replace: [MEMBER] },
};
const GRAPH = 'arn:aws:detective:us-east-1:111122223333:graph:123412341234';

/** A member of no graph of its own, with the list-invitations example's invitation waiting. */
const memberPlan = (overrides: Plan = {}): Plan => ({
  ...sts,
  'detective:ListGraphs': { fixture: fixture('detective-list-graphs.empty') },
  'detective:ListInvitations': { fixture: fixture('detective-list-invitations.aws-cli') },
  ...overrides,
});

describe('a Detective member account, as the AWS CLI examples show it', () => {
  it('reads the INVITED graph as a pending invitation keyed by its graph ARN; no graph of its own', async () => {
    h = await startReplayHarness(memberPlan());
    const row = await h.row('us-west-1', 'detective');
    expect(row).toMatchObject({ service: 'detective', state: 'on', error: null, partialErrors: [], members: [] });
    expect(row.administrators).toEqual([]);
    expect(row.pendingInvitations).toEqual([
      {
        accountId: '111122223333',
        invitationId: GRAPH,
        invitedAt: '2020-01-24T00:35:07.000Z',
        memberStatus: 'INVITED',
      },
    ]);
    // No graph: no ListMembers.
    expect(h.replay.operations('detective:').sort()).toEqual(['detective:ListGraphs', 'detective:ListInvitations']);
  });

  it('accepts by graph ARN, once, and reads the membership after it', async () => {
    const accepted: Plan = {
      ...memberPlan(),
      'detective:ListInvitations': {
        fixture: fixture('detective-list-invitations.aws-cli'),
        // The example's invitation as it reads once accepted: this test's substitution.
        replace: [['"INVITED"', '"ENABLED"']],
      },
    };
    h = await startReplayHarness(
      { ...memberPlan(), 'detective:AcceptInvitation': { fixture: fixture('detective-accept-invitation.aws-cli') } },
      { afterWrite: { 'detective:AcceptInvitation': accepted } },
    );
    await h.row('us-west-1', 'detective');
    h.replay.requests.length = 0;
    const outcome = await h.backend.handlers['invitation:accept']({
      service: 'detective',
      profile: PROFILE,
      region: 'us-west-1',
      administratorId: '111122223333',
      // As the window sends it: the ARN the row showed (the example's short graph id included).
      invitationId: GRAPH,
      trustAdministrator: true,
    });
    expect(outcome.row.administrators).toEqual([
      expect.objectContaining({ accountId: '111122223333', invitationId: GRAPH, memberStatus: 'ENABLED' }),
    ]);
    expect(outcome.row.pendingInvitations).toEqual([]);
    const writes = h.replay.requests.filter((r) => r.operation === 'detective:AcceptInvitation');
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({ method: 'PUT', path: '/invitation' });
    expect(JSON.parse(writes[0]?.body ?? '{}')).toEqual({ GraphArn: GRAPH });
  });
});

describe('a Detective administrator, as the AWS CLI examples show it', () => {
  it('reads the list-graphs example’s graph and the list-members example’s members', async () => {
    h = await startReplayHarness({
      ...sts,
      'detective:ListGraphs': { fixture: fixture('detective-list-graphs.aws-cli') },
      'detective:ListInvitations': { fixture: fixture('detective-list-invitations.empty') },
      'detective:ListMembers': { fixture: fixture('detective-list-members.aws-cli') },
    });
    const row = await h.row('us-west-1', 'detective');
    expect(row).toMatchObject({ state: 'on', error: null, partialErrors: [], administrators: [] });
    expect(row.members?.map((m) => [m.accountId, m.memberStatus, m.administratorId, m.email])).toEqual([
      ['444455556666', 'INVITED', '111122223333', 'mmajor@example.com'],
      ['123456789012', 'ENABLED', '111122223333', 'jstiles@example.com'],
    ]);
    const listMembers = h.replay.requests.find((r) => r.operation === 'detective:ListMembers');
    expect(JSON.parse(listMembers?.body ?? '{}')).toMatchObject({ GraphArn: GRAPH });
  });

  it('shows Detective off where the account administers no graph and is invited to none', async () => {
    h = await startReplayHarness(
      memberPlan({ 'detective:ListInvitations': { fixture: fixture('detective-list-invitations.empty') } }),
    );
    const row = await h.row('us-west-1', 'detective');
    expect(row).toMatchObject({ state: 'off', error: null, pendingInvitations: [], administrators: [] });
  });
});

describe.each(FRAMINGS)('Detective errors, framed as %s', (framing) => {
  it('a ListGraphs IAM denies leaves the invitations read, and names the action', async () => {
    h = await startReplayHarness(
      memberPlan({
        'detective:ListGraphs': { fixture: fixture('detective-access-denied.detective-scripts-1'), framing },
      }),
    );
    const row = await h.row('us-west-1', 'detective');
    expect(row.pendingInvitations.map((i) => i.invitationId)).toEqual([GRAPH]);
    expect(row.partialErrors).toEqual([
      { part: 'members', error: expect.objectContaining({ kind: 'access-denied', action: 'detective:ListGraphs' }) },
    ]);
  });
});
