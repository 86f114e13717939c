/**
 * The backend: one object implementing every contract channel (preload/api.ts), knowing nothing of
 * Electron. The app binds it to IPC (main/ipc.ts); the command line calls it directly. Files,
 * clock, prompts, clipboard and dialogs come in through `deps`.
 */
import fs from 'node:fs/promises';
import type { AppEvent, Handlers, HubSnapshot, Settings, WatchChange } from '../../preload/api';
import { appError } from '../../preload/api';
import { AppErrorException, isAppErrorException } from '../domain/errors';
import { runBulk } from './actions/bulk';
import { type ActionEnv, acceptInvitation, declineInvitation, disassociateFromAdministrator } from './actions/member';
import { runHandshake } from './admin/handshake';
import { enableHub, memberBatch, readMemberDetails, readMembers } from './admin/members';
import { readMembersCsv } from './admin/members-csv';
import { createProductCatalogue } from './admin/products';
import { type AwsClientsOptions, createAwsClients, type MfaPrompt } from './aws/clients';
import { createCallScheduler } from './calls/scheduler';
import { createMfaBroker } from './mfa-broker';
import { createRefreshEngine, IDENTITY_LANE, type RefreshEngine } from './rows/refresh';
import { createAutoRefresh, createWatcher, type Timers } from './rows/watch';
import { activityToCsv, activityToJson, openActivityLog } from './storage/activity';
import { createSnapshotWriter, openSettings } from './storage/settings';

export interface BackendDeps {
  env: NodeJS.ProcessEnv;
  settingsDir: string;
  source: 'app' | 'cli';
  version: string;
  demo: boolean;
  emit(event: AppEvent): void;
  clipboard: { writeText(text: string): void };
  /** Opens an https URL whose host is on the allowlist (main/desktop/external-links.ts decides). */
  openExternal(url: string): Promise<{ opened: boolean; reason: string | null }>;
  /** Asks where to save (a file dialog in the app); returns the chosen path or null if cancelled. */
  chooseSavePath(defaultName: string): Promise<string | null>;
  clock?: () => Date;
  aws?: Partial<Omit<AwsClientsOptions, 'env' | 'promptMfa'>>;
  /**
   * Replaces the event-based MFA prompt (the command line reads the code from its terminal).
   * Without it, prompts go to the window as `mfa-prompt` events answered through `mfa:answer`.
   */
  promptMfa?: MfaPrompt;
  /** How long snapshot writes are batched (ms); default 5000 (and always at the end of a refresh). */
  snapshotDelayMs?: number;
  /** Asks which file to open (a file dialog in the app); the chosen path or null if cancelled. */
  chooseOpenPath?(options: { title: string; extensions: string[] }): Promise<string | null>;
  /** Runs the auto-refresh timer (settings.autoRefreshMinutes); default: only in the app. */
  watch?: boolean;
  /** Test override for the auto-refresh timer. */
  timers?: Timers;
}

export interface Backend {
  handlers: Handlers;
  /** The refresh engine, for callers that wait for a refresh to finish (command line, benchmark). */
  refresh: RefreshEngine;
  dispose(): Promise<void>;
}

