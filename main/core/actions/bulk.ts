/**
 * Bulk answers: accept (or decline) the pending invitations of ONE chosen administrator account
 * across many service × profile × region rows. Never "whatever is pending": a row without an
 * invitation from that administrator is skipped, not answered.
 *
 * - Read-only mode refuses the whole run before any AWS call.
 * - Each profile's account is known (from a refresh, else one STS call per profile) and its rows are
 *   answered as soon as it is, so a hung or failing profile holds up no other; rows that reach the
 *   same service, account and region are answered once, by the first one known, the others share
 *   its result.
 * - At most `settings.concurrency` rows run at a time (and every call still goes through the
 *   shared call scheduler, so throttling backs off per account-region).
 * - Each row's member side is read once and handed to the member-side action (its checks, refusals
 *   and activity entry), which reads nothing more before its write; the run adds one summary entry.
 *   A `bulk-progress` event follows every row.
 */

import { randomUUID } from 'node:crypto';
import type { AppEvent } from '../../../contract/api';
import { appError, errorOfLogged, outcomeOfError } from '../../domain/errors';
import { type RowKey, rowKey } from '../../domain/ids';
import { holdsMembership, memberOfStatus } from '../../domain/statuses';
import type { ActivityCounts, ActivityOutcome, BulkResult, BulkRowResult } from '../../domain/types';
import { createIdentityResolver, type IdentityResult } from '../aws/identity';
import { accountRegionKey } from '../rows/read-row';
import { serviceOf } from '../services/registry';
import { memberSideOf } from '../services/row-parts';
import { MEMBER_SIDE, type MemberSide } from '../services/service';
import { recordActivity } from '../storage/activity';
import { type ActionEnv, actionRunner, readOnlyError, serviceContextFor, stsRegionFor } from './frame';
import { acceptInvitation, declineInvitation } from './member';
import { requireTrust } from './trust-check';

export interface BulkEnv extends ActionEnv {
  emit(event: AppEvent): void;
}

export interface BulkRequest {
  action: 'accept' | 'decline';
  administratorId: string;
  /** Each row's service left out means Security Hub CSPM (serviceOf). */
  rows: (Omit<RowKey, 'service'> & { service?: string | undefined })[];
  /** An accept from an administrator outside the trusted list: the person agreed to trust it. */
  trustAdministrator?: boolean | undefined;
}

const errorOfRow = (error: unknown) => errorOfLogged(error, 'Bulk row failed');

/** Runs `work` over `items` with at most `limit` at a time, keeping the input order of results. */
export async function mapBounded<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/**
 * What a bulk answer asks of the AWS-talking core: who a profile is, and one row answered. In this
 * thread they are the functions below; with worker threads (main/core/workers) each is sent to the
 * worker holding the profile's credentials, and the run itself (order, sharing, events, the summary
 * entry) stays on the main thread.
 */
export interface BulkPorts {
  settings: BulkEnv['settings'];
  activity: BulkEnv['activity'];
  emit: BulkEnv['emit'];
  /** The trusted list, where the settings are (this thread): every service of an accept checks it first. */
  trust: BulkEnv['trust'];
  /** The profile's identity (known, or one STS call), asked in its own region where it can be. */
  identity(profile: string, region: string): Promise<IdentityResult>;
  /** Reads the row's member side once and answers it (or says why not). */
  answerRow(req: BulkRequest, row: RowKey & { accountId: string }): Promise<BulkRowResult>;
}

/** The ports over this thread's own core. */
export function localBulkPorts(env: BulkEnv): BulkPorts {
  const resolver = createIdentityResolver((p, r) => env.clients.sts(p, r), env.identities);
  return {
    settings: () => env.settings(),
    activity: env.activity,
    emit: (event) => env.emit(event),
    trust: env.trust,
    async identity(profile, region) {
      const stsRegion = await stsRegionFor(env, profile, region).catch(() => region);
      return resolver.resolve(profile, stsRegion, actionRunner(env, `sts:${profile}`));
    },
    answerRow: (req, row) => answerRow(env, req, row),
  };
}

export function runBulk(env: BulkEnv, req: BulkRequest): Promise<BulkResult> {
  return runBulkWith(localBulkPorts(env), req);
}

