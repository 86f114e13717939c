/**
 * Member-side actions: accept an invitation, decline one, leave the administrator.
 *
 * Each action: refuses at once in read-only mode (before any AWS call); joins an identical action
 * already in flight instead of sending it twice; re-reads the row's administrator and invitations
 * first and refuses, with the reason, what AWS would refuse; falls back to the deprecated operation
 * when IAM denies the new one (and says so); re-reads the row afterwards; and appends every outcome
 * — success, failure or refusal — to the activity log with the AWS request id.
 */
import type { ActionName, ActionOutcome, AppError, HubSnapshot, Settings } from '../../../preload/api';
import { appError } from '../../../preload/api';
import { AppErrorException, isAppErrorException } from '../../domain/errors';
import type { AwsClients } from '../aws/clients';
import { createIdentityResolver, type Identity, type IdentityResolver, identityOrThrow } from '../aws/identity';
import {
  acceptAdministratorInvitation,
  type CallRunner,
  declineInvitations,
  describeHub,
  disassociateFromAdministrator as disassociateCall,
  type HubContext,
} from '../aws/securityhub';
import type { CallScheduler } from '../calls/scheduler';
import { readHubSnapshot, readMemberSide } from '../rows/read-row';
import { partitionOfRegion } from '../rows/regions';
import { type ActivityLog, recordActivity } from '../storage/activity';

/** Actions go ahead of refresh rows in the call queue. */
const ACTION_PRIORITY = -1;

export interface ActionEnv {
  clients: Pick<AwsClients, 'securityHub' | 'sts' | 'listProfiles'>;
  scheduler: CallScheduler;
  settings: () => Settings;
  activity: ActivityLog;
  clock: () => Date;
  /** Receives every row re-read after an action (the snapshot writer). */
  onRow: (row: HubSnapshot) => void;
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

export function refusal(message: string, remediation: string | null = null): AppErrorException {
  return new AppErrorException(appError('refused', message, { remediation }));
}

/** The region STS is asked in: the profile's own region when it is in the same partition. */
export async function stsRegionFor(env: Pick<ActionEnv, 'clients'>, profile: string, region: string): Promise<string> {
  const list = await env.clients.listProfiles();
  const own = list.profiles.find((p) => p.name === profile)?.region ?? null;
  return own && partitionOfRegion(own) === partitionOfRegion(region) ? own : region;
}

function runnerFor(env: ActionEnv, key: string): CallRunner {
  return (_operation, call) => env.scheduler.run({ priority: ACTION_PRIORITY, key }, call);
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
    runner: (key) => runnerFor(env, key),
    clock: env.clock,
  });
  env.onRow(row);
  return row;
}

const outcomeOf = (error: AppError): 'refused' | 'failed' =>
  error.kind === 'refused' || error.kind === 'read-only' ? 'refused' : 'failed';

/**
 * The frame every action runs in: read-only check, in-flight join, identity, the work, activity log,
 * re-read of the row. Returns the work's value and the fresh row.
 */
export function performAction<R>(
  env: ActionEnv,
  target: ActionTarget,
  work: (ctx: HubContext, identity: Identity) => Promise<ActionWork<R>>,
): Promise<{ work: ActionWork<R>; row: HubSnapshot }> {
  const key = [target.action, target.profile, target.region, target.target ?? ''].join('\u0000');
  const running = env.inFlight.get(key);
  if (running) return running as Promise<{ work: ActionWork<R>; row: HubSnapshot }>;
  const promise = execute(env, target, work).finally(() => env.inFlight.delete(key));
  env.inFlight.set(key, promise);
  return promise;
}

