/**
 * Every write channel a worker runs, as the first action of a backend whose AWS work is in a worker
 * thread (nothing read, no accept tried before it): each answers, and its write reaches the emulator
 * once. A write that never answers (a question the main thread leaves open, a message one side drops,
 * a job nobody settles) fails here by name instead of hanging the window. And a request its handler
 * refuses before any promise (a service the app does not have) is answered with that refusal by the
 * same worker, as on the main thread: it neither ends the thread nor runs again on its replacements.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WRITE_CHANNELS, type WriteChannel, writeOperationOf } from '../../../main/core/workers/write-channels';
import { type Harness, startHarness } from '../harness';

const ADMIN = '111111111111';
const ONE_WORKER = { workers: { count: 1, aws: { retryDelayMs: 5, requestTimeoutMs: 5000 } } };
/** Longer than any of these writes takes on a busy machine, shorter than the test's own limit. */
const ANSWER_MS = 20_000;

const member = { profile: 'member-pending', region: 'us-east-1' };
const admin = { profile: 'admin', region: 'us-east-1' };
const REQUESTS: Record<WriteChannel, Record<string, unknown>> = {
  'invitation:accept': { ...member, administratorId: ADMIN },
  'invitation:decline': { ...member, administratorId: ADMIN },
  'administrator:disassociate': { profile: 'member-enabled', region: 'us-east-1' },
  'members:create': { ...admin, accounts: [{ accountId: '999999999999', email: 'new@example.com' }] },
  'members:invite': { ...admin, accountIds: ['999999999999'] },
  'members:disassociate': { ...admin, accountIds: ['999999999999'] },
  'members:delete': { ...admin, accountIds: ['999999999999'] },
  'invitations:delete': { ...admin, accountIds: ['999999999999'] },
  'service:enable': { profile: 'hub-off', region: 'eu-west-1', enableDefaultStandards: false },
};

const CASES: { service: string; channel: WriteChannel }[] = [
  ...(Object.keys(WRITE_CHANNELS) as WriteChannel[]).map((channel) => ({ service: 'securityhub', channel })),
  // Turning a service on, where each sends its own write (CreateDetector, EnableMacie).
  { service: 'guardduty', channel: 'service:enable' },
  { service: 'macie', channel: 'service:enable' },
];

let h: Harness | null = null;

/** The channel's answer, or 'no answer' when none came within ANSWER_MS. */
async function answerOf(harness: Harness, channel: Parameters<Harness['backend']['invoke']>[0], request: unknown) {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    harness.backend.invoke(channel, request),
    new Promise<'no answer'>((resolve) => {
      timer = setTimeout(() => resolve('no answer'), ANSWER_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('each write channel as the first action with a worker thread', () => {
  it.each(CASES)(
    '$channel ($service) answers, its write sent once',
    async ({ service, channel }) => {
      h = await startHarness({ deps: ONE_WORKER, settings: { serviceMode: 'all' } });
      const request = { service, ...REQUESTS[channel] };
      let timer: NodeJS.Timeout | undefined;
      const answer = await Promise.race([
        h.backend.invoke(channel, request),
        new Promise<'no answer'>((resolve) => {
          timer = setTimeout(() => resolve('no answer'), ANSWER_MS);
        }),
      ]).finally(() => clearTimeout(timer));

      expect(answer).toMatchObject({ ok: true });
      expect(h.backend.workers?.running().map((w) => w.index)).toEqual([0]);
      expect(h.operations(writeOperationOf(channel, request))).toHaveLength(1);
    },
    60_000,
  );
});

describe('a request its worker refuses before any AWS call', () => {
  const where = { service: 'inspector', profile: 'admin', region: 'us-east-1' };
  it.each([
    { channel: 'members:list' as const, request: { ...where, onlyAssociated: false } },
    { channel: 'service:enable' as const, request: { ...where, enableDefaultStandards: false } },
  ])(
    '$channel on a service the app does not have: refused by the same worker, once',
    async ({ channel, request }) => {
      h = await startHarness({ deps: ONE_WORKER });
      const pool = h.backend.workers;
      if (!pool) throw new Error('no worker threads');
      await expect.poll(() => pool.running().length, { timeout: 30_000, interval: 50 }).toBe(1);
      const before = pool.running()[0]?.threadId;
      h.emulator.clearLog();

      const answer = await answerOf(h, channel, request);

      expect(answer).toEqual({
        ok: false,
        error: expect.objectContaining({
          kind: 'invalid-request',
          message: expect.stringMatching(/^There is no service "inspector"; the app reads /),
        }),
      });
      expect(pool.running().map((w) => w.threadId)).toEqual([before]);
      expect(h.operations()).toEqual([]);
    },
    60_000,
  );
});
