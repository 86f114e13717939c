/**
 * Macie's writes through the real SDK against the emulator: accept (and where Macie is off: refused
 * with the reason; where its invitations answer while it is off, refused unless the person agreed to
 * turn Macie on, then EnableMacie first), decline, leave with the deprecated fallback, an
 * Organizations membership that cannot be left, the administrator's batches (CreateMember one account
 * a call, only with e-mail addresses; a lost answer leaves the rest not sent), turning Macie on (which
 * ends its standing "off" at once), and read-only mode. Every write is sent once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Scenario } from '../../../emulator/index';
import { demoScenario } from '../../../emulator/test-kit';
import { appErrorOf, type Harness, startHarness } from '../../harness';

const EVERY_SERVICE = { settings: { serviceMode: 'all' as const } };

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const ADMIN = '111111111111';
const PENDING = '222222222222';
const ENABLED = '333333333333';
const OTHER_ADMIN = '666666666666';
const MC = { service: 'macie' } as const;
const sessionsOf = (harness: Harness, accountId: string) =>
  (harness.emulator.state().macie.sessions as { accountId: string; region: string }[])
    .filter((s) => s.accountId === accountId)
    .map((s) => s.region)
    .sort();

/** The demo with an invitation from the administrator to member-pending in eu-west-1, where its Macie is off. */
function invitedWhereOff(invitationsWhileOff: boolean): Scenario {
  const scenario = demoScenario();
  scenario.macie.invitationsWhileOff = invitationsWhileOff;
  scenario.macie.administrators.push({
    accountId: ADMIN,
    region: 'eu-west-1',
    members: [
      { accountId: PENDING, email: 'workload-pending@example.com', status: 'Invited', viaOrganizations: false },
    ],
  });
  return scenario as Scenario;
}

