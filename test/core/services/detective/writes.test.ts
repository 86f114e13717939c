/**
 * Detective's writes through the real SDK against the emulator, every one by behavior graph ARN: an
 * account in two graphs (accept one, the other stays pending; a leave that names no graph is the
 * caller's to complete, then one graph left), declining, the organization's membership that cannot be
 * left (refused before any call), the administrator's batches (CreateMembers only with e-mail
 * addresses; no separate invitation), and turning Detective on (CreateGraph). Every write is sent once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { appErrorOf, type Harness, startHarness } from '../../harness';

const EVERY_SERVICE = { settings: { serviceMode: 'all' as const } };

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const ADMIN = '111111111111';
const SANDBOX = '666666666666';
const DT = { service: 'detective' } as const;

/** The member's status in each graph of the region, by administrator, as the emulator holds it. */
function statusesOf(harness: Harness, accountId: string, region: string): Record<string, string> {
  const graphs = (
    harness.emulator.state().detective as {
      graphs: { administratorId: string; region: string; members: { accountId: string; status: string }[] }[];
    }
  ).graphs;
  return Object.fromEntries(
    graphs
      .filter((g) => g.region === region)
      .flatMap((g) => g.members.filter((m) => m.accountId === accountId).map((m) => [g.administratorId, m.status])),
  );
}

describe('Detective member-side writes', () => {
  it('an account in two graphs: accepts one, the other stays pending; leaves the one named', async () => {
    h = await startHarness(EVERY_SERVICE);
    // 666666666666 invites 222222222222 to its graph: 222222222222 is now invited to two graphs in us-east-1.
    const added = await h.backend.handlers['members:create']({
      ...DT,
      profile: 'sandbox-role',
      region: 'us-east-1',
      accounts: [{ accountId: '222222222222', email: 'workload-pending@example.com' }],
    });
    expect(added.processed).toEqual(['222222222222']);
    const where = { ...DT, profile: 'member-pending', region: 'us-east-1' };
    const before = await h.row('member-pending', 'us-east-1', 'detective');
    expect(before.pendingInvitations.map((i) => i.accountId).sort()).toEqual([ADMIN, SANDBOX]);
    const sandboxGraph = before.pendingInvitations.find((i) => i.accountId === SANDBOX)?.invitationId;
    expect(sandboxGraph).toMatch(/^arn:aws:detective:us-east-1:666666666666:graph:/);

    h.emulator.clearLog();
    const accepted = await h.backend.handlers['invitation:accept']({ ...where, administratorId: ADMIN });
    expect(accepted.message).toBe(`Accepted the invitation from ${ADMIN} in us-east-1.`);
    expect(accepted.row.administrators).toEqual([
      expect.objectContaining({ accountId: ADMIN, memberStatus: 'ENABLED' }),
    ]);
    expect(accepted.row.pendingInvitations).toEqual([
      expect.objectContaining({ accountId: SANDBOX, invitationId: sandboxGraph }),
    ]);
    expect(h.operations('AcceptInvitation')).toHaveLength(1);
    expect(statusesOf(h, '222222222222', 'us-east-1')).toEqual({ [ADMIN]: 'ENABLED', [SANDBOX]: 'INVITED' });

    // The second graph, named by its ARN: both memberships now, one administrator each.
    const second = await h.backend.handlers['invitation:accept']({
      ...where,
      administratorId: SANDBOX,
      invitationId: sandboxGraph,
    });
    expect(second.row.administrators.map((a) => a.accountId).sort()).toEqual([ADMIN, SANDBOX]);
    expect(second.row.pendingInvitations).toEqual([]);

    // Leaving without naming which: the caller must name one (a usage error), nothing is sent.
    h.emulator.clearLog();
    const unnamed = await appErrorOf(h.backend.handlers['administrator:disassociate'](where));
    expect(unnamed.kind).toBe('invalid-request');
    expect(unnamed.message).toContain(`${SANDBOX} (${sandboxGraph})`);
    expect(h.operations('DisassociateMembership')).toEqual([]);

    const left = await h.backend.handlers['administrator:disassociate']({ ...where, invitationId: sandboxGraph });
    expect(left.message).toBe(`Disassociated account 222222222222 from administrator ${SANDBOX} in us-east-1.`);
    expect(left.row.administrators).toEqual([expect.objectContaining({ accountId: ADMIN })]);
    expect(h.operations('DisassociateMembership')).toHaveLength(1);
    expect(statusesOf(h, '222222222222', 'us-east-1')).toEqual({ [ADMIN]: 'ENABLED' });
  });

  it('an account a member of one graph and invited to another accepts the other by administrator', async () => {
    h = await startHarness(EVERY_SERVICE);
    const outcome = await h.backend.handlers['invitation:accept']({
      ...DT,
      profile: 'member-enabled',
      region: 'us-east-1',
      administratorId: SANDBOX,
    });
    expect(outcome.row.administrators.map((a) => `${a.accountId}:${a.memberStatus}`).sort()).toEqual([
      `${ADMIN}:ENABLED`,
      `${SANDBOX}:ENABLED`,
    ]);
    // Accepting again is nothing to do.
    const again = await appErrorOf(
      h.backend.handlers['invitation:accept']({
        ...DT,
        profile: 'member-enabled',
        region: 'us-east-1',
        administratorId: SANDBOX,
      }),
    );
    expect(again).toMatchObject({ kind: 'refused', alreadyDone: true });
    expect(h.operations('AcceptInvitation')).toHaveLength(1);
  });

  it('declines by graph ARN, and the row no longer lists the invitation', async () => {
    h = await startHarness(EVERY_SERVICE);
    const outcome = await h.backend.handlers['invitation:decline']({
      ...DT,
      profile: 'member-pending',
      region: 'eu-west-1',
      administratorId: ADMIN,
    });
    expect(outcome.row).toMatchObject({ state: 'on', pendingInvitations: [], administrators: [] });
    expect(h.operations('RejectInvitation')).toHaveLength(1);
    expect(statusesOf(h, '222222222222', 'eu-west-1')).toEqual({});
  });

  it('refuses to leave the organization’s graph without a call (InvitationType ORGANIZATION)', async () => {
    h = await startHarness(EVERY_SERVICE);
    const row = await h.row('org-member', 'us-east-1', 'detective');
    expect(row.administrators).toEqual([expect.objectContaining({ viaOrganization: true })]);
    h.emulator.clearLog();
    const error = await appErrorOf(
      h.backend.handlers['administrator:disassociate']({ ...DT, profile: 'org-member', region: 'us-east-1' }),
    );
    expect(error.kind).toBe('organizations-managed');
    expect(error.message).toContain('is managed by your organization in Detective');
    expect(h.operations('DisassociateMembership')).toEqual([]);
  });

  it('refuses an invitation reference that is no behavior graph ARN before any call', async () => {
    h = await startHarness(EVERY_SERVICE);
    h.emulator.clearLog();
    await expect(
      h.backend.handlers['invitation:accept']({
        ...DT,
        profile: 'member-pending',
        region: 'us-east-1',
        administratorId: ADMIN,
        invitationId: 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4',
      }),
    ).rejects.toThrow();
    expect(h.operations('AcceptInvitation')).toEqual([]);
  });
});

