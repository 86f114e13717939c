/**
 * The AWS-talking core as a worker thread builds it: the same clients, call scheduler, identities,
 * refresh engine and action handlers as openCore (backend-core.ts) builds in the main thread; only
 * the ports differ (ARCHITECTURE.md, "The AWS-talking core, behind plain data"): rows go out as
 * messages, the last known row, activity entries and MFA codes are questions to the main thread, the
 * settings come in as messages, and what the main thread knows of accounts and standing answers comes
 * with each refresh. The account-names pass runs on the main thread (its plan, scheduler, timeout and
 * cached state); only its pages are read here, one job each, stopped when the main thread abandons it.
 */
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import type { AppEvent } from '../../../contract/api';
import { AppErrorException, appError } from '../../domain/errors';
import type { RowKey } from '../../domain/ids';
import type { ServiceRow } from '../../domain/row';
import type { ActivityEntry, Settings } from '../../domain/types';
import { answerRow, type BulkEnv, localBulkPorts } from '../actions/bulk';
import type { ActionEnv } from '../actions/frame';
import { DEFAULT_PACE } from '../actions/settling';
import { CHECKED_ON_MAIN_THREAD } from '../actions/trust-check';
import { namePageError } from '../aws/account-names';
import { UnclearWriteError } from '../aws/call';
import { createAwsClients, type MfaPrompt } from '../aws/clients';
import { isThrottlingError } from '../aws/errors';
import { reportHelperGroups } from '../aws/helper-groups';
import { createKnownIdentities } from '../aws/identity';
import { MfaCodeNotGiven } from '../aws/mfa-sessions';
import { sdkNamePages } from '../aws/name-pages';
import { createCallScheduler } from '../calls/scheduler';
import { adminHandlers } from '../handlers/admin';
import { memberHandlers } from '../handlers/member';
import { createKnownAccounts } from '../rows/known-accounts';
import type { SharedReads } from '../rows/read-row';
import { createRefreshEngine, IDENTITY_LANE } from '../rows/refresh';
import { createRegionChecks } from '../rows/region-checks';
import type { RowSink } from '../rows/row-sink';
import { isServiceId, serviceOf } from '../services/registry';
import type { ActivityLog } from '../storage/activity';
import {
  activityReplySchema,
  type FromWorker,
  lastRowReplySchema,
  mfaReplySchema,
  type ToWorkerParsed,
  type WorkerChannel,
  type WorkerInit,
  type WorkerQuestion,
} from './messages';
import { createQuestions } from './questions';
import { writeOperationOf } from './write-channels';

/** How long a row read waits for the main thread to answer with the row last known (its store is in memory). */
export const LAST_ROW_LIMIT_MS = 10_000;

export interface WorkerCore {
  /** Every message but the window's acknowledgements (the outbox takes those, worker-entry.ts). */
  handle(message: Exclude<ToWorkerParsed, { type: 'ack' }>): void;
}

type Reply = Extract<ToWorkerParsed, { type: 'reply' }>;

