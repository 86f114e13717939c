/**
 * One AWS call, for any service: it runs through the caller's runner (the call scheduler: priority,
 * throttling backoff, timeout, cancellation), its error becomes an AppError (the service's own
 * reading first, then the generic one), its answer is checked against a schema (AWS answers are
 * outside input), and a write whose answer is unclear is marked so that it is never sent again.
 * `withFallback` is the renamed-operation rule: the new name first, the deprecated one when the
 * principal's identity-based policies deny the new one (never after any other denial).
 */
import type { z } from 'zod';
import { type AppError, AppErrorException, appError, isAppErrorException } from '../../domain/errors';
import { type NamedEndpoint, namingEndpoint } from './endpoints';
import { type ErrorContext, isUnclearAnswer, toAppError } from './errors';

/** Runs one AWS call; `abortSignal` must be passed to `client.send`. */
export type CallRunner = <T>(
  operation: string,
  call: (abortSignal: AbortSignal | undefined) => Promise<T>,
) => Promise<T>;

/** What the generic call needs to know of the service it calls. */
export interface CallTarget {
  /** AWS's name of the service (denials by an organization's policy are told per service). */
  readonly about: { readonly name: string };
  /** The IAM prefix of its actions, e.g. `securityhub` (for "grant securityhub:X"). */
  readonly iamPrefix: string;
  /** Its operations that change something: never sent twice (see retry-policy.ts). */
  readonly writeOperations: ReadonlySet<string>;
  /** The service's own reading of an error (off in this region, …), or null for the generic one. */
  classifyError(error: unknown, context: ErrorContext): AppError | null;
}

/** Where a call goes: one profile × region of one service, with its runner. */
export interface CallContext {
  target: CallTarget;
  profile: string;
  region: string;
  /** STS accepted these credentials, so UnrecognizedClientException means the region is not enabled. */
  identityOk: boolean;
  /** The credentials' account (from STS), when known. */
  accountId?: string;
  /** The endpoint the profile's settings chose for this service, named in timeouts and network failures. */
  endpoint?: NamedEndpoint;
  run: CallRunner;
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
      { retryable: true },
    ),
  );
}

/** The request id of an SDK answer (its `$metadata`), when there is one. */
export function requestIdOf(output: unknown): string | null {
  const id = (output as { $metadata?: { requestId?: unknown } } | null)?.$metadata?.requestId;
  return typeof id === 'string' ? id : null;
}

export function classify(error: unknown, ctx: CallContext, operation: string): AppError {
  // The scheduler's own timeout arrives already read; it still names a configured endpoint.
  if (isAppErrorException(error)) return namingEndpoint(error.appError, ctx.endpoint);
  const context: ErrorContext = {
    profile: ctx.profile,
    region: ctx.region,
    operation,
    identityOk: ctx.identityOk,
    action: `${ctx.target.iamPrefix}:${operation}`,
    serviceName: ctx.target.about.name,
    ...(ctx.accountId ? { accountId: ctx.accountId } : {}),
  };
  return namingEndpoint(ctx.target.classifyError(error, context) ?? toAppError(error, context), ctx.endpoint);
}

export async function call<S extends z.ZodType>(
  ctx: CallContext,
  operation: string,
  schema: S,
  send: (abortSignal: AbortSignal | undefined) => Promise<unknown>,
): Promise<z.output<S>> {
  let output: unknown;
  try {
    output = await ctx.run(operation, send);
  } catch (error) {
    const appErr = classify(error, ctx, operation);
    if (ctx.target.writeOperations.has(operation) && isUnclearAnswer(error, appErr)) {
      throw new UnclearWriteError(appErr, operation);
    }
    throw new AppErrorException(appErr);
  }
  return parse(schema, operation, output);
}

export function once<T>(value: T, operation: string, requestId: string | null): Called<T> {
  return { value, operation, usedDeprecated: false, requestId, deniedNew: null };
}

/**
 * The principal's identity-based policies refused the call by its action's name: the one denial a
 * deprecated name can get past (policies written before 2021 name securityhub:GetMasterAccount and
 * not its successor). An organization's policy denies a service in a region whatever the name; a
 * permissions boundary, a session policy, a resource's policy or a refusal that is not an IAM
 * sentence are not about the name either — asking again under the old name would only add an
 * AccessDenied event to the account's CloudTrail.
 */
export function isDenied(error: unknown): error is AppErrorException {
  return isAppErrorException(error) && error.appError.kind === 'access-denied';
}

/** Calls the new operation; when the principal's identity-based policies deny it, the deprecated one, and says so. */
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

/** `items` in lists of at most `size` (the most account ids a batch call takes). */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
