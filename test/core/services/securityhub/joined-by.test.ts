/**
 * How a Security Hub CSPM member joined, from the documented evidence only (joined-by.ts names the
 * source of each answer): ListMembers' own answers through the SDK's shapes, as toMember reads them.
 */
import { describe, expect, it } from 'vitest';
import { joinedByOf } from '../../../../main/core/services/securityhub/joined-by';
import { toMember } from '../../../../main/core/services/securityhub/schemas';

const listed = (fields: { MemberStatus: string; Email?: string; InvitedAt?: Date }) =>
  toMember({ AccountId: '444444444444', AdministratorId: '111111111111', ...fields });

describe('how a Security Hub CSPM member joined', () => {
  it('an e-mail, an invitation or a member that left on its own: by invitation', () => {
    expect(listed({ MemberStatus: 'Enabled', Email: 'a@example.com' }).joinedBy).toBe('invitation');
    expect(listed({ MemberStatus: 'Invited' }).joinedBy).toBe('invitation');
    expect(listed({ MemberStatus: 'Created' }).joinedBy).toBe('invitation');
    expect(listed({ MemberStatus: 'Resigned' }).joinedBy).toBe('invitation');
  });

  it('a suspended organization account: through Organizations', () => {
    expect(listed({ MemberStatus: 'AccountSuspended' }).joinedBy).toBe('organizations');
  });

  it('an Enabled member without an e-mail is not known, with or without an invitation date', () => {
    expect(listed({ MemberStatus: 'Enabled' }).joinedBy).toBeNull();
    expect(listed({ MemberStatus: 'Enabled', InvitedAt: new Date('2026-01-01T00:00:00Z') }).joinedBy).toBeNull();
    expect(listed({ MemberStatus: 'ENABLED' }).joinedBy).toBeNull();
    expect(joinedByOf({ email: null, memberStatus: 'Removed' })).toBeNull();
    expect(joinedByOf({ email: null, memberStatus: 'SomethingNew' })).toBeNull();
  });
});
