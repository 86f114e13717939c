/**
 * Administrator-side operations on members, for any service: create, invite, withdraw invitations,
 * disassociate, delete; and turning the service on. Each is the service's batch (as many accounts a
 * call as it takes) whose unprocessed accounts are reported per account, run in the same frame as
 * member-side actions (read-only check, in-flight join, activity log, re-read of the row).
 */

import { AppErrorException, appError, isAppErrorException } from '../../domain/errors';
import type { MemberInfo, ServiceRow } from '../../domain/row';
import { isEnabled, isInvited, statusKind } from '../../domain/statuses';
import type { ActionName, ActionOutcome, BatchOutcome, UnprocessedAccount } from '../../domain/types';
import {
  type ActionEnv,
  type ActionWork,
  identityFor,
  performAction,
  refusal,
  type ServiceWriteContext,
  serviceContextFor,
} from '../actions/frame';
import { NOT_SENT_AFTER_LOST, notSent, UnclearBatchError } from '../aws/batch-calls';
import type { SdkClient } from '../aws/clients';
import { CENTRALLY_MANAGED_MS } from '../rows/learnt';
import type { MemberBatch, SecurityService, WriteContext } from '../services/service';

const VERBS: Record<MemberBatch, { action: ActionName; done: string }> = {
  'create-members': { action: 'create-members', done: 'Added' },
  'invite-members': { action: 'invite-members', done: 'Invited' },
  'delete-invitations': { action: 'delete-invitations', done: 'Withdrew the invitations of' },
  'disassociate-members': { action: 'disassociate-members', done: 'Disassociated' },
  'delete-members': { action: 'delete-members', done: 'Deleted' },
};

function plural(n: number): string {
  return `${n} account${n === 1 ? '' : 's'}`;
}

function targetOf(ids: string[]): string {
  const sorted = [...ids].sort();
  return sorted.length <= 3 ? sorted.join(',') : `${sorted.slice(0, 3).join(',')},+${sorted.length - 3}`;
}

export interface MemberBatchRequest {
  service: SecurityService;
  profile: string;
  region: string;
  accounts: { accountId: string; email?: string }[];
}

export async function memberBatch(env: ActionEnv, batch: MemberBatch, req: MemberBatchRequest): Promise<BatchOutcome> {
  const { service } = req;
  const verb = VERBS[batch];
  const ids = [...new Set(req.accounts.map((a) => a.accountId))];
  // Accounts a pre-read kept out of the batch (not members, for a disassociation; suspended, for an
  // invitation): reported, never sent.
  const notMembers: UnprocessedAccount[] = [];
  // The full sorted list keys the in-flight join, so two different batches never join each other.
  const { work, row } = await performAction(env, {
    target: {
      action: verb.action,
      service,
      profile: req.profile,
      region: req.region,
      target: ids.length <= 3 ? targetOf(ids) : ids.sort().join(','),
    },
    async work(ctx: ServiceWriteContext, identity) {
      if (ids.includes(identity.accountId)) {
        throw refusal(`Account ${identity.accountId} is this profile's own account; it cannot be its own member.`);
      }
      // DisassociateMembers answers nothing per account (AWS ignores ids that are not members), so
      // the members are read first: an account that is not one is reported, not counted as done.
      let accounts = req.accounts;
      if (batch === 'disassociate-members') {
        const known = new Set((await service.admin.getMembers(ctx, ids)).members.map((m) => m.accountId));
        for (const id of ids.filter((i) => !known.has(i))) {
          notMembers.push({ accountId: id, reason: `Not a member of ${identity.accountId} in ${req.region}.` });
        }
        accounts = req.accounts.filter((a) => known.has(a.accountId));
      }
      if (batch === 'invite-members') {
        // AWS never invites a suspended account (the Member type's AccountSuspended: an organization
        // account suspended from AWS): such a member is reported, and not sent.
        const suspended = new Set(
          (await service.admin.getMembers(ctx, ids)).members
            .filter((m) => statusKind(m.memberStatus) === 'suspended')
            .map((m) => m.accountId),
        );
        for (const id of suspended) notMembers.push({ accountId: id, reason: 'Account suspended: not invited.' });
        accounts = req.accounts.filter((a) => !suspended.has(a.accountId));
      }
      const result = accounts.length
        ? await service.admin.batch(ctx, batch, accounts)
        : { value: { unprocessed: [] as UnprocessedAccount[] }, requestId: null };
      return batchWork(verb.done, req.region, ids, [...notMembers, ...result.value.unprocessed], result.requestId);
    },
    async settle(ctx, _identity, unclear) {
      // Which accounts AWS changed, from their state now, asked only of those whose call's answer was
      // lost; the others are reported as their answers or the pre-read said, or as never sent.
      const part = unclear instanceof UnclearBatchError ? unclear.batch : null;
      const skipped = new Set(notMembers.map((u) => u.accountId));
      const lost = part ? part.unclear : ids.filter((id) => !skipped.has(id));
      const found = new Map(
        (await service.admin.getMembers(ctx, lost)).members.map((m) => [m.accountId, m.memberStatus]),
      );
      const unprocessed = [
        ...notMembers,
        ...(part?.unprocessed ?? []),
        ...lost
          .filter((id) => !APPLIED[batch](found.get(id)))
          .map((accountId) => ({
            accountId,
            reason: 'Not applied: AWS’s reply was lost and its state shows no change. Try again.',
          })),
        ...notSent(part?.notSent ?? [], NOT_SENT_AFTER_LOST),
      ];
      return batchWork(verb.done, req.region, ids, unprocessed, null);
    },
  });
  return { ...work.value, row, message: work.message };
}

