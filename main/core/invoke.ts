/**
 * Binds the contract to IPC. Every message — from Electron's ipcMain or from the browser test
 * harness — goes through `dispatch`, so the channel, sender and schema checks are never bypassed.
 * This file does not import `electron` at run time: the caller passes ipcMain in.
 */
import type { AppError, Channel, Handlers, Result } from '../../preload/api';
import { appError, requestSchemas } from '../../preload/api';
import { AppErrorException } from '../domain/errors';

/** The parts of Electron's IpcMainInvokeEvent that the checks read. */
export interface SenderFrame {
  url: string;
  /** null for the top-level frame. */
  parent: unknown | null;
}
export interface InvokeEvent {
  senderFrame: SenderFrame | null;
}

/** Where the app's own pages come from: `app://renderer` in production, the dev server in development. */
export interface TrustedOrigin {
  protocol: string; // e.g. 'app:' or 'http:'
  host: string; // e.g. 'renderer' or '127.0.0.1:5173'
}

export function parseTrustedOrigin(url: string): TrustedOrigin {
  const u = new URL(url);
  return { protocol: u.protocol, host: u.host };
}

/**
 * True when the URL belongs to one of the trusted origins. Compares parsed protocol and host, never
 * string prefixes (for custom schemes `new URL(u).origin` is the string "null").
 */
export function isTrustedUrl(url: string, origins: readonly TrustedOrigin[]): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return origins.some((o) => o.protocol === u.protocol && o.host === u.host);
}

export function checkSender(event: InvokeEvent, origins: readonly TrustedOrigin[]): AppError | null {
  const frame = event.senderFrame;
  if (!frame) return appError('forbidden-sender', 'The request came from a frame that no longer exists.');
  if (frame.parent !== null && frame.parent !== undefined) {
    return appError('forbidden-sender', 'Only the app’s top-level page may call the main process.');
  }
  if (!isTrustedUrl(frame.url, origins)) {
    return appError('forbidden-sender', 'The request came from a page that is not part of the app.');
  }
  return null;
}

export type Dispatch = (event: InvokeEvent, channel: unknown, payload: unknown) => Promise<Result<unknown>>;

export interface DispatchOptions {
  origins: readonly TrustedOrigin[];
  /** Called with unexpected errors so they reach the log; must not rethrow. */
  onUnexpectedError?: (channel: string, error: unknown) => void;
}

function isChannel(channel: unknown): channel is Channel {
  return typeof channel === 'string' && Object.hasOwn(requestSchemas, channel);
}

export function createDispatch(handlers: Handlers, options: DispatchOptions): Dispatch {
  return async (event, channel, payload) => {
    if (!isChannel(channel)) {
      return {
        ok: false,
        error: appError(
          'unknown-channel',
          `There is no channel named ${JSON.stringify(String(channel)).slice(0, 80)}.`,
        ),
      };
    }
    const senderError = checkSender(event, options.origins);
    if (senderError) return { ok: false, error: senderError };

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
      const value = await handler(parsed.data);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof AppErrorException) return { ok: false, error: error.appError };
      options.onUnexpectedError?.(channel, error);
      return {
        ok: false,
        error: appError('internal', 'Something went wrong inside the app. The details are in the log.', {
          retryable: true,
        }),
      };
    }
  };
}

/** The slice of Electron's ipcMain this module needs (passed in so tests and the harness need no Electron). */
export interface IpcMainLike {
  // The listener takes an InvokeEvent (which Electron's IpcMainInvokeEvent satisfies), so Electron's
  // own ipcMain type-checks here without a cast.
  handle(channel: string, listener: (event: InvokeEvent, payload: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** Registers one ipcMain.handle per contract channel, each calling `dispatch`. */
export function bindIpc(ipcMain: IpcMainLike, dispatch: Dispatch): () => void {
  const channels = Object.keys(requestSchemas) as Channel[];
  for (const channel of channels) {
    ipcMain.handle(channel, (event: InvokeEvent, payload: unknown) => dispatch(event, channel, payload));
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
