/**
 * Accounts enrolled through AWS Organizations, answered as real AWS answers them: their own
 * disassociation is refused with BadRequestException (quoted in superwerker's tests), and
 * ListInvitations is refused for them ("Only accounts that are managed by invitation can use this
 * operation"). Neither may surface as an IAM denial.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorOf, type Harness, startHarness } from '../harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('an Organizations member', () => {
  it('reads its row without an invitations error, and shows its administrator as the organization’s', async () => {
    const row = await h.row('org-member', 'us-east-1');
    expect(row.partialErrors).toEqual([]);
    expect(row.administrators).toEqual([
      expect.objectContaining({ accountId: '111111111111', invitationId: null, viaOrganization: true }),
    ]);
    expect(row.pendingInvitations).toEqual([]);
  });

  it('is told that only the delegated administrator can remove it, and no leave is sent', async () => {
    h.emulator.clearLog();
    const error = await appErrorOf(
      h.backend.handlers['administrator:disassociate']({ profile: 'org-member', region: 'us-east-1' }),
    );
    expect(error.kind).toBe('organizations-managed');
    expect(error.message).toBe(
      'Account 444444444444 is managed by your organization in Security Hub (enrolled through AWS Organizations), so it cannot disassociate itself from 111111111111 in us-east-1.',
    );
    expect(error.remediation).toMatch(/Only the delegated administrator 111111111111 can remove it/);
    // The one read said so: AWS is not asked to do what it refuses.
    expect(h.operations('DisassociateFromAdministratorAccount')).toEqual([]);
    expect(h.operations('DisassociateFromMasterAccount')).toEqual([]);
  });

  it('declining gets the app’s own refusal, not "IAM does not allow"', async () => {
    const error = await appErrorOf(
      h.backend.handlers['invitation:decline']({
        profile: 'org-member',
        region: 'us-east-1',
        administratorId: '111111111111',
      }),
    );
    expect(error.message).not.toMatch(/IAM does not allow/);
    expect(error.kind).toBe('refused');
  });
});
