/**
 * An administrator's batch over many accounts, for any service: the accounts go in calls of at most
 * `perCall` each (Security Hub CSPM and GuardDuty take 50), one call after another, and every
 * account ends with one of four outcomes, told apart everywhere the batch is reported:
 *
 * - processed: its call answered and did not list it as unprocessed;
 * - unprocessed: its call answered and listed it (AWS's reason), or AWS refused its call;
 * - its call's answer was lost: AWS's state, read again by the action, decides (never sent again);
 * - not sent: an earlier call was refused or its answer lost, so the app stopped before this one.
 *
 * A refused first call is the whole batch's failure (nothing was applied). A lost answer leaves the
 * action as an UnclearWriteError carrying the accounts of that call, the earlier calls' unprocessed
 * accounts and the accounts never sent, so the re-read asks AWS only about what it cannot know.
 */
import type { UnprocessedAccount } from '../../domain/types';
import { chunks, UnclearWriteError } from './call';

/** What a batch's lost answer leaves to settle: which accounts AWS's state must decide, and which it need not. */
export interface UnclearBatch {
  /** The accounts of the call whose answer was lost. */
  unclear: string[];
  /** Accounts the calls before it answered as unprocessed. */
  unprocessed: UnprocessedAccount[];
  /** Accounts of the calls after it: never sent. */
  notSent: string[];
}

/** A lost answer in the middle of a batch: the write's error, with what each account's outcome can be. */
export class UnclearBatchError extends UnclearWriteError {
  constructor(
    cause: UnclearWriteError,
    readonly batch: UnclearBatch,
  ) {
    super(cause.appError, cause.operation);
  }
}

export const NOT_SENT_AFTER_LOST =
  'Not sent: the answer to an earlier call of this batch was lost, so the app stopped before sending this one.';

export function notSentAfterRefusal(reason: string): string {
  return `Not sent: AWS refused an earlier call of this batch (${reason.replace(/\.$/, '')}), so the app stopped.`;
}

/** The accounts of a batch never sent, with why. */
export function notSent(ids: readonly string[], reason: string): UnprocessedAccount[] {
  return ids.map((accountId) => ({ accountId, reason, notSent: true }));
}

/**
 * Sends the batch, `perCall` accounts a call, one call after another. `send` makes one call and
 * returns the accounts it did not process; it throws an AppErrorException when AWS refused it, or an
 * UnclearWriteError when its answer was lost.
 */
export async function sendInCalls(
  ids: string[],
  perCall: number,
  send: (ids: string[]) => Promise<{ unprocessed: UnprocessedAccount[]; requestId: string | null }>,
  reasonOf: (error: unknown) => string,
): Promise<{ unprocessed: UnprocessedAccount[]; requestId: string | null }> {
  const calls = chunks(ids, perCall);
  const unprocessed: UnprocessedAccount[] = [];
  let requestId: string | null = null;
  for (const [index, callIds] of calls.entries()) {
    try {
      const answer = await send(callIds);
      requestId = answer.requestId ?? requestId;
      unprocessed.push(...answer.unprocessed);
    } catch (error) {
      const later = calls.slice(index + 1).flat();
      if (error instanceof UnclearWriteError) {
        throw new UnclearBatchError(error, { unclear: callIds, unprocessed, notSent: later });
      }
      // A refused first call is the batch's failure: nothing went through.
      if (index === 0) throw error;
      const reason = reasonOf(error);
      unprocessed.push(...callIds.map((accountId) => ({ accountId, reason })));
      unprocessed.push(...notSent(later, notSentAfterRefusal(reason)));
      break;
    }
  }
  return { unprocessed, requestId };
}
