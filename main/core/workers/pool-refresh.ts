/**
 * The refresh engine as the main thread runs it with worker threads: it plans the rows (planRows, as
 * the in-thread engine does), gives each worker the rows of the profiles it holds (shards.ts) with what
 * the main thread knows of their accounts and standing answers, and turns the workers' progress into
 * the one refresh the window and the command line see — its rows counted across workers and sent in
 * batches (rows/progress-batches.ts), then one `refresh-finished`. Each worker reads its rows with the same engine
 * (rows/refresh.ts startPlanned). A worker that dies has its unfinished rows read again by its
 * replacement; a cancel reaches every worker.
 */
import { randomUUID } from 'node:crypto';
import type { AppEvent } from '../../../contract/api';
import { appError } from '../../domain/errors';
import { type RowKey, rowKey } from '../../domain/ids';
import type { ServiceRow } from '../../domain/row';
import { isFailedRow } from '../../domain/row-rules';
import type { RefreshStarted, Settings } from '../../domain/types';
import type { AwsClients } from '../aws/clients';
import type { KnownAccounts } from '../rows/known-accounts';
import { planRows, type RowPlan } from '../rows/plan-rows';
import { createProgressBatches } from '../rows/progress-batches';
import { emptyRow } from '../rows/read-row';
import type { RefreshEngine, RefreshSummary } from '../rows/refresh';
import type { RegionChecks } from '../rows/region-checks';
import type { RowSink } from '../rows/row-sink';
import { SLICE_MS } from './inbox';
import type { StandingAnswer } from './messages';
import type { WorkerPool } from './pool';

export interface PoolRefreshEnv {
  pool: WorkerPool;
  workerOf(profile: string): Promise<number>;
  clients: Pick<AwsClients, 'listProfiles'>;
  /** Reads the AWS files again, here and in every worker. */
  reload(): Promise<void>;
  settings: () => Settings;
  clock: () => Date;
  emit: (event: AppEvent) => void;
  rows: Pick<RowSink, 'flush' | 'settle'>;
  knownAccounts: KnownAccounts;
  regionChecks: RegionChecks;
}

/** One worker's part of a refresh. */
interface Part {
  worker: number;
  plans: Map<string, RowPlan>;
}

interface Run {
  id: string;
  scopeKey: string;
  total: number;
  done: number;
  failed: number;
  startedAt: number;
  cancelled: boolean;
  finished: boolean;
  pending: Set<string>;
  parts: Map<string, Part>;
  summary: Promise<RefreshSummary>;
  resolve(summary: RefreshSummary): void;
}

/** Rows per refresh message to a worker (a part); a larger share is sent in several. */
const PART_ROWS = 1000;

const letThrough = () => new Promise<void>((resolve) => setImmediate(resolve));

/** How many rows a worker's recent rows are kept for, until their progress arrives (it follows at once). */
const RECENT_ROWS = 512;

