/**
 * The refresh engine: reads rows (profile × region) in the background and streams each completed
 * row as a `refresh-progress` event, then one `refresh-finished`.
 *
 * - start() answers at once with the id and the number of rows; the work continues afterwards.
 * - Every AWS call goes through the shared call scheduler with the row's start order as priority,
 *   so a started row finishes before new rows start and the first complete row arrives early.
 * - A row already being read by another refresh is joined, not read twice; the same scope
 *   started twice joins the running refresh; `reload` supersedes everything that is running.
 * - Cancel aborts the calls of the rows no other refresh still wants.
 * - One failing row never fails the others: its error is in the row.
 */
import { randomUUID } from 'node:crypto';
import type { AppEvent, HubSnapshot, ProfileSummary, RefreshStarted, Settings } from '../../../preload/api';
import { appError } from '../../../preload/api';
import { AppErrorException } from '../../domain/errors';
import type { AwsClients } from '../aws/clients';
import { createIdentityResolver, type IdentityResolver } from '../aws/identity';
import type { CallScheduler } from '../calls/scheduler';
import { emptyRow, readHubSnapshot, type SharedReads } from './read-row';
import { regionsForProfile } from './regions';

export type RefreshScope =
  | { kind: 'all' }
  | { kind: 'profile'; profile: string }
  | { kind: 'row'; profile: string; region: string }
  /** Several rows in one refresh (the command line's --region), so their reads are shared. */
  | { kind: 'rows'; rows: { profile: string; region: string }[] };

export interface RefreshEnv {
  clients: Pick<AwsClients, 'securityHub' | 'sts' | 'listProfiles' | 'reload'>;
  scheduler: CallScheduler;
  settings: () => Settings;
  clock: () => Date;
  emit: (event: AppEvent) => void;
  /** Receives every completed row (the snapshot writer). */
  onRow: (row: HubSnapshot) => void;
}

