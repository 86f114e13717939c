/**
 * Administrator-side member operations and turning Security Hub on, against the emulator:
 * each call's effect, its UnprocessedAccounts, and the products catalogue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findProduct, withIntegrationTypes } from '../../../main/core/services/securityhub/products';
import { appErrorOf, type Harness, startHarness } from '../harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ settings: { defaultRegions: ['us-east-1'] } });
});
afterAll(() => h?.close());

const row = { profile: 'admin', region: 'us-east-1' };
const statusOf = async (accountId: string) =>
  (await h.backend.handlers['members:list']({ ...row, onlyAssociated: false })).find((m) => m.accountId === accountId)
    ?.memberStatus ?? null;

describe('administrator actions', () => {
  it('lists members with and without OnlyAssociated, and gets member details', async () => {
    const all = await h.backend.handlers['members:list']({ ...row, onlyAssociated: false });
    const associated = await h.backend.handlers['members:list']({ ...row, onlyAssociated: true });
    expect(all).toHaveLength(5);
    expect(associated.map((m) => m.accountId).sort()).toEqual(['333333333333', '444444444444']);
    const details = await h.backend.handlers['members:get']({ ...row, accountIds: ['222222222222', '121212121212'] });
    expect(details.members.map((m) => m.email)).toEqual(['workload-pending@example.com']);
    expect(details.unprocessed.map((u) => u.accountId)).toEqual(['121212121212']);
  });

  it('creates members and reports the ones AWS did not process', async () => {
    const outcome = await h.backend.handlers['members:create']({
      ...row,
      accounts: [{ accountId: '666666666666', email: 'sandbox@example.com' }, { accountId: '333333333333' }],
    });
    expect(outcome.processed).toContain('666666666666');
    expect(outcome.row?.members?.find((m) => m.accountId === '666666666666')?.memberStatus).toBe('Created');
    expect(await statusOf('666666666666')).toBe('Created');
    const log = await h.backend.handlers['activity:list']({ limit: 1 });
    expect(log[0]).toMatchObject({ action: 'create-members', profile: 'admin', accountId: '111111111111' });
  });

  it('invites members; the member then sees the invitation', async () => {
    const outcome = await h.backend.handlers['members:invite']({ ...row, accountIds: ['666666666666'] });
    expect(outcome.processed).toEqual(['666666666666']);
    expect(outcome.unprocessed).toEqual([]);
    expect(await statusOf('666666666666')).toBe('Invited');
    const member = await h.row('sandbox-role', 'us-east-1');
    expect(member.pendingInvitations.map((i) => i.accountId)).toEqual(['111111111111']);
  });

  it('withdraws invitations', async () => {
    const outcome = await h.backend.handlers['invitations:delete']({ ...row, accountIds: ['666666666666'] });
    expect(outcome.unprocessed).toEqual([]);
    expect((await h.row('sandbox-role', 'us-east-1')).pendingInvitations).toEqual([]);
  });

  it('disassociates members', async () => {
    const outcome = await h.backend.handlers['members:disassociate']({
      ...row,
      accountIds: ['333333333333', '121212121212'],
    });
    expect(outcome.processed).toEqual(['333333333333']);
    // AWS ignores an id that is not a member: the app says so instead of counting it as done.
    expect(outcome.unprocessed).toEqual([
      { accountId: '121212121212', reason: 'Not a member of 111111111111 in us-east-1.' },
    ]);
    expect(await statusOf('333333333333')).toBe('Removed');
    expect((await h.row('member-enabled', 'us-east-1')).administrators).toEqual([]);
  });

  it('deletes members', async () => {
    const outcome = await h.backend.handlers['members:delete']({
      ...row,
      accountIds: ['999999999999', '666666666666'],
    });
    expect(outcome.processed.sort()).toEqual(['666666666666', '999999999999']);
    expect(await statusOf('999999999999')).toBeNull();
    expect(outcome.message).toMatch(/Deleted 2 accounts/);
  });

  it('refuses to make the account its own member', async () => {
    const error = await appErrorOf(h.backend.handlers['members:invite']({ ...row, accountIds: ['111111111111'] }));
    expect(error.kind).toBe('refused');
  });

  it('never invites a suspended account: the member AWS enrolled as AccountSuspended is reported, not sent', async () => {
    // 100000000009 is a suspended account of the demo organization, whose delegated administrator is admin.
    const created = await h.backend.handlers['members:create']({ ...row, accounts: [{ accountId: '100000000009' }] });
    expect(created.row?.members?.find((m) => m.accountId === '100000000009')?.memberStatus).toBe('AccountSuspended');
    h.emulator.clearLog();
    const outcome = await h.backend.handlers['members:invite']({ ...row, accountIds: ['100000000009'] });
    expect(outcome.processed).toEqual([]);
    expect(outcome.unprocessed).toEqual([{ accountId: '100000000009', reason: 'Account suspended: not invited.' }]);
    expect(h.operations('InviteMembers')).toEqual([]);
    expect(await statusOf('100000000009')).toBe('AccountSuspended');
  });

  it('turns Security Hub on, with a billing note', async () => {
    const outcome = await h.backend.handlers['service:enable']({
      profile: 'hub-off',
      region: 'eu-west-1',
      enableDefaultStandards: false,
    });
    expect(outcome.row.state).toBe('on');
    expect(outcome.message).toMatch(/bills/);
    const again = await appErrorOf(
      h.backend.handlers['service:enable']({ profile: 'hub-off', region: 'eu-west-1', enableDefaultStandards: false }),
    );
    expect(again).toMatchObject({
      kind: 'refused',
      alreadyDone: true,
      message: 'Security Hub is already on in eu-west-1 for this account; nothing was changed.',
    });
  });

  it('lists the product catalogue of a region once, all pages', async () => {
    h.emulator.clearLog();
    const products = await h.backend.handlers['products:list'](row);
    expect(products.length).toBeGreaterThan(120);
    expect(products.some((p) => p.integrationTypes.includes('UPDATE_FINDINGS_IN_SECURITY_HUB'))).toBe(true);
    expect(new Set(products.map((p) => p.productArn)).size).toBe(products.length);
    const updaters = withIntegrationTypes(products, ['UPDATE_FINDINGS_IN_SECURITY_HUB']);
    expect(updaters.length).toBeGreaterThan(0);
    expect(updaters.length).toBeLessThan(products.length);
    const one = products[7]!;
    expect(findProduct(products, one.productArn)).toEqual(one);
    expect(findProduct(products, 'arn:aws:securityhub:us-east-1::product/none/none')).toBeNull();
    const pages = h.operations('DescribeProducts').length;
    expect(pages).toBeGreaterThan(1);
    await h.backend.handlers['products:list']({ profile: 'member-pending', region: 'us-east-1' });
    expect(h.operations('DescribeProducts')).toHaveLength(pages);
  });
});