describe('Detective administrator side', () => {
  it('adds members only with their e-mail addresses (CreateMembers invites), deletes them; no separate invitation', async () => {
    h = await startHarness(EVERY_SERVICE);
    const where = { ...DT, profile: 'admin', region: 'us-east-1' };
    const noEmail = await h.backend.handlers['members:create']({ ...where, accounts: [{ accountId: SANDBOX }] });
    expect(noEmail.unprocessed).toEqual([
      expect.objectContaining({ accountId: SANDBOX, reason: expect.stringContaining('e-mail address') }),
    ]);
    expect(h.operations('CreateMembers')).toEqual([]);

    const created = await h.backend.handlers['members:create']({
      ...where,
      accounts: [{ accountId: SANDBOX, email: 'sandbox@example.com' }],
    });
    expect(created.processed).toEqual([SANDBOX]);
    expect((await h.row('sandbox-role', 'us-east-1', 'detective')).pendingInvitations.map((i) => i.accountId)).toEqual([
      ADMIN,
    ]);
    const invited = await h.backend.handlers['members:invite']({ ...where, accountIds: [SANDBOX] });
    expect(invited.processed).toEqual([]);
    expect(invited.unprocessed).toEqual([
      expect.objectContaining({ accountId: SANDBOX, reason: expect.stringContaining('no separate invitation') }),
    ]);
    const listed = await h.backend.handlers['members:list']({ ...where, onlyAssociated: true });
    expect(listed.map((m) => m.memberStatus)).toEqual(['ENABLED', 'ENABLED']);
    const deleted = await h.backend.handlers['members:delete']({ ...where, accountIds: [SANDBOX] });
    expect(deleted.processed).toEqual([SANDBOX]);
    expect(h.operations('DeleteMembers')).toHaveLength(1);
    expect((await h.row('sandbox-role', 'us-east-1', 'detective')).pendingInvitations).toEqual([]);
  });

  it('turns Detective on with CreateGraph where the account is in no graph, and says so when it is on', async () => {
    h = await startHarness(EVERY_SERVICE);
    const where = { ...DT, profile: 'member-pending', region: 'ap-southeast-2', enableDefaultStandards: false };
    expect((await h.row('member-pending', 'ap-southeast-2', 'detective')).state).toBe('off');
    const on = await h.backend.handlers['service:enable'](where);
    expect(on.message).toContain('Detective is now on in ap-southeast-2');
    expect(on.row).toMatchObject({ service: 'detective', state: 'on', members: [] });
    const again = await appErrorOf(h.backend.handlers['service:enable'](where));
    expect(again).toMatchObject({ kind: 'refused', alreadyDone: true });
    expect(h.operations('CreateGraph')).toHaveLength(1);
  });
});
