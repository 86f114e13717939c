/**
 * What the core never accepts, whatever the window shows: an invitation while the account administers
 * members (Security Hub CSPM refuses an administrator's accept: the emulator answers as the user guide
 * says, and here nothing reaches it), and a relationship that is AccountSuspended (refused with its
 * own kind). The invitation of an AccountSuspended member is never sent either: test/core/admin/members.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseInvitation } from '../../../main/core/actions/accept-choice';
import { guardDuty } from '../../../main/core/services/guardduty';
import { memberSideOf } from '../../../main/core/services/row-parts';
import { securityHub } from '../../../main/core/services/securityhub';
import { AppErrorException } from '../../../main/domain/errors';
import { demoScenario, PROC } from '../../emulator/test-kit';
import { administrator, invitation } from '../../helpers/rows';
import { appErrorOf, type Harness, startHarness } from '../harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ settings: { defaultRegions: ['eu-west-1'] } });
});
afterAll(() => h?.close());

describe('an administrator accepting an invitation', () => {
  it('is refused by the core while its last read shows members; nothing is sent', async () => {
    const s = demoScenario();
    // 999999999999 invites 111111111111, which administers 222222222222 in eu-west-1.
    s.administrators.push({
      accountId: PROC,
      region: 'eu-west-1',
      members: [{ accountId: '111111111111', status: 'Invited', viaOrganizations: false }],
    });
    h.emulator.loadScenario(s);
    const row = await h.row('admin', 'eu-west-1');
    expect(row.pendingInvitations.map((i) => i.accountId)).toEqual([PROC]);
    expect(row.members?.length).toBeGreaterThan(0);
    h.emulator.clearLog();
    const error = await appErrorOf(
      h.backend.handlers['invitation:accept']({
        profile: 'admin',
        region: 'eu-west-1',
        administratorId: PROC,
        trustAdministrator: true,
      }),
    );
    expect(error.kind).toBe('refused');
    expect(error.message).toBe(
      'Account 111111111111 administers 1 member in eu-west-1, and a Security Hub CSPM administrator cannot accept an invitation to become a member; nothing was sent.',
    );
    expect(h.operations('AcceptAdministratorInvitation')).toEqual([]);
    expect(h.operations('AcceptInvitation')).toEqual([]);
  });
});

describe('an AccountSuspended relationship', () => {
  // The emulator, as its README says, gives a suspended account no invitation and no administrator
  // (nothing documents what its member side shows), so the rule is checked on the side as read.
  const req = (service = securityHub) => ({
    service,
    profile: 'p',
    region: 'us-east-1',
    administratorId: '111111111111',
    invitationId: null,
  });
  const refusalOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      if (error instanceof AppErrorException) return error.appError;
      throw error;
    }
    throw new Error('not refused');
  };

  it('is never accepted: an invitation or administrator in that status is refused with its own kind', () => {
    for (const service of [securityHub, guardDuty]) {
      const asInvitation = memberSideOf({
        administrators: [],
        invitations: [invitation('111111111111', 'inv-1', 'AccountSuspended')],
        off: false,
        notes: [],
        usedDeprecated: false,
        carry: {},
      });
      const error = refusalOf(() => chooseInvitation(req(service), asInvitation, '222222222222'));
      expect(error.kind).toBe('account-suspended');
      expect(error.message).toMatch(/is AccountSuspended: a suspended account is never invited and cannot join/);
    }
    const asAdministrator = memberSideOf({
      administrators: [administrator('111111111111', 'AccountSuspended')],
      invitations: [invitation('111111111111', 'inv-2')],
      off: false,
      notes: [],
      usedDeprecated: false,
      carry: {},
    });
    expect(refusalOf(() => chooseInvitation(req(), asAdministrator, '222222222222')).kind).toBe('account-suspended');
  });

  it('leaves another administrator’s invitation alone', () => {
    const side = memberSideOf({
      administrators: [],
      invitations: [invitation('333333333333', 'inv-3', 'AccountSuspended'), invitation('111111111111', 'inv-4')],
      off: false,
      notes: [],
      usedDeprecated: false,
      carry: {},
    });
    expect(chooseInvitation(req(), side, '222222222222')).toBe('inv-4');
  });
});
