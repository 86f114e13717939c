/**
 * The contract channels that talk to AWS, as the main thread answers them with worker threads: each
 * request goes to the worker holding its profile's credentials, which runs the same handler
 * (handlers/member.ts, handlers/admin.ts). A bulk answer is run here over ports (actions/bulk.ts
 * runBulkWith): each profile's identity and each row's answer in its worker, the sharing between
 * profiles, the events and the summary entry on this thread.
 *
 * When a worker dies before answering: a read is sent again; a write is never sent again — the
 * replacement settles it by reading AWS's state (the action frame's settle step, ActionEnv.settleOnly),
 * and the caller hears the outcome only then; a handshake (several writes, in two profiles) is reported
 * as stopped, with what it did kept in the activity log: it reads first, so running it again resumes.
 */
import { z } from 'zod';
import { type Handlers, requestSchemas } from '../../../contract/api';
import { AppErrorException, appError, errorOf, outcomeOfError } from '../../domain/errors';
import type { BulkRowResult, HandshakeResult } from '../../domain/types';
import { type BulkEnv, type BulkPorts, runBulkWith } from '../actions/bulk';
import { acceptTrust, requireTrust } from '../actions/trust-check';
import type { IdentityResult } from '../aws/identity';
import { serviceOf } from '../services/registry';
import { recordActivity } from '../storage/activity';
import { appErrorSchema, WORKER_CHANNELS, type WorkerChannel } from './messages';
import type { Job, JobMessage, WorkerPool } from './pool';
import { isWriteChannel, WRITE_CHANNELS } from './write-channels';

export interface PoolHandlersEnv extends Pick<BulkEnv, 'settings' | 'activity' | 'emit' | 'trust'> {
  pool: WorkerPool;
  workerOf(profile: string): Promise<number>;
}

/** Why a settled write's answer is missing, as its activity entry and the caller read it. */
export const WORKER_STOPPED = 'the worker thread that sent it stopped before AWS answered';

/** Settle attempts (a replacement that dies too) before the outcome is left unknown. */
const SETTLE_TRIES = 3;

const identitySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), identity: z.object({ accountId: z.string(), arn: z.string(), userId: z.string() }) }),
  z.object({ ok: z.literal(false), error: appErrorSchema }),
]) satisfies z.ZodType<IdentityResult>;

const bulkRowSchema = z.object({
  service: z.string(),
  profile: z.string(),
  region: z.string(),
  accountId: z.string().nullable(),
  status: z.enum(['done', 'skipped', 'refused', 'failed']),
  message: z.string(),
  sharedWith: z.string().optional(),
  error: appErrorSchema.optional(),
}) satisfies z.ZodType<BulkRowResult>;

type Entry = { action: string; profile: string; region: string };

const acceptRequestSchema = requestSchemas['invitation:accept'];

export function poolHandlers(env: PoolHandlersEnv): Pick<Handlers, WorkerChannel | 'bulk:run'> {
  const { pool } = env;

  /** A settle job: reads only, tried again on another replacement, then said to be unknown. */
  const settling =
    (call: { channel: WorkerChannel; request: unknown }, owns: (e: Entry) => boolean, tries = 1) =>
    (job: Job): Promise<unknown> => {
      if (tries > SETTLE_TRIES) {
        return Promise.reject(
          new AppErrorException(
            appError('unknown', `Whether the write went through is not known: ${WORKER_STOPPED}, again.`, {
              remediation: 'Read the row again to see what AWS shows before trying again.',
            }),
          ),
        );
      }
      const message: JobMessage = {
        type: 'settle',
        call,
        logged: job.logged,
        ...(job.pendingId ? { pendingId: job.pendingId } : {}),
        why: WORKER_STOPPED,
      };
      return pool.run({ worker: job.worker, message, recover: settling(call, owns, tries + 1), owns });
    };

  const forward = (channel: WorkerChannel) => async (request: Record<string, unknown>) => {
    if (channel === 'invitation:accept') await trustedHere(env, request);
    const profile = String(channel === 'handshake:run' ? request.administratorProfile : request.profile);
    const worker = await env.workerOf(profile);
    const call = { channel, request };
    const job: Omit<Job, 'logged'> = { worker, message: { type: 'call', call } };
    if (isWriteChannel(channel)) {
      const action = WRITE_CHANNELS[channel].action;
      const owns = (e: Entry) => e.action === action && e.profile === profile && e.region === request.region;
      job.owns = owns;
      job.recover = settling(call, owns);
    } else if (channel === 'handshake:run') {
      job.recover = () => handshakeStopped(env, request);
    }
    return pool.run(job);
  };

  const handlers = Object.fromEntries(WORKER_CHANNELS.map((channel) => [channel, forward(channel)]));
  return {
    ...(handlers as unknown as Pick<Handlers, WorkerChannel>),
    'bulk:run': (request) => runBulkWith(bulkPorts(env, settling), request),
  };
}