describe('Macie member-side writes', () => {
  it('accepts the invitation and logs the answer as Macie’s', async () => {
    h = await startHarness(EVERY_SERVICE);
    const outcome = await h.backend.handlers['invitation:accept']({
      ...MC,
      profile: 'member-pending',
      region: 'us-east-1',
      administratorId: ADMIN,
    });
    expect(outcome.message).toBe(`Accepted the invitation from ${ADMIN} in us-east-1.`);
    expect(outcome.row).toMatchObject({ service: 'macie', state: 'on', pendingInvitations: [] });
    expect(outcome.row.administrators).toEqual([
      expect.objectContaining({ accountId: ADMIN, memberStatus: 'Enabled' }),
    ]);
    expect(h.operations('AcceptInvitation')).toHaveLength(1);
    expect(h.operations('EnableMacie')).toEqual([]);
    const [entry] = await h.backend.handlers['activity:list']({ limit: 1 });
    expect(entry).toMatchObject({ service: 'macie', action: 'accept', outcome: 'succeeded', target: ADMIN });
  });

  it('refuses to accept where Macie is off and its invitations cannot be read, so the window offers to turn it on', async () => {
    h = await startHarness(EVERY_SERVICE);
    h.emulator.loadScenario(invitedWhereOff(false));
    const where = { ...MC, profile: 'member-pending', region: 'eu-west-1', administratorId: ADMIN };
    const refused = await appErrorOf(h.backend.handlers['invitation:accept']({ ...where, turnOn: true }));
    expect(refused).toMatchObject({ kind: 'refused', awsCode: 'InvalidAccessException' });
    expect(refused.message).toContain('Macie is off in eu-west-1 for account 222222222222');
    expect(h.operations('EnableMacie')).toEqual([]);
    expect(h.operations('AcceptInvitation')).toEqual([]);
    expect(sessionsOf(h, PENDING)).toEqual(['us-east-1']);
  });

  it('where the invitations answer while Macie is off: refuses unless turning Macie on was agreed, then turns it on first', async () => {
    h = await startHarness(EVERY_SERVICE);
    h.emulator.loadScenario(invitedWhereOff(true));
    // The refresh reads Macie off there (one call) and keeps that answer for a day.
    expect((await h.row('member-pending', 'eu-west-1', 'macie')).state).toBe('off');
    const where = { ...MC, profile: 'member-pending', region: 'eu-west-1', administratorId: ADMIN };
    h.emulator.clearLog();
    const refused = await appErrorOf(h.backend.handlers['invitation:accept'](where));
    expect(refused.kind).toBe('refused');
    expect(refused.message).toContain('Macie is off in eu-west-1 for account 222222222222');
    expect(refused.message).toContain('turns it on first (EnableMacie)');
    expect(refused.message).toContain('30-day free trial');
    expect(refused.remediation).toContain('--turn-on');
    expect(h.operations('EnableMacie')).toEqual([]);
    expect(h.operations('AcceptInvitation')).toEqual([]);

    const outcome = await h.backend.handlers['invitation:accept']({ ...where, turnOn: true });
    expect(outcome.message).toBe(
      `Turned Macie on in eu-west-1 (EnableMacie). Accepted the invitation from ${ADMIN} in eu-west-1.`,
    );
    expect(outcome.row).toMatchObject({ state: 'on', pendingInvitations: [] });
    expect(h.operations('EnableMacie')).toHaveLength(1);
    expect(h.operations('AcceptInvitation')).toHaveLength(1);
    expect(sessionsOf(h, PENDING)).toEqual(['eu-west-1', 'us-east-1']);
    // The standing "off" ended with the action's row: the next refresh reads Macie, on.
    const after = await h.row('member-pending', 'eu-west-1', 'macie');
    expect(after.state).toBe('on');
    expect(after.administrators[0]?.memberStatus).toBe('Enabled');
  });

  it('declines the invitation', async () => {
    h = await startHarness(EVERY_SERVICE);
    const outcome = await h.backend.handlers['invitation:decline']({
      ...MC,
      profile: 'hub-off',
      region: 'us-east-1',
      administratorId: ADMIN,
    });
    expect(outcome.row).toMatchObject({ state: 'on', pendingInvitations: [] });
    expect(h.operations('DeclineInvitations')).toHaveLength(1);
  });

  it('leaves the administrator, with the deprecated operation where IAM denies the new one', async () => {
    h = await startHarness(EVERY_SERVICE);
    const left = await h.backend.handlers['administrator:disassociate']({
      ...MC,
      profile: 'member-enabled',
      region: 'us-east-1',
    });
    expect(left.row.administrators.filter((a) => a.memberStatus === 'Enabled')).toEqual([]);
    expect(h.operations('DisassociateFromAdministratorAccount')).toHaveLength(1);

    h.emulator.loadScenario(demoScenario());
    h.emulator.clearLog();
    const legacy = await h.backend.handlers['administrator:disassociate']({
      ...MC,
      profile: 'legacy-iam',
      region: 'us-east-1',
    });
    expect(legacy.usedDeprecated).toBe(true);
    expect(legacy.message).toContain('IAM denied macie2:DisassociateFromAdministratorAccount');
    expect(h.operations('DisassociateFromMasterAccount')).toHaveLength(1);
  });

  it('offers no leave from a membership the organization manages, and sends nothing', async () => {
    h = await startHarness(EVERY_SERVICE);
    h.emulator.clearLog();
    const error = await appErrorOf(
      h.backend.handlers['administrator:disassociate']({ ...MC, profile: 'org-member', region: 'us-east-1' }),
    );
    expect(error.kind).toBe('organizations-managed');
    expect(h.operations('DisassociateFromAdministratorAccount')).toEqual([]);
  });

  it('refuses every write in read-only mode before any call', async () => {
    h = await startHarness({ settings: { serviceMode: 'all', readOnly: true } });
    h.emulator.clearLog();
    const error = await appErrorOf(
      h.backend.handlers['invitation:accept']({
        ...MC,
        profile: 'member-pending',
        region: 'us-east-1',
        administratorId: ADMIN,
        turnOn: true,
      }),
    );
    expect(error.kind).toBe('read-only');
    expect(h.emulator.requestLog()).toEqual([]);
  });
});

