/**
 * What a scheduled call lets the code below it know without passing it through every layer: its
 * abort signal, and a way to stop its clock. The scheduler runs each call inside this context
 * (AsyncLocalStorage follows the call through the SDK's middleware); the AWS clients use it while
 * they wait for credentials, which have a deadline of their own (credentials.ts): a helper waiting
 * for a passphrase must not be cut short by the call timeout, meant for AWS's answer.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface CallContext {
  signal: AbortSignal;
  pauseClock(): void;
  resumeClock(): void;
}

const storage = new AsyncLocalStorage<CallContext>();

export function runInCallContext<T>(context: CallContext, work: () => Promise<T>): Promise<T> {
  return storage.run(context, work);
}

/**
 * Runs `work` with the current call's clock stopped, and stops waiting for it (AbortError) when the
 * call is cancelled or timed out. Outside a scheduled call it just runs `work`.
 */
export async function offTheCallClock<T>(work: () => Promise<T>): Promise<T> {
  const context = storage.getStore();
  if (!context) return work();
  context.signal.throwIfAborted();
  context.pauseClock();
  let onAbort: (() => void) | undefined;
  try {
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(context.signal.reason ?? abortError());
      context.signal.addEventListener('abort', onAbort, { once: true });
    });
    return await Promise.race([work(), aborted]);
  } finally {
    if (onAbort) context.signal.removeEventListener('abort', onAbort);
    context.resumeClock();
  }
}

function abortError(): Error {
  const error = new Error('The call was aborted.');
  error.name = 'AbortError';
  return error;
}
