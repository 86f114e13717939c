/**
 * An in-memory window.api for component tests: demo-like state, every call recorded, and any method
 * can be made to fail (with an AppError) or wait until the test releases it.
 */

import type {
  ActionOutcome,
  Api,
  AppError,
  AppEvent,
  BatchOutcome,
  MembersCsvImport,
  Result,
  ServiceRow,
} from '../../../contract/api';
import { permissionsPolicy } from '../../../main/core/permissions/policy';
import { packCachedRows } from '../../../main/domain/cached-rows';
import {
  cachedRows,
  demoActivity,
  demoAppInfo,
  demoNames,
  demoProducts,
  demoProfiles,
  demoRows,
  demoSettings,
  error,
} from './demo-data';

export type Method = Exclude<keyof Api, 'onEvent'>;

export interface FakeState {
  appInfo: ReturnType<typeof demoAppInfo>;
  profiles: ReturnType<typeof demoProfiles>;
  cached: ServiceRow[];
  rows: ServiceRow[];
  products: ReturnType<typeof demoProducts>;
  activity: ReturnType<typeof demoActivity>;
  settings: ReturnType<typeof demoSettings>;
  /** startRefresh emits `rows` in one progress event (one batch), then refresh-finished. */
  autoProgress: boolean;
  /** What importMembersCsv answers (path null: the dialog was cancelled). */
  csvImport: MembersCsvImport;
  /** runHandshake fails the accept step in this region. */
  handshakeFailRegion: string | null;
  /** What accountNames answers. */
  names: ReturnType<typeof demoNames>;
  /** The failed step's message (AWS's words), when not the default. */
  handshakeFailMessage?: string;
}

export interface FakeApi {
  api: Api;
  state: FakeState;
  calls: { method: Method; request: unknown }[];
  callsOf(method: Method): unknown[];
  /** The next `times` calls (default: every call) answer with this error. */
  fail(method: Method, appError: AppError, times?: number): void;
  /** Calls wait until release() (returns the release function). */
  hold(method: Method): () => void;
  emit(event: AppEvent): void;
  listenerCount(): number;
}

const ALLOWED_HOSTS = ['aws.amazon.com', 'docs.aws.amazon.com', 'console.aws.amazon.com'];