/**
 * The demo with member-enabled (333333333333) Paused in its membership of the administrator in
 * us-east-1 (Macie suspended in the member: the API reference's RelationshipStatus enum, botocore
 * macie2 2020-01-01), and a second administrator (666666666666) inviting it there.
 */
function pausedAndInvitedElsewhere(): Scenario {
  const scenario = demoScenario();
  const book = scenario.macie.administrators.find((a) => a.accountId === ADMIN && a.region === 'us-east-1');
  const member = book?.members.find((m) => m.accountId === ENABLED);
  if (!member) throw new Error('the demo has no Macie membership of 333333333333 in us-east-1');
  member.status = 'Paused';
  scenario.macie.administrators.push({
    accountId: OTHER_ADMIN,
    region: 'us-east-1',
    members: [
      { accountId: ENABLED, email: 'workload-enabled@example.com', status: 'Invited', viaOrganizations: false },
    ],
  });
  return scenario as Scenario;
}

describe('a Paused Macie membership', () => {
  const where = { ...MC, profile: 'member-enabled', region: 'us-east-1' };

  it('still has its administrator: accepting another administrator is refused before AcceptInvitation', async () => {
    h = await startHarness(EVERY_SERVICE);
    h.emulator.loadScenario(pausedAndInvitedElsewhere());
    const row = await h.row('member-enabled', 'us-east-1', 'macie');
    expect(row.administrators.map((a) => `${a.accountId}:${a.memberStatus}`)).toEqual([`${ADMIN}:Paused`]);
    expect(row.pendingInvitations.map((i) => i.accountId)).toEqual([OTHER_ADMIN]);
    h.emulator.clearLog();

    const refused = await appErrorOf(
      h.backend.handlers['invitation:accept']({ ...where, administratorId: OTHER_ADMIN }),
    );
    expect(refused).toMatchObject({
      kind: 'refused',
      message: `Account ${ENABLED} already has an administrator in us-east-1 (${ADMIN}, Paused); an account can have only one.`,
      remediation: `Disassociate from ${ADMIN} first, then accept the invitation from ${OTHER_ADMIN}.`,
    });
    expect(h.operations('AcceptInvitation')).toEqual([]);
    const [entry] = await h.backend.handlers['activity:list']({ limit: 1 });
    expect(entry).toMatchObject({ service: 'macie', action: 'accept', outcome: 'refused', target: OTHER_ADMIN });
  });

  it('is the membership an accept of its own administrator finds: nothing to do, nothing sent', async () => {
    h = await startHarness(EVERY_SERVICE);
    h.emulator.loadScenario(pausedAndInvitedElsewhere());
    const already = await appErrorOf(h.backend.handlers['invitation:accept']({ ...where, administratorId: ADMIN }));
    expect(already).toMatchObject({ kind: 'refused', alreadyDone: true });
    expect(already.message).toBe(`Account ${ENABLED} is already a Paused member of ${ADMIN} in us-east-1.`);
    expect(h.operations('AcceptInvitation')).toEqual([]);
  });

  it('in a bulk accept: its own administrator is skipped, another refused, neither sent', async () => {
    h = await startHarness(EVERY_SERVICE);
    h.emulator.loadScenario(pausedAndInvitedElsewhere());
    const rows = [{ ...MC, profile: 'member-enabled', region: 'us-east-1' }];
    const own = await h.backend.handlers['bulk:run']({ action: 'accept', administratorId: ADMIN, rows });
    expect(own.results).toEqual([
      expect.objectContaining({ status: 'skipped', message: `Already a Paused member of ${ADMIN} in us-east-1.` }),
    ]);
    const other = await h.backend.handlers['bulk:run']({ action: 'accept', administratorId: OTHER_ADMIN, rows });
    expect(other.results).toEqual([
      expect.objectContaining({ status: 'refused', message: expect.stringContaining(`(${ADMIN}, Paused)`) }),
    ]);
    expect(h.operations('AcceptInvitation')).toEqual([]);
  });
});