export function createPoolRefresh(env: PoolRefreshEnv): RefreshEngine & {
  /** A row a worker read: kept until the progress naming it arrives. */
  rowRead(worker: number, row: ServiceRow): void;
} {
  const runs = new Map<string, Run>();
  const finished = new Map<string, Promise<RefreshSummary>>();
  // A part's id → its run.
  const partOf = new Map<string, Run>();
  // Each worker sends a row, then the progress of every part it completes: the row is kept meanwhile.
  const recent = new Map<string, ServiceRow>();
  const progress = createProgressBatches(env.emit);

  function finish(run: Run) {
    if (run.finished) return;
    run.finished = true;
    for (const [partId, part] of run.parts) {
      partOf.delete(partId);
      env.pool.hold(part.worker, -1);
    }
    run.parts.clear();
    const ms = env.clock().getTime() - run.startedAt;
    const { id: refreshId, done, total, failed, cancelled } = run;
    // Every row before the end: the rows still waiting for their batch go now.
    progress.flush(refreshId);
    env.emit({ type: 'refresh-finished', refreshId, done, total, failed, cancelled, ms });
    // Stored off this thread (a large refresh's file is tens of megabytes); wait() resolves once it is.
    const stored = env.rows.settle();
    runs.delete(run.id);
    finished.set(run.id, run.summary);
    if (finished.size > 20) finished.delete(finished.keys().next().value as string);
    void stored.then(() => run.resolve({ refreshId, done, total, failed, cancelled, ms }));
  }

  function complete(run: Run, key: string, row: ServiceRow) {
    if (run.finished || !run.pending.delete(key)) return;
    run.done++;
    if (isFailedRow(row)) run.failed++;
    progress.add(run.id, run.done, run.total, row);
    if (run.pending.size === 0) finish(run);
  }

  /**
   * What the main thread knows of these rows' accounts, for the worker's replicas: the accounts, the
   * standing answers, and where the service has answered (a worker that never read there — a
   * replacement, or any worker at the first refresh after the app started from its stored rows —
   * would otherwise read it as unknown: one probe call first, the others one round trip later).
   */
  function knowledge(plans: RowPlan[]) {
    const known: [string, string][] = [];
    const standing: StandingAnswer[] = [];
    const answered: [string, string, string][] = [];
    const seen = new Set<string>();
    const now = env.clock();
    for (const plan of plans) {
      const accountId = env.knownAccounts.get(plan.profile);
      if (accountId === null) continue;
      if (!seen.has(plan.profile)) {
        seen.add(plan.profile);
        known.push([plan.profile, accountId]);
      }
      if (env.regionChecks.answered(plan.service, accountId, plan.region)) {
        answered.push([plan.service, accountId, plan.region]);
      }
      const answer = env.regionChecks.notEnabledSince(plan.service, accountId, plan.region, now);
      if (!answer) continue;
      const { state, at: fetchedAt, error } = answer;
      standing.push({ service: plan.service, accountId, region: plan.region, state, fetchedAt, error });
    }
    return { known, standing, answered };
  }

  /**
   * Sends rows to their workers in parts of at most PART_ROWS, the workers in turn; a worker that
   * cannot start fails its rows. The main thread is let through every SLICE_MS and between parts:
   * sorting and sending 17,000 rows in one go held it for about 100 ms.
   */
  async function send(run: Run, plans: RowPlan[]) {
    const byWorker = new Map<number, RowPlan[]>();
    const workerOfProfile = new Map<string, number>();
    let slice = performance.now();
    for (const plan of plans) {
      // Every row is pending before its part is sent (a row done before the rest were counted would
      // finish the refresh early); counted here, in slices, rather than in one go at the start.
      run.pending.add(rowKey(plan));
      let worker = workerOfProfile.get(plan.profile);
      if (worker === undefined) {
        worker = await env.workerOf(plan.profile);
        workerOfProfile.set(plan.profile, worker);
      }
      const list = byWorker.get(worker);
      if (list) list.push(plan);
      else byWorker.set(worker, [plan]);
      if (performance.now() - slice >= SLICE_MS) {
        await letThrough();
        slice = performance.now();
      }
    }
    const shares = [...byWorker];
    for (let from = 0; shares.some(([, share]) => from < share.length); from += PART_ROWS) {
      for (const [worker, share] of shares) {
        if (run.finished) return;
        if (from < share.length) sendPart(run, worker, share.slice(from, from + PART_ROWS), from === 0);
      }
      await letThrough();
    }
  }

  /** One part: the first of a worker's share starts with the engine's head start, the others join it. */
  function sendPart(run: Run, worker: number, share: RowPlan[], first: boolean) {
    const partId = randomUUID();
    try {
      env.pool.post(worker, {
        type: 'refresh',
        run: partId,
        plans: share,
        ...knowledge(share),
        together: run.id,
        ...(first ? {} : { headStart: false }),
      });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      for (const plan of share) complete(run, rowKey(plan), unreadRow(plan, env.clock, why));
      return;
    }
    env.pool.hold(worker, 1);
    run.parts.set(partId, { worker, plans: new Map(share.map((p) => [rowKey(p), p])) });
    partOf.set(partId, run);
  }

  env.pool.listen({
    progress(_worker, partId, key) {
      const run = partOf.get(partId);
      const id = rowKey(key);
      const row = recent.get(id);
      if (!run || !row) return;
      run.parts.get(partId)?.plans.delete(id);
      complete(run, id, row);
    },
    finished(worker, partId) {
      const run = partOf.get(partId);
      if (!run) return;
      partOf.delete(partId);
      run.parts.delete(partId);
      env.pool.hold(worker, -1);
    },
    died(worker) {
      // The dead worker's unfinished rows are read again by its replacement.
      for (const run of runs.values()) {
        const again: RowPlan[] = [];
        for (const [partId, part] of run.parts) {
          if (part.worker !== worker) continue;
          run.parts.delete(partId);
          partOf.delete(partId);
          again.push(...[...part.plans.values()].filter((p) => run.pending.has(rowKey(p))));
        }
        if (again.length > 0) void send(run, again);
      }
    },
  });

  return {
    rowRead(_worker, row) {
      const key = rowKey(row);
      recent.delete(key);
      recent.set(key, row);
      if (recent.size > RECENT_ROWS) recent.delete(recent.keys().next().value as string);
    },
    async start(scope, options = {}): Promise<RefreshStarted> {
      const scopeKey = JSON.stringify(scope);
      if (options.reload) {
        for (const run of [...runs.values()]) cancelRun(run);
        await env.reload();
      } else {
        const same = [...runs.values()].find((r) => r.scopeKey === scopeKey && !r.finished);
        if (same) return { refreshId: same.id, total: same.total };
      }
      const list = await env.clients.listProfiles();
      const plans = planRows(list.profiles, env.settings(), scope);
      // Planning and counting 17,000 rows each take a few milliseconds: not in one turn of the loop.
      await letThrough();
      const run = newRun(scopeKey, plans, env.clock().getTime());
      runs.set(run.id, run);
      if (plans.length === 0) queueMicrotask(() => finish(run));
      else void send(run, plans);
      return { refreshId: run.id, total: run.total };
    },
    cancel(refreshId) {
      const run = runs.get(refreshId);
      if (!run) return false;
      cancelRun(run);
      return true;
    },
    wait(refreshId) {
      return runs.get(refreshId)?.summary ?? finished.get(refreshId) ?? null;
    },
    cancelAll() {
      for (const run of [...runs.values()]) cancelRun(run);
    },
  };

  function cancelRun(run: Run) {
    if (run.finished) return;
    run.cancelled = true;
    for (const [partId, part] of run.parts) env.pool.post(part.worker, { type: 'cancel', run: partId });
    finish(run);
  }
}

function newRun(scopeKey: string, plans: RowPlan[], startedAt: number): Run {
  let resolve!: (summary: RefreshSummary) => void;
  const summary = new Promise<RefreshSummary>((r) => {
    resolve = r;
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
    // Filled by send(), a slice at a time.
    pending: new Set(),
    parts: new Map(),
    summary,
    resolve,
  };
}

/** The row of a plan no worker could read (the worker thread would not start). */
function unreadRow(plan: RowKey, clock: () => Date, why: string): ServiceRow {
  return {
    ...emptyRow(plan.service, plan.profile, plan.region, clock),
    error: appError('internal', `This row could not be read: ${why}`, { retryable: true }),
  };
}