export function openWorkerCore(init: WorkerInit, post: (message: FromWorker) => void): WorkerCore {
  let settings: Settings = init.settings;
  const clock = () => new Date();
  let pathReady: () => void = () => undefined;
  const helperPathReady = init.pathReady
    ? Promise.resolve()
    : new Promise<void>((resolve) => {
        pathReady = resolve;
      });
  const questions = createQuestions<WorkerQuestion>((question) => post({ type: 'question', question }));
  const ask = async <T>(question: WorkerQuestion, read: (value: unknown) => T, limitMs?: number): Promise<T> =>
    read(await questions.ask(question, undefined, undefined, limitMs));

  // Credential helpers run in this thread; the main thread ends their process groups when this thread
  // cannot (helper-groups.ts).
  reportHelperGroups((pid, platform, state) => post({ type: 'helper', pid, platform, state }));

  const promptMfa: MfaPrompt = (request, signal) =>
    questions
      .ask({ type: 'mfa', id: '', serial: request.serial, profiles: request.profiles }, signal, (id) =>
        post({ type: 'mfa-cancel', id }),
      )
      .then((code) => mfaReplySchema.parse(code));
  const clients = createAwsClients({
    env: init.env,
    promptMfa,
    requestTimeoutMs: init.aws.requestTimeoutMs ?? settings.callTimeoutMs,
    credentialTimeoutMs: () => settings.credentialTimeoutSeconds * 1000,
    helperPathReady,
    ...(init.aws.maxAttempts ? { maxAttempts: init.aws.maxAttempts } : {}),
    ...(init.aws.retryDelayMs !== undefined
      ? { retryStrategy: new ConfiguredRetryStrategy(init.aws.maxAttempts ?? 3, init.aws.retryDelayMs) }
      : {}),
  });
  const profilesRead = clients.listProfiles().then(
    () => undefined,
    () => undefined,
  );
  const scheduler = createCallScheduler({
    concurrency: settings.concurrency,
    timeoutMs: settings.callTimeoutMs,
    isThrottled: isThrottlingError,
    laneShares: { [IDENTITY_LANE]: 0.25 },
    ...(init.callBackoff ? { backoff: init.callBackoff } : {}),
  });
  const identities = createKnownIdentities();
  // Replicas of the main thread's: seeded by each refresh, taught by this thread's own rows.
  const knownAccounts = createKnownAccounts([]);
  const regionChecks = createRegionChecks([], (id) => isServiceId(id) && serviceOf(id).offStands);

  const rows: Pick<RowSink, 'absorbRow' | 'lastRow' | 'settle' | 'flush'> = {
    absorbRow: (row, origin) => {
      // The refresh engine teaches its own rows; an action's row (a service turned on) is taught here.
      if (origin === 'action') regionChecks.learn(row);
      post({ type: 'row', row, origin });
    },
    // The main thread answers from its store at once; one too busy or stuck for LAST_ROW_LIMIT_MS
    // fails the question rather than hold the row's read (read-row.ts reads on without it).
    lastRow: (key: RowKey) =>
      ask({ type: 'last-row', id: '', key }, (v) => lastRowReplySchema.parse(v), LAST_ROW_LIMIT_MS),
    // The main thread stores and settles when the whole refresh (every worker's part) is done.
    settle: async () => undefined,
    flush: () => undefined,
  };
  const activity: ActivityLog = {
    path: '(the main thread’s activity log)',
    append: (entry) => ask({ type: 'activity', id: '', entry }, (v) => activityReplySchema.parse(v) as ActivityEntry),
    list: async () => [],
    pending: () => 0,
    flush: async () => 0,
    // The main thread settles what earlier processes left, when it opens the log.
    settleLeftOvers: async () => [],
  };

  // The refresh engine's runs, by the main thread's id for this worker's part of a refresh (null
  // until the profiles are read).
  const runs = new Map<string, string | null>();
  const mainRunOf = new Map<string, string>();
  // The parts of one refresh share their account reads (several profiles reaching one account are
  // read once, read-row.ts), as one part would: by the main thread's refresh, while a part of it runs.
  const sharedReads = createSharedReads();
  const emit = (event: AppEvent) => {
    if (event.type === 'refresh-progress') {
      const run = mainRunOf.get(event.refreshId);
      if (run) for (const row of event.rows) post({ type: 'progress', run, key: keyOf(row) });
    } else if (event.type === 'refresh-finished') {
      const run = mainRunOf.get(event.refreshId);
      mainRunOf.delete(event.refreshId);
      if (run) {
        sharedReads.release(run);
        runs.delete(run);
        post({ type: 'finished', run });
      }
    } else if (event.type === 'handshake-progress') {
      post({ type: 'event', event });
    }
  };
  const reload = async () => {
    await clients.reload();
    identities.forget();
  };
  const engine = createRefreshEngine({
    clients,
    reload,
    identities,
    scheduler,
    settings: () => settings,
    clock,
    emit,
    rows,
    knownAccounts,
    regionChecks,
    // Each row's progress at once, right after the row itself: the main thread batches for the window.
    progressWindowMs: 0,
  });
  const actionEnv: ActionEnv & BulkEnv = {
    clients,
    identities,
    scheduler,
    settings: () => settings,
    activity,
    clock,
    rows,
    inFlight: new Map(),
    trust: CHECKED_ON_MAIN_THREAD,
    emit,
    ...(init.settle ? { settlePace: { ...DEFAULT_PACE, ...init.settle } } : {}),
  };
  const handlers = handlersOver(actionEnv);
  const bulk = localBulkPorts(actionEnv);
  const namePages = sdkNamePages(clients);
  /** The names pages being read, by job id: an abandoned one is aborted. */
  const namePagesRead = new Map<string, AbortController>();

  /**
   * Runs a job and posts its end: a value, an AppError, or (a bug) the unexpected error's sentence.
   * The work starts inside the promise chain, so a handler that throws before it returns its promise
   * (serviceOf on a service the app does not have) ends the job with that error: thrown out of the
   * message listener it would end this thread, and the pool would run the same job on every
   * replacement (a read for ever, a write settled as "not known" though it was never sent).
   */
  function job(id: string, work: () => Promise<unknown>): void {
    Promise.resolve()
      .then(work)
      .then(
        (value) => post({ type: 'result', id, value }),
        (error: unknown) => {
          if (error instanceof AppErrorException) post({ type: 'result', id, error: error.appError });
          else post({ type: 'result', id, unexpected: error instanceof Error ? error.message : String(error) });
        },
      );
  }

  return {
    handle(message) {
      switch (message.type) {
        case 'settings':
          settings = message.settings;
          scheduler.setConcurrency(settings.concurrency);
          scheduler.setTimeoutMs(settings.callTimeoutMs);
          return;
        case 'path':
          process.env.PATH = message.path;
          pathReady();
          return;
        case 'ping':
          post({ type: 'pong', seq: message.seq });
          return;
        case 'reload':
          job(message.id, async () => {
            engine.cancelAll();
            await reload();
            return null;
          });
          return;
        case 'refresh': {
          for (const [profile, accountId] of message.known) knownAccounts.learn({ profile, accountId });
          for (const [service, accountId, region] of message.answered ?? []) {
            regionChecks.markAnswered(service, accountId, region);
          }
          for (const answer of message.standing) regionChecks.learn(answer);
          const run = message.run;
          runs.set(run, null);
          // The rows need the profiles read (a new thread reads them as it starts).
          void profilesRead.then(() => {
            if (!runs.has(run)) return post({ type: 'finished', run });
            const shared = sharedReads.take(run, message.together ?? run);
            const { refreshId } = engine.startPlanned(message.plans, { headStart: message.headStart ?? true, shared });
            runs.set(run, refreshId);
            mainRunOf.set(refreshId, run);
          });
          return;
        }
        case 'cancel': {
          const refreshId = runs.get(message.run);
          runs.delete(message.run);
          if (refreshId) engine.cancel(refreshId);
          return;
        }
        case 'forget':
          regionChecks.forget(message.accountIds ? new Set(message.accountIds) : undefined);
          return;
        case 'call':
          job(message.id, () => runChannel(handlers, message.call.channel, message.call.request));
          return;
        case 'settle': {
          const { channel, request } = message.call;
          job(message.id, () => {
            const lost = new UnclearWriteError(
              appError('unknown', message.why, { retryable: false }),
              writeOperationOf(channel, request),
            );
            const settleOnly = {
              lost,
              logged: message.logged,
              ...(message.pendingId ? { entryId: message.pendingId } : {}),
            };
            return runChannel(handlersOver({ ...actionEnv, settleOnly }), channel, request);
          });
          return;
        }
        case 'identity':
          job(message.id, () => bulk.identity(message.profile, message.region));
          return;
        case 'answer-row':
          job(message.id, () =>
            answerRow(
              actionEnv,
              { action: message.action, administratorId: message.administratorId, rows: [] },
              message.row,
            ),
          );
          return;
        case 'name-page': {
          const { id, listing, token, type: _, ...where } = message;
          const abort = new AbortController();
          namePagesRead.set(id, abort);
          job(id, () =>
            namePages
              .page(listing, where, token, abort.signal)
              .catch((error: unknown) => {
                throw new AppErrorException(namePageError(listing, where, error));
              })
              .finally(() => namePagesRead.delete(id)),
          );
          return;
        }
        case 'abandon':
          namePagesRead.get(message.job)?.abort();
          namePagesRead.delete(message.job);
          return;
        case 'reply':
          answer(questions, message);
          return;
      }
    },
  };
}

