/**
 * The messages between the main thread and the worker threads that talk to AWS, each checked with zod
 * on arrival as IPC requests are at the door (contract/api.ts): a message that does not fit is
 * dropped and said, never acted on. Everything here is plain, structured-clone-safe data — rows,
 * plans, contract requests, activity entries, AppErrors — never a function, a class or a secret.
 *
 * Main → worker (ToWorker): the settings, the login shell's PATH, a refresh's planned rows and their
 * cancel, a contract channel to run (or, after a worker died, to settle), a bulk answer's steps, a
 * page of an account-names listing (and its abandon when the names pass gave up on it), replies
 * to the worker's questions, and acknowledgements of the rows and results it took (outbox.ts).
 * Worker → main (FromWorker): rows, a refresh's progress, results, events, questions (the last known
 * row, an activity entry to write, an MFA code), credential helpers' process groups, and the
 * heartbeat.
 */
import { z } from 'zod';
import { type Channel, requestSchemas } from '../../../contract/api';
import { APP_ERROR_KINDS, type AppError } from '../../domain/errors';
import { ACCOUNT_ID_PATTERN, REGION_PATTERN, type RowKey, SERVICE_ID_PATTERN } from '../../domain/ids';
import { MESSAGE_MAX, PROFILE_NAME_MAX, REGION_MAX } from '../../domain/limits';
import { rowSchema, type ServiceRow } from '../../domain/row';
import { HANDSHAKE_STEPS, type Settings } from '../../domain/types';
import type { NameListing } from '../aws/name-pages';
import type { RowPlan } from '../rows/plan-rows';
import { activityEntrySchema, activityInputSchema } from '../storage/activity-schema';
import { settingsKeySchemas } from '../storage/settings-schema';

const id = z.string().min(1).max(100);
const text = z.string().max(MESSAGE_MAX);
const profile = z.string().min(1).max(PROFILE_NAME_MAX);
const region = z.string().max(REGION_MAX).regex(REGION_PATTERN);
const service = z.string().max(32).regex(SERVICE_ID_PATTERN);
const accountId = z.string().max(MESSAGE_MAX);

export const appErrorSchema = z.object({
  kind: z.enum(APP_ERROR_KINDS),
  message: text,
  remediation: text.nullable(),
  command: text.nullable(),
  retryable: z.boolean(),
  awsCode: text.optional(),
  requestId: text.optional(),
  action: text.optional(),
  alreadyDone: z.boolean().optional(),
}) satisfies z.ZodType<AppError>;

export const settingsSchema = z.object(settingsKeySchemas) satisfies z.ZodType<Settings>;

const rowKeySchema = z.object({ service, profile, region }) satisfies z.ZodType<RowKey>;

export const rowPlanSchema = z.object({
  service,
  profile,
  region,
  stsRegion: region,
  notes: z.array(text).max(100),
  unusable: text.nullable(),
  configuredAccountId: z.string().regex(ACCOUNT_ID_PATTERN).nullable(),
}) satisfies z.ZodType<RowPlan>;

/** A standing answer of the main thread's region checks, in the row form they learn from. */
const standingSchema = z.object({
  service,
  accountId,
  region,
  state: z.enum(['region-not-enabled', 'off', 'blocked']),
  fetchedAt: z.string().min(1).max(64),
  error: appErrorSchema.nullable(),
});
export type StandingAnswer = z.output<typeof standingSchema>;

/** The contract channels a worker runs (the AWS-talking ones; main/core/workers/pool-handlers.ts). */
export const WORKER_CHANNELS = [
  'invitation:accept',
  'invitation:decline',
  'administrator:disassociate',
  'members:list',
  'members:get',
  'members:create',
  'members:invite',
  'members:disassociate',
  'members:delete',
  'invitations:delete',
  'service:enable',
  'handshake:run',
  'products:list',
] as const satisfies readonly Channel[];
export type WorkerChannel = (typeof WORKER_CHANNELS)[number];

