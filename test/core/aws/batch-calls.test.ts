/**
 * An administrator's batch in calls of 50 accounts: each account's outcome told apart — processed,
 * left unprocessed by AWS (or in a refused call), in a call whose answer was lost, or never sent
 * because an earlier call was refused or lost. `send` is a plain function standing for one call.
 */
import { describe, expect, it } from 'vitest';
import {
  NOT_SENT_AFTER_LOST,
  notSentAfterRefusal,
  sendInCalls,
  UnclearBatchError,
} from '../../../main/core/aws/batch-calls';
import { UnclearWriteError } from '../../../main/core/aws/call';
import { AppErrorException, appError } from '../../../main/domain/errors';

const IDS = Array.from({ length: 120 }, (_, i) => String(200_000_000_000 + i));
const refused = new AppErrorException(appError('access-denied', 'Denied by a service control policy.'));
const lost = new UnclearWriteError(appError('network', 'The connection was closed.'), 'CreateMembers');

/** A send whose n-th call (0-based) throws `error`; the first call leaves its first account unprocessed. */
function sender(failing: number, error: Error) {
  const calls: string[][] = [];
  const send = async (ids: string[]) => {
    calls.push(ids);
    if (calls.length - 1 === failing) throw error;
    return {
      unprocessed: calls.length === 1 ? [{ accountId: ids[0] ?? '', reason: 'Already a member.' }] : [],
      requestId: `req-${calls.length}`,
    };
  };
  return { calls, send };
}

describe('sendInCalls', () => {
  it('sends 50 accounts a call, one after another, keeping what AWS left unprocessed', async () => {
    const { calls, send } = sender(-1, refused);
    const result = await sendInCalls(IDS, 50, send, () => '');
    expect(calls.map((c) => c.length)).toEqual([50, 50, 20]);
    expect(result).toEqual({ unprocessed: [{ accountId: IDS[0], reason: 'Already a member.' }], requestId: 'req-3' });
  });

  it('a refused call: its accounts carry AWS’s reason, the later ones are reported as not sent', async () => {
    const { calls, send } = sender(1, refused);
    const result = await sendInCalls(IDS, 50, send, (e) => (e as AppErrorException).appError.message);
    expect(calls).toHaveLength(2);
    const byId = new Map(result.unprocessed.map((u) => [u.accountId, u]));
    expect(byId.get(IDS[60] as string)).toEqual({ accountId: IDS[60], reason: 'Denied by a service control policy.' });
    expect(byId.get(IDS[110] as string)).toEqual({
      accountId: IDS[110],
      reason: notSentAfterRefusal('Denied by a service control policy.'),
      notSent: true,
    });
    expect(byId.get(IDS[110] as string)?.reason).toBe(
      'Not sent: AWS refused an earlier call of this batch (Denied by a service control policy), so the app stopped.',
    );
    expect(result.unprocessed.filter((u) => u.notSent)).toHaveLength(20);
  });

  it('a refused first call is the batch’s failure: nothing else is sent', async () => {
    const { calls, send } = sender(0, refused);
    await expect(sendInCalls(IDS, 50, send, () => '')).rejects.toBe(refused);
    expect(calls).toHaveLength(1);
  });

  it('a lost answer: the accounts of that call for the state to decide, the earlier answers kept, the rest never sent', async () => {
    const { calls, send } = sender(1, lost);
    const error = await sendInCalls(IDS, 50, send, () => '').catch((e: unknown) => e);
    expect(calls).toHaveLength(2);
    expect(error).toBeInstanceOf(UnclearBatchError);
    const batch = (error as UnclearBatchError).batch;
    expect(batch.unclear).toEqual(IDS.slice(50, 100));
    expect(batch.notSent).toEqual(IDS.slice(100));
    expect(batch.unprocessed).toEqual([{ accountId: IDS[0], reason: 'Already a member.' }]);
    expect((error as UnclearBatchError).appError.message).toBe('The connection was closed.');
    expect(NOT_SENT_AFTER_LOST).toMatch(/^Not sent: /);
  });
});
