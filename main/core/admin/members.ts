/**
 * Administrator-side operations on members: create, invite, withdraw invitations, disassociate,
 * delete; and turning Security Hub on. Each is a plain batch call (50 accounts at a time) whose
 * UnprocessedAccounts are reported per account, run in the same frame as member-side actions
 * (read-only check, in-flight join, activity log, re-read of the row).
 */

import { isAppErrorException } from '../../domain/errors';
import { isEnabled, isInvited } from '../../domain/ids';
import type { ActionName, ActionOutcome, BatchOutcome, MemberInfo, UnprocessedAccount } from '../../domain/types';
import { type ActionEnv, type ActionWork, performAction, refusal, stsRegionFor } from '../actions/frame';
import { createIdentityResolver, identityOrThrow } from '../aws/identity';
import {
  type BatchOperation,
  batchMembers,
  type CallRunner,
  describeHub,
  enableSecurityHub,
  getMembers,
  type HubContext,
  listMembers,
  type WriteContext,
} from '../aws/securityhub';

const VERBS: Record<BatchOperation, { action: ActionName; done: string }> = {
  CreateMembers: { action: 'create-members', done: 'Added' },
  InviteMembers: { action: 'invite-members', done: 'Invited' },
  DeleteInvitations: { action: 'delete-invitations', done: 'Withdrew the invitations of' },
  DisassociateMembers: { action: 'disassociate-members', done: 'Disassociated' },
  DeleteMembers: { action: 'delete-members', done: 'Deleted' },
};

function plural(n: number): string {
  return `${n} account${n === 1 ? '' : 's'}`;
}

function targetOf(ids: string[]): string {
  const sorted = [...ids].sort();
  return sorted.length <= 3 ? sorted.join(',') : `${sorted.slice(0, 3).join(',')},+${sorted.length - 3}`;
}

export async function memberBatch(
  env: ActionEnv,
  operation: BatchOperation,
  req: { profile: string; region: string; accounts: { accountId: string; email?: string }[] },
): Promise<BatchOutcome> {
  const verb = VERBS[operation];
  const ids = [...new Set(req.accounts.map((a) => a.accountId))];
  // The full sorted list keys the in-flight join, so two different batches never join each other.
  const { work, row } = await performAction(
    env,
    {
      action: verb.action,
      profile: req.profile,
      region: req.region,
      target: ids.length <= 3 ? targetOf(ids) : ids.sort().join(','),
    },
    async (ctx: WriteContext, identity) => {
      if (ids.includes(identity.accountId)) {
        throw refusal(`Account ${identity.accountId} is this profile's own account; it cannot be its own member.`);
      }
      // DisassociateMembers answers nothing per account (AWS ignores ids that are not members), so
      // the members are read first: an account that is not one is reported, not counted as done.
      const notMembers: UnprocessedAccount[] = [];
      let accounts = req.accounts;
      if (operation === 'DisassociateMembers') {
        const known = new Set((await getMembers(ctx, ids)).value.members.map((m) => m.accountId));
        for (const id of ids.filter((i) => !known.has(i))) {
          notMembers.push({ accountId: id, reason: `Not a member of ${identity.accountId} in ${req.region}.` });
        }
        accounts = req.accounts.filter((a) => known.has(a.accountId));
      }
      const result = accounts.length
        ? await batchMembers(ctx, operation, accounts)
        : { value: { unprocessed: [] as UnprocessedAccount[] }, requestId: null };
      return batchWork(verb.done, req.region, ids, [...notMembers, ...result.value.unprocessed], result.requestId);
    },
    async (ctx) => {
      // Which accounts AWS changed, from their state now; the others are reported, never resent.
      const found = new Map((await getMembers(ctx, ids)).value.members.map((m) => [m.accountId, m.memberStatus]));
      const unprocessed = ids
        .filter((id) => !APPLIED[operation](found.get(id)))
        .map((accountId) => ({
          accountId,
          reason: 'Not applied: AWS’s reply was lost and its state shows no change. Try again.',
        }));
      return batchWork(verb.done, req.region, ids, unprocessed, null);
    },
  );
  return { ...work.value, row, message: work.message };
}