export function createFakeApi(overrides: Partial<FakeState> = {}): FakeApi {
  const state: FakeState = {
    appInfo: demoAppInfo(),
    profiles: demoProfiles(),
    cached: cachedRows(),
    rows: demoRows(),
    products: demoProducts(),
    activity: demoActivity(),
    settings: demoSettings(),
    autoProgress: false,
    csvImport: { path: null, accounts: [], errors: [], moreErrors: 0 },
    handshakeFailRegion: null,
    names: demoNames(),
    ...overrides,
  };
  const calls: FakeApi['calls'] = [];
  let refreshes = 0;
  const failures = new Map<Method, { error: AppError; times: number }>();
  const gates = new Map<Method, Promise<void>>();
  const listeners = new Set<(event: AppEvent) => void>();
  const emit = (event: AppEvent) => {
    for (const listener of [...listeners]) listener(structuredClone(event));
  };

  const findRow = (r: { profile: string; region: string }) => {
    const row = state.rows.find((x) => x.profile === r.profile && x.region === r.region);
    if (!row) throw error('not-found', `No row ${r.profile} ${r.region}`);
    return row;
  };
  const replaceRow = (row: ServiceRow): ServiceRow => {
    state.rows = state.rows.map((x) => (x.profile === row.profile && x.region === row.region ? row : x));
    return row;
  };
  const outcome = (row: ServiceRow, message: string): ActionOutcome => ({
    row,
    message,
    usedDeprecated: row.profile === 'legacy-iam',
    requestId: 'req-fake',
  });

  /** Member changes of an administrator row; accounts starting with 000 are refused like AWS would. */
  const batch = (
    r: { profile: string; region: string },
    ids: string[],
    change: (members: NonNullable<ServiceRow['members']>, ids: string[]) => NonNullable<ServiceRow['members']>,
  ): BatchOutcome => {
    const row = findRow(r);
    const processed = ids.filter((id) => !id.startsWith('000'));
    const unprocessed = ids
      .filter((id) => id.startsWith('000'))
      .map((accountId) => ({ accountId, reason: 'Account is suspended.' }));
    const updated = replaceRow({ ...row, members: change(row.members ?? [], processed) });
    return {
      processed,
      unprocessed,
      row: updated,
      message: `Processed ${processed.length} of ${ids.length} accounts.`,
    };
  };

  // biome-ignore lint/suspicious/noExplicitAny: each handler matches its Api method; checked by the cast below
  const handlers: Record<Method, (request: any) => unknown> = {
    appInfo: () => state.appInfo,
    listProfiles: () => state.profiles,
    cachedSnapshots: () => packCachedRows(state.cached),
    startRefresh: () => {
      refreshes += 1;
      const started = { refreshId: `refresh-${refreshes}`, total: state.rows.length };
      if (state.autoProgress) {
        setTimeout(() => {
          const rows = [...state.rows];
          emit({
            type: 'refresh-progress',
            refreshId: started.refreshId,
            done: rows.length,
            total: started.total,
            rows,
          });
          emit({
            type: 'refresh-finished',
            refreshId: started.refreshId,
            done: started.total,
            total: started.total,
            failed: state.rows.filter((r) => r.error).length,
            cancelled: false,
            ms: 5,
          });
        }, 0);
      }
      return started;
    },
    cancelRefresh: () => ({ cancelled: true }),
    planRows: () => state.rows.map(({ service, profile, region }) => ({ service, profile, region })),
    recheckRegions: () => ({ refreshId: null, total: 0, forgotten: 0 }),
    acceptInvitation: (r: { profile: string; region: string; administratorId: string; invitationId: string }) => {
      const row = findRow(r);
      const invitation = row.pendingInvitations.find((i) => i.invitationId === r.invitationId);
      if (!invitation) throw error('not-found', 'No such invitation.');
      const updated = replaceRow({
        ...row,
        administrators: [{ ...invitation, memberStatus: 'Enabled' }],
        pendingInvitations: row.pendingInvitations.filter((i) => i !== invitation),
        fetchedAt: new Date().toISOString(),
        stale: false,
      });
      return outcome(updated, `${r.profile} is now a member of ${r.administratorId} in ${r.region}.`);
    },
    declineInvitation: (r: { profile: string; region: string; administratorId: string }) => {
      const row = findRow(r);
      const updated = replaceRow({
        ...row,
        pendingInvitations: row.pendingInvitations.filter((i) => i.accountId !== r.administratorId),
      });
      return outcome(updated, `Declined the invitation from ${r.administratorId}.`);
    },
    disassociateFromAdministrator: (r: { profile: string; region: string }) => {
      const row = findRow(r);
      const updated = replaceRow({ ...row, administrators: [] });
      return outcome(updated, `${r.profile} left its administrator in ${r.region}.`);
    },
    listMembers: (r: { profile: string; region: string; onlyAssociated: boolean }) => {
      const members = findRow(r).members ?? [];
      return r.onlyAssociated ? members.filter((m) => /^(enabled|associated)$/i.test(m.memberStatus)) : members;
    },
    getMembers: (r: { profile: string; region: string; accountIds: string[] }) => ({
      members: (findRow(r).members ?? []).filter((m) => r.accountIds.includes(m.accountId)),
      unprocessed: [],
    }),
    createMembers: (r: { profile: string; region: string; accounts: { accountId: string; email?: string }[] }) =>
      batch(
        r,
        r.accounts.map((a) => a.accountId),
        (members, ids) => [
          ...members,
          ...ids.map((accountId) => ({
            accountId,
            email: r.accounts.find((a) => a.accountId === accountId)?.email ?? null,
            administratorId: null,
            masterId: null,
            memberStatus: 'Created',
            invitedAt: null,
            updatedAt: null,
          })),
        ],
      ),
    inviteMembers: (r: { profile: string; region: string; accountIds: string[] }) =>
      batch(r, r.accountIds, (members, ids) =>
        members.map((m) => (ids.includes(m.accountId) ? { ...m, memberStatus: 'Invited' } : m)),
      ),
    disassociateMembers: (r: { profile: string; region: string; accountIds: string[] }) =>
      batch(r, r.accountIds, (members, ids) =>
        members.map((m) => (ids.includes(m.accountId) ? { ...m, memberStatus: 'Removed' } : m)),
      ),
    deleteMembers: (r: { profile: string; region: string; accountIds: string[] }) =>
      batch(r, r.accountIds, (members, ids) => members.filter((m) => !ids.includes(m.accountId))),
    deleteInvitations: (r: { profile: string; region: string; accountIds: string[] }) =>
      batch(r, r.accountIds, (members) => members),
    enableService: (r: { profile: string; region: string; enableDefaultStandards: boolean }) => {
      const row = findRow(r);
      if (row.state === 'on') throw error('conflict', `Security Hub is already on in ${r.region}.`);
      const updated = replaceRow({ ...row, state: 'on', error: null, fetchedAt: new Date().toISOString() });
      return outcome(
        updated,
        `Security Hub is now on in ${r.region}${r.enableDefaultStandards ? ', with the default security standards.' : ', without the default standards.'}`,
      );
    },
    importMembersCsv: () => state.csvImport,
    runHandshake: (r: { administratorProfile: string; memberProfile: string; regions: string[] }) => {
      const steps = r.regions.flatMap((region) =>
        (['create', 'invite', 'accept'] as const).map((step) =>
          region === state.handshakeFailRegion && step === 'accept'
            ? {
                region,
                step,
                status: 'failed' as const,
                message: state.handshakeFailMessage ?? `Security Hub is off in ${region}.`,
                error: error('refused', `Security Hub is off in ${region}.`, { remediation: 'Enable it first.' }),
              }
            : { region, step, status: 'done' as const, message: `${step} done in ${region}` },
        ),
      );
      for (const step of steps) emit({ type: 'handshake-progress', handshakeId: 'hs-1', step });
      return { administratorAccountId: '111111111111', memberAccountId: '222222222222', steps };
    },
    runBulk: (r: {
      action: 'accept' | 'decline';
      administratorId: string;
      rows: { service?: string; profile: string; region: string }[];
    }) => {
      const results = r.rows.map(({ service = 'securityhub', ...where }) => {
        const row = state.rows.find((x) => x.profile === where.profile && x.region === where.region);
        const has = row?.pendingInvitations.some((i) => i.accountId === r.administratorId) ?? false;
        return {
          service,
          ...where,
          accountId: row?.accountId ?? null,
          status: has ? ('done' as const) : ('skipped' as const),
          message: has ? `${r.action} done` : `No pending invitation from ${r.administratorId} in ${where.region}.`,
        };
      });
      for (const [i, result] of results.entries()) {
        emit({ type: 'bulk-progress', bulkId: 'bulk-1', done: i + 1, total: results.length, result });
      }
      const done = results.filter((x) => x.status === 'done').length;
      return {
        bulkId: 'bulk-1',
        action: r.action,
        administratorId: r.administratorId,
        services: [...new Set(results.map((x) => x.service))],
        results,
        summary: `Answered ${done} of ${results.length} rows.`,
      };
    },
    // The real table and policy: they are plain functions of the registry.
    permissionsPolicy: (r: Parameters<typeof permissionsPolicy>[0]) => permissionsPolicy(r),
    listProducts: () => state.products,
    getSettings: () => state.settings,
    updateSettings: (patch: Partial<FakeState['settings']>) => {
      state.settings = { ...state.settings, ...patch };
      return state.settings;
    },
    listActivity: () => state.activity,
    exportActivity: () => ({ saved: true, path: '/home/user/activity.csv', entries: state.activity.length }),
    copyText: () => null,
    openExternal: (r: { url: string }) => {
      const host = new URL(r.url).host;
      const opened = ALLOWED_HOSTS.includes(host);
      return { opened, reason: opened ? null : `${host} is not on the list of sites the app opens.` };
    },
    answerMfa: () => null,
    accountNames: () => state.names,
    // Sign-in answers at once; a test drives its progress with emit({ type: 'sso-sign-in', … }).
    signInSso: (r: { target: { ssoSession?: string; profile?: string } }) => ({
      signInId: 'sign-in-1',
      label: r.target.ssoSession ? `sso-session ${r.target.ssoSession}` : `profile ${r.target.profile}`,
      profiles: [],
    }),
    cancelSsoSignIn: () => ({ cancelled: true }),
    signOutSso: () => ({ label: 'sso-session demo', removed: true, portalLogout: true }),
    ssoStatus: () => [],
  };

  const api = {
    onEvent: (listener: (event: AppEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as Record<string, unknown>;
  for (const method of Object.keys(handlers) as Method[]) {
    api[method] = async (request: unknown): Promise<Result<unknown>> => {
      calls.push({ method, request: structuredClone(request) });
      const gate = gates.get(method);
      if (gate) await gate;
      const failure = failures.get(method);
      if (failure) {
        failure.times -= 1;
        if (failure.times <= 0) failures.delete(method);
        return { ok: false, error: failure.error };
      }
      try {
        return { ok: true, value: structuredClone(handlers[method](request)) };
      } catch (thrown) {
        return { ok: false, error: thrown as AppError };
      }
    };
  }

  return {
    api: api as unknown as Api,
    state,
    calls,
    callsOf: (method) => calls.filter((c) => c.method === method).map((c) => c.request),
    fail: (method, appError, times = Number.POSITIVE_INFINITY) => failures.set(method, { error: appError, times }),
    hold: (method) => {
      let release = () => {};
      gates.set(
        method,
        new Promise<void>((resolve) => {
          release = () => {
            gates.delete(method);
            resolve();
          };
        }),
      );
      return () => release();
    },
    emit,
    listenerCount: () => listeners.size,
  };
}
