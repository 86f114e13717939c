/**
 * What a scheduled call lets the code below it know without passing it through every layer: its
 * abort signal, and a way to stop its clock. The scheduler registers each call's context under its
 * abort signal; the AWS clients find it from the signal the SDK carries through its middleware
 * (every send passes the call's signal), and use it while they wait for credentials, which have a
 * deadline of their own (credentials.ts): a helper waiting for a passphrase must not be cut short by
 * the call timeout, meant for AWS's answer.
 *
 * Not AsyncLocalStorage: on the Node versions the app runs on it makes every promise of the
 * process pay an async hook (83 of 2,695 ms in async-hook functions in a CPU profile of
 * `npm run bench`, 3 ms without it), and it hid where the context came from.
 */
export interface CallContext {
  signal: AbortSignal;
  pauseClock(): void;
  resumeClock(): void;
}

// Weak: a call's context goes when its signal does.
const contexts = new WeakMap<AbortSignal, CallContext>();

/** Makes the call's context known to whatever receives its signal. */
export function registerCallContext(context: CallContext): void {
  contexts.set(context.signal, context);
}

/**
 * Runs `work` with the clock of the call owning `signal` stopped, and stops waiting for it
 * (AbortError) when the call is cancelled or timed out. Without a scheduled call's signal it just
 * runs `work`.
 */
export async function offTheCallClock<T>(signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
  const context = signal ? contexts.get(signal) : undefined;
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
