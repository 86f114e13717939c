/**
 * What every handler group shares: the stores, the AWS clients and the engines built from them,
 * opened once per backend. The backend (backend.ts) wires the handler groups onto this.
 */
import type { ActivityEntry, AppEvent } from '../../contract/api';
import type { ActionEnv } from './actions/frame';
import type { SettlePace } from './actions/settling';
import { type NameReads, nameReads, nameReadsOver } from './aws/account-names';
import { type AwsClients, type AwsClientsOptions, createAwsClients, type MfaPrompt } from './aws/clients';
import { isThrottlingError } from './aws/errors';
import { createKnownIdentities, type KnownIdentities } from './aws/identity';
import { type BackoffOptions, createCallScheduler } from './calls/scheduler';
import { createMfaBroker, type MfaBroker } from './mfa-broker';
import { type AfterRefresh, createAfterRefresh } from './names/after-refresh';
import { createNamesEngine, type NamesEngine } from './names/engine';
import { createAutoRefresh, type Timers } from './rows/auto-refresh';
import { createKnownAccounts, type KnownAccounts } from './rows/known-accounts';
import { createRefreshEngine, IDENTITY_LANE, type RefreshEngine } from './rows/refresh';
import { createRegionChecks, type RegionChecks } from './rows/region-checks';
import { createRowSink, type RowSink } from './rows/row-sink';
import { createWatcher } from './rows/watch';
import { isServiceId, serviceInfos, serviceOf } from './services/registry';
import { type ActivityLog, openActivityLog } from './storage/activity';
import { openNamesStore } from './storage/names-store';
import { openSettings, type SettingsStore } from './storage/settings';
import { createSnapshotWriter, type SnapshotBatch } from './storage/snapshot-writer';
import { openSnapshots, type SnapshotStore } from './storage/snapshots';
import { newsWithTrust } from './trust/news';
import { createTrustKeeper, type TrustKeeper } from './trust/trust-keeper';
import { openWorkers, type WorkerOptions, type Workers, workerCountOf } from './workers/open-workers';

export interface BackendDeps {
  env: NodeJS.ProcessEnv;
  settingsDir: string;
  source: 'app' | 'cli';
  version: string;
  demo: boolean;
  emit(event: AppEvent): void;
  /** Resolves once the text is on the system clipboard; rejects when it could not be written. */
  clipboard: { writeText(text: string): Promise<void> };
  /** Opens an https URL whose host is on the allowlist (main/shell/desktop/external-links.ts decides). */
  openExternal(url: string): Promise<{ opened: boolean; reason: string | null }>;
  /**
   * Opens a sign-in page (IAM Identity Center) when its origin is one of `allowedOrigins`: the
   * SSO-OIDC endpoint and the start URL's host of that sign-in. false when nothing was opened.
   * Absent: the page is not opened (the user follows the link or code shown).
   */
  openSignInPage?(url: string, allowedOrigins: readonly string[]): Promise<boolean>;
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
  /** Told after each snapshot batch is written (rows, ms): the benchmark's timing hook. */
  onSnapshotBatch?: (batch: SnapshotBatch) => void;
  /** Asks which file to open (a file dialog in the app); the chosen path or null if cancelled. */
  chooseOpenPath?(options: { title: string; extensions: string[] }): Promise<string | null>;
  /** Runs the auto-refresh timer (settings.autoRefreshMinutes); default: only in the app. */
  watch?: boolean;
  /** Test override for the scheduler's pause after a throttled call (default: 250 ms doubling to 8 s, 12 tries). */
  callBackoff?: Partial<BackoffOptions>;
  /** Test override for the auto-refresh timer. */
  timers?: Timers;
  /** Where unexpected handler errors go (a bug: the user sees the internal-error sentence); default the console. */
  onUnexpectedError?: (channel: string, error: unknown) => void;
  /**
   * The AWS work in worker threads (main/core/workers): how many (default: the settings' `workers`; 0
   * keeps it on this thread, where `aws`, `promptMfa` and `callBackoff` apply as given) and the options
   * the threads take instead of `aws`'s functions and objects.
   */
  workers?: WorkerOptions;
  /** Test override for the reads after a write that wait for AWS to show it (actions/settling.ts). */
  settlePace?: SettlePace;
}

