/**
 * The frame every action runs in (member-side and administrator actions alike).
 *
 * Each action: refuses at once in read-only mode (before any AWS call); joins an identical action
 * already in flight instead of sending it twice; re-reads the row's administrator and invitations
 * first and refuses, with the reason, what AWS would refuse; falls back to the deprecated operation
 * when IAM denies the new one (and says so); re-reads the row afterwards; and appends every outcome
 * — success, failure or refusal — to the activity log with the AWS request id.
 */
import { AppErrorException, appError, errorOfLogged, isAppErrorException, outcomeOfError } from '../../domain/errors';
import type { ActionName, HubSnapshot, Settings } from '../../domain/types';
import type { AwsClients } from '../aws/clients';
import { createIdentityResolver, type Identity, type IdentityResolver, identityOrThrow } from '../aws/identity';
import { type CallRunner, isWriteOperation, UnclearWriteError, type WriteContext } from '../aws/securityhub';
import type { CallScheduler } from '../calls/scheduler';
import { readHubSnapshot } from '../rows/read-row';
import { partitionOfRegion } from '../rows/regions';
import type { RowSink } from '../rows/row-sink';
import { type ActivityLog, recordActivity } from '../storage/activity';

/** Actions go ahead of refresh rows in the call queue. */
const ACTION_PRIORITY = -1;

export interface ActionEnv {
  clients: Pick<AwsClients, 'securityHub' | 'sts' | 'listProfiles'>;
  scheduler: CallScheduler;
  settings: () => Settings;
  activity: ActivityLog;
  clock: () => Date;
  /** Where every row re-read after an action goes (stored; the watch takes it silently). */
  rows: Pick<RowSink, 'absorbRow'>;
  /** Identical actions in flight, keyed by action+profile+region+target. */
  inFlight: Map<string, Promise<unknown>>;
}

export interface ActionTarget {
  action: ActionName;
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

export function refusal(
  message: string,
  remediation: string | null = null,
  extra: { alreadyDone?: boolean } = {},
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
export function actionRunner(env: Pick<ActionEnv, 'scheduler'>, key: string): CallRunner {
  return (operation, call) =>
    env.scheduler.run({ priority: ACTION_PRIORITY, key, write: isWriteOperation(operation) }, call);
}

/** Read-only mode's refusal, made before any AWS call. */
export function readOnlyError(): AppErrorException {
  return new AppErrorException(
    appError('read-only', 'Read-only mode is on: the app does not change anything in AWS.', {
      remediation: 'Turn read-only mode off (readOnly in the settings) to act.',
    }),
  );
}

/** The context of an account-region whose identity is known: reads, and writes sent at most once. */
export function hubContextFor(env: ActionEnv, profile: string, region: string, accountId: string): WriteContext {
  return {
    client: env.clients.securityHub(profile, region),
    writer: env.clients.securityHub(profile, region, 'write'),
    profile,
    region,
    identityOk: true,
    run: actionRunner(env, `${accountId}/${region}`),
  };
}

/**
 * The answer to a write was lost: AWS's state, read again, says what happened. The write is never
 * sent a second time by the app.
 */
async function settleByReading<R>(
  settle: SettleUnclear<R>,
  ctx: WriteContext,
  identity: Identity,
  unclear: UnclearWriteError,
): Promise<ActionWork<R>> {
  const why = unclear.appError.message.replace(/\.$/, '');
  let applied: ActionWork<R> | null;
  try {
    applied = await settle(ctx, identity);
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
    message: `${applied.message} (AWS's reply was lost; the state read again shows it went through.)`,
  };
}

/** Re-reads a whole row outside any refresh (after an action). */
export async function readRowNow(
  env: ActionEnv,
  profile: string,
  region: string,
  identity: IdentityResolver = createIdentityResolver((p, r) => env.clients.sts(p, r)),
): Promise<HubSnapshot> {
  const row = await readHubSnapshot({
    profile,
    region,
    stsRegion: await stsRegionFor(env, profile, region),
    identity,
    securityHub: (p, r) => env.clients.securityHub(p, r),
    runner: (key) => actionRunner(env, key),
    clock: env.clock,
  });
  env.rows.absorbRow(row, 'action');
  return row;
}

/**
 * The frame every action runs in: read-only check, in-flight join, identity, the work, activity log,
 * re-read of the row. Returns the work's value and the fresh row.
 */
/**
 * Reads AWS's state after a write whose answer was lost: the work as done when the state shows it
 * applied, or null when it shows nothing changed.
 */
export type SettleUnclear<R> = (ctx: WriteContext, identity: Identity) => Promise<ActionWork<R> | null>;

export function performAction<R>(
  env: ActionEnv,
  target: ActionTarget,
  work: (ctx: WriteContext, identity: Identity) => Promise<ActionWork<R>>,
  settle?: SettleUnclear<R>,
): Promise<{ work: ActionWork<R>; row: HubSnapshot }> {
  const key = [target.action, target.profile, target.region, target.target ?? ''].join('\u0000');
  const running = env.inFlight.get(key);
  if (running) return running as Promise<{ work: ActionWork<R>; row: HubSnapshot }>;
  const promise = execute(env, target, work, settle).finally(() => env.inFlight.delete(key));
  env.inFlight.set(key, promise);
  return promise;
}

async function execute<R>(
  env: ActionEnv,
  target: ActionTarget,
  work: (ctx: WriteContext, identity: Identity) => Promise<ActionWork<R>>,
  settle: SettleUnclear<R> | undefined,
): Promise<{ work: ActionWork<R>; row: HubSnapshot }> {
  const { profile, region } = target;
  let accountId: string | null = null;
  const log = (outcome: 'succeeded' | 'failed' | 'refused', detail: string, requestId: string | null) =>
    recordActivity(env.activity, {
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
  const resolver = createIdentityResolver((p, r) => env.clients.sts(p, r));
  try {
    if (env.settings().readOnly) throw readOnlyError();
    const identity = identityOrThrow(
      await resolver.resolve(profile, await stsRegionFor(env, profile, region), actionRunner(env, `sts:${profile}`)),
    );
    accountId = identity.accountId;
    const ctx = hubContextFor(env, profile, region, identity.accountId);
    done = await work(ctx, identity).catch((error: unknown) => {
      if (!(error instanceof UnclearWriteError) || !settle) throw error;
      return settleByReading(settle, ctx, identity, error);
    });
  } catch (error) {
    const appErr = errorOfLogged(error, `Action ${target.action} failed`);
    await log(outcomeOfError(appErr), appErr.message, appErr.requestId ?? null);
    throw isAppErrorException(error) ? error : new AppErrorException(appErr);
  }
  await log(done.failedDetail ? 'failed' : 'succeeded', done.failedDetail ?? done.message, done.requestId);
  // The same resolver: the identity read before acting is still valid, no second STS call.
  const row = await readRowNow(env, profile, region, resolver);
  return { work: done, row };
}