/** How each batch leaves a member, read back with the service's GetMembers (undefined: not a member). */
const APPLIED: Record<MemberBatch, (status: string | undefined) => boolean> = {
  'create-members': (status) => status !== undefined,
  'invite-members': (status) => isInvited(status) || isEnabled(status),
  'delete-invitations': (status) => status !== undefined && !isInvited(status),
  'disassociate-members': (status) => status !== undefined && !isInvited(status) && !isEnabled(status),
  'delete-members': (status) => status === undefined,
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
  const unsent = unprocessed.filter((u) => u.notSent).length;
  const refused = unprocessed.length - unsent;
  const message =
    `${done} ${plural(processed.length)} in ${region}` +
    (refused ? `; AWS did not process ${plural(refused)}` : '') +
    (unsent ? `; ${plural(unsent)} not sent` : '') +
    '.';
  return {
    value: { processed, unprocessed },
    message,
    requestId,
    usedDeprecated: false,
    counts: { done: processed.length, skipped: 0, refused: 0, failed: unprocessed.length },
    ...(unprocessed.length
      ? { failedDetail: `${message} ${unprocessed.map((u) => `${u.accountId}: ${u.reason}`).join('; ')}` }
      : {}),
  };
}

export async function turnServiceOn(
  env: ActionEnv,
  req: { service: SecurityService; profile: string; region: string; enableDefaultStandards: boolean },
): Promise<ActionOutcome> {
  const { service } = req;
  const options = { defaultStandards: req.enableDefaultStandards };
  const message = service.admin.turnedOnMessage(req.region, options);
  const key = { service: service.about.id, profile: req.profile, region: req.region };
  const { work, row } = await performAction(env, {
    target: { action: 'enable-hub', service, profile: req.profile, region: req.region, target: null },
    async work(ctx, identity) {
      const last = await env.rows.lastRow(key);
      const known = last?.accountId === identity.accountId ? centrallyManagedSince(last, env.clock()) : null;
      if (known) throw centrallyManaged(service, identity.accountId, req.region, known);
      try {
        const result = await service.admin.turnOn(ctx, options);
        return { value: null, requestId: result.requestId, usedDeprecated: false, message };
      } catch (error) {
        // Turning on a service that is on answers a conflict: Security Hub CSPM's
        // ResourceConflictException ("The resource specified in the request conflicts with an
        // existing resource"), GuardDuty's "a detector already exists" (its errors.ts reads it so).
        if (isAppErrorException(error) && error.appError.kind === 'conflict') {
          throw refusal(
            `${service.about.shortName} is already on in ${req.region} for this account; nothing was changed.`,
            null,
            { alreadyDone: true },
          );
        }
        // Learnt: the row says the organization's central configuration governs the service here,
        // so the window offers no turn-on and the same write is not sent again (for a day).
        if (isAppErrorException(error) && error.appError.kind === 'central-configuration' && last) {
          if (last.accountId === identity.accountId) {
            env.rows.absorbRow({ ...last, centrallyManagedSince: env.clock().toISOString() }, 'action');
          }
        }
        throw error;
      }
    },
    settle: async (ctx) =>
      (await service.admin.isOn(ctx)) ? { value: null, requestId: null, usedDeprecated: false, message } : null,
  });
  return { row, message: work.message, usedDeprecated: work.usedDeprecated, requestId: work.requestId };
}

/** When AWS last refused a turn-on here for the central configuration, if that still stands. */
function centrallyManagedSince(row: ServiceRow, now: Date): string | null {
  const since = row.centrallyManagedSince;
  if (!since) return null;
  const age = now.getTime() - Date.parse(since);
  return age >= 0 && age < CENTRALLY_MANAGED_MS ? since : null;
}

function centrallyManaged(service: SecurityService, accountId: string, region: string, since: string) {
  return new AppErrorException(
    appError(
      'central-configuration',
      `${service.about.name} in account ${accountId} in ${region} is set by the organization's central configuration (AWS refused to change it at ${since}): only the delegated administrator can turn it on or off.`,
      {
        remediation:
          "Ask the organization's delegated administrator to change the configuration policy that governs this account.",
      },
    ),
  );
}

/** Reads members on demand (not an action: nothing is logged, read-only mode allows it). */
export async function readMembers(
  env: ActionEnv,
  req: { service: SecurityService; profile: string; region: string; onlyAssociated: boolean },
): Promise<MemberInfo[]> {
  const ctx = await readContext(env, req.service, req.profile, req.region);
  return req.service.admin.listMembers(ctx, req.onlyAssociated);
}

export async function readMemberDetails(
  env: ActionEnv,
  req: { service: SecurityService; profile: string; region: string; accountIds: string[] },
): Promise<{ members: MemberInfo[]; unprocessed: UnprocessedAccount[] }> {
  const ctx = await readContext(env, req.service, req.profile, req.region);
  return req.service.admin.getMembers(ctx, req.accountIds);
}

/** A service context for a one-off read outside a refresh (the profile's identity known or asked once). */
export async function readContext<Client extends SdkClient>(
  env: ActionEnv,
  service: SecurityService<Client>,
  profile: string,
  region: string,
): Promise<WriteContext<Client>> {
  const identity = await identityFor(env, profile, region);
  return serviceContextFor(env, service, profile, region, identity.accountId);
}