export async function runBulkWith(env: BulkPorts, req: BulkRequest): Promise<BulkResult> {
  const bulkId = randomUUID();
  const action = req.action === 'accept' ? 'bulk-accept' : 'bulk-decline';
  const admin = req.administratorId;
  const asked = req.rows.map((r) => ({ ...r, service: serviceOf(r.service).about.id }));
  const rows = [...new Map(asked.map((r) => [rowKey(r), r])).values()];
  const profiles = [...new Set(rows.map((r) => r.profile))];
  const regions = [...new Set(rows.map((r) => r.region))];
  const services = [...new Set(rows.map((r) => r.service))];
  const logSummary = (outcome: ActivityOutcome, detail: string, counts?: ActivityCounts) =>
    recordActivity(env.activity, {
      // A run over one service is that service's; over several, it belongs to none of them alone.
      service: services.length === 1 ? (services[0] as string) : null,
      // Every profile and region, whole: the log is what an auditor reads.
      profile: profiles.join(','),
      accountId: null,
      region: regions.join(','),
      action,
      target: admin,
      outcome,
      detail,
      requestId: null,
      administratorId: admin,
      ...(counts ? { counts } : {}),
    });

  if (env.settings().readOnly) {
    const refused = readOnlyError();
    await logSummary('refused', refused.appError.message);
    throw refused;
  }
  // Every service the rows span must trust the administrator before one invitation is accepted.
  if (req.action === 'accept') {
    try {
      for (const service of services) {
        await requireTrust(env, {
          service: serviceOf(service),
          administratorId: admin,
          trustAdministrator: req.trustAdministrator,
          why: `its invitations were accepted in bulk (${rows.length} row${rows.length === 1 ? '' : 's'}).`,
        });
      }
    } catch (error) {
      await logSummary('refused', errorOfRow(error).message);
      throw error;
    }
  }

  let done = 0;
  const emitRow = (result: BulkRowResult) => {
    done++;
    env.emit({ type: 'bulk-progress', bulkId, done, total: rows.length, result });
    return result;
  };

  // Each profile's rows are answered as soon as its account is known (one STS call per profile), so a
  // profile whose credentials hang or fail holds up no other. The first row known for an account-region
  // answers it; rows reaching the same account-region later share its result.
  const owners = new Map<string, { profile: string; result: Promise<BulkRowResult> }>();
  const sharing: { row: RowKey; accountId: string; accountKey: string }[] = [];
  const results = new Map<string, BulkRowResult>();
  await mapBounded(profiles, env.settings().concurrency, async (profile) => {
    const own = rows.filter((r) => r.profile === profile);
    const first = own[0] as { region: string };
    const identity = await env.identity(profile, first.region);
    if (!identity.ok) {
      for (const row of own) {
        const error = identity.error;
        results.set(
          rowKey(row),
          emitRow({ ...row, accountId: null, status: outcomeOfError(error), message: error.message, error }),
        );
      }
      return;
    }
    const accountId = identity.identity.accountId;
    await Promise.all(
      own.map(async (row) => {
        const accountKey = accountRegionKey(row.service, accountId, row.region);
        if (owners.has(accountKey)) {
          sharing.push({ row, accountId, accountKey });
          return;
        }
        const result = env.answerRow(req, { ...row, accountId }).then(emitRow);
        owners.set(accountKey, { profile, result });
        results.set(rowKey(row), await result);
      }),
    );
  });
  for (const { row, accountId, accountKey } of sharing) {
    const owner = await (owners.get(accountKey) as { result: Promise<BulkRowResult> }).result;
    results.set(
      rowKey(row),
      emitRow({
        service: row.service,
        profile: row.profile,
        region: row.region,
        accountId,
        status: 'skipped',
        sharedWith: owner.profile,
        message: `Same account (${accountId}) as ${owner.profile} in ${row.region}, answered there: ${owner.message}`,
      }),
    );
  }

  const ordered = rows.map((r) => results.get(rowKey(r)) as BulkRowResult);
  const count = (status: BulkRowResult['status']) => ordered.filter((r) => r.status === status).length;
  const verb = req.action === 'accept' ? 'Accepted' : 'Declined';
  const summary =
    `${verb} the invitation from ${admin} in ${count('done')} of ${ordered.length} rows; ` +
    `${count('skipped')} skipped, ${count('refused')} refused, ${count('failed')} failed.`;
  const counts = { done: count('done'), skipped: count('skipped'), refused: count('refused'), failed: count('failed') };
  await logSummary(bulkOutcome(counts), summary, counts);
  return { bulkId, action: req.action, administratorId: admin, services, results: ordered, summary };
}