/** A channel and its request, the request checked with the contract's own schema. */
const channelCall = z.object({ channel: z.enum(WORKER_CHANNELS), request: z.unknown() }).transform((value, ctx) => {
  const parsed = requestSchemas[value.channel].safeParse(value.request);
  if (!parsed.success) {
    ctx.addIssue({ code: 'custom', message: `invalid request for ${value.channel}` });
    return z.NEVER;
  }
  return { channel: value.channel, request: parsed.data };
});

/** A names listing (aws/name-pages.ts): which one, and the service principal of a delegated-administrators one. */
const nameListingSchema = z.discriminatedUnion('read', [
  z.object({ read: z.literal('alias') }),
  z.object({ read: z.literal('organizationAccounts') }),
  z.object({ read: z.literal('delegatedAdministrators'), principal: z.string().min(1).max(256) }),
  z.object({ read: z.literal('portalAccounts') }),
]) satisfies z.ZodType<NameListing>;

const bulkRow = z.object({ service, profile, region, accountId: z.string().regex(/^\d{12}$/) });

/** How the worker thread is started (its workerData). */
export const workerInitSchema = z.object({
  index: z.number().int().min(0),
  /** The environment the backend reads AWS settings from (BackendDeps.env). */
  env: z.record(z.string(), z.string()),
  settings: settingsSchema,
  source: z.enum(['app', 'cli']),
  /** False until the main thread has the login shell's PATH (credential helpers wait for it). */
  pathReady: z.boolean(),
  aws: z.object({
    requestTimeoutMs: z.number().int().positive().optional(),
    maxAttempts: z.number().int().min(1).max(10).optional(),
    /** Fixed pause between the SDK's own retries (tests and benchmarks); absent: the SDK's backoff. */
    retryDelayMs: z.number().int().min(0).optional(),
  }),
  callBackoff: z
    .object({
      baseMs: z.number().optional(),
      maxMs: z.number().optional(),
      maxRetries: z.number().int().optional(),
      serverRetries: z.number().int().optional(),
    })
    .optional(),
  /** The pauses between the reads that wait for a write to show (actions/settling.ts); absent: the app's. */
  settle: z
    .object({ reads: z.number().int().min(1).max(10), waitsMs: z.array(z.number().int().min(0)).max(10) })
    .optional(),
});
export type WorkerInit = z.output<typeof workerInitSchema>;

