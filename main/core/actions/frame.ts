/**
 * The frame every action runs in (member-side and administrator actions alike, of any service).
 *
 * Each action: refuses at once in read-only mode, and where its plan says so (an administrator outside
 * the trusted list), before any AWS call; joins an identical action
 * already in flight instead of sending it twice; knows who the profile is (STS only when no refresh
 * has confirmed it yet); does its work — one read, one decision, the write sent once; settles a write
 * whose answer was lost by reading AWS's state, never by sending it again; appends every outcome —
 * success, failure, refusal, nothing to do, a partial batch — to the activity log with the AWS request
 * id; and hands the row after the action to the row sink (stored, and taken silently by the watch).
 *
 * The activity log is written ahead of AWS: before the action's first write is sent, its entry is
 * recorded as pending ("sent, outcome pending"), and the outcome settles that entry (the same id). A
 * process killed between the two leaves the entry pending for the log to settle as interrupted (at
 * exit, or at the next start): a write AWS applied is never missing from the log. Everything goes
 * through the `activity` port alone (its `append`), so a frame running off the main thread reaches
 * the one writer the same way.
 */
import { randomUUID } from 'node:crypto';
import {
  type AppError,
  AppErrorException,
  appError,
  errorOfLogged,
  isAppErrorException,
  outcomeOfError,
} from '../../domain/errors';
import { partitionOfRegion } from '../../domain/regions';
import type { ServiceRow } from '../../domain/row';
import type { ActionName, ActivityCounts, ActivityOutcome, Settings } from '../../domain/types';
import { type CallRunner, UnclearWriteError } from '../aws/call';
import type { AwsClients, SdkClient } from '../aws/clients';
import { namedEndpointOf } from '../aws/endpoints';
import { createIdentityResolver, type Identity, identityOrThrow, type KnownIdentities } from '../aws/identity';
import type { CallScheduler } from '../calls/scheduler';
import { accountRegionKey, readServiceRow } from '../rows/read-row';
import type { RowSink } from '../rows/row-sink';
import type { SecurityService, WriteContext } from '../services/service';
import { type ActivityLog, recordActivity } from '../storage/activity';
import type { TrustKeeper } from '../trust/trust-keeper';
import type { SettlePace } from './settling';

/** Actions go ahead of refresh rows in the call queue. */
const ACTION_PRIORITY = -1;

export interface ActionEnv {
  clients: Pick<AwsClients, 'client' | 'sts' | 'listProfiles' | 'credentialsReady'>;
  /** Identities a refresh (or an earlier action) confirmed: an action on a row already read asks STS nothing. */
  identities: KnownIdentities;
  scheduler: CallScheduler;
  settings: () => Settings;
  /** The activity log's one door (an action only appends; see the module's comment). */
  activity: Pick<ActivityLog, 'append' | 'path'>;
  clock: () => Date;
  /** Where every row after an action goes (stored; the watch takes it silently), and the last known rows. */
  rows: Pick<RowSink, 'absorbRow' | 'lastRow'>;
  /** Identical actions in flight, keyed by action+service+profile+region+target. */
  inFlight: Map<string, Promise<unknown>>;
  /** The trusted administrators: an accept's check, and trusting one the person agreed to trust. */
  trust: Pick<TrustKeeper, 'isTrusted' | 'label' | 'trust'>;
  /** How the reads after a write wait for AWS to show it (settling.ts); absent: SETTLE_READS over ~30 s. */
  settlePace?: SettlePace;
  /**
   * Set when the action was already under way where it ran and that place stopped before its answer
   * (a worker thread that ended, main/core/workers): the write is not sent, it is settled by reading
   * AWS's state (as a lost answer), and read-only mode does not stop that read. `logged`: its outcome
   * had reached the activity log already, so it is not written twice.
   */
  settleOnly?: {
    lost: UnclearWriteError;
    logged: boolean;
    /** The "sent, outcome pending" entry the stopped place wrote ahead of its write: the outcome settles it. */
    entryId?: string;
  };
}

export interface ActionTarget {
  action: ActionName;
  service: SecurityService;
  profile: string;
  region: string;
  /** The other account(s) involved, as logged. */
  target: string | null;
}

/** What an entry says of the action beyond its target, as the action has decided it. */
export interface ActionAbout {
  /** The administrator accepted, declined or left. */
  administratorId?: string | null;
  /** The invitation accepted. */
  invitationId?: string | null;
}

export interface ActionWork<R> {
  value: R;
  message: string;
  requestId: string | null;
  usedDeprecated: boolean;
  /**
   * Logged as failed when set (e.g. AWS left accounts unprocessed), though the call succeeded — as
   * partial when `counts` says some were done.
   */
  failedDetail?: string;
  /** A batch over many accounts: how many of each result. */
  counts?: ActivityCounts;
}

export type ServiceWriteContext = WriteContext<SdkClient>;

