/**
 * The common ground of the Security Hub wrappers: the call context, response schemas (AWS answers
 * are outside input), Date -> ISO conversion, error classification, and the new-then-deprecated
 * operation fallback.
 */
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { z } from 'zod';
import { type AppError, AppErrorException, appError, isAppErrorException } from '../../domain/errors';
import type { AdministratorInfo, MemberInfo, UnprocessedAccount } from '../../domain/types';
import { isUnclearAnswer, toAppError } from './errors';

/** Runs one AWS call; `abortSignal` must be passed to `client.send`. */
export type CallRunner = <T>(
  operation: string,
  call: (abortSignal: AbortSignal | undefined) => Promise<T>,
) => Promise<T>;

export interface HubContext {
  client: SecurityHubClient;
  profile: string;
  region: string;
  /** STS accepted these credentials, so UnrecognizedClientException means the region is not enabled. */
  identityOk: boolean;
  /** The credentials' account (from STS), when known. */
  accountId?: string;
  run: CallRunner;
}

/** A context that may write: its client never resends a write the SDK cannot prove unapplied. */
export interface WriteContext extends HubContext {
  writer: SecurityHubClient;
}

export interface Called<T> {
  value: T;
  /** The operation that answered (the deprecated one after a fallback). */
  operation: string;
  usedDeprecated: boolean;
  requestId: string | null;
  /** Set when the deprecated operation answered: the denial of the new one. */
  deniedNew: AppError | null;
}

/** Most account-id lists AWS accepts per call (CreateMembers, GetMembers, …). */
export const ACCOUNT_BATCH = 50;

// ---------------------------------------------------------------------------------------------
// Response schemas: loose objects (new AWS fields are ignored), every field optional as in the model.
// ---------------------------------------------------------------------------------------------

const timestamp = z.union([z.date(), z.string()]).nullish();
const metadata = z.object({ $metadata: z.object({ requestId: z.string().optional() }).optional() });
const invitationSchema = z.object({
  AccountId: z.string().nullish(),
  InvitationId: z.string().nullish(),
  InvitedAt: timestamp,
  MemberStatus: z.string().nullish(),
});
const memberSchema = z.object({
  AccountId: z.string(),
  Email: z.string().nullish(),
  MasterId: z.string().nullish(),
  AdministratorId: z.string().nullish(),
  MemberStatus: z.string().nullish(),
  InvitedAt: timestamp,
  UpdatedAt: timestamp,
});
const unprocessedSchema = z.array(
  z.object({ AccountId: z.string().nullish(), ProcessingResult: z.string().nullish() }),
);
const batchSchema = metadata.extend({ UnprocessedAccounts: unprocessedSchema.nullish() });
const productSchema = z.object({
  ProductArn: z.string(),
  ProductName: z.string().nullish(),
  CompanyName: z.string().nullish(),
  Description: z.string().nullish(),
  Categories: z.array(z.string()).nullish(),
  IntegrationTypes: z.array(z.string()).nullish(),
  MarketplaceUrl: z.string().nullish(),
  ActivationUrl: z.string().nullish(),
});
export const schemas = {
  DescribeHub: metadata.extend({ HubArn: z.string().nullish(), SubscribedAt: z.string().nullish() }),
  GetAdministratorAccount: metadata.extend({ Administrator: invitationSchema.nullish() }),
  GetMasterAccount: metadata.extend({ Master: invitationSchema.nullish() }),
  ListInvitations: metadata.extend({
    Invitations: z.array(invitationSchema).nullish(),
    NextToken: z.string().nullish(),
  }),
  ListMembers: metadata.extend({ Members: z.array(memberSchema).nullish(), NextToken: z.string().nullish() }),
  GetMembers: metadata.extend({
    Members: z.array(memberSchema).nullish(),
    UnprocessedAccounts: unprocessedSchema.nullish(),
  }),
  DescribeProducts: metadata.extend({ Products: z.array(productSchema).nullish(), NextToken: z.string().nullish() }),
  Empty: metadata,
  Batch: batchSchema,
};

