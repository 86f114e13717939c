/**
 * Trusted administrators against the emulator's demo: an accept from an administrator outside the
 * list is refused before any AWS call (the activity log says so) unless the person trusts it, which
 * adds it to the list; a bulk answer the same; the list is seeded once from what the workstation
 * knows (Enabled relationships, the organization's delegated administrator), and what the user
 * removed is not added back; every change is in the activity log; the watch's news says it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../contract/api';
import { appErrorOf, type Harness, startHarness } from '../harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const ADMIN = '111111111111';
const pending = { profile: 'member-pending', region: 'us-east-1' };

/**
 * After a refresh of everything (the names come with it, and 111111111111 is seeded as trusted) and
 * the person taking it off the list again, the invitation of 111111111111 to member-pending.
 */
async function invitationOf(harness: Harness) {
  await harness.refreshAll();
  await harness.backend.handlers['settings:update']({ trustedAdministrators: [] });
  const row = await harness.row(pending.profile, pending.region);
  const invitation = row.pendingInvitations.find((i) => i.accountId === ADMIN);
  if (!invitation) throw new Error('the demo has a pending invitation here');
  return invitation.invitationId;
}

/** The same rule whether the AWS work runs on the main thread or in worker threads (the list is the main thread's). */
const WHERE = [
  ['on the main thread', {}],
  ['in worker threads', { deps: { workers: { count: 2, aws: { retryDelayMs: 5, requestTimeoutMs: 5000 } } } }],
] as const;

describe.each(WHERE)('accepting from an administrator outside the trusted list, %s', (_where, options) => {
  it('is refused before any AWS call, and the refusal names the account and is logged', async () => {
    h = await startHarness({ ...options, settings: { trustedAdministrators: [] } });
    const invitationId = await invitationOf(h);
    h.emulator.clearLog();
    const error = await appErrorOf(
      h.backend.handlers['invitation:accept']({ ...pending, administratorId: ADMIN, invitationId }),
    );
    expect(error.kind).toBe('untrusted-administrator');
    expect(error.message).toContain('from an account you have not trusted');
    // The names read after the row: the account is named.
    expect(error.message).toContain('111111111111 (Security Tooling)');
    expect(error.remediation).toContain('--trust-administrator 111111111111');
    expect(h.emulator.requestLog()).toEqual([]);
    const [entry] = await h.backend.handlers['activity:list']({ limit: 1 });
    expect(entry).toMatchObject({ action: 'accept', outcome: 'refused', target: ADMIN });
  }, 60_000);

  it('goes through once the person trusts it: the administrator joins the list and the log says so', async () => {
    h = await startHarness({ ...options, settings: { trustedAdministrators: [] } });
    const invitationId = await invitationOf(h);
    const outcome = await h.backend.handlers['invitation:accept']({
      ...pending,
      administratorId: ADMIN,
      invitationId,
      trustAdministrator: true,
    });
    expect(outcome.row.administrators[0]).toMatchObject({ accountId: ADMIN, memberStatus: 'Enabled' });
    const settings = await h.backend.handlers['settings:get'](undefined);
    expect(settings.trustedAdministrators).toContainEqual(
      expect.objectContaining({ accountId: ADMIN, service: 'securityhub', origin: 'you' }),
    );
    const log = await h.backend.handlers['activity:list']({ limit: 3 });
    expect(log.map((e) => `${e.action}:${e.outcome}`)).toEqual([
      'accept:succeeded',
      'trust-administrator:succeeded',
      'untrust-administrator:succeeded',
    ]);
    expect(log[1]?.detail).toMatch(/Trusted 111111111111 \(Security Tooling\) as administrator for Security Hub CSPM/);
    expect(log[1]).toMatchObject({ profile: 'member-pending', region: 'us-east-1', target: ADMIN });
  }, 60_000);

  it('refuses a bulk accept from it the same way, and accepts once trusted', async () => {
    h = await startHarness({ ...options, settings: { trustedAdministrators: [] } });
    const rows = [pending, { profile: 'member-pending', region: 'eu-west-1' }];
    h.emulator.clearLog();
    const error = await appErrorOf(h.backend.handlers['bulk:run']({ action: 'accept', administratorId: ADMIN, rows }));
    expect(error.kind).toBe('untrusted-administrator');
    expect(h.emulator.requestLog()).toEqual([]);
    expect((await h.backend.handlers['activity:list']({ limit: 1 }))[0]).toMatchObject({
      action: 'bulk-accept',
      outcome: 'refused',
    });
    // Trusted now (the person agreed): both rows are answered.
    const result = await h.backend.handlers['bulk:run']({
      action: 'accept',
      administratorId: ADMIN,
      rows,
      trustAdministrator: true,
    });
    expect(result.results.map((r) => r.status)).toEqual(['done', 'done']);
  }, 60_000);
});