/** What the handler groups share: the stores, the AWS clients and the engines built from them. */
export interface BackendCore {
  deps: BackendDeps;
  clock: () => Date;
  /** settings.json */
  store: SettingsStore;
  /** snapshots.json */
  snapshots: SnapshotStore;
  activity: ActivityLog;
  /** Writes an earlier process left pending, settled as interrupted when this backend opened (activity.ts). */
  leftOverWrites: Promise<ActivityEntry[]>;
  broker: MfaBroker;
  clients: AwsClients;
  rows: RowSink;
  /** What every action runs with (member side, administrator side, bulk, handshake). */
  actionEnv: ActionEnv & { emit(event: AppEvent): void };
  /** Account names (names.json), read after each refresh's rows. */
  names: NamesEngine;
  /** The trusted administrators of the settings, and the activity entries of their changes. */
  trust: TrustKeeper;
  /** The names pass and the trust seeding that follow each refresh. */
  afterRefresh: AfterRefresh;
  refresh: RefreshEngine;
  /** Reads the AWS files again: clients, credentials and confirmed identities are built afresh. */
  reloadProfiles(): Promise<void>;
  /** What happened to a damaged stored file at open (read-only is then ON), or null. */
  notice(): string | null;
  /** Each profile's last known account, and the opt-in regions found not enabled (see rows/). */
  knownAccounts: KnownAccounts;
  regionChecks: RegionChecks;
  /** The worker threads doing the AWS work, or null when it is done on this thread. */
  workers: Workers | null;
  /** Applies changed settings to the running engines. */
  applySettings(): void;
  /** Runs `stop` when the backend is disposed (a handler group's work in the background). */
  onDispose(stop: () => void): void;
  dispose(): void;
}

