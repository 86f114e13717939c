/**
 * GuardDuty's writes through the real SDK against the emulator: accept (on the account's detector,
 * and where there is none: refused unless the person agreed to turn GuardDuty on, then CreateDetector
 * first), decline without a detector, leave, the deprecated "master" fallbacks, the administrator's
 * batches (CreateMembers only with e-mail addresses, 50 a call), turning GuardDuty on, the handshake,
 * and read-only mode. Every write is sent once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { demoScenario } from '../../../emulator/test-kit';
import { appErrorOf, type Harness, startHarness } from '../../harness';

/** The app as installed: every service read (the harness reads Security Hub CSPM alone unless asked). */
const EVERY_SERVICE = { settings: { serviceMode: 'all' as const } };

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const ADMIN = '111111111111';
const GD = { service: 'guardduty' } as const;
const detectorsOf = (harness: Harness, accountId: string) =>
  (harness.emulator.state().guardduty.detectors as { accountId: string; region: string }[])
    .filter((d) => d.accountId === accountId)
    .map((d) => d.region)
    .sort();

describe('GuardDuty member-side writes', () => {
  it('accepts on the account’s detector and logs the answer as GuardDuty’s', async () => {
    h = await startHarness(EVERY_SERVICE);
    const outcome = await h.backend.handlers['invitation:accept']({
      ...GD,
      profile: 'member-pending',
      region: 'us-east-1',
      administratorId: ADMIN,
    });
    expect(outcome.message).toBe(`Accepted the invitation from ${ADMIN} in us-east-1.`);
    expect(outcome.row).toMatchObject({ service: 'guardduty', state: 'on', pendingInvitations: [] });
    expect(outcome.row.administrators).toEqual([
      expect.objectContaining({ accountId: ADMIN, memberStatus: 'Enabled' }),
    ]);
    expect(h.operations('AcceptAdministratorInvitation')).toHaveLength(1);
    expect(h.operations('CreateDetector')).toEqual([]);
    const [entry] = await h.backend.handlers['activity:list']({ limit: 1 });
    expect(entry).toMatchObject({ service: 'guardduty', action: 'accept', outcome: 'succeeded', target: ADMIN });
  });

  it('refuses to accept where GuardDuty is off unless turning it on was agreed, then turns it on first', async () => {
    h = await startHarness(EVERY_SERVICE);
    const where = { ...GD, profile: 'member-pending', region: 'eu-west-1', administratorId: ADMIN };
    const refused = await appErrorOf(h.backend.handlers['invitation:accept'](where));
    expect(refused.kind).toBe('refused');
    expect(refused.message).toContain('GuardDuty is off in eu-west-1 for account 222222222222');
    expect(refused.message).toContain('turns it on first (CreateDetector)');
    expect(refused.message).toContain('30-day free trial');
    expect(refused.remediation).toContain('--turn-on');
    expect(h.operations('CreateDetector')).toEqual([]);
    expect(h.operations('AcceptAdministratorInvitation')).toEqual([]);
    expect(detectorsOf(h, '222222222222')).toEqual(['ap-southeast-2', 'us-east-1']);

    const outcome = await h.backend.handlers['invitation:accept']({ ...where, turnOn: true });
    expect(outcome.message).toBe(
      `Turned GuardDuty on in eu-west-1 (CreateDetector). Accepted the invitation from ${ADMIN} in eu-west-1.`,
    );
    expect(outcome.row).toMatchObject({ state: 'on', pendingInvitations: [] });
    expect(outcome.row.administrators).toEqual([
      expect.objectContaining({ accountId: ADMIN, memberStatus: 'Enabled' }),
    ]);
    expect(h.operations('CreateDetector')).toHaveLength(1);
    expect(h.operations('AcceptAdministratorInvitation')).toHaveLength(1);
    expect(detectorsOf(h, '222222222222')).toEqual(['ap-southeast-2', 'eu-west-1', 'us-east-1']);
    // The next refresh reads what the answer showed.
    expect((await h.row('member-pending', 'eu-west-1', 'guardduty')).administrators[0]?.memberStatus).toBe('Enabled');
  });

  it('declines without a detector, and the row stays off', async () => {
    h = await startHarness(EVERY_SERVICE);
    const outcome = await h.backend.handlers['invitation:decline']({
      ...GD,
      profile: 'member-pending',
      region: 'eu-west-1',
      administratorId: ADMIN,
    });
    expect(outcome.row).toMatchObject({ state: 'off', pendingInvitations: [] });
    expect(h.operations('DeclineInvitations')).toHaveLength(1);
    expect(h.operations('CreateDetector')).toEqual([]);
  });

  it('leaves the administrator, with the deprecated operation where IAM denies the new one', async () => {
    h = await startHarness(EVERY_SERVICE);
    const left = await h.backend.handlers['administrator:disassociate']({
      ...GD,
      profile: 'member-enabled',
      region: 'us-east-1',
    });
    expect(left.row.administrators.filter((a) => a.memberStatus === 'Enabled')).toEqual([]);
    expect(h.operations('DisassociateFromAdministratorAccount')).toHaveLength(1);

    h.emulator.loadScenario(demoScenario());
    h.emulator.clearLog();
    const legacy = await h.backend.handlers['administrator:disassociate']({
      ...GD,
      profile: 'legacy-iam',
      region: 'us-east-1',
    });
    expect(legacy.usedDeprecated).toBe(true);
    expect(legacy.message).toContain('IAM denied guardduty:DisassociateFromAdministratorAccount');
    expect(h.operations('DisassociateFromMasterAccount')).toHaveLength(1);
  });

  it('says an Organizations member cannot leave its administrator itself', async () => {
    h = await startHarness(EVERY_SERVICE);
    const error = await appErrorOf(
      h.backend.handlers['administrator:disassociate']({ ...GD, profile: 'org-member', region: 'us-east-1' }),
    );
    expect(error.kind).toBe('organizations-managed');
    expect(error.message).toContain(
      'is managed by your organization in GuardDuty (enrolled through AWS Organizations)',
    );
  });

  it('refuses every write in read-only mode before any call', async () => {
    h = await startHarness({ settings: { serviceMode: 'all', readOnly: true } });
    h.emulator.clearLog();
    const error = await appErrorOf(
      h.backend.handlers['invitation:accept']({
        ...GD,
        profile: 'member-pending',
        region: 'eu-west-1',
        administratorId: ADMIN,
        turnOn: true,
      }),
    );
    expect(error.kind).toBe('read-only');
    expect(h.emulator.requestLog()).toEqual([]);
  });
});