export function iso(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function parse<S extends z.ZodType>(schema: S, operation: string, output: unknown): z.output<S> {
  const result = schema.safeParse(output);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new AppErrorException(
    appError(
      'internal',
      `AWS answered ${operation} with a response the app cannot read (${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}).`,
      {
        retryable: true,
      },
    ),
  );
}

export function requestIdOf(output: z.output<typeof metadata>): string | null {
  return output.$metadata?.requestId ?? null;
}

export function classify(error: unknown, ctx: HubContext, operation: string): AppError {
  if (isAppErrorException(error)) return error.appError;
  return toAppError(error, {
    profile: ctx.profile,
    region: ctx.region,
    operation,
    identityOk: ctx.identityOk,
    action: `securityhub:${operation}`,
    ...(ctx.accountId ? { accountId: ctx.accountId } : {}),
  });
}

/** Every Security Hub operation that changes something (the deprecated names included). */
const WRITE_OPERATIONS: ReadonlySet<string> = new Set([
  'AcceptAdministratorInvitation',
  'AcceptInvitation',
  'DisassociateFromAdministratorAccount',
  'DisassociateFromMasterAccount',
  'DeclineInvitations',
  'EnableSecurityHub',
  'CreateMembers',
  'InviteMembers',
  'DeleteInvitations',
  'DisassociateMembers',
  'DeleteMembers',
]);

export function isWriteOperation(operation: string): boolean {
  return WRITE_OPERATIONS.has(operation);
}

/**
 * A write whose answer does not say whether AWS applied it (the reply was lost, timed out, or was a
 * 5xx). It is never sent again: the action re-reads AWS's state to tell the user what happened.
 */
export class UnclearWriteError extends AppErrorException {
  constructor(
    appError: AppError,
    readonly operation: string,
  ) {
    super(appError);
  }
}

export async function call<S extends z.ZodType>(
  ctx: HubContext,
  operation: string,
  schema: S,
  send: (abortSignal: AbortSignal | undefined) => Promise<unknown>,
): Promise<z.output<S>> {
  let output: unknown;
  try {
    output = await ctx.run(operation, send);
  } catch (error) {
    const appErr = classify(error, ctx, operation);
    if (isWriteOperation(operation) && isUnclearAnswer(error, appErr)) throw new UnclearWriteError(appErr, operation);
    throw new AppErrorException(appErr);
  }
  return parse(schema, operation, output);
}

export function once<T>(value: T, operation: string, requestId: string | null): Called<T> {
  return { value, operation, usedDeprecated: false, requestId, deniedNew: null };
}

/** IAM denied the call (as opposed to AWS refusing what was asked). */
export function isDenied(error: unknown): error is AppErrorException {
  return isAppErrorException(error) && error.appError.kind === 'access-denied';
}

/** Calls the new operation; when IAM denies it, the deprecated one, and says so. */
export async function withFallback<T>(
  attemptNew: () => Promise<Called<T>>,
  attemptOld: () => Promise<Called<T>>,
): Promise<Called<T>> {
  try {
    return await attemptNew();
  } catch (error) {
    if (!isDenied(error)) throw error;
    try {
      const old = await attemptOld();
      return { ...old, usedDeprecated: true, deniedNew: error.appError };
    } catch (oldError) {
      // Both denied: report the new operation's denial, which names the action to grant.
      if (isDenied(oldError)) throw error;
      throw oldError;
    }
  }
}

/**
 * An answer that means "nothing here" although it arrives as an error: ResourceNotFound; or, for
 * accounts enrolled through Organizations (which "don't receive invitations", ListInvitations docs:
 * "Only accounts that are managed by invitation can use this operation"), a BadRequest,
 * InvalidInput or AccessDenied saying there is no such resource. The terraform AWS provider's
 * Security Hub member and invite-accepter code treats the same answers as "not found".
 */
export function meansNothingFound(error: unknown): boolean {
  const e = error as { name?: string; message?: string } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.name === 'ResourceNotFoundException') return true;
  return (
    ['AccessDeniedException', 'BadRequestException', 'InvalidInputException'].includes(e.name ?? '') &&
    /no such resource|not found|does not exist|managed by invitation/i.test(e.message ?? '')
  );
}

/** An empty answer standing in for a "nothing found" error (its request id kept). */
export async function emptyWhenNothingFound<T>(send: () => Promise<T>, empty: Omit<T, '$metadata'>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (!meansNothingFound(error)) throw error;
    const $metadata = (error as { $metadata?: unknown }).$metadata ?? {};
    return { ...empty, $metadata } as T;
  }
}

export function toAdministrator(
  invitation: z.output<typeof invitationSchema> | null | undefined,
): AdministratorInfo | null {
  if (!invitation?.AccountId) return null;
  return {
    accountId: invitation.AccountId,
    invitationId: invitation.InvitationId ?? null,
    invitedAt: iso(invitation.InvitedAt),
    memberStatus: invitation.MemberStatus ?? 'Unknown',
  };
}

export function toMember(m: z.output<typeof memberSchema>): MemberInfo {
  return {
    accountId: m.AccountId,
    email: m.Email ?? null,
    administratorId: m.AdministratorId ?? m.MasterId ?? null,
    masterId: m.MasterId ?? null,
    memberStatus: m.MemberStatus ?? 'Unknown',
    invitedAt: iso(m.InvitedAt),
    updatedAt: iso(m.UpdatedAt),
  };
}

export function toUnprocessed(list: z.output<typeof unprocessedSchema> | null | undefined): UnprocessedAccount[] {
  return (list ?? []).map((u) => ({
    accountId: u.AccountId ?? 'unknown',
    reason: u.ProcessingResult ?? 'Not processed',
  }));
}

export function chunks<T>(items: T[], size = ACCOUNT_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
