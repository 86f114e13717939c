/**
 * The background watch: change detection between refreshes (once per change), the pending count,
 * and the main-process auto-refresh timer. The emulator's state is changed between refreshes by
 * another process-like backend (its own settings folder), as another tool or person would.
 */
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppEvent } from '../../../contract/api';
import { type Backend, createBackend } from '../../../main/core/backend';
import { createAutoRefresh, type Timers } from '../../../main/core/rows/auto-refresh';
import type { RefreshScope } from '../../../main/core/rows/refresh';
import { createWatcher, describeChanges, pendingByServiceText } from '../../../main/core/rows/watch';
import { appError } from '../../../main/domain/errors';
import type { ServiceRow, WatchChange } from '../../../main/domain/types';
import { serviceRow } from '../../helpers/rows';
import { fastRetry, type Harness, startHarness } from '../harness';

function row(over: Partial<ServiceRow> = {}): ServiceRow {
  return serviceRow('member', 'us-east-1', {
    accountId: '222222222222',
    fetchedAt: '2026-11-25T00:00:00.000Z',
    ...over,
  });
}
const invitation = (id: string, from = '111111111111') => ({
  accountId: from,
  invitationId: id,
  invitedAt: null,
  memberStatus: 'Invited',
});

describe('createWatcher', () => {
  it('reports a new invitation once, not on the first sight of an account nor on later reads', () => {
    const w = createWatcher();
    expect(w.observe(row({ pendingInvitations: [invitation('i1')] }))).toEqual([]);
    expect(w.pendingCount()).toBe(1);
    const changes = w.observe(row({ pendingInvitations: [invitation('i1'), invitation('i2', '888888888888')] }));
    expect(changes).toEqual([
      expect.objectContaining({ kind: 'new-invitation', otherAccountId: '888888888888', accountId: '222222222222' }),
    ]);
    expect(w.observe(row({ pendingInvitations: [invitation('i1'), invitation('i2', '888888888888')] }))).toEqual([]);
    // Gone and back (the same id) is not news again.
    w.observe(row({ pendingInvitations: [invitation('i1')] }));
    expect(w.observe(row({ pendingInvitations: [invitation('i1'), invitation('i2', '888888888888')] }))).toEqual([]);
  });

  it('counts an account once when several profiles reach it, and ignores failed reads', () => {
    const w = createWatcher();
    w.observe(row({ pendingInvitations: [invitation('i1')] }));
    w.observe(row({ profile: 'other-profile', pendingInvitations: [invitation('i1')] }));
    expect(w.pendingCount()).toBe(1);
    const failed = row({ error: { kind: 'network', message: 'x', remediation: null, command: null, retryable: true } });
    expect(w.observe(failed)).toEqual([]);
    expect(w.pendingCount()).toBe(1);
    const partial = row({
      partialErrors: [
        {
          part: 'invitations',
          error: { kind: 'access-denied', message: 'x', remediation: null, command: null, retryable: false },
        },
      ],
    });
    w.observe(partial);
    expect(w.pendingCount()).toBe(1);
  });

  it('reports administrator and member status changes once each', () => {
    const w = createWatcher();
    const admin = (status: string) => ({
      accountId: '111111111111',
      invitationId: 'i1',
      invitedAt: null,
      memberStatus: status,
    });
    w.observe(row({ administrators: [admin('Invited')] }));
    const changes = w.observe(row({ administrators: [admin('Enabled')] }));
    expect(changes).toEqual([
      expect.objectContaining({ kind: 'administrator-status', before: 'Invited', after: 'Enabled' }),
    ]);
    expect(w.observe(row({ administrators: [admin('Enabled')] }))).toEqual([]);
    expect(w.observe(row({ administrators: [] }))).toEqual([
      expect.objectContaining({ kind: 'administrator-status', before: 'Enabled', after: null }),
    ]);
    const member = (status: string) => ({
      accountId: '333333333333',
      email: null,
      administratorId: '222222222222',
      masterId: null,
      memberStatus: status,
      invitedAt: null,
      updatedAt: null,
    });
    w.observe(row({ members: [member('Invited')] }));
    expect(w.observe(row({ members: [member('Enabled')] }))).toEqual([
      expect.objectContaining({
        kind: 'member-status',
        otherAccountId: '333333333333',
        before: 'Invited',
        after: 'Enabled',
      }),
    ]);
    expect(w.observe(row({ members: [member('Enabled')] }))).toEqual([]);
  });

  it('takes rows after the user’s own actions and the last session’s rows silently', () => {
    const w = createWatcher();
    w.prime([row({ pendingInvitations: [invitation('i1')], stale: true })]);
    expect(w.pendingCount()).toBe(1);
    w.absorb(row({ pendingInvitations: [invitation('i1'), invitation('i2')] }));
    expect(w.observe(row({ pendingInvitations: [invitation('i1'), invitation('i2')] }))).toEqual([]);
    expect(w.observe(row({ pendingInvitations: [invitation('i1'), invitation('i2'), invitation('i3')] }))).toHaveLength(
      1,
    );
  });

  it('tells a GuardDuty invitation as GuardDuty’s, apart from Security Hub CSPM’s in the same account-region', () => {
    const w = createWatcher();
    const gd = (over: Partial<ServiceRow> = {}) => row({ service: 'guardduty', ...over });
    w.observe(row({ pendingInvitations: [invitation('sh1')] }));
    w.observe(gd());
    // The same account and region, another service: its own state, its own news.
    const changes = w.observe(gd({ pendingInvitations: [invitation('gd1')] }));
    expect(changes).toEqual([
      expect.objectContaining({
        service: 'guardduty',
        kind: 'new-invitation',
        message: 'GuardDuty: 111111111111 invites member (222222222222) in us-east-1.',
      }),
    ]);
    expect(w.pendingCount()).toBe(2);
    expect(w.pendingByService()).toEqual({ securityhub: 1, guardduty: 1 });
    expect(describeChanges(changes)).toEqual({ title: '1 new GuardDuty invitation', body: changes[0]?.message });
    const shChange = w.observe(row({ pendingInvitations: [invitation('sh1'), invitation('sh2', '888888888888')] }));
    expect(shChange.map((c) => c.message)).toEqual([
      'Security Hub: 888888888888 invites member (222222222222) in us-east-1.',
    ]);
    // News of two services names each in the title, and each line names its own.
    expect(describeChanges([...changes, ...shChange])).toEqual({
      title: '2 new invitations (GuardDuty, Security Hub)',
      body: 'GuardDuty: 111111111111 invites member (222222222222) in us-east-1.\nSecurity Hub: 888888888888 invites member (222222222222) in us-east-1.',
    });
    expect(w.pendingByService()).toEqual({ securityhub: 2, guardduty: 1 });
    // The tray's words, in the registry's order whatever the counts' order; a service with none left out.
    expect(pendingByServiceText({ guardduty: 1, securityhub: 2, macie: 0 })).toBe('Security Hub 2, GuardDuty 1');
    expect(pendingByServiceText({})).toBe('');
  });

  it('keeps its pending counts right through any order of reads, failures and actions', () => {
    // A small deterministic generator: the same sequence on every run.
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const w = createWatcher();
    // What each account-region's state should hold, kept here the plain way.
    const expected = new Map<string, { service: string; pending: number }>();
    const services = ['securityhub', 'guardduty', 'macie'];
    for (let step = 0; step < 2000; step++) {
      const service = services[next(3)] as string;
      const accountId = `22222222222${next(4)}`;
      const region = ['us-east-1', 'eu-west-1'][next(2)] as string;
      const pending = Array.from({ length: next(3) }, (_, i) => invitation(`${service}-${accountId}-${i}`));
      const failed = next(6) === 0;
      const invitationsFailed = next(6) === 0;
      const candidate = row({
        service,
        accountId,
        region,
        pendingInvitations: pending,
        ...(failed ? { state: 'error' as const } : {}),
        ...(invitationsFailed
          ? {
              partialErrors: [
                {
                  part: 'invitations' as const,
                  error: appError('access-denied', 'no'),
                },
              ],
            }
          : {}),
      });
      if (next(4) === 0) w.absorb(candidate);
      else w.observe(candidate);
      const key = `${service}/${accountId}/${region}`;
      if (!failed) {
        const known = expected.get(key)?.pending ?? 0;
        expected.set(key, { service, pending: invitationsFailed ? known : pending.length });
      }
    }
    const byService: Record<string, number> = {};
    for (const { service, pending } of expected.values()) {
      if (pending > 0) byService[service] = (byService[service] ?? 0) + pending;
    }
    expect(w.pendingByService()).toEqual(byService);
    expect(w.pendingCount()).toBe(Object.values(byService).reduce((a, b) => a + b, 0));
    expect(w.pendingCount()).toBeGreaterThan(0);
  });

  it('describes changes for a notification', () => {
    const c = (kind: WatchChange['kind'], message: string) =>
      ({
        kind,
        message,
        profile: 'p',
        region: 'r',
        accountId: 'a',
        otherAccountId: 'o',
        before: null,
        after: null,
      }) as WatchChange;
    expect(describeChanges([])).toEqual({ title: '', body: '' });
    expect(describeChanges([c('new-invitation', 'x'), c('new-invitation', 'y')])).toEqual({
      title: '2 new Security Hub invitations',
      body: 'x\ny',
    });
    expect(describeChanges([c('member-status', 'z')]).title).toBe('1 Security Hub change');
  });
});