/** How each batch operation leaves a member, read back with GetMembers (undefined: not a member). */
const APPLIED: Record<BatchOperation, (status: string | undefined) => boolean> = {
  CreateMembers: (status) => status !== undefined,
  InviteMembers: (status) => isInvited(status) || isEnabled(status),
  DeleteInvitations: (status) => status !== undefined && !isInvited(status),
  DisassociateMembers: (status) => status !== undefined && !isInvited(status) && !isEnabled(status),
  DeleteMembers: (status) => status === undefined,
};

function batchWork(
  done: string,
  region: string,
  ids: string[],
  unprocessed: UnprocessedAccount[],
  requestId: string | null,
): ActionWork<{ processed: string[]; unprocessed: UnprocessedAccount[] }> {
  const failed = new Set(unprocessed.map((u) => u.accountId));
  const processed = ids.filter((id) => !failed.has(id));
  const message =
    `${done} ${plural(processed.length)} in ${region}` +
    (unprocessed.length ? `; AWS did not process ${plural(unprocessed.length)}.` : '.');
  return {
    value: { processed, unprocessed },
    message,
    requestId,
    usedDeprecated: false,
    ...(unprocessed.length
      ? { failedDetail: `${message} ${unprocessed.map((u) => `${u.accountId}: ${u.reason}`).join('; ')}` }
      : {}),
  };
}

export async function enableHub(
  env: ActionEnv,
  req: { profile: string; region: string; enableDefaultStandards: boolean },
): Promise<ActionOutcome> {
  const message =
    `Security Hub is now on in ${req.region}` +
    (req.enableDefaultStandards ? ', with the default security standards.' : ', without the default standards.') +
    ` AWS bills Security Hub per account and per region (security checks and findings ingested) after a 30-day free trial: this account is now billed in ${req.region}.`;
  const { work, row } = await performAction(
    env,
    { action: 'enable-hub', profile: req.profile, region: req.region, target: null },
    async (ctx) => {
      try {
        const result = await enableSecurityHub(ctx, req.enableDefaultStandards);
        return { value: null, requestId: result.requestId, usedDeprecated: false, message };
      } catch (error) {
        // EnableSecurityHub answers ResourceConflictException for an account that is already subscribed
        // (API reference: "The resource specified in the request conflicts with an existing resource").
        if (isAppErrorException(error) && error.appError.awsCode === 'ResourceConflictException') {
          throw refusal(`Security Hub is already on in ${req.region} for this account; nothing was changed.`, null, {
            alreadyDone: true,
          });
        }
        throw error;
      }
    },
    async (ctx) => {
      const on = await describeHub(ctx).then(
        () => true,
        (error: unknown) => {
          if (isAppErrorException(error) && error.appError.kind === 'hub-off') return false;
          throw error;
        },
      );
      return on ? { value: null, requestId: null, usedDeprecated: false, message } : null;
    },
  );
  return { row, message: work.message, usedDeprecated: work.usedDeprecated, requestId: work.requestId };
}

/** Reads members on demand (not an action: nothing is logged, read-only mode allows it). */
export async function readMembers(
  env: ActionEnv,
  req: { profile: string; region: string; onlyAssociated: boolean },
): Promise<MemberInfo[]> {
  const ctx = await contextFor(env, req.profile, req.region);
  return (await listMembers(ctx, req.onlyAssociated)).value;
}

export async function readMemberDetails(
  env: ActionEnv,
  req: { profile: string; region: string; accountIds: string[] },
): Promise<{ members: MemberInfo[]; unprocessed: UnprocessedAccount[] }> {
  const ctx = await contextFor(env, req.profile, req.region);
  return (await getMembers(ctx, req.accountIds)).value;
}

/** A Security Hub context for a one-off read outside a refresh. */
export async function contextFor(env: ActionEnv, profile: string, region: string): Promise<HubContext> {
  const resolver = createIdentityResolver((p, r) => env.clients.sts(p, r));
  const run =
    (key: string): CallRunner =>
    (_operation, call) =>
      env.scheduler.run({ priority: -1, key }, call);
  const identity = identityOrThrow(
    await resolver.resolve(profile, await stsRegionFor(env, profile, region), run(`sts:${profile}`)),
  );
  return {
    client: env.clients.securityHub(profile, region),
    profile,
    region,
    identityOk: true,
    run: run(`${identity.accountId}/${region}`),
  };
}
