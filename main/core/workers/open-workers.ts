/**
 * The worker threads as the backend uses them (backend-core.ts): the pool, the shards, the refresh
 * engine and the AWS-talking channels over them, the account-names pass's pages, and the ports the
 * workers reach the main thread's stores through. What stays on the main thread: the door (invoke),
 * settings, the activity log (one writer), the snapshot store and the watch, events to the window, MFA
 * prompts and SSO sign-in, and the names pass itself (its plan, scheduler and cached names).
 */

import os from 'node:os';
import type { AppEvent, Handlers } from '../../../contract/api';
import { MAX_WORKERS, type Settings } from '../../domain/types';
import type { ActionEnv } from '../actions/frame';
import type { AwsClients, MfaPrompt } from '../aws/clients';
import type { NamePages } from '../aws/name-pages';
import { configuredAccounts } from '../aws/profiles';
import type { BackoffOptions } from '../calls/scheduler';
import type { KnownAccounts } from '../rows/known-accounts';
import type { RefreshEngine } from '../rows/refresh';
import type { RegionChecks } from '../rows/region-checks';
import type { RowSink } from '../rows/row-sink';
import type { ActivityLog } from '../storage/activity';
import type { WorkerChannel, WorkerInit } from './messages';
import { createWorkerPool, type WorkerPool } from './pool';
import { poolHandlers } from './pool-handlers';
import { workerNamePages } from './pool-names';
import { createPoolRefresh } from './pool-refresh';
import { createShards } from './shards';
import type { WorkerFile } from './worker-file';

/** How the backend runs its AWS work in threads (BackendDeps.workers); every field is optional. */
export interface WorkerOptions {
  /** How many workers; 0: none, the AWS work on the main thread. Absent: the settings' `workers`. */
  count?: number;
  /** Heartbeat period and how long a silent worker may be before it is ended (tests make them short). */
  heartbeatMs?: number;
  hangAfterMs?: number;
  /** The AWS SDK's options in the workers (BackendDeps.aws holds functions and objects that cannot cross). */
  aws?: WorkerInit['aws'];
  file?: WorkerFile;
}

/** The machine's cores less one (the main thread's), 1 to MAX_WORKERS. */
export function defaultWorkerCount(cores: number = os.availableParallelism()): number {
  return Math.min(MAX_WORKERS, Math.max(1, cores - 1));
}

/** How many workers a backend runs: the caller's number, else the settings', else the machine's. */
export function workerCountOf(options: WorkerOptions | undefined, settings: Settings): number {
  const asked = options?.count ?? settings.workers;
  return asked === null ? defaultWorkerCount() : Math.min(MAX_WORKERS, Math.max(0, Math.floor(asked)));
}

export interface WorkersEnv {
  count: number;
  options: WorkerOptions;
  env: NodeJS.ProcessEnv;
  source: 'app' | 'cli';
  settings: () => Settings;
  clock: () => Date;
  emit: (event: AppEvent) => void;
  rows: RowSink;
  activity: ActivityLog;
  /** The trusted administrators (the settings are on this thread): accepts are checked here. */
  trust: ActionEnv['trust'];
  promptMfa: MfaPrompt;
  /** The main thread's clients: the profile list and the files (shards), never an AWS call. */
  clients: Pick<AwsClients, 'listProfiles' | 'loadedProfiles'>;
  knownAccounts: KnownAccounts;
  regionChecks: RegionChecks;
  /** Reads the AWS files again: the main thread's clients, then every worker's (Workers.reload). */
  reloadProfiles: () => Promise<void>;
  callBackoff?: Partial<BackoffOptions>;
  /** The settle pace's numbers (BackendDeps.settlePace; its sleep stays the thread's own). */
  settle?: WorkerInit['settle'];
  helperPathReady?: Promise<unknown>;
}

export interface Workers {
  pool: WorkerPool;
  refresh: RefreshEngine;
  handlers: Pick<Handlers, WorkerChannel | 'bulk:run'>;
  /** The names pass's pages, each read in the worker holding its profile. */
  namePages: NamePages;
  /** The main thread's region checks, with every re-check (forget) passed on to the workers. */
  regionChecks: RegionChecks;
  /** Reads the AWS files again in every worker (the main thread's clients are the caller's). */
  reload(): Promise<void>;
  applySettings(): void;
  dispose(): void;
}