function keyOf(row: ServiceRow): RowKey {
  return { service: row.service, profile: row.profile, region: row.region };
}

/** The handlers of the channels a worker runs, over an action environment. */
function handlersOver(actionEnv: ActionEnv & BulkEnv) {
  // Opening a file (members:import-csv) is the main thread's; it never reaches a worker.
  return { ...memberHandlers({ actionEnv }), ...adminHandlers({ actionEnv, deps: {}, clock: actionEnv.clock }) };
}

function runChannel(handlers: ReturnType<typeof handlersOver>, channel: WorkerChannel, request: unknown) {
  const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
  return handler(request);
}

function answer(questions: ReturnType<typeof createQuestions<WorkerQuestion>>, reply: Reply): void {
  if (reply.mfaNotGiven) {
    questions.fail(reply.id, new MfaCodeNotGiven(reply.mfaNotGiven.reason, reply.mfaNotGiven.serial));
  } else if (reply.error) {
    questions.fail(reply.id, new AppErrorException(reply.error));
  } else {
    questions.answer(reply.id, reply.value);
  }
}

/** Account reads shared by the parts of one refresh, kept while any of its parts runs here. */
function createSharedReads() {
  const byRefresh = new Map<string, { reads: SharedReads; parts: number }>();
  const refreshOf = new Map<string, string>();
  return {
    take(part: string, refresh: string): SharedReads {
      const entry = byRefresh.get(refresh) ?? { reads: new Map(), parts: 0 };
      entry.parts++;
      byRefresh.set(refresh, entry);
      refreshOf.set(part, refresh);
      return entry.reads;
    },
    release(part: string): void {
      const refresh = refreshOf.get(part);
      refreshOf.delete(part);
      const entry = refresh === undefined ? undefined : byRefresh.get(refresh);
      if (!entry || refresh === undefined) return;
      if (--entry.parts <= 0) byRefresh.delete(refresh);
    },
  };
}