describe('Macie administrator side', () => {
  it('lists members with and without onlyAssociated, and gets their details one account a call', async () => {
    h = await startHarness(EVERY_SERVICE);
    const where = { ...MC, profile: 'admin', region: 'us-east-1' };
    const all = await h.backend.handlers['members:list']({ ...where, onlyAssociated: false });
    expect(all.map((m) => m.accountId).sort()).toEqual([
      '222222222222',
      '333333333333',
      '444444444444',
      '555555555555',
      '999999999999',
    ]);
    const associated = await h.backend.handlers['members:list']({ ...where, onlyAssociated: true });
    expect(associated.map((m) => m.memberStatus)).toEqual(['Enabled', 'Enabled']);
    h.emulator.clearLog();
    const got = await h.backend.handlers['members:get']({ ...where, accountIds: ['333333333333', '777777777777'] });
    expect(got.members).toEqual([expect.objectContaining({ accountId: '333333333333', administratorId: ADMIN })]);
    expect(got.unprocessed).toEqual([expect.objectContaining({ accountId: '777777777777' })]);
    expect(h.operations('GetMember')).toHaveLength(2);
  });

  it('adds members one account a call, only with their e-mail addresses; a refused account does not stop the rest', async () => {
    h = await startHarness(EVERY_SERVICE);
    const where = { ...MC, profile: 'admin', region: 'us-east-1' };
    const noEmail = await h.backend.handlers['members:create']({ ...where, accounts: [{ accountId: '666666666666' }] });
    expect(noEmail.unprocessed).toEqual([
      { accountId: '666666666666', reason: expect.stringContaining('needs the member account’s e-mail address') },
    ]);
    expect(h.operations('CreateMember')).toEqual([]);

    const accounts = [
      ...Array.from({ length: 30 }, (_, i) => ({ accountId: String(300000000000 + i), email: `m-${i}@example.com` })),
      // Already an Enabled member: AWS refuses that one account.
      { accountId: '333333333333', email: 'workload-enabled@example.com' },
      { accountId: '300000000099', email: 'm-99@example.com' },
    ];
    const created = await h.backend.handlers['members:create']({ ...where, accounts });
    expect(created.processed).toHaveLength(31);
    expect(created.unprocessed).toEqual([
      expect.objectContaining({ accountId: '333333333333', reason: expect.stringContaining('already a member') }),
    ]);
    expect(h.operations('CreateMember')).toHaveLength(32);
    h.emulator.clearLog();
    const listed = await h.backend.handlers['members:list']({ ...where, onlyAssociated: false });
    expect(listed).toHaveLength(36);
    // 25 a page.
    expect(h.operations('ListMembers')).toHaveLength(2);
  });

  it('reports the accounts after a lost answer as not sent, and settles the lost one by reading', async () => {
    h = await startHarness({ ...EVERY_SERVICE, emulator: { faults: { loseReplies: ['macie2:CreateMember'] } } });
    const where = { ...MC, profile: 'admin', region: 'eu-west-1' };
    const accounts = ['300000000001', '300000000002', '300000000003'].map((accountId) => ({
      accountId,
      email: `${accountId}@example.com`,
    }));
    const outcome = await h.backend.handlers['members:create']({ ...where, accounts });
    expect(h.operations('CreateMember')).toHaveLength(1);
    // The first was applied (its reply lost, the state read again shows it); the others were never sent.
    expect(outcome.processed).toEqual(['300000000001']);
    expect(outcome.unprocessed).toEqual([
      expect.objectContaining({ accountId: '300000000002', notSent: true }),
      expect.objectContaining({ accountId: '300000000003', notSent: true }),
    ]);
    expect(outcome.message).toContain('2 accounts not sent');
  });

  it('invites, disassociates and deletes members; the member sees the invitation come and go', async () => {
    h = await startHarness(EVERY_SERVICE);
    const where = { ...MC, profile: 'sandbox-role', region: 'us-east-1' };
    await h.backend.handlers['members:create']({
      ...where,
      accounts: [{ accountId: '888888888888', email: 'developers@example.com' }],
    });
    const invited = await h.backend.handlers['members:invite']({ ...where, accountIds: ['888888888888'] });
    expect(invited.processed).toEqual(['888888888888']);
    expect(h.operations('CreateInvitations')).toHaveLength(1);
    expect((await h.row('sso-dev', 'us-east-1', 'macie')).pendingInvitations.map((i) => i.accountId)).toEqual([
      '666666666666',
    ]);
    const removed = await h.backend.handlers['members:disassociate']({ ...where, accountIds: ['888888888888'] });
    expect(removed.processed).toEqual(['888888888888']);
    expect(h.operations('DisassociateMember')).toHaveLength(1);
    expect((await h.row('sso-dev', 'us-east-1', 'macie')).pendingInvitations).toEqual([]);
    const deleted = await h.backend.handlers['members:delete']({ ...where, accountIds: ['888888888888'] });
    expect(deleted.processed).toEqual(['888888888888']);
    expect(h.operations('DeleteMember')).toHaveLength(1);
    expect(deleted.row?.members).toEqual([]);
  });

  it('turns Macie on with EnableMacie, ending its standing "off", and says so when it is on already', async () => {
    h = await startHarness(EVERY_SERVICE);
    expect((await h.row('hub-off', 'eu-west-1', 'macie')).state).toBe('off');
    const where = { ...MC, profile: 'hub-off', region: 'eu-west-1', enableDefaultStandards: false };
    const on = await h.backend.handlers['service:enable'](where);
    expect(on.message).toContain('Macie is now on in eu-west-1');
    expect(on.row).toMatchObject({ service: 'macie', state: 'on' });
    expect(sessionsOf(h, '555555555555')).toEqual(['eu-west-1', 'us-east-1']);
    expect((await h.row('hub-off', 'eu-west-1', 'macie')).state).toBe('on');
    const again = await appErrorOf(h.backend.handlers['service:enable'](where));
    expect(again).toMatchObject({ kind: 'refused', alreadyDone: true });
    expect(h.operations('EnableMacie')).toHaveLength(2);
  });
});