async function execute<R>(
  env: ActionEnv,
  target: ActionTarget,
  work: (ctx: HubContext, identity: Identity) => Promise<ActionWork<R>>,
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
    if (env.settings().readOnly) {
      throw new AppErrorException(
        appError('read-only', 'Read-only mode is on: the app does not change anything in AWS.', {
          remediation: 'Turn read-only mode off in Settings to act.',
        }),
      );
    }
    const identity = identityOrThrow(
      await resolver.resolve(profile, await stsRegionFor(env, profile, region), runnerFor(env, `sts:${profile}`)),
    );
    accountId = identity.accountId;
    const ctx: HubContext = {
      client: env.clients.securityHub(profile, region),
      profile,
      region,
      identityOk: true,
      run: runnerFor(env, `${identity.accountId}/${region}`),
    };
    done = await work(ctx, identity);
  } catch (error) {
    const appErr = isAppErrorException(error)
      ? error.appError
      : appError('internal', 'Something went wrong inside the app. The details are in the log.', { retryable: true });
    if (!isAppErrorException(error)) console.error(`Action ${target.action} failed:`, error);
    await log(outcomeOf(appErr), appErr.message, appErr.requestId ?? null);
    throw isAppErrorException(error) ? error : new AppErrorException(appErr);
  }
  await log(done.failedDetail ? 'failed' : 'succeeded', done.failedDetail ?? done.message, done.requestId);
  // The same resolver: the identity read before acting is still valid, no second STS call.
  const row = await readRowNow(env, profile, region, resolver);
  return { work: done, row };
}

function deprecatedNote(oldOperation: string, newOperation: string): string {
  return ` IAM denied securityhub:${newOperation}, so the deprecated ${oldOperation} was used; grant securityhub:${newOperation} to stop relying on the old name.`;
}

const isEnabled = (status: string) => status.toLowerCase() === 'enabled';

/** Fails with a refusal when Security Hub is off; other read errors pass through. */
async function requireHubOn(ctx: HubContext, identity: Identity, what: string): Promise<void> {
  try {
    await describeHub(ctx);
  } catch (error) {
    if (
      isAppErrorException(error) &&
      (error.appError.kind === 'hub-off' || error.appError.awsCode === 'InvalidAccessException')
    ) {
      // The AWS code stays on the refusal so the window can offer to turn Security Hub on.
      throw new AppErrorException(
        appError(
          'refused',
          `Security Hub is off in ${ctx.region} for account ${identity.accountId}, and AWS refuses to ${what} there.`,
          {
            remediation: `Enable Security Hub in ${ctx.region} first, then try again.`,
            awsCode: 'InvalidAccessException',
          },
        ),
      );
    }
    throw error;
  }
}

export interface AcceptRequest {
  profile: string;
  region: string;
  administratorId: string;
  invitationId: string;
}

export async function acceptInvitation(env: ActionEnv, req: AcceptRequest): Promise<ActionOutcome> {
  const { work, row } = await performAction(
    env,
    { action: 'accept', profile: req.profile, region: req.region, target: req.administratorId },
    async (ctx, identity) => {
      await requireHubOn(ctx, identity, 'accept an invitation');
      const side = await readMemberSide(ctx);
      const current = side.administrator;
      if (current && isEnabled(current.memberStatus)) {
        throw current.accountId === req.administratorId
          ? refusal(
              `Account ${identity.accountId} is already an Enabled member of ${current.accountId} in ${req.region}.`,
            )
          : refusal(
              `Account ${identity.accountId} already has an administrator in ${req.region} (${current.accountId}, Enabled); an account can have only one.`,
              `Disassociate from ${current.accountId} first, then accept the invitation from ${req.administratorId}.`,
            );
      }
      const fromAdmin = side.pending.filter((i) => i.accountId === req.administratorId);
      if (!fromAdmin.some((i) => i.invitationId === req.invitationId)) {
        const newer = fromAdmin[0];
        throw newer
          ? refusal(
              `The invitation ${req.invitationId} from ${req.administratorId} is no longer pending in ${req.region}; invitation ${newer.invitationId} is.`,
              'Refresh the row and accept the current invitation.',
            )
          : refusal(
              `There is no pending invitation from ${req.administratorId} in ${req.region}: it is no longer pending.`,
              'Refresh the row to see the current invitations.',
            );
      }
      const result = await acceptAdministratorInvitation(ctx, req.administratorId, req.invitationId);
      return {
        value: null,
        usedDeprecated: result.usedDeprecated,
        requestId: result.requestId,
        message:
          `Accepted the invitation from ${req.administratorId} in ${req.region}.` +
          (result.usedDeprecated ? deprecatedNote(result.operation, 'AcceptAdministratorInvitation') : ''),
      };
    },
  );
  return { row, message: work.message, usedDeprecated: work.usedDeprecated, requestId: work.requestId };
}

