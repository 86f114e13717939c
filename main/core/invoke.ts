/**
 * The one validated way into the backend, for every door: Electron's IPC (through the shell's
 * sender check), the browser test harness and the command line. `invoke(channel, payload)` checks
 * the channel and the request schema, calls the handler, and wraps the answer in a Result; a
 * thrown AppErrorException becomes `{ ok: false, error }`, anything else the internal error.
 */
import { type Channel, type Handlers, requestSchemas } from '../../preload/api';
import { AppErrorException, appError, internalError, type Result } from '../domain/errors';

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
  return appError('unknown-channel', `There is no channel named ${JSON.stringify(String(channel)).slice(0, 80)}.`);
}

export function createInvoke(handlers: Handlers, options: InvokeOptions = {}): Invoke {
  return async (channel, payload) => {
    if (!isChannel(channel)) return { ok: false, error: unknownChannelError(channel) };
    const parsed = requestSchemas[channel].safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      return {
        ok: false,
        error: appError('invalid-request', `Invalid request for ${channel}: ${where}${issue?.message ?? 'invalid'}.`),
      };
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
