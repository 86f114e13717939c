/**
 * The one validated way into the backend, for every door: Electron's IPC (through the shell's
 * sender check), the browser test harness and the command line. `invoke(channel, payload)` checks
 * the channel and the request schema, calls the handler, and wraps the answer in a Result; a
 * thrown AppErrorException becomes `{ ok: false, error }`, anything else the internal error.
 */
import { type Channel, type Handlers, requestSchemas } from '../../contract/api';
import { AppErrorException, appError, internalError, type Result } from '../domain/errors';
import { truncateVisibly } from '../domain/limits';

export type Invoke = (channel: unknown, payload: unknown) => Promise<Result<unknown>>;

/** `invoke` with the channel's own response type, for callers inside the process (the CLI). */
export type TypedInvoke = <C extends Channel>(
  channel: C,
  payload: unknown,
) => Promise<Result<Awaited<ReturnType<Handlers[C]>>>>;

export interface InvokeOptions {
  /** Called with unexpected errors so they reach the log; must not rethrow. */
  onUnexpectedError?: (channel: string, error: unknown) => void;
}

export function isChannel(channel: unknown): channel is Channel {
  return typeof channel === 'string' && Object.hasOwn(requestSchemas, channel);
}

export const CHANNELS = Object.keys(requestSchemas) as Channel[];

export function unknownChannelError(channel: unknown) {
  // A name that is not a string is described by its type: String() of an object without a
  // prototype throws, and the refusal must never throw.
  const name = typeof channel === 'string' ? JSON.stringify(channel).slice(0, 80) : `of type ${typeof channel}`;
  return appError('unknown-channel', `There is no channel named ${name}.`);
}

/** Lengths of the two parts of a refusal that may echo the request (see createInvoke). */
const ISSUE_PATH_MAX = 120;
const ISSUE_MESSAGE_MAX = 240;

export function createInvoke(handlers: Handlers, options: InvokeOptions = {}): Invoke {
  return async (channel, payload) => {
    if (!isChannel(channel)) return { ok: false, error: unknownChannelError(channel) };
    const parsed = requestSchemas[channel].safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      // The path and zod's sentence can echo the request's own keys (an unknown key, a record key),
      // which a hostile caller can make any length: both are cut so the sentence stays readable.
      const path = issue?.path.map(String).join('.') ?? '';
      const where = path ? `${truncateVisibly(path, ISSUE_PATH_MAX)}: ` : '';
      const what = truncateVisibly(issue?.message ?? 'invalid', ISSUE_MESSAGE_MAX);
      return { ok: false, error: appError('invalid-request', `Invalid request for ${channel}: ${where}${what}.`) };
    }
    try {
      const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof AppErrorException) return { ok: false, error: error.appError };
      options.onUnexpectedError?.(channel, error);
      return { ok: false, error: internalError() };
    }
  };
}
