/**
 * The refresh engine: reads rows (profile × region) in the background and streams the completed
 * rows in `refresh-progress` events (batched, progress-batches.ts), then one `refresh-finished`.
 *
 * - start() answers at once with the id and the number of rows; the work continues afterwards.
 * - Every AWS call goes through the shared call scheduler with the row's start order as priority,
 *   so a started row finishes before new rows start and the first complete row arrives early.
 * - A row already being read by another refresh is joined, not read twice; the same scope
 *   started twice joins the running refresh; `reload` supersedes everything that is running.
 * - Cancel aborts the calls of the rows no other refresh still wants.
 * - One failing row never fails the others: its error is in the row.
 * - At most concurrency × ROWS_PER_CALL_SLOT rows read at once (row-window.ts); the others wait,
 *   registered and joinable, in their order.
 */
import { randomUUID } from 'node:crypto';
import type { AppEvent } from '../../../contract/api';
import { appError, internalError, ROW_READ_FAILED } from '../../domain/errors';
import { rowKey } from '../../domain/ids';
import type { ServiceRow } from '../../domain/row';
import { isFailedRow } from '../../domain/row-rules';
import type { RefreshStarted, Settings } from '../../domain/types';
import type { AwsClients } from '../aws/clients';
import { createIdentityResolver, type IdentityResolver, type KnownIdentities } from '../aws/identity';
import type { CallScheduler } from '../calls/scheduler';
import { serviceOf } from '../services/registry';
import type { KnownAccounts } from './known-accounts';
import { planRows, type RefreshScope, type RowPlan } from './plan-rows';
import { createProgressBatches } from './progress-batches';
import { emptyRow, readServiceRow, type SharedReads } from './read-row';
import type { RegionChecks } from './region-checks';
import type { RowSink } from './row-sink';
import { createRowWindow, ROWS_PER_CALL_SLOT } from './row-window';

export type { RefreshScope, RowSelection } from './plan-rows';

export interface RefreshEnv {
  clients: Pick<AwsClients, 'client' | 'sts' | 'listProfiles' | 'credentialsReady'>;
  /** Reads the AWS files again and forgets what was built from them (a refresh with `reload`). */
  reload: () => Promise<void>;
  /** Identities STS confirmed: each refresh asks again and tells them what it learnt (actions reuse them). */
  identities: KnownIdentities;
  scheduler: CallScheduler;
  settings: () => Settings;
  clock: () => Date;
  emit: (event: AppEvent) => void;
  /** Where every completed row goes (stored, and compared by the watch). */
  rows: Pick<RowSink, 'absorbRow' | 'settle' | 'flush' | 'lastRow'>;
  /** Each profile's last known account, so its rows start before STS answers (absent: they wait). */
  knownAccounts?: KnownAccounts;
  /** Opt-in regions found not enabled, skipped for a day (absent: every region is read). */
  regionChecks?: RegionChecks;
  /** How long rows wait to travel together (progress-batches.ts; absent: its default, 0: each at once). */
  progressWindowMs?: number;
}

/**
 * How a refresh ended. Its rows went out in `refresh-progress` events: whoever wants them
 * (the window, the command line) keeps them from there; the engine keeps none.
 */
export interface RefreshSummary {
  refreshId: string;
  done: number;
  total: number;
  failed: number;
  cancelled: boolean;
  ms: number;
}

export interface RefreshEngine {
  start(scope: RefreshScope, options?: { reload?: boolean }): Promise<RefreshStarted>;
  cancel(refreshId: string): boolean;
  /** Resolves when the refresh has finished (or was cancelled); null for an unknown id. */
  wait(refreshId: string): Promise<RefreshSummary> | null;
  cancelAll(): void;
}

interface RowTask {
  promise: Promise<ServiceRow | null>;
  controller: AbortController;
  interested: number;
}

