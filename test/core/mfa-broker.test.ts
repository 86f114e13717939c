import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../../contract/api';
import { createMfaBroker } from '../../main/core/mfa-broker';
import { isAppErrorException } from '../../main/domain/errors';

const kindOf = (e: unknown) => (isAppErrorException(e) ? e.appError.kind : 'not an AppError');

describe('MFA broker', () => {
  it('asks through an event and resolves with the answered code, then closes the prompt', async () => {
    const events: AppEvent[] = [];
    const broker = createMfaBroker({ emit: (e) => events.push(e), clock: () => new Date('2026-11-25T10:00:00Z') });
    const code = broker.prompt({ serial: 'arn:aws:iam::111111111111:mfa/alice', profiles: ['mfa-audit'] });
    const prompt = events[0];
    expect(prompt).toMatchObject({
      type: 'mfa-prompt',
      serial: 'arn:aws:iam::111111111111:mfa/alice',
      profiles: ['mfa-audit'],
      expiresAt: '2026-11-25T10:05:00.000Z',
    });
    if (prompt?.type !== 'mfa-prompt') throw new Error('no prompt');
    broker.answer(prompt.promptId, '123456');
    expect(await code).toBe('123456');
    expect(events[1]).toEqual({ type: 'mfa-prompt-closed', promptId: prompt.promptId });
    // Answering a closed prompt is an error, not a silent success.
    expect(
      kindOf(
        (() => {
          try {
            broker.answer(prompt.promptId, '123456');
          } catch (e) {
            return e;
          }
        })(),
      ),
    ).toBe('not-found');
  });

  it('rejects as cancelled on a null answer, on timeout, on abort and on dispose', async () => {
    const events: AppEvent[] = [];
    const broker = createMfaBroker({ emit: (e) => events.push(e), timeoutMs: 30 });
    const idOf = (i: number) => (events[i]?.type === 'mfa-prompt' ? events[i].promptId : '');

    const nulled = broker.prompt({ serial: 's', profiles: [] });
    broker.answer(idOf(0), null);
    expect(kindOf(await nulled.catch((e) => e))).toBe('cancelled');

    expect(kindOf(await broker.prompt({ serial: 's', profiles: [] }).catch((e) => e))).toBe('cancelled');

    const controller = new AbortController();
    const aborted = broker.prompt({ serial: 's', profiles: [] }, controller.signal);
    controller.abort();
    expect(kindOf(await aborted.catch((e) => e))).toBe('cancelled');

    const long = createMfaBroker({ emit: () => {} });
    const disposed = long.prompt({ serial: 's', profiles: [] });
    long.dispose();
    expect(kindOf(await disposed.catch((e) => e))).toBe('cancelled');
    expect(events.filter((e) => e.type === 'mfa-prompt-closed')).toHaveLength(3);
  });
});