export async function declineInvitation(
  env: ActionEnv,
  req: { profile: string; region: string; administratorId: string },
): Promise<ActionOutcome> {
  const { work, row } = await performAction(
    env,
    { action: 'decline', profile: req.profile, region: req.region, target: req.administratorId },
    async (ctx, identity) => {
      const side = await readMemberSide(ctx).catch((error: unknown) => {
        // With Security Hub off the invitations cannot be listed; AWS still takes the decline.
        if (isAppErrorException(error) && ['hub-off', 'access-denied'].includes(error.appError.kind)) return null;
        throw error;
      });
      if (side) {
        const current = side.administrator;
        if (current && current.accountId === req.administratorId && isEnabled(current.memberStatus)) {
          throw refusal(
            `${req.administratorId} is the current administrator of ${identity.accountId} in ${req.region}; its invitation was already accepted.`,
            'Disassociate from the administrator instead.',
          );
        }
        if (!side.pending.some((i) => i.accountId === req.administratorId)) {
          throw refusal(
            `There is no pending invitation from ${req.administratorId} in ${req.region}.`,
            'Refresh the row.',
          );
        }
      }
      const result = await declineInvitations(ctx, [req.administratorId]);
      const unprocessed = result.value;
      if (unprocessed.length > 0) {
        const reason = unprocessed.map((u) => `${u.accountId}: ${u.reason}`).join('; ');
        throw new AppErrorException(
          appError('conflict', `AWS did not decline the invitation from ${req.administratorId}: ${reason}.`, {
            ...(result.requestId ? { requestId: result.requestId } : {}),
          }),
        );
      }
      return {
        value: null,
        usedDeprecated: false,
        requestId: result.requestId,
        message: `Declined the invitation from ${req.administratorId} in ${req.region}.`,
      };
    },
  );
  return { row, message: work.message, usedDeprecated: work.usedDeprecated, requestId: work.requestId };
}

/** AWS's refusal for an account enrolled through Organizations, in whichever words it arrives. */
function isOrganizationsRefusal(error: AppError): boolean {
  return error.kind === 'organizations-managed' || /organi[sz]ation/i.test(error.message);
}

export async function disassociateFromAdministrator(
  env: ActionEnv,
  req: { profile: string; region: string },
): Promise<ActionOutcome> {
  const { work, row } = await performAction(
    env,
    { action: 'disassociate', profile: req.profile, region: req.region, target: null },
    async (ctx, identity) => {
      const admin = await readMemberSide(ctx).then(
        (side) => side.administrator,
        (error: unknown) => {
          if (isAppErrorException(error) && error.appError.kind === 'hub-off') {
            throw refusal(
              `Security Hub is off in ${req.region} for account ${identity.accountId}: there is no administrator to leave.`,
            );
          }
          throw error;
        },
      );
      if (!admin) throw refusal(`Account ${identity.accountId} has no administrator in ${req.region}.`);
      try {
        const result = await disassociateCall(ctx);
        return {
          value: null,
          usedDeprecated: result.usedDeprecated,
          requestId: result.requestId,
          message:
            `Disassociated account ${identity.accountId} from administrator ${admin.accountId} in ${req.region}.` +
            (result.usedDeprecated ? deprecatedNote(result.operation, 'DisassociateFromAdministratorAccount') : ''),
        };
      } catch (error) {
        if (isAppErrorException(error) && isOrganizationsRefusal(error.appError)) {
          throw new AppErrorException(
            appError(
              'organizations-managed',
              `Account ${identity.accountId} is enrolled in Security Hub through AWS Organizations, so it cannot disassociate itself from ${admin.accountId} in ${req.region}.`,
              {
                remediation: `Only the delegated administrator ${admin.accountId} can remove it: sign in to the Organizations management account or the delegated administrator account ${admin.accountId} and disassociate the member there.`,
                ...(error.appError.awsCode ? { awsCode: error.appError.awsCode } : {}),
                ...(error.appError.requestId ? { requestId: error.appError.requestId } : {}),
              },
            ),
          );
        }
        throw error;
      }
    },
  );
  return { row, message: work.message, usedDeprecated: work.usedDeprecated, requestId: work.requestId };
}