describe('Macie off, then turned on', () => {
  it('is asked once while it stands, and read on at the next refresh once the app turned it on', async () => {
    h = await startHarness({ settings: { serviceMode: 'all', defaultRegions: ['us-east-1', 'eu-west-1'] } });
    const scope = { kind: 'row', service: 'macie', profile: 'hub-off', region: 'eu-west-1' } as const;
    expect((await h.refresh(scope)).rows[0]?.state).toBe('off');
    h.emulator.clearLog();
    expect((await h.refresh(scope)).rows[0]?.state).toBe('off');
    expect(h.operations('GetMacieSession')).toEqual([]);
    await h.backend.handlers['service:enable']({ ...scope, enableDefaultStandards: false });
    h.emulator.clearLog();
    const after = (await h.refresh(scope)).rows[0];
    expect(after?.state).toBe('on');
    expect(h.operations('GetMacieSession')).toHaveLength(1);
  });
});

describe('the Macie handshake', () => {
  it('adds (CreateMember, with the e-mail address), invites and accepts, one call each', async () => {
    h = await startHarness(EVERY_SERVICE);
    h.emulator.clearLog();
    const result = await h.backend.handlers['handshake:run']({
      ...MC,
      administratorProfile: 'admin',
      memberProfile: 'sandbox-role',
      regions: ['us-east-1'],
      memberEmail: 'sandbox@example.com',
    });
    expect(result.steps.map((s) => `${s.step}:${s.status}`)).toEqual(['create:done', 'invite:done', 'accept:done']);
    expect((await h.row('sandbox-role', 'us-east-1', 'macie')).administrators[0]).toMatchObject({
      accountId: ADMIN,
      memberStatus: 'Enabled',
    });
    expect(h.operations('CreateMember')).toHaveLength(1);
    expect(h.operations('CreateInvitations')).toHaveLength(1);
    expect(h.operations('AcceptInvitation')).toHaveLength(1);
  });
});