export interface RefreshSummary {
  refreshId: string;
  rows: HubSnapshot[];
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

interface RowPlan {
  profile: string;
  region: string;
  stsRegion: string;
  notes: string[];
  /** Set when the row cannot be read at all (unusable profile). */
  unusable: string | null;
}

interface RowTask {
  promise: Promise<HubSnapshot | null>;
  controller: AbortController;
  interested: number;
}

interface Running {
  id: string;
  scopeKey: string;
  total: number;
  done: number;
  failed: number;
  rows: HubSnapshot[];
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

const rowKey = (profile: string, region: string) => `${profile}\u0000${region}`;

/** A row counts as failed when it has an error other than "this opt-in region is not enabled". */
export function isFailedRow(row: HubSnapshot): boolean {
  return row.error !== null && row.error.kind !== 'region-not-enabled';
}

export function planRows(profiles: ProfileSummary[], settings: Settings, scope: RefreshScope): RowPlan[] {
  const byName = new Map(profiles.map((p) => [p.name, p]));
  const find = (name: string) => {
    const profile = byName.get(name);
    if (!profile) {
      throw new AppErrorException(
        appError('not-found', `There is no profile named ${name} in the AWS config files.`, {
          remediation: 'Reload the profiles.',
        }),
      );
    }
    return profile;
  };
  // Each chosen profile with the regions to read (null: the profile's regions from the settings).
  let chosen: [ProfileSummary, string[] | null][];
  if (scope.kind === 'all') {
    const hidden = new Set(settings.hiddenProfiles);
    chosen = profiles.filter((p) => !hidden.has(p.name)).map((p) => [p, null]);
  } else if (scope.kind === 'profile') chosen = [[find(scope.profile), null]];
  else if (scope.kind === 'row') chosen = [[find(scope.profile), [scope.region]]];
  else {
    const grouped = new Map<string, string[]>();
    for (const row of scope.rows) grouped.set(row.profile, [...(grouped.get(row.profile) ?? []), row.region]);
    chosen = [...grouped].map(([name, regions]) => [find(name), [...new Set(regions)]]);
  }
  const plans: RowPlan[] = [];
  for (const [profile, asked] of chosen) {
    const { regions, notes } = regionsForProfile(profile, settings);
    const rows = asked ?? regions;
    const stsRegion = profile.region ?? rows[0] ?? 'us-east-1';
    for (const region of rows) {
      plans.push({
        profile: profile.name,
        region,
        stsRegion,
        notes,
        unusable: profile.usable ? null : (profile.reason ?? 'The AWS SDK cannot use this profile.'),
      });
    }
  }
  return plans;
}

export function createRefreshEngine(env: RefreshEnv): RefreshEngine {
  const running = new Map<string, Running>();
  // Recently finished refreshes, so wait() right after a fast refresh still gets its summary.
  const finished = new Map<string, Promise<RefreshSummary>>();
  const rowTasks = new Map<string, RowTask>();
  let nextPriority = 0;
  // Identities are memoised while some refresh is running (one STS call per profile).
  let identity: IdentityResolver | null = null;

  /**
   * `shared` belongs to one refresh: a later refresh must not be answered with an earlier read.
   * The task is registered (and joinable) at once; its reading begins when `startAfter` settles.
   */
  function rowTaskFor(plan: RowPlan, shared: SharedReads, startAfter: Promise<unknown> | null = null): RowTask {
    const key = rowKey(plan.profile, plan.region);
    const existing = rowTasks.get(key);
    if (existing) {
      existing.interested++;
      return existing;
    }
    const controller = new AbortController();
    const priority = nextPriority++;
    identity ??= createIdentityResolver((p, r) => env.clients.sts(p, r));
    const resolver = identity;
    const readRow = (): Promise<HubSnapshot | null> =>
      plan.unusable
        ? Promise.resolve({
            ...emptyRow(plan.profile, plan.region, env.clock),
            notes: plan.notes,
            error: appError('config', plan.unusable, {
              remediation: 'Fix the profile in the AWS config files, then reload.',
            }),
          })
        : readHubSnapshot({
            profile: plan.profile,
            region: plan.region,
            stsRegion: plan.stsRegion,
            identity: resolver,
            securityHub: (p, r) => env.clients.securityHub(p, r),
            runner: (callKey) => (operation, call) =>
              env.scheduler.run(
                {
                  priority,
                  key: callKey,
                  signal: controller.signal,
                  ...(operation === 'GetCallerIdentity' ? { lane: IDENTITY_LANE } : {}),
                },
                call,
              ),
            clock: env.clock,
            notes: plan.notes,
            shared,
          });
    const read = startAfter ? startAfter.then(() => (controller.signal.aborted ? null : readRow())) : readRow();
    const task: RowTask = {
      controller,
      interested: 1,
      promise: read.then(
        (row) => (controller.signal.aborted ? null : row),
        (error: unknown) => {
          if (controller.signal.aborted) return null;
          console.error(`Reading ${plan.profile} ${plan.region} failed:`, error);
          return {
            ...emptyRow(plan.profile, plan.region, env.clock),
            error: appError('internal', 'Something went wrong while reading this row. The details are in the log.', {
              retryable: true,
            }),
          };
        },
      ),
    };
    rowTasks.set(key, task);
    task.promise.then((row) => {
      if (rowTasks.get(key) === task) rowTasks.delete(key);
      if (row) env.onRow(row);
    });
    return task;
  }

  function finish(run: Running) {
    if (run.finished) return;
    run.finished = true;
    const ms = env.clock().getTime() - run.startedAt;
    env.emit({
      type: 'refresh-finished',
      refreshId: run.id,
      done: run.done,
      total: run.total,
      failed: run.failed,
      cancelled: run.cancelled,
      ms,
    });
    running.delete(run.id);
    finished.set(run.id, run.summary);
    if (finished.size > 20) finished.delete(finished.keys().next().value as string);
    if (running.size === 0) identity = null;
    run.resolveSummary({
      refreshId: run.id,
      rows: run.rows,
      done: run.done,
      total: run.total,
      failed: run.failed,
      cancelled: run.cancelled,
      ms,
    });
  }

  function cancelRun(run: Running) {
    if (run.finished) return;
    run.cancelled = true;
    for (const key of run.pendingKeys) {
      const task = rowTasks.get(key);
      if (task && --task.interested <= 0) {
        task.controller.abort();
        rowTasks.delete(key);
      }
    }
    run.pendingKeys.clear();
    finish(run);
  }

  return {
    async start(scope, options = {}) {
      const scopeKey = JSON.stringify(scope);
      if (options.reload) {
        // New files or a new login: what is running was read with the old credentials.
        for (const run of [...running.values()]) cancelRun(run);
        identity = null;
        await env.clients.reload();
      } else {
        const same = [...running.values()].find((r) => r.scopeKey === scopeKey && !r.finished);
        if (same) return { refreshId: same.id, total: same.total };
      }
      const list = await env.clients.listProfiles();
      const plans = planRows(list.profiles, env.settings(), scope);
      let resolveSummary!: (s: RefreshSummary) => void;
      const run: Running = {
        id: randomUUID(),
        scopeKey,
        total: plans.length,
        done: 0,
        failed: 0,
        rows: [],
        startedAt: env.clock().getTime(),
        cancelled: false,
        finished: false,
        pendingKeys: new Set(plans.map((p) => rowKey(p.profile, p.region))),
        summary: new Promise((resolve) => {
          resolveSummary = resolve;
        }),
        resolveSummary: (s) => resolveSummary(s),
      };
      running.set(run.id, run);
      if (plans.length === 0) {
        queueMicrotask(() => finish(run));
        return { refreshId: run.id, total: 0 };
      }
      const shared: SharedReads = new Map();
      const startRow = (plan: RowPlan, startAfter: Promise<unknown> | null) => {
        const key = rowKey(plan.profile, plan.region);
        const task = rowTaskFor(plan, shared, startAfter);
        task.promise.then((row) => {
          if (run.finished || !run.pendingKeys.delete(key)) return;
          if (row) {
            run.done++;
            if (isFailedRow(row)) run.failed++;
            run.rows.push(row);
            env.emit({ type: 'refresh-progress', refreshId: run.id, done: run.done, total: run.total, row });
          }
          if (run.pendingKeys.size === 0) finish(run);
        });
        return task;
      };
      const [first, ...rest] = plans as [RowPlan, ...RowPlan[]];
      const firstIsNew = !rowTasks.has(rowKey(first.profile, first.region));
      const firstTask = startRow(first, null);
      let headStart: Promise<unknown> | null = null;
      if (firstIsNew && rest.length > 0) {
        // Head start: the first profile's rows run alone for a moment. Once the pipe is full the
        // process is CPU-bound and every response waits its turn behind dozens of others, so a row
        // started together with all the others completes late. Nearly alone, its few round trips
        // complete at once and the first complete row shows early; the other profiles start when
        // it is done (or after FIRST_ROW_HEAD_START_MS, if it waits on a slow network, a prompt or
        // a sign-in). Their tasks exist meanwhile, so another refresh asking for them joins them.
        let timer: ReturnType<typeof setTimeout> | undefined;
        const timeUp = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, FIRST_ROW_HEAD_START_MS);
          // Only the first row's own work may keep a command-line process alive.
          timer.unref?.();
        });
        headStart = Promise.race([firstTask.promise, timeUp]).then(() => clearTimeout(timer));
      }
      // The first profile's other regions need no other identity: they run alongside.
      for (const plan of rest) startRow(plan, plan.profile === first.profile ? null : headStart);
      return { refreshId: run.id, total: run.total };
    },
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
