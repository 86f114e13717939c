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
  it('reads its row without an invitations error, and shows its administrator', async () => {
    const row = await h.row('org-member', 'us-east-1');
    expect(row.partialErrors).toEqual([]);
    expect(row.administrators[0]?.accountId).toBe('111111111111');
    expect(row.pendingInvitations).toEqual([]);
  });

  it('is told that only the delegated administrator can remove it', async () => {
    const error = await appErrorOf(
      h.backend.handlers['administrator:disassociate']({ profile: 'org-member', region: 'us-east-1' }),
    );
    expect(error).toMatchObject({ kind: 'organizations-managed', awsCode: 'BadRequestException' });
    expect(error.message).toMatch(/through AWS Organizations/);
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
