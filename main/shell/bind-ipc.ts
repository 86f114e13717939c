/**
 * The shell's half of the IPC door: every message from Electron's ipcMain (or the browser test
 * harness, which stands in for it) is checked for a known channel and a trusted sender — the
 * top-level frame of the app's own page — before the transport-neutral `invoke` (main/core/invoke.ts)
 * validates the request. This file does not import `electron` at run time: the caller passes ipcMain in.
 */

import { CHANNELS, type Invoke, isChannel, unknownChannelError } from '../core/invoke';
import { type AppError, appError, type Result } from '../domain/errors';

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

/** The sender check in front of `invoke`: a foreign sender never reaches a schema or a handler. */
export function createDispatch(invoke: Invoke, options: { origins: readonly TrustedOrigin[] }): Dispatch {
  return async (event, channel, payload) => {
    if (!isChannel(channel)) return { ok: false, error: unknownChannelError(channel) };
    const senderError = checkSender(event, options.origins);
    if (senderError) return { ok: false, error: senderError };
    return invoke(channel, payload);
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
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event: InvokeEvent, payload: unknown) => dispatch(event, channel, payload));
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}