describe('GuardDuty administrator side', () => {
  it('lists members with and without OnlyAssociated, and gets their details', async () => {
    h = await startHarness(EVERY_SERVICE);
    const where = { ...GD, profile: 'admin', region: 'us-east-1' };
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
    const got = await h.backend.handlers['members:get']({ ...where, accountIds: ['333333333333', '777777777777'] });
    expect(got.members).toEqual([expect.objectContaining({ accountId: '333333333333', administratorId: ADMIN })]);
    expect(got.unprocessed).toEqual([expect.objectContaining({ accountId: '777777777777' })]);
  });

  it('adds members only with their e-mail addresses, 50 a call, and reads every page', async () => {
    h = await startHarness(EVERY_SERVICE);
    const where = { ...GD, profile: 'admin', region: 'eu-west-1' };
    const noEmail = await h.backend.handlers['members:create']({ ...where, accounts: [{ accountId: '666666666666' }] });
    expect(noEmail.unprocessed).toEqual([
      { accountId: '666666666666', reason: expect.stringContaining('needs the member account’s e-mail address') },
    ]);
    expect(h.operations('CreateMembers')).toEqual([]);

    const accounts = Array.from({ length: 120 }, (_, i) => ({
      accountId: String(300000000000 + i),
      email: `member-${i}@example.com`,
    }));
    const created = await h.backend.handlers['members:create']({ ...where, accounts });
    expect(created.processed).toHaveLength(120);
    expect(h.operations('CreateMembers')).toHaveLength(3);
    h.emulator.clearLog();
    const listed = await h.backend.handlers['members:list']({ ...where, onlyAssociated: false });
    expect(listed).toHaveLength(121);
    expect(h.operations('ListMembers')).toHaveLength(3);
    expect(listed.find((m) => m.accountId === '300000000000')).toMatchObject({
      memberStatus: 'Created',
      email: 'member-0@example.com',
    });
  });

  it('invites, disassociates and deletes members; the member sees the invitation come and go', async () => {
    h = await startHarness(EVERY_SERVICE);
    const where = { ...GD, profile: 'sandbox-role', region: 'us-east-1' };
    await h.backend.handlers['members:create']({
      ...where,
      accounts: [{ accountId: '888888888888', email: 'developers@example.com' }],
    });
    const invited = await h.backend.handlers['members:invite']({ ...where, accountIds: ['888888888888'] });
    expect(invited.processed).toEqual(['888888888888']);
    expect((await h.row('sso-dev', 'us-east-1', 'guardduty')).pendingInvitations.map((i) => i.accountId)).toEqual([
      '666666666666',
    ]);
    const removed = await h.backend.handlers['members:disassociate']({ ...where, accountIds: ['888888888888'] });
    expect(removed.processed).toEqual(['888888888888']);
    expect((await h.row('sso-dev', 'us-east-1', 'guardduty')).pendingInvitations).toEqual([]);
    const deleted = await h.backend.handlers['members:delete']({ ...where, accountIds: ['888888888888'] });
    expect(deleted.processed).toEqual(['888888888888']);
    expect(deleted.row?.members).toEqual([]);
  });

  it('keeps the e-mail verification statuses as GuardDuty sends them', async () => {
    h = await startHarness(EVERY_SERVICE);
    const scenario = demoScenario();
    const usEast = scenario.guardduty?.administrators?.find((a) => a.region === 'us-east-1');
    usEast?.members.push(
      {
        accountId: '777777777777',
        email: 'audit@example.com',
        status: 'EmailVerificationFailed',
        viaOrganizations: false,
      },
      {
        accountId: '888888888888',
        email: 'developers@example.com',
        status: 'EmailVerificationInProgress',
        viaOrganizations: false,
      },
    );
    h.emulator.loadScenario(scenario);
    const row = await h.row('admin', 'us-east-1', 'guardduty');
    const status = Object.fromEntries((row.members ?? []).map((m) => [m.accountId, m.memberStatus]));
    expect(status['777777777777']).toBe('EmailVerificationFailed');
    expect(status['888888888888']).toBe('EmailVerificationInProgress');
  });

  it('turns GuardDuty on with CreateDetector, and says so when it is on already', async () => {
    h = await startHarness(EVERY_SERVICE);
    const where = { ...GD, profile: 'hub-off', region: 'eu-west-1', enableDefaultStandards: false };
    const on = await h.backend.handlers['service:enable'](where);
    expect(on.message).toContain('GuardDuty is now on in eu-west-1');
    expect(on.row).toMatchObject({ service: 'guardduty', state: 'on' });
    expect(detectorsOf(h, '555555555555')).toEqual(['eu-west-1', 'us-east-1']);
    const again = await appErrorOf(h.backend.handlers['service:enable'](where));
    expect(again).toMatchObject({ kind: 'refused', alreadyDone: true });
    expect(h.operations('CreateDetector')).toHaveLength(2);
  });
});