describe('createAutoRefresh', () => {
  it('runs one timer at the configured interval, restarts it on change and stops at 0', () => {
    let minutes = 5;
    const started: { ms: number; callback: () => void }[] = [];
    const cleared: unknown[] = [];
    const timers: Timers = {
      setInterval: (callback, ms) => {
        started.push({ ms, callback });
        return started.length;
      },
      clearInterval: (handle) => cleared.push(handle),
    };
    const tick = vi.fn();
    const auto = createAutoRefresh({ minutes: () => minutes, tick, timers });
    auto.reschedule();
    auto.reschedule();
    expect(started.map((s) => s.ms)).toEqual([300_000]);
    started[0]?.callback();
    expect(tick).toHaveBeenCalledTimes(1);
    minutes = 1;
    auto.reschedule();
    expect(started.map((s) => s.ms)).toEqual([300_000, 60_000]);
    expect(cleared).toEqual([1]);
    minutes = 0;
    auto.reschedule();
    expect(cleared).toEqual([1, 2]);
    expect(auto.intervalMs()).toBeNull();
  });
});

describe('watch against the emulator', () => {
  let h: Harness;
  let other: Backend | null = null;
  afterEach(async () => {
    await other?.dispose();
    other = null;
    await h?.close();
  });

  /** One refresh of several rows, as the command line's --region makes. */
  const refreshRows = async (scope: RefreshScope) => {
    const started = await h.backend.refresh.start(scope);
    return h.backend.refresh.wait(started.refreshId);
  };
  const watchEvents = (events: AppEvent[]) =>
    events.filter((e): e is Extract<AppEvent, { type: 'watch-change' }> => e.type === 'watch-change');

  it('notices an invitation and a status change made elsewhere, once, and keeps the pending count', async () => {
    h = await startHarness({ settings: { defaultRegions: ['us-east-1'] } });
    other = createBackend({
      env: h.env,
      settingsDir: path.join(h.dir, 'other-settings'),
      source: 'cli',
      version: 'test',
      demo: false,
      emit: () => {},
      clipboard: { writeText: async () => {} },
      openExternal: async () => ({ opened: false, reason: null }),
      chooseSavePath: async () => null,
      aws: { retryStrategy: fastRetry(), requestTimeoutMs: 5000 },
    });
    const scope = {
      kind: 'rows' as const,
      rows: ['admin', 'member-pending', 'sandbox-role', 'hub-off'].map((profile) => ({ profile, region: 'us-east-1' })),
    };
    await refreshRows(scope);
    const first = watchEvents(h.events);
    // member-pending (222) and hub-off (555) each have one pending invitation; nothing is news yet.
    expect(first.at(-1)).toEqual({
      type: 'watch-change',
      changes: [],
      pendingCount: 2,
      pendingByService: { securityhub: 2 },
    });

    // Elsewhere: the administrator invites 666666666666 and 222222222222 accepts.
    await other.handlers['members:create']({
      profile: 'admin',
      region: 'us-east-1',
      accounts: [{ accountId: '666666666666' }],
    });
    await other.handlers['members:invite']({ profile: 'admin', region: 'us-east-1', accountIds: ['666666666666'] });
    const pending = (
      await other.handlers['members:get']({ profile: 'admin', region: 'us-east-1', accountIds: ['222222222222'] })
    ).members[0];
    expect(pending?.memberStatus).toBe('Invited');
    const memberRow = await h.row('member-pending', 'us-east-1');
    const invitationId = memberRow.pendingInvitations[0]?.invitationId as string;
    h.events.length = 0;
    await other.handlers['invitation:accept']({
      profile: 'member-pending',
      region: 'us-east-1',
      administratorId: '111111111111',
      invitationId,
      // Another settings folder: nothing is trusted there yet.
      trustAdministrator: true,
    });

    await refreshRows(scope);
    const second = watchEvents(h.events);
    expect(second).toHaveLength(1);
    const kinds = second[0]?.changes.map((c) => `${c.kind}:${c.profile}:${c.otherAccountId}:${c.after}`).sort();
    expect(kinds).toEqual([
      'administrator-status:member-pending:111111111111:Enabled',
      // A member added since the last read is not a status change; 222's acceptance is.
      'member-status:admin:222222222222:Enabled',
      'new-invitation:sandbox-role:111111111111:Invited',
    ]);
    // 222's invitation was accepted, 666's arrived: still two pending.
    expect(second[0]?.pendingCount).toBe(2);

    h.events.length = 0;
    await refreshRows(scope);
    expect(watchEvents(h.events)).toEqual([]);
  }, 60_000);

  it('starts the next session with the last session’s pending count', async () => {
    h = await startHarness({ settings: { defaultRegions: ['us-east-1'] } });
    await h.refreshAll();
    const events: AppEvent[] = [];
    other = createBackend({
      env: h.env,
      settingsDir: h.settingsDir,
      source: 'app',
      version: 'test',
      demo: false,
      emit: (event) => events.push(event),
      clipboard: { writeText: async () => {} },
      openExternal: async () => ({ opened: false, reason: null }),
      chooseSavePath: async () => null,
      watch: false,
    });
    await Promise.resolve();
    // member-pending (222222222222) and hub-off (555555555555) in us-east-1.
    expect(events).toEqual([
      { type: 'watch-change', changes: [], pendingCount: 2, pendingByService: { securityhub: 2 } },
    ]);
  }, 60_000);

  it('the user’s own accept lowers the pending count without a notification', async () => {
    h = await startHarness({ settings: { defaultRegions: ['us-east-1'] } });
    const memberRow = await h.row('member-pending', 'us-east-1');
    h.events.length = 0;
    await h.backend.handlers['invitation:accept']({
      profile: 'member-pending',
      region: 'us-east-1',
      administratorId: '111111111111',
      invitationId: memberRow.pendingInvitations[0]?.invitationId as string,
    });
    expect(watchEvents(h.events)).toEqual([
      { type: 'watch-change', changes: [], pendingCount: 0, pendingByService: {} },
    ]);
  }, 60_000);

  it('the user’s own handshake is not news to the next refresh', async () => {
    h = await startHarness({ settings: { defaultRegions: ['us-east-1'] } });
    const scope = {
      kind: 'rows' as const,
      rows: ['admin', 'sandbox-role'].map((profile) => ({ profile, region: 'us-east-1' })),
    };
    await refreshRows(scope);
    const result = await h.backend.handlers['handshake:run']({
      administratorProfile: 'admin',
      memberProfile: 'sandbox-role',
      regions: ['us-east-1'],
    });
    expect(result.steps.map((s) => s.status)).toEqual(['done', 'done', 'done']);
    h.events.length = 0;
    await refreshRows(scope);
    // The administrator's row already knows 666666666666 as Enabled, the member's its administrator.
    expect(watchEvents(h.events).flatMap((e) => e.changes)).toEqual([]);
  }, 60_000);

  it('refreshes everything from the main-process timer at the configured interval', async () => {
    const callbacks: (() => void)[] = [];
    const timers: Timers = {
      setInterval: (callback) => {
        callbacks.push(callback);
        return callbacks.length;
      },
      clearInterval: () => {},
    };
    h = await startHarness({
      settings: { defaultRegions: ['us-east-1'], autoRefreshMinutes: 5 },
      deps: { timers, watch: true },
    });
    expect(callbacks).toHaveLength(1);
    h.events.length = 0;
    callbacks[0]?.();
    await vi.waitFor(() => expect(h.events.some((e) => e.type === 'refresh-finished')).toBe(true), { timeout: 20_000 });
    expect(h.events.flatMap((e) => (e.type === 'refresh-progress' ? e.rows : [])).length).toBeGreaterThan(5);
  }, 60_000);
});