interface Running {
  id: string;
  scopeKey: string;
  total: number;
  done: number;
  failed: number;
  startedAt: number;
  cancelled: boolean;
  finished: boolean;
  pendingKeys: Set<string>;
  summary: Promise<RefreshSummary>;
  resolveSummary: (s: RefreshSummary) => void;
}

/** Longest the first row of a refresh waits for before other profiles' rows start (see start()). */
export const FIRST_ROW_HEAD_START_MS = 500;

/** The lane of the first, costly call of each profile (see CallScheduler laneShares). */
export const IDENTITY_LANE = 'identity';

/** Row reads shared by every refresh: a row being read is joined, never read twice. */
interface RowTasks {
  /** The task reading the row; registered (and joinable) at once, reading once `startAfter` settles. */
  taskFor(plan: RowPlan, shared: SharedReads, startAfter: Promise<unknown> | null): RowTask;
  has(key: string): boolean;
  /** The run no longer wants these rows: abort those no other run wants. */
  release(keys: Iterable<string>): void;
  /** Ask STS again at the next row (new credentials, or nothing running). */
  resetIdentities(): void;
  /** How many rows may read at once (see row-window.ts). */
  setWindow(rows: number): void;
}

function createRowTasks(env: RefreshEnv): RowTasks {
  const tasks = new Map<string, RowTask>();
  let nextPriority = 0;
  // Sized at each start from the concurrency setting (reading the settings per row would cost a file read each).
  const rowWindow = createRowWindow(ROWS_PER_CALL_SLOT);
  // Identities are memoised while some refresh is running (one STS call per profile).
  let identity: IdentityResolver | null = null;

  function taskFor(plan: RowPlan, shared: SharedReads, startAfter: Promise<unknown> | null): RowTask {
    const key = rowKey(plan);
    const existing = tasks.get(key);
    if (existing) {
      existing.interested++;
      return existing;
    }
    const controller = new AbortController();
    identity ??= createIdentityResolver((p, r) => env.clients.sts(p, r), env.identities, { askAgain: true });
    const read = readPlannedRow(env, plan, {
      priority: nextPriority++,
      signal: controller.signal,
      identity,
      shared,
    });
    // A row cancelled while it waits for a slot gives the slot back without reading.
    const readNow = () => (controller.signal.aborted ? Promise.resolve(null) : read());
    const started = rowWindow.run(() => (startAfter ? startAfter.then(readNow) : readNow()));
    const task: RowTask = { controller, interested: 1, promise: settleRowRead(env, plan, started, controller.signal) };
    tasks.set(key, task);
    task.promise.then((row) => {
      if (tasks.get(key) === task) tasks.delete(key);
      if (!row) return;
      env.knownAccounts?.learn(row);
      env.regionChecks?.learn(row);
      env.rows.absorbRow(row, 'refresh');
    });
    return task;
  }

  return {
    taskFor,
    has: (key) => tasks.has(key),
    release(keys) {
      for (const key of keys) {
        const task = tasks.get(key);
        if (task && --task.interested <= 0) {
          task.controller.abort();
          tasks.delete(key);
        }
      }
    },
    resetIdentities() {
      identity = null;
    },
    setWindow: (rows) => rowWindow.resize(rows),
  };
}