export interface ActionPlan<R> {
  target: ActionTarget;
  /** A refusal made before any AWS call, after read-only mode's (an untrusted administrator). */
  precheck?(): Promise<void>;
  /** The action's read, decision and write (sent once). */
  work(ctx: ServiceWriteContext, identity: Identity): Promise<ActionWork<R>>;
  /**
   * Reads AWS's state after a write whose answer was lost (`unclear`: which write, and for a batch
   * which accounts it leaves to the state): the work as done when the state shows it applied, or
   * null when it shows nothing changed.
   */
  settle?(ctx: ServiceWriteContext, identity: Identity, unclear: UnclearWriteError): Promise<ActionWork<R> | null>;
  /** The row after the action; by default the whole row read again. */
  rowAfter?(ctx: ServiceWriteContext, identity: Identity, done: ActionWork<R>): Promise<ServiceRow>;
  /** What the activity entry names beyond the target, as far as the action has decided it when asked. */
  about?(): ActionAbout;
}

export function refusal(
  message: string,
  remediation: string | null = null,
  extra: { alreadyDone?: boolean; awsCode?: string } = {},
): AppErrorException {
  return new AppErrorException(appError('refused', message, { remediation, ...extra }));
}

/** The region STS is asked in: the profile's own region when it is in the same partition. */
export async function stsRegionFor(env: Pick<ActionEnv, 'clients'>, profile: string, region: string): Promise<string> {
  const list = await env.clients.listProfiles();
  const own = list.profiles.find((p) => p.name === profile)?.region ?? null;
  return own && partitionOfRegion(own) === partitionOfRegion(region) ? own : region;
}

/**
 * Runs an action's AWS calls through the shared scheduler, ahead of refresh rows. A write is never
 * sent again after a 5xx (AWS may have applied it); only a throttle, which AWS refuses unapplied.
 */
export function actionRunner(env: Pick<ActionEnv, 'scheduler'>, key: string, service?: SecurityService): CallRunner {
  return (operation, call) =>
    env.scheduler.run(
      { priority: ACTION_PRIORITY, key, write: service?.writeOperations.has(operation) ?? false },
      call,
    );
}

/** Read-only mode's refusal, made before any AWS call. */
export function readOnlyError(): AppErrorException {
  return new AppErrorException(
    appError('read-only', 'Read-only mode is on: the app does not change anything in AWS.', {
      remediation: 'Turn read-only mode off (readOnly in the settings) to act.',
    }),
  );
}

/** Who the profile is: known from a refresh or an earlier action, else one STS call (then known). */
export async function identityFor(env: ActionEnv, profile: string, region: string): Promise<Identity> {
  const resolver = createIdentityResolver((p, r) => env.clients.sts(p, r), env.identities);
  return identityOrThrow(
    await resolver.resolve(profile, await stsRegionFor(env, profile, region), actionRunner(env, `sts:${profile}`)),
  );
}

/** The context of a service in an account-region whose identity is known: reads, and writes sent at most once. */
export function serviceContextFor<Client extends SdkClient>(
  env: ActionEnv,
  service: SecurityService<Client>,
  profile: string,
  region: string,
  accountId: string,
): WriteContext<Client> {
  const client = env.clients.client(service.sdk, profile, region);
  return {
    target: service,
    client,
    writer: env.clients.client(service.sdk, profile, region, 'write'),
    profile,
    region,
    identityOk: true,
    accountId,
    endpoint: namedEndpointOf(service.about.name, client),
    run: actionRunner(env, accountRegionKey(service.about.id, accountId, region), service),
  };
}

/**
 * The answer to a write was lost: AWS's state, read again, says what happened. The write is never
 * sent a second time by the app.
 */
async function settleByReading<R>(
  plan: ActionPlan<R>,
  ctx: ServiceWriteContext,
  identity: Identity,
  unclear: UnclearWriteError,
): Promise<ActionWork<R>> {
  const why = unclear.appError.message.replace(/\.$/, '');
  let applied: ActionWork<R> | null;
  try {
    applied = await (plan.settle as NonNullable<ActionPlan<R>['settle']>)(ctx, identity, unclear);
  } catch {
    throw new AppErrorException(
      appError(
        'unknown',
        `AWS's answer to ${unclear.operation} was lost (${why}), and the state could not be read again, so whether it went through is not known.`,
        { remediation: 'Read the row again to see what AWS shows before trying again.' },
      ),
    );
  }
  if (!applied) {
    throw new AppErrorException(
      appError(
        unclear.appError.kind,
        `AWS's answer to ${unclear.operation} was lost (${why}); the state read again shows nothing changed.`,
        { remediation: 'Try again.', retryable: true },
      ),
    );
  }
  return {
    ...applied,
    // A batch may have gone through in part: the state read again names which accounts changed.
    message: applied.failedDetail
      ? `${applied.message} (AWS's reply was lost; the state read again shows which accounts it changed.)`
      : `${applied.message} (AWS's reply was lost; the state read again shows it went through.)`,
  };
}