export function createBackend(deps: BackendDeps): Backend {
  const clock = deps.clock ?? (() => new Date());
  const store = openSettings({ cwd: deps.settingsDir, clock });
  const activity = openActivityLog({ cwd: deps.settingsDir, source: deps.source, clock });
  // Each write rewrites every row (members included), so writes are spaced out during a refresh
  // and made once more when it finishes.
  const writer = createSnapshotWriter(store, {
    delayMs: deps.snapshotDelayMs ?? 5000,
    onError: (error) => console.error('Saving snapshots failed:', error instanceof Error ? error.message : error),
  });
  const broker = createMfaBroker({ emit: deps.emit, clock });
  const initial = store.get();
  const clients = createAwsClients({
    env: deps.env,
    promptMfa: deps.promptMfa ?? broker.prompt,
    requestTimeoutMs: initial.callTimeoutMs,
    ...deps.aws,
  });
  const scheduler = createCallScheduler({
    concurrency: initial.concurrency,
    timeoutMs: initial.callTimeoutMs,
    laneShares: { [IDENTITY_LANE]: 0.25 },
  });
  const settings = () => store.get();
  const onRow = (row: HubSnapshot) => writer.put(row);
  // The watch compares each refreshed row with the last known state of its account and region.
  const watcher = createWatcher();
  watcher.prime(store.loadSnapshots());
  let watchChanges: WatchChange[] = [];
  let lastPendingCount = watcher.pendingCount();
  const emitWatch = () => {
    const pendingCount = watcher.pendingCount();
    if (watchChanges.length === 0 && pendingCount === lastPendingCount) return;
    lastPendingCount = pendingCount;
    const changes = watchChanges;
    watchChanges = [];
    deps.emit({ type: 'watch-change', changes, pendingCount });
  };
  // The badge shows the last session's count until the first refresh.
  if (lastPendingCount > 0) {
    queueMicrotask(() => deps.emit({ type: 'watch-change', changes: [], pendingCount: lastPendingCount }));
  }

  const actionEnv: ActionEnv = {
    clients,
    scheduler,
    settings,
    activity,
    clock,
    onRow: (row) => {
      onRow(row);
      watcher.absorb(row);
      emitWatch();
    },
    inFlight: new Map(),
  };
  const emit = (event: AppEvent) => {
    if (event.type === 'refresh-finished') writer.flush();
    if (event.type === 'refresh-progress') watchChanges.push(...watcher.observe(event.row));
    deps.emit(event);
    if (event.type === 'refresh-finished') emitWatch();
  };
  const bulkEnv = { ...actionEnv, emit: deps.emit };
  const refresh = createRefreshEngine({ clients, scheduler, settings, clock, emit, onRow });
  const products = createProductCatalogue(actionEnv);
  // The one owner of auto-refresh (the window does not run its own timer).
  const autoRefresh = createAutoRefresh({
    minutes: () => ((deps.watch ?? deps.source === 'app') ? store.get().autoRefreshMinutes : 0),
    tick: () => void refresh.start({ kind: 'all' }).catch((error: unknown) => console.error('Auto-refresh:', error)),
    ...(deps.timers ? { timers: deps.timers } : {}),
  });
  autoRefresh.reschedule();

  function applySettings(s: Settings): void {
    scheduler.setConcurrency(s.concurrency);
    scheduler.setTimeoutMs(s.callTimeoutMs);
    autoRefresh.reschedule();
  }

  const handlers: Handlers = {
    async 'app:info'() {
      const list = await clients.listProfiles();
      return {
        version: deps.version,
        demo: deps.demo,
        platform: process.platform,
        configFile: list.configFile,
        credentialsFile: list.credentialsFile,
        settingsFile: store.path,
        settingsNotice: store.notice,
      };
    },
    async 'profiles:list'(request) {
      if (request?.reload) await clients.reload();
      return clients.listProfiles();
    },
    async 'snapshots:cached'() {
      writer.flush();
      return store.loadSnapshots();
    },
    'refresh:start'(request) {
      return refresh.start(request.scope, { reload: request.reload ?? false });
    },
    async 'refresh:cancel'(request) {
      return { cancelled: refresh.cancel(request.refreshId) };
    },
    'invitation:accept': (request) => acceptInvitation(actionEnv, request),
    'invitation:decline': (request) => declineInvitation(actionEnv, request),
    'administrator:disassociate': (request) => disassociateFromAdministrator(actionEnv, request),
    'members:list': (request) => readMembers(actionEnv, request),
    'members:get': (request) => readMemberDetails(actionEnv, request),
    'members:create': (request) => memberBatch(actionEnv, 'CreateMembers', request),
    'members:invite': (request) => memberBatch(actionEnv, 'InviteMembers', accountsOf(request)),
    'members:disassociate': (request) => memberBatch(actionEnv, 'DisassociateMembers', accountsOf(request)),
    'members:delete': (request) => memberBatch(actionEnv, 'DeleteMembers', accountsOf(request)),
    'invitations:delete': (request) => memberBatch(actionEnv, 'DeleteInvitations', accountsOf(request)),
    'hub:enable': (request) => enableHub(actionEnv, request),
    async 'members:import-csv'() {
      const file = await deps.chooseOpenPath?.({ title: 'Import member accounts', extensions: ['csv'] });
      if (!file) return { path: null, accounts: [], errors: [] };
      return readMembersCsv(file);
    },
    'handshake:run': (request) => runHandshake(bulkEnv, request),
    'bulk:run': (request) => runBulk(bulkEnv, request),
    'products:list': (request) => products.list(request.profile, request.region),
    async 'settings:get'() {
      return store.get();
    },
    async 'settings:update'(request) {
      const next = store.update(request);
      applySettings(next);
      return next;
    },
    async 'activity:list'(request) {
      return activity.list(request?.limit);
    },
    async 'activity:export'(request) {
      const entries = await activity.list();
      const day = clock().toISOString().slice(0, 10);
      const target = await deps.chooseSavePath(`securityhub-activity-${day}.${request.format}`);
      if (!target) return { saved: false, path: null, entries: entries.length };
      const text = request.format === 'csv' ? activityToCsv(entries) : activityToJson(entries);
      try {
        await fs.writeFile(target, text, { encoding: 'utf8', mode: 0o600 });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
        throw new AppErrorException(appError('config', `The activity could not be saved to ${target} (${code}).`));
      }
      return { saved: true, path: target, entries: entries.length };
    },
    async 'clipboard:write'(request) {
      deps.clipboard.writeText(request.text);
      return null;
    },
    'external:open': (request) => deps.openExternal(request.url),
    async 'mfa:answer'(request) {
      broker.answer(request.promptId, request.code);
      return null;
    },
  };

  return {
    handlers,
    refresh,
    async dispose() {
      autoRefresh.stop();
      refresh.cancelAll();
      broker.dispose();
      writer.flush();
      clients.dispose();
    },
  };
}

function accountsOf(request: { profile: string; region: string; accountIds: string[] }) {
  return {
    profile: request.profile,
    region: request.region,
    accounts: request.accountIds.map((accountId) => ({ accountId })),
  };
}

/** Unwraps a handler's AppErrorException into its AppError (for callers outside IPC). */
export function errorOf(error: unknown) {
  return isAppErrorException(error)
    ? error.appError
    : appError('internal', 'Something went wrong inside the app. The details are in the log.', { retryable: true });
}
