/** The wait between polls of a code sign-in: it ends on its own or with the sign-in's signal, and leaves nothing on it. */
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { pollWait } from '../../../../main/core/aws/sso-sign-in/flows';

describe('pollWait', () => {
  it('leaves no abort listener behind after each wait (a sign-in polls up to 120 times)', async () => {
    const controller = new AbortController();
    for (let i = 0; i < 20; i++) await pollWait(1, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('stops waiting when the sign-in is cancelled', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const waiting = pollWait(60_000, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