export const toWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('settings'), settings: settingsSchema }),
  z.object({ type: z.literal('path'), path: z.string().max(1_000_000) }),
  z.object({ type: z.literal('ping'), seq: z.number().int() }),
  z.object({ type: z.literal('reload'), id }),
  z.object({
    type: z.literal('refresh'),
    run: id,
    plans: z.array(rowPlanSchema),
    known: z.array(z.tuple([profile, accountId])),
    standing: z.array(standingSchema),
    /** Account-regions whose service answered (on or off) as the main thread knows: read without a probe. */
    answered: z.array(z.tuple([service, accountId, region])).optional(),
    /** The refresh this part belongs to (the main thread's id): its parts share their account reads. */
    together: id.optional(),
    /** false: a later part of the same refresh, whose rows need no head start of their own. */
    headStart: z.boolean().optional(),
  }),
  z.object({ type: z.literal('cancel'), run: id }),
  z.object({ type: z.literal('forget'), accountIds: z.array(accountId).nullable() }),
  z.object({ type: z.literal('call'), id, call: channelCall }),
  z.object({
    type: z.literal('settle'),
    id,
    call: channelCall,
    logged: z.boolean(),
    /** The pending entry the dead worker wrote ahead of its write: the outcome settles that entry. */
    pendingId: z.string().min(1).max(100).optional(),
    why: text,
  }),
  z.object({ type: z.literal('identity'), id, profile, region }),
  z.object({
    type: z.literal('answer-row'),
    id,
    action: z.enum(['accept', 'decline']),
    administratorId: z.string().regex(/^\d{12}$/),
    row: bulkRow,
  }),
  /**
   * One page of a names listing, read by the worker holding the profile (its credentials stay there);
   * the result is the SDK's page, checked on arrival by the listing's schema (aws/account-names.ts).
   */
  z.object({
    type: z.literal('name-page'),
    id,
    listing: nameListingSchema,
    profile,
    region,
    accountId: z
      .string()
      .regex(/^\d{12}$/)
      .optional(),
    token: z.string().min(1).max(1_000_000).optional(),
  }),
  /** The main thread handled this many more of the worker's windowed messages (outbox.ts). */
  z.object({ type: z.literal('ack'), count: z.number().int().positive() }),
  /** The main thread no longer waits for this job (its call timed out or was cancelled): it is stopped. */
  z.object({ type: z.literal('abandon'), job: id }),
  /** The answer to a worker's question: its value, or the AppError it ended in. */
  z.object({
    type: z.literal('reply'),
    id,
    value: z.unknown().optional(),
    error: appErrorSchema.optional(),
    /** The prompt gave no code (MfaCodeNotGiven), so the row can say how to give one. */
    mfaNotGiven: z.object({ reason: z.enum(['no-terminal', 'skipped']), serial: text }).optional(),
  }),
]);
export type ToWorker = z.input<typeof toWorkerSchema>;
export type ToWorkerParsed = z.output<typeof toWorkerSchema>;

/** The questions a worker asks the main thread; the answer comes back as a `reply`. */
export const workerQuestionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('last-row'), id, key: rowKeySchema }),
  z.object({ type: z.literal('activity'), id, entry: activityInputSchema }),
  z.object({ type: z.literal('mfa'), id, serial: text, profiles: z.array(profile) }),
]);
export type WorkerQuestion = z.input<typeof workerQuestionSchema>;

const handshakeStep = z.object({
  region,
  step: z.enum(HANDSHAKE_STEPS),
  status: z.enum(['done', 'skipped', 'failed', 'not-run']),
  message: text,
  error: appErrorSchema.optional(),
});

export const fromWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('pong'), seq: z.number().int() }),
  z.object({ type: z.literal('row'), row: rowSchema, origin: z.enum(['refresh', 'action']) }),
  z.object({ type: z.literal('progress'), run: id, key: rowKeySchema }),
  z.object({ type: z.literal('finished'), run: id }),
  z.object({
    type: z.literal('event'),
    event: z.object({ type: z.literal('handshake-progress'), handshakeId: id, step: handshakeStep }),
  }),
  /**
   * A job's end: its value, the AppError it ended in, or something the handler did not expect (a bug,
   * `unexpected`: only its sentence crosses, for the log).
   */
  z.object({
    type: z.literal('result'),
    id,
    value: z.unknown().optional(),
    error: appErrorSchema.optional(),
    unexpected: text.optional(),
  }),
  z.object({ type: z.literal('question'), question: workerQuestionSchema }),
  z.object({ type: z.literal('mfa-cancel'), id }),
  z.object({
    type: z.literal('helper'),
    pid: z.number().int().positive(),
    platform: z.string().max(32),
    state: z.enum(['started', 'ended']),
  }),
]);
export type FromWorker = z.input<typeof fromWorkerSchema>;
export type FromWorkerParsed = z.output<typeof fromWorkerSchema>;

/** The reply to an activity question: the entry as written. */
export const activityReplySchema = activityEntrySchema;
/** The reply to a last-row question. */
export const lastRowReplySchema = rowSchema.nullable();
/** The reply to an MFA question: the code as typed (the credential layer checks its six digits). */
export const mfaReplySchema = z.string().max(100);

/** A row as it crosses (validated on arrival): the row type itself. */
export type WorkerRow = ServiceRow;