/** How one planned row is read: an unusable profile's row says why; the others go to AWS. */
function readPlannedRow(
  env: RefreshEnv,
  plan: RowPlan,
  call: { priority: number; signal: AbortSignal; identity: IdentityResolver; shared: SharedReads },
): () => Promise<ServiceRow | null> {
  if (plan.unusable) {
    const unusable = plan.unusable;
    return async () => ({
      ...emptyRow(plan.service, plan.profile, plan.region, env.clock),
      notes: plan.notes,
      error: appError('config', unusable, {
        remediation: 'Fix the profile in the AWS config files, then try again (the files are read afresh).',
      }),
    });
  }
  return () =>
    readServiceRow({
      service: serviceOf(plan.service),
      profile: plan.profile,
      region: plan.region,
      stsRegion: plan.stsRegion,
      identity: call.identity,
      clients: env.clients,
      runner: (callKey) => (operation, work) =>
        env.scheduler.run(
          {
            priority: call.priority,
            key: callKey,
            signal: call.signal,
            ...(operation === 'GetCallerIdentity' ? { lane: IDENTITY_LANE } : {}),
          },
          work,
        ),
      clock: env.clock,
      notes: plan.notes,
      shared: call.shared,
      // The account it reached last time; on its first read, the account its settings name.
      knownAccountId: env.knownAccounts?.get(plan.profile) ?? plan.configuredAccountId,
      notEnabledSince: (accountId) =>
        env.regionChecks?.notEnabledSince(plan.service, accountId, plan.region, env.clock()) ?? null,
      previous: () => env.rows.lastRow(plan),
      ...(env.regionChecks
        ? { answered: (accountId: string) => env.regionChecks?.answered(plan.service, accountId, plan.region) ?? false }
        : {}),
    });
}

/** A cancelled read yields no row; an unexpected failure yields the row with the internal error. */
function settleRowRead(
  env: RefreshEnv,
  plan: RowPlan,
  read: Promise<ServiceRow | null>,
  signal: AbortSignal,
): Promise<ServiceRow | null> {
  return read.then(
    (row) => (signal.aborted ? null : row),
    (error: unknown) => {
      if (signal.aborted) return null;
      console.error(`Reading ${plan.service} for ${plan.profile} in ${plan.region} failed:`, error);
      return {
        ...emptyRow(plan.service, plan.profile, plan.region, env.clock),
        error: internalError(ROW_READ_FAILED),
      };
    },
  );
}

function newRun(scopeKey: string, plans: RowPlan[], startedAt: number): Running {
  let resolveSummary!: (s: RefreshSummary) => void;
  const summary = new Promise<RefreshSummary>((resolve) => {
    resolveSummary = resolve;
  });
  return {
    id: randomUUID(),
    scopeKey,
    total: plans.length,
    done: 0,
    failed: 0,
    startedAt,
    cancelled: false,
    finished: false,
    pendingKeys: new Set(plans.map(rowKey)),
    summary,
    resolveSummary,
  };
}

/**
 * Head start: the first profile's rows run alone for a moment. Once the pipe is full the process is
 * CPU-bound and every response waits its turn behind dozens of others, so a row started together
 * with all the others completes late. Nearly alone, its few round trips complete at once and the
 * first complete row shows early; the other profiles start when it is done (or after
 * FIRST_ROW_HEAD_START_MS, if it waits on a slow network, a prompt or a sign-in). Their tasks exist
 * meanwhile, so another refresh asking for them joins them.
 */
function headStart(first: RowTask): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeUp = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, FIRST_ROW_HEAD_START_MS);
    // Only the first row's own work may keep a command-line process alive.
    timer.unref?.();
  });
  return Promise.race([first.promise, timeUp]).then(() => clearTimeout(timer));
}

/** How a run of rows planned elsewhere starts: with the head start (default), reading into `shared`. */
export interface StartPlannedOptions {
  headStart?: boolean;
  /** Account reads shared with other runs (the other parts of one refresh); absent: the run's own. */
  shared?: SharedReads;
}

/**
 * The engine, and `startPlanned`: reads rows planned elsewhere (a worker thread's share of a refresh
 * the main thread planned, main/core/workers), as start() reads those it plans; never joined by scope.
 */
