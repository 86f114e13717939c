/**
 * Every write channel a worker runs, as the first action of a backend whose AWS work is in a worker
 * thread (nothing read, no accept tried before it): each answers, and its write reaches the emulator
 * once. A write that never answers (a question the main thread leaves open, a message one side drops,
 * a job nobody settles) fails here by name instead of hanging the window.
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