export function openCore(deps: BackendDeps): BackendCore {
  const clock = deps.clock ?? (() => new Date());
  const store = openSettings({ cwd: deps.settingsDir, clock });
  const snapshots = openSnapshots({ cwd: deps.settingsDir, clock });
  const activity = openActivityLog({ cwd: deps.settingsDir, source: deps.source, clock });
  // A write a killed process sent and never settled is found now, once, and said by the caller.
  const leftOverWrites = activity.settleLeftOvers().catch((error: unknown) => {
    console.error(
      'Reading the activity log for unsettled writes failed:',
      error instanceof Error ? error.message : error,
    );
    return [];
  });
  // Each write rewrites every row (members included), so writes are spaced out during a refresh
  // and made once more when it finishes.
  const writer = createSnapshotWriter(snapshots, {
    delayMs: deps.snapshotDelayMs ?? 5000,
    onError: (error) => console.error('Saving snapshots failed:', error instanceof Error ? error.message : error),
    ...(deps.onSnapshotBatch ? { onBatchWritten: deps.onSnapshotBatch } : {}),
  });
  // Set below: what follows a refresh watches its events (names, trust seeding).
  let afterRefresh: AfterRefresh | null = null;
  let names: NamesEngine | null = null;
  // The watch's news names the other account and says when it is not trusted.
  const emit = (event: AppEvent) => {
    deps.emit(
      event.type === 'watch-change' && names
        ? { ...event, changes: newsWithTrust(event.changes, store.get().trustedAdministrators, names.current()) }
        : event,
    );
    afterRefresh?.observe(event);
  };
  const broker = createMfaBroker({ emit: deps.emit, clock });
  const initial = store.get();
  const clients = createAwsClients({
    env: deps.env,
    promptMfa: deps.promptMfa ?? broker.prompt,
    requestTimeoutMs: initial.callTimeoutMs,
    // Read at each resolution, so a changed setting applies to the next one.
    credentialTimeoutMs: () => store.get().credentialTimeoutSeconds * 1000,
    ...deps.aws,
  });
  const scheduler = createCallScheduler({
    concurrency: initial.concurrency,
    timeoutMs: initial.callTimeoutMs,
    isThrottled: isThrottlingError,
    laneShares: { [IDENTITY_LANE]: 0.25 },
    backoff: deps.callBackoff,
  });
  const settings = () => store.get();
  // The watch compares each refreshed row with the last known state of its account and region.
  const watcher = createWatcher();
  const stored = snapshots.load();
  watcher.prime(stored);
  const knownAccounts = createKnownAccounts(stored);
  const ownRegionChecks = createRegionChecks(stored, (id) => isServiceId(id) && serviceOf(id).offStands);
  const rows = createRowSink({ writer, watcher, emit });
  const identities: KnownIdentities = createKnownIdentities();
  const workerCount = workerCountOf(deps.workers, initial);
  // With worker threads, the names pass's pages are read in the worker holding each profile (opened
  // below; a pass only starts after a refresh); without, on this thread as the rows are.
  const reads: NameReads =
    workerCount > 0
      ? nameReadsOver({ page: (...page) => (workers as Workers).namePages.page(...page) })
      : nameReads(clients);
  const namesEngine = createNamesEngine({
    store: openNamesStore({ cwd: deps.settingsDir, clock }),
    reads,
    clock,
    emit: deps.emit,
    callTimeoutMs: () => store.get().callTimeoutMs,
    ownAccounts: () => knownAccounts.entries().map(([, accountId]) => accountId),
    principals: () =>
      serviceInfos().flatMap((s) =>
        store.get().services.includes(s.id) && s.organizationsPrincipal
          ? [{ service: s.id, principal: s.organizationsPrincipal }]
          : [],
      ),
  });
  names = namesEngine;
  const trust = createTrustKeeper({ store, activity, clock, names: namesEngine });
  const following = createAfterRefresh({
    names: namesEngine,
    keeper: trust,
    listProfiles: () => clients.listProfiles(),
    servicesRead: () => store.get().services,
    clock,
  });
  afterRefresh = following;
  const workers =
    workerCount > 0
      ? openWorkers({
          count: workerCount,
          options: deps.workers ?? {},
          env: deps.env,
          source: deps.source,
          settings,
          clock,
          emit,
          rows,
          activity,
          trust,
          promptMfa: deps.promptMfa ?? broker.prompt,
          clients,
          knownAccounts,
          regionChecks: ownRegionChecks,
          reloadProfiles: () => reloadProfiles(),
          ...(deps.callBackoff ? { callBackoff: deps.callBackoff } : {}),
          ...(deps.settlePace
            ? { settle: { reads: deps.settlePace.reads, waitsMs: [...deps.settlePace.waitsMs] } }
            : {}),
          ...(deps.aws?.helperPathReady ? { helperPathReady: deps.aws.helperPathReady } : {}),
        })
      : null;
  const regionChecks = workers?.regionChecks ?? ownRegionChecks;
  const reloadProfiles = async () => {
    await clients.reload();
    identities.forget();
    await workers?.reload();
  };
  const refresh =
    workers?.refresh ??
    createRefreshEngine({
      clients,
      reload: reloadProfiles,
      identities,
      scheduler,
      settings,
      clock,
      emit,
      rows,
      knownAccounts,
      regionChecks,
    });
  // The one owner of auto-refresh (the window does not run its own timer).
  const autoRefresh = createAutoRefresh({
    minutes: () => ((deps.watch ?? deps.source === 'app') ? store.get().autoRefreshMinutes : 0),
    tick: () => void refresh.start({ kind: 'all' }).catch((error: unknown) => console.error('Auto-refresh:', error)),
    ...(deps.timers ? { timers: deps.timers } : {}),
  });
  autoRefresh.reschedule();
  const disposers: (() => void)[] = [];

  return {
    deps,
    clock,
    store,
    snapshots,
    activity,
    leftOverWrites,
    broker,
    clients,
    rows,
    actionEnv: {
      clients,
      identities,
      scheduler,
      settings,
      activity,
      clock,
      // An action's row teaches the standing answers (the refresh engine teaches its own): a service
      // turned on ends its standing "off" at once, not a day later.
      rows: {
        absorbRow: (row, origin) => {
          regionChecks.learn(row);
          rows.absorbRow(row, origin);
        },
        lastRow: (key) => rows.lastRow(key),
      },
      inFlight: new Map(),
      trust,
      emit,
      ...(deps.settlePace ? { settlePace: deps.settlePace } : {}),
    },
    refresh,
    names: namesEngine,
    trust,
    afterRefresh: following,
    reloadProfiles,
    notice() {
      const notices = [store.notice, snapshots.notice].filter((n) => n !== null);
      return notices.length > 0 ? notices.join(' ') : null;
    },
    knownAccounts,
    regionChecks,
    workers,
    applySettings() {
      const s = store.get();
      scheduler.setConcurrency(s.concurrency);
      scheduler.setTimeoutMs(s.callTimeoutMs);
      workers?.applySettings();
      autoRefresh.reschedule();
    },
    onDispose(stop) {
      disposers.push(stop);
    },
    dispose() {
      for (const stop of disposers.splice(0)) stop();
      autoRefresh.stop();
      refresh.cancelAll();
      namesEngine.dispose();
      broker.dispose();
      workers?.dispose();
      rows.flush();
      clients.dispose();
    },
  };
}