/**
 * The trusted list lives on this thread (the settings): an accept is checked here, and an administrator
 * the person agreed to trust is added here, before the job goes to a worker (whose view of the list is
 * CHECKED_ON_MAIN_THREAD). A refusal is logged as the action would have logged it. Read-only mode is
 * left to the worker's action, which refuses first and says so.
 */
async function trustedHere(env: PoolHandlersEnv, request: Record<string, unknown>): Promise<void> {
  if (env.settings().readOnly) return;
  const accept = acceptRequestSchema.parse(request);
  try {
    await requireTrust(env, acceptTrust({ ...accept, service: serviceOf(accept.service) }));
  } catch (error) {
    const appErr = errorOf(error);
    await recordActivity(env.activity, {
      service: serviceOf(accept.service).about.id,
      profile: accept.profile,
      accountId: null,
      region: accept.region,
      action: 'accept',
      target: accept.administratorId,
      outcome: outcomeOfError(appErr),
      detail: appErr.message,
      requestId: null,
    });
    throw error;
  }
}

function bulkPorts(
  env: PoolHandlersEnv,
  settling: (
    call: { channel: WorkerChannel; request: unknown },
    owns: (e: Entry) => boolean,
  ) => (job: Job) => Promise<unknown>,
): BulkPorts {
  return {
    settings: env.settings,
    activity: env.activity,
    emit: env.emit,
    trust: env.trust,
    async identity(profile, region) {
      const worker = await env.workerOf(profile);
      return identitySchema.parse(await env.pool.run({ worker, message: { type: 'identity', profile, region } }));
    },
    async answerRow(req, row) {
      const worker = await env.workerOf(row.profile);
      const base = { service: row.service, profile: row.profile, region: row.region, accountId: row.accountId };
      const owns = (e: Entry) => e.action === req.action && e.profile === row.profile && e.region === row.region;
      // The row's answer, settled as its own accept or decline when the worker died before answering.
      const channel = req.action === 'accept' ? 'invitation:accept' : 'invitation:decline';
      const request = {
        service: row.service,
        profile: row.profile,
        region: row.region,
        administratorId: req.administratorId,
      };
      const settle = settling({ channel, request }, owns);
      const recover = (job: Job) =>
        settle(job).then(
          (outcome) => ({ ...base, status: 'done', message: (outcome as { message: string }).message }),
          (error: unknown) => {
            const appErr = errorOf(error);
            return { ...base, status: outcomeOfError(appErr), message: appErr.message, error: appErr };
          },
        );
      const message: JobMessage = {
        type: 'answer-row',
        action: req.action,
        administratorId: req.administratorId,
        row,
      };
      return bulkRowSchema.parse(await env.pool.run({ worker, message, recover, owns }));
    },
  };
}

/** A handshake whose worker died: stopped, said in its summary entry; its steps' entries are written already. */
async function handshakeStopped(env: PoolHandlersEnv, request: Record<string, unknown>): Promise<HandshakeResult> {
  const regions = (request.regions as string[]) ?? [];
  const message = `The handshake stopped: ${WORKER_STOPPED}. What it did is in the activity log; it reads each region first, so running it again resumes where it stopped.`;
  await recordActivity(env.activity, {
    service: serviceOf(typeof request.service === 'string' ? request.service : undefined).about.id,
    profile: String(request.administratorProfile),
    accountId: null,
    region: regions.join(',').slice(0, 64),
    action: 'handshake',
    target: String(request.memberProfile),
    outcome: 'failed',
    detail: message,
    requestId: null,
  });
  throw new AppErrorException(appError('unknown', message, { remediation: 'Run the handshake again.' }));
}