/** Reads a whole row outside any refresh (after an administrator's action), and hands it to the sink. */
export async function readRowNow(
  env: ActionEnv,
  service: SecurityService,
  profile: string,
  region: string,
): Promise<ServiceRow> {
  const row = await readServiceRow({
    service,
    profile,
    region,
    stsRegion: await stsRegionFor(env, profile, region),
    identity: createIdentityResolver((p, r) => env.clients.sts(p, r), env.identities),
    clients: env.clients,
    runner: (key) => actionRunner(env, key, service),
    clock: env.clock,
    previous: () => env.rows.lastRow({ service: service.about.id, profile, region }),
  });
  env.rows.absorbRow(row, 'action');
  return row;
}

/**
 * Runs the plan in the frame: read-only check, in-flight join, identity, the work, activity log, the
 * row after. Returns the work's value and that row.
 */
export function performAction<R>(
  env: ActionEnv,
  plan: ActionPlan<R>,
): Promise<{ work: ActionWork<R>; row: ServiceRow }> {
  const { target } = plan;
  const key = [target.action, target.service.about.id, target.profile, target.region, target.target ?? ''].join(
    '\u0000',
  );
  const running = env.inFlight.get(key);
  if (running) return running as Promise<{ work: ActionWork<R>; row: ServiceRow }>;
  const promise = execute(env, plan).finally(() => env.inFlight.delete(key));
  env.inFlight.set(key, promise);
  return promise;
}

/** The outcome an entry records for an error: nothing to do is "already done", as the command reports it. */
function outcomeOfFailure(error: AppError): ActivityOutcome {
  return error.alreadyDone ? 'already-done' : outcomeOfError(error);
}

/** The outcome an entry records for work done: a batch with some accounts done and some not is partial. */
function outcomeOfWork(work: ActionWork<unknown>): ActivityOutcome {
  if (!work.failedDetail) return 'succeeded';
  return (work.counts?.done ?? 0) > 0 ? 'partial' : 'failed';
}

/** A runner that calls `before` ahead of each write operation (and waits for it), reads untouched. */
function beforeWrites(
  run: CallRunner,
  service: SecurityService,
  before: (operation: string) => Promise<void>,
): CallRunner {
  return async (operation, call) => {
    if (service.writeOperations.has(operation)) await before(operation);
    return run(operation, call);
  };
}

async function execute<R>(env: ActionEnv, plan: ActionPlan<R>): Promise<{ work: ActionWork<R>; row: ServiceRow }> {
  const { target } = plan;
  const { service, profile, region } = target;
  let accountId: string | null = null;
  // The entry's id, chosen here: the pending line and the one that settles it share it.
  const entryId = env.settleOnly?.entryId ?? randomUUID();
  let pending: Promise<void> | null = env.settleOnly?.entryId ? Promise.resolve() : null;
  const entry = (outcome: ActivityOutcome, detail: string, requestId: string | null, counts?: ActivityCounts) => {
    const about = plan.about?.() ?? {};
    return {
      ...(pending ? { id: entryId } : {}),
      service: service.about.id,
      profile,
      accountId,
      region,
      action: target.action,
      target: target.target,
      outcome,
      detail,
      requestId,
      administratorId: about.administratorId ?? null,
      invitationId: about.invitationId ?? null,
      ...(counts ? { counts } : {}),
    };
  };
  const log = async (outcome: ActivityOutcome, detail: string, requestId: string | null, counts?: ActivityCounts) => {
    // A write settled in a replacement worker whose outcome reached the log already is not logged twice.
    if (env.settleOnly?.logged) return;
    await recordActivity(env.activity, entry(outcome, detail, requestId, counts));
  };
  // Recorded once, before the first write goes; every later write of the action waits for the same line.
  const recordSending = (operation: string) => {
    pending ??= recordActivity(env.activity, {
      ...entry('pending', `${operation} was sent.`, null),
      id: entryId,
    });
    return pending;
  };
  let done: ActionWork<R>;
  let ctx: ServiceWriteContext;
  let identity: Identity;
  try {
    if (env.settings().readOnly && !env.settleOnly) throw readOnlyError();
    await plan.precheck?.();
    identity = await identityFor(env, profile, region);
    accountId = identity.accountId;
    const plain = serviceContextFor(env, service, profile, region, identity.accountId);
    ctx = { ...plain, run: beforeWrites(plain.run, service, recordSending) };
    const context = ctx;
    const who = identity;
    const lost = env.settleOnly?.lost;
    done = await (lost ? Promise.reject(lost) : plan.work(context, who)).catch((error: unknown) => {
      if (!(error instanceof UnclearWriteError) || !plan.settle) throw error;
      return settleByReading(plan, context, who, error);
    });
  } catch (error) {
    const appErr = errorOfLogged(error, `Action ${target.action} failed`);
    await log(outcomeOfFailure(appErr), appErr.message, appErr.requestId ?? null);
    throw isAppErrorException(error) ? error : new AppErrorException(appErr);
  }
  await log(outcomeOfWork(done), done.failedDetail ?? done.message, done.requestId, done.counts);
  let row: ServiceRow;
  if (plan.rowAfter) {
    row = await plan.rowAfter(ctx, identity, done);
    env.rows.absorbRow(row, 'action');
  } else row = await readRowNow(env, service, profile, region);
  return { work: done, row };
}