export function createRefreshEngine(
  env: RefreshEnv,
): RefreshEngine & { startPlanned(plans: RowPlan[], options?: StartPlannedOptions): RefreshStarted } {
  const running = new Map<string, Running>();
  // Recently finished refreshes, so wait() right after a fast refresh still gets its summary.
  const finished = new Map<string, Promise<RefreshSummary>>();
  const rowTasks = createRowTasks(env);
  const progress = createProgressBatches(env.emit, { windowMs: env.progressWindowMs });

  function finish(run: Running) {
    if (run.finished) return;
    run.finished = true;
    const ms = env.clock().getTime() - run.startedAt;
    const { id: refreshId, done, total, failed, cancelled } = run;
    // Every row before the end: the rows still waiting for their batch go now.
    progress.flush(refreshId);
    env.emit({ type: 'refresh-finished', refreshId, done, total, failed, cancelled, ms });
    // Stored off this thread (a large refresh's file is tens of megabytes); wait() resolves once it is.
    const stored = env.rows.settle();
    running.delete(run.id);
    finished.set(run.id, run.summary);
    if (finished.size > 20) finished.delete(finished.keys().next().value as string);
    if (running.size === 0) rowTasks.resetIdentities();
    void stored.then(() => run.resolveSummary({ refreshId, done, total, failed, cancelled, ms }));
  }

  function cancelRun(run: Running) {
    if (run.finished) return;
    run.cancelled = true;
    rowTasks.release(run.pendingKeys);
    run.pendingKeys.clear();
    finish(run);
  }

  /** Starts (or joins) one row for the run; its completion is counted and streamed. */
  function startRow(run: Running, shared: SharedReads, plan: RowPlan, startAfter: Promise<unknown> | null): RowTask {
    const key = rowKey(plan);
    const task = rowTasks.taskFor(plan, shared, startAfter);
    task.promise.then((row) => {
      if (run.finished || !run.pendingKeys.delete(key)) return;
      if (row) {
        run.done++;
        if (isFailedRow(row)) run.failed++;
        progress.add(run.id, run.done, run.total, row);
      }
      if (run.pendingKeys.size === 0) finish(run);
    });
    return task;
  }

  /** The first profile's rows start now; the other profiles' rows after its head start. */
  function startRows(
    run: Running,
    plans: [RowPlan, ...RowPlan[]],
    withHeadStart: boolean,
    shared: SharedReads = new Map(),
  ): void {
    const [first, ...rest] = plans;
    const firstIsNew = !rowTasks.has(rowKey(first));
    const firstTask = startRow(run, shared, first, null);
    const after = withHeadStart && firstIsNew && rest.length > 0 ? headStart(firstTask) : null;
    // The first profile's other regions need no other identity: they run alongside.
    for (const plan of rest) startRow(run, shared, plan, plan.profile === first.profile ? null : after);
  }

  function startPlanned(
    plans: RowPlan[],
    options: StartPlannedOptions = {},
    scopeKey: string = randomUUID(),
  ): RefreshStarted {
    rowTasks.setWindow(env.settings().concurrency * ROWS_PER_CALL_SLOT);
    const run = newRun(scopeKey, plans, env.clock().getTime());
    running.set(run.id, run);
    if (plans.length === 0) queueMicrotask(() => finish(run));
    else startRows(run, plans as [RowPlan, ...RowPlan[]], options.headStart ?? true, options.shared);
    return { refreshId: run.id, total: run.total };
  }

  return {
    async start(scope, options = {}) {
      const scopeKey = JSON.stringify(scope);
      if (options.reload) {
        // New files or a new login: what is running was read with the old credentials.
        for (const run of [...running.values()]) cancelRun(run);
        rowTasks.resetIdentities();
        await env.reload();
      } else {
        const same = [...running.values()].find((r) => r.scopeKey === scopeKey && !r.finished);
        if (same) return { refreshId: same.id, total: same.total };
      }
      const list = await env.clients.listProfiles();
      return startPlanned(planRows(list.profiles, env.settings(), scope), {}, scopeKey);
    },
    startPlanned,
    cancel(refreshId) {
      const run = running.get(refreshId);
      if (!run) return false;
      cancelRun(run);
      return true;
    },
    wait(refreshId) {
      return running.get(refreshId)?.summary ?? finished.get(refreshId) ?? null;
    },
    cancelAll() {
      for (const run of [...running.values()]) cancelRun(run);
    },
  };
}