export function openWorkers(env: WorkersEnv): Workers {
  // Profiles of one account share a worker (its throttle state in one place): the account each
  // reached last, or before its first read the account its settings name.
  let configured = new Map<string, string>();
  const shards = createShards(
    env.count,
    (profile) => env.knownAccounts.get(profile) ?? configured.get(profile) ?? null,
  );
  let shardsRead: Promise<void> | null = null;
  let active = 0;
  /** Each worker's share of the calls at a time: the setting split between the workers holding profiles. */
  const settingsFor = (): Settings => {
    const settings = env.settings();
    const share = Math.max(1, Math.ceil(settings.concurrency / Math.max(1, active || env.count)));
    return { ...settings, concurrency: share };
  };
  const pushSettings = () => pool.broadcast({ type: 'settings', settings: settingsFor() });

  async function workerOf(profile: string): Promise<number> {
    shardsRead ??= env.clients.loadedProfiles().then((loaded) => {
      configured = configuredAccounts(loaded.sdk);
      shards.update(loaded.sdk);
    });
    await shardsRead;
    const worker = shards.workerOf(profile);
    const now = shards.loads().filter((load) => load > 0).length;
    if (now !== active) {
      active = now;
      pushSettings();
    }
    return worker;
  }

  const stringEnv = Object.fromEntries(
    Object.entries(env.env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  const pool = createWorkerPool({
    size: env.count,
    init: {
      env: stringEnv,
      source: env.source,
      aws: env.options.aws ?? {},
      ...(env.callBackoff ? { callBackoff: env.callBackoff } : {}),
      ...(env.settle ? { settle: env.settle } : {}),
    },
    settingsFor,
    ...(env.helperPathReady ? { helperPathReady: env.helperPathReady } : {}),
    ...(env.options.heartbeatMs ? { heartbeatMs: env.options.heartbeatMs } : {}),
    ...(env.options.hangAfterMs ? { hangAfterMs: env.options.hangAfterMs } : {}),
    ...(env.options.file ? { file: env.options.file } : {}),
    absorbRow(_worker, row, origin) {
      // An action's row teaches the standing answers too: a service turned on ends its standing "off".
      env.regionChecks.learn(row);
      if (origin === 'refresh') {
        env.knownAccounts.learn(row);
        refresh.rowRead(_worker, row);
      }
      env.rows.absorbRow(row, origin);
    },
    lastRow: (key) => env.rows.lastRow(key),
    activity: env.activity,
    promptMfa: env.promptMfa,
    emit: env.emit,
  });

  // The app starts its workers at once: they load the SDK while the window opens. A command of the
  // command line starts only those its work needs, when it needs them.
  if (env.source === 'app') pool.startAll();

  async function reload(): Promise<void> {
    shardsRead = null;
    await Promise.all(
      Array.from({ length: env.count }, (_, worker) =>
        pool.running().some((w) => w.index === worker)
          ? pool.run({ worker, message: { type: 'reload' } })
          : Promise.resolve(),
      ),
    );
  }

  const refresh = createPoolRefresh({
    pool,
    workerOf,
    clients: env.clients,
    reload: env.reloadProfiles,
    settings: env.settings,
    clock: env.clock,
    emit: env.emit,
    rows: env.rows,
    knownAccounts: env.knownAccounts,
    regionChecks: env.regionChecks,
  });

  return {
    pool,
    refresh,
    handlers: poolHandlers({
      pool,
      workerOf,
      settings: env.settings,
      activity: env.activity,
      emit: env.emit,
      trust: env.trust,
    }),
    namePages: workerNamePages({ pool, workerOf }),
    regionChecks: {
      notEnabledSince: (...args) => env.regionChecks.notEnabledSince(...args),
      answered: (...args) => env.regionChecks.answered(...args),
      markAnswered: (...args) => env.regionChecks.markAnswered(...args),
      learn: (row) => env.regionChecks.learn(row),
      forget(accountIds) {
        const forgotten = env.regionChecks.forget(accountIds);
        pool.broadcast({ type: 'forget', accountIds: accountIds ? [...accountIds] : null });
        return forgotten;
      },
    },
    reload,
    applySettings: pushSettings,
    dispose: () => pool.dispose(),
  };
}
