/**
 * The frame every action runs in (member-side and administrator actions alike, of any service).
 *
 * Each action: refuses at once in read-only mode (before any AWS call); joins an identical action
 * already in flight instead of sending it twice; knows who the profile is (STS only when no refresh
 * has confirmed it yet); does its work — one read, one decision, the write sent once; settles a write
 * whose answer was lost by reading AWS's state, never by sending it again; appends every outcome —
 * success, failure or refusal — to the activity log with the AWS request id; and hands the row after
 * the action to the row sink (stored, and taken silently by the watch).
 */
import { AppErrorException, appError, errorOfLogged, isAppErrorException, outcomeOfError } from '../../domain/errors';
import { partitionOfRegion } from '../../domain/regions';
import type { ServiceRow } from '../../domain/row';
import type { ActionName, Settings } from '../../domain/types';
import { type CallRunner, UnclearWriteError } from '../aws/call';
import type { AwsClients, SdkClient } from '../aws/clients';
import { createIdentityResolver, type Identity, identityOrThrow, type KnownIdentities } from '../aws/identity';
import type { CallScheduler } from '../calls/scheduler';
import { accountRegionKey, readServiceRow } from '../rows/read-row';
import type { RowSink } from '../rows/row-sink';
import type { SecurityService, WriteContext } from '../services/service';
import { type ActivityLog, recordActivity } from '../storage/activity';

/** Actions go ahead of refresh rows in the call queue. */
const ACTION_PRIORITY = -1;

export interface ActionEnv {
  clients: Pick<AwsClients, 'client' | 'sts' | 'listProfiles'>;
  /** Identities a refresh (or an earlier action) confirmed: an action on a row already read asks STS nothing. */
  identities: KnownIdentities;
  scheduler: CallScheduler;
  settings: () => Settings;
  activity: ActivityLog;
  clock: () => Date;
  /** Where every row after an action goes (stored; the watch takes it silently), and the last known rows. */
  rows: Pick<RowSink, 'absorbRow' | 'lastRow'>;
  /** Identical actions in flight, keyed by action+service+profile+region+target. */
  inFlight: Map<string, Promise<unknown>>;
}

export interface ActionTarget {
  action: ActionName;
  service: SecurityService;
  profile: string;
  region: string;
  /** The other account(s) involved, as logged. */
  target: string | null;
}

export interface ActionWork<R> {
  value: R;
  message: string;
  requestId: string | null;
  usedDeprecated: boolean;
  /** Logged as failed when set (e.g. AWS left accounts unprocessed), though the call succeeded. */
  failedDetail?: string;
}

export type ServiceWriteContext = WriteContext<SdkClient>;

export interface ActionPlan<R> {
  target: ActionTarget;
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
  return {
    target: service,
    client: env.clients.client(service.sdk, profile, region),
    writer: env.clients.client(service.sdk, profile, region, 'write'),
    profile,
    region,
    identityOk: true,
    accountId,
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

async function execute<R>(env: ActionEnv, plan: ActionPlan<R>): Promise<{ work: ActionWork<R>; row: ServiceRow }> {
  const { target } = plan;
  const { service, profile, region } = target;
  let accountId: string | null = null;
  const log = (outcome: 'succeeded' | 'failed' | 'refused', detail: string, requestId: string | null) =>
    recordActivity(env.activity, {
      service: service.about.id,
      profile,
      accountId,
      region,
      action: target.action,
      target: target.target,
      outcome,
      detail,
      requestId,
    });
  let done: ActionWork<R>;
  let ctx: ServiceWriteContext;
  let identity: Identity;
  try {
    if (env.settings().readOnly) throw readOnlyError();
    identity = await identityFor(env, profile, region);
    accountId = identity.accountId;
    ctx = serviceContextFor(env, service, profile, region, identity.accountId);
    const context = ctx;
    const who = identity;
    done = await plan.work(context, who).catch((error: unknown) => {
      if (!(error instanceof UnclearWriteError) || !plan.settle) throw error;
      return settleByReading(plan, context, who, error);
    });
  } catch (error) {
    const appErr = errorOfLogged(error, `Action ${target.action} failed`);
    await log(outcomeOfError(appErr), appErr.message, appErr.requestId ?? null);
    throw isAppErrorException(error) ? error : new AppErrorException(appErr);
  }
  await log(done.failedDetail ? 'failed' : 'succeeded', done.failedDetail ?? done.message, done.requestId);
  let row: ServiceRow;
  if (plan.rowAfter) {
    row = await plan.rowAfter(ctx, identity, done);
    env.rows.absorbRow(row, 'action');
  } else row = await readRowNow(env, service, profile, region);
  return { work: done, row };
}