describe('the GuardDuty handshake', () => {
  it('adds, invites and accepts with the member’s e-mail address', async () => {
    h = await startHarness(EVERY_SERVICE);
    const result = await h.backend.handlers['handshake:run']({
      ...GD,
      administratorProfile: 'admin',
      memberProfile: 'sandbox-role',
      regions: ['us-east-1'],
      memberEmail: 'sandbox@example.com',
    });
    expect(result.steps.map((s) => `${s.step}:${s.status}`)).toEqual(['create:done', 'invite:done', 'accept:done']);
    expect((await h.row('sandbox-role', 'us-east-1', 'guardduty')).administrators[0]).toMatchObject({
      accountId: ADMIN,
      memberStatus: 'Enabled',
    });
    // Security Hub CSPM was not touched.
    expect((await h.row('sandbox-role', 'us-east-1')).administrators).toEqual([]);
  });

  it('stops before any write without the e-mail address, or where GuardDuty is off for the member', async () => {
    h = await startHarness(EVERY_SERVICE);
    const noEmail = await h.backend.handlers['handshake:run']({
      ...GD,
      administratorProfile: 'admin',
      memberProfile: 'sandbox-role',
      regions: ['us-east-1'],
    });
    expect(noEmail.steps[0]).toMatchObject({ step: 'create', status: 'failed' });
    expect(noEmail.steps[0]?.message).toContain('only with its e-mail address');
    const off = await h.backend.handlers['handshake:run']({
      ...GD,
      administratorProfile: 'admin',
      memberProfile: 'hub-off',
      regions: ['eu-west-1'],
      memberEmail: 'hub-off@example.com',
    });
    expect(off.steps[0]?.message).toBe(
      'GuardDuty is off in eu-west-1 for the member account 555555555555: it could not accept, so nothing was started there.',
    );
    expect(h.operations('CreateMembers')).toEqual([]);
    expect(h.operations('InviteMembers')).toEqual([]);
  });
});