describe('the trusted list seeded from what the workstation knows', () => {
  it('adds the administrator the accounts already belong to, once; what the user removes stays removed', async () => {
    h = await startHarness({ settings: { trustedAdministrators: [] } });
    await h.refreshAll();
    const seeded = (await h.backend.handlers['settings:get'](undefined)).trustedAdministrators;
    // 333333333333 and 444444444444 are Enabled members of 111111111111 (also the delegated administrator).
    expect(seeded).toEqual([
      expect.objectContaining({ accountId: ADMIN, service: 'securityhub', origin: 'administrator' }),
    ]);
    const entries = (await h.backend.handlers['activity:list'](undefined)).filter(
      (e) => e.action === 'trust-administrator',
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]?.detail).toMatch(/already its Enabled member in us-east-1/);

    await h.backend.handlers['settings:update']({ trustedAdministrators: [] });
    const untrusted = (await h.backend.handlers['activity:list']({ limit: 1 }))[0];
    expect(untrusted).toMatchObject({ action: 'untrust-administrator', target: ADMIN, service: 'securityhub' });
    await h.refreshAll();
    expect((await h.backend.handlers['settings:get'](undefined)).trustedAdministrators).toEqual([]);
  }, 60_000);

  it('adds the organization’s delegated administrator, read with the names', async () => {
    h = await startHarness({ settings: { trustedAdministrators: [] } });
    // admin's own rows: no relationship to an administrator, but it may list its organization.
    await h.refresh({ kind: 'profile', profile: 'admin' });
    const list = (await h.backend.handlers['settings:get'](undefined)).trustedAdministrators;
    expect(list).toEqual([
      expect.objectContaining({ accountId: ADMIN, service: 'securityhub', origin: 'delegated-administrator' }),
    ]);
    const [entry] = await h.backend.handlers['activity:list']({ limit: 1 });
    expect(entry?.detail).toMatch(/delegated administrator \(listed by profile admin\)/);
  }, 60_000);
});

describe('the watch’s news', () => {
  it('names the inviting account and says when it is not trusted', async () => {
    h = await startHarness({ settings: { defaultRegions: ['us-east-1'] } });
    await h.refreshAll();
    // A new administrator (888888888888, "Developers") invites sandbox-role's account.
    await h.backend.handlers['members:create']({
      profile: 'sso-dev',
      region: 'us-east-1',
      accounts: [{ accountId: '666666666666' }],
    });
    await h.backend.handlers['members:invite']({
      profile: 'sso-dev',
      region: 'us-east-1',
      accountIds: ['666666666666'],
    });
    // 888888888888 is trusted in the harness: take it off to see the mark.
    await h.backend.handlers['settings:update']({
      trustedAdministrators: (await h.backend.handlers['settings:get'](undefined)).trustedAdministrators.filter(
        (t) => t.accountId !== '888888888888',
      ),
    });
    h.events.length = 0;
    await h.refreshAll();
    const news = h.events
      .filter((e): e is Extract<AppEvent, { type: 'watch-change' }> => e.type === 'watch-change')
      .flatMap((e) => e.changes)
      .filter((c) => c.kind === 'new-invitation');
    expect(news).toEqual([
      expect.objectContaining({ profile: 'sandbox-role', otherAccountId: '888888888888', untrusted: true }),
    ]);
    expect(news[0]?.message).toBe(
      'Security Hub: 888888888888 (Developers) invites sandbox-role (666666666666) in us-east-1. It is from an account you have not trusted.',
    );
  }, 60_000);
});