/**
 * The run's outcome as the command reports it: every row answered or nothing to answer is succeeded
 * (exit 0) — "already done" when no row needed an answer; some answered and some failed or refused is
 * partial; none answered, failed where any failed, else refused (exit 1).
 */
export function bulkOutcome(counts: ActivityCounts): ActivityOutcome {
  const notDone = counts.failed + counts.refused;
  if (notDone === 0) return counts.done === 0 ? 'already-done' : 'succeeded';
  if (counts.done > 0) return 'partial';
  return counts.failed > 0 ? 'failed' : 'refused';
}

/** Reads the row's member side once, then hands it to the answer if the chosen administrator invites there. */
export async function answerRow(
  env: BulkEnv,
  req: BulkRequest,
  row: RowKey & { accountId: string },
): Promise<BulkRowResult> {
  const service = serviceOf(row.service);
  const base = { service: row.service, profile: row.profile, region: row.region, accountId: row.accountId };
  const admin = req.administratorId;
  const ctx = serviceContextFor(env, service, row.profile, row.region, row.accountId);
  let side: MemberSide;
  try {
    side = memberSideOf(await service.member.read(ctx, MEMBER_SIDE), service.member.maxAdministrators);
  } catch (error) {
    const appErr = errorOfRow(error);
    if (appErr.kind === 'service-off') {
      const message = `${service.about.shortName} is off in ${row.region} for account ${row.accountId}: there is no invitation to ${req.action} until it is enabled.`;
      await recordActivity(env.activity, {
        service: row.service,
        profile: row.profile,
        accountId: row.accountId,
        region: row.region,
        action: req.action,
        target: admin,
        outcome: 'refused',
        detail: message,
        requestId: null,
        administratorId: admin,
      });
      return { ...base, status: 'refused', message, error: { ...appErr, message } };
    }
    // An opt-in region the account has not enabled is a state, not a failure: there is nothing to answer.
    if (appErr.kind === 'region-not-enabled') return { ...base, status: 'skipped', message: appErr.message };
    return { ...base, status: outcomeOfError(appErr), message: appErr.message, error: appErr };
  }
  // Where an account has one administrator at most, a membership held (Enabled, or Paused) answers the
  // row whatever is pending; where it may have several (Detective's graphs), only what is pending does.
  const held = side.administrators.find((a) => a.accountId === admin && holdsMembership(a.memberStatus));
  if (held && service.member.maxAdministrators === 1) {
    return {
      ...base,
      status: 'skipped',
      message: `Already ${memberOfStatus(held.memberStatus)} of ${admin} in ${row.region}.`,
    };
  }
  const fromAdmin = side.pending.filter((i) => i.accountId === admin);
  const [invitation, ...more] = fromAdmin;
  if (!invitation) {
    if (held) {
      return {
        ...base,
        status: 'skipped',
        message: `Already ${memberOfStatus(held.memberStatus)} of ${admin} in ${row.region}.`,
      };
    }
    return { ...base, status: 'skipped', message: `No pending invitation from ${admin} in ${row.region}.` };
  }
  if (more.length > 0) {
    // Several at once (Detective: one per behavior graph): each is answered on its own, never guessed.
    const message = `${admin} has ${fromAdmin.length} pending ${service.about.shortName} invitations in ${row.region} (${fromAdmin.map((i) => i.invitationId).join(', ')}): answer each on its own.`;
    return { ...base, status: 'refused', message, error: appError('invalid-request', message) };
  }
  const target = { service, profile: row.profile, region: row.region, administratorId: admin };
  try {
    const outcome =
      req.action === 'accept'
        ? await acceptInvitation(env, { ...target, invitationId: invitation.invitationId }, side)
        : await declineInvitation(env, { ...target, invitationId: invitation.invitationId }, side);
    return { ...base, status: 'done', message: outcome.message };
  } catch (error) {
    const appErr = errorOfRow(error);
    return { ...base, status: outcomeOfError(appErr), message: appErr.message, error: appErr };
  }
}
