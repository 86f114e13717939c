/**
 * ListInvitations keeps invitations that are no longer pending, each with its MemberStatus (the AWS
 * CLI's list-invitations example lists one as "ASSOCIATED"). Only an Invited invitation may be
 * offered for Accept, whatever happened to the relationship since.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../harness';

const ADMIN = '111111111111';
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('pending invitations follow each invitation’s own status', () => {
  it('a member that left its administrator is offered nothing (its invitation now shows Resigned)', async () => {
    h = await startHarness();
    await h.backend.handlers['administrator:disassociate']({ profile: 'member-enabled', region: 'us-east-1' });
    const row = await h.row('member-enabled', 'us-east-1');
    expect(row.administrators).toEqual([]);
    expect(row.pendingInvitations).toEqual([]);
  });

  it('an invitation the administrator took back by removing the member is not pending (Removed)', async () => {
    h = await startHarness();
    await h.backend.handlers['members:disassociate']({
      profile: 'admin',
      region: 'us-east-1',
      accountIds: ['222222222222'],
    });
    const row = await h.row('member-pending', 'us-east-1');
    expect(row.pendingInvitations).toEqual([]);
    // eu-west-1 keeps its own pending invitation: Security Hub is regional.
    const other = await h.row('member-pending', 'eu-west-1');
    expect(other.pendingInvitations.map((i) => i.accountId)).toEqual([ADMIN]);
  });

  it('a declined invitation is not offered again, and the handshake sends a fresh one', async () => {
    h = await startHarness();
    await h.backend.handlers['invitation:decline']({
      profile: 'member-pending',
      region: 'eu-west-1',
      administratorId: ADMIN,
    });
    const row = await h.row('member-pending', 'eu-west-1');
    expect(row.pendingInvitations).toEqual([]);

    const result = await h.backend.handlers['handshake:run']({
      administratorProfile: 'admin',
      memberProfile: 'member-pending',
      regions: ['eu-west-1'],
    });
    expect(result.steps.map((s) => s.status)).not.toContain('failed');
    const after = await h.row('member-pending', 'eu-west-1');
    expect(after.administrators[0]).toMatchObject({ accountId: ADMIN, memberStatus: 'Enabled' });
  });
});
