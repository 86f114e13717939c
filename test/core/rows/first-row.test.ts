/**
 * The first row of a refresh gets a head start: its identity and its Security Hub reads (and those
 * of its profile's other regions) run before any other profile's identity call, so the first
 * complete row arrives after a few round trips instead of queueing behind every other profile's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FIRST_ROW_HEAD_START_MS } from '../../../main/core/rows/refresh';
import { type Harness, startHarness } from '../harness';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('the first row of a refresh', () => {
  it('is read before any other profile’s identity is asked for', async () => {
    h = await startHarness({ emulator: { faults: { latencyMs: 20 } } });
    h.emulator.clearLog();
    const summary = await h.refreshAll();
    expect(summary.total).toBeGreaterThan(20);
    // admin's other regions run alongside its first row (they share its identity).
    const first = h.events.find((e) => e.type === 'refresh-progress');
    expect(first?.type === 'refresh-progress' && first.rows[0]?.profile).toBe('admin');

    // The emulator logs each request as it answers it, so the log is in completion order.
    const log = h.emulator.requestLog();
    const lastOfFirstRow = log.findLastIndex(
      (e) => e.service === 'securityhub' && e.accountId === '111111111111' && e.region === 'us-east-1',
    );
    const firstOtherIdentity = log.findIndex(
      (e) => e.service === 'sts' && e.operation === 'GetCallerIdentity' && e.accountId !== '111111111111',
    );
    expect(lastOfFirstRow).toBeGreaterThan(0);
    expect(firstOtherIdentity).toBeGreaterThan(lastOfFirstRow);
  });

  it('holds the others back only for a while when the first row is slow', async () => {
    // Each answer takes 1.5 s: the first row needs two in a row (its identity, then its three reads
    // together: 3 s), far longer than its head start, so the other profiles' identities must be
    // asked for (and answered, 2 s in) meanwhile.
    const latencyMs = 1500;
    expect(FIRST_ROW_HEAD_START_MS).toBeLessThan(latencyMs);
    h = await startHarness({ emulator: { faults: { latencyMs } } });
    h.emulator.clearLog();
    const started = await h.backend.handlers['refresh:start']({ scope: { kind: 'all' } });
    await new Promise((resolve) => setTimeout(resolve, FIRST_ROW_HEAD_START_MS + latencyMs + 500));
    // (Rows that fail without a call, like the signed-out SSO profile's, may have arrived.)
    const firstRowDone = h.events.some(
      (e) =>
        e.type === 'refresh-progress' && e.rows.some((row) => row.profile === 'admin' && row.region === 'us-east-1'),
    );
    expect(firstRowDone).toBe(false);
    const otherIdentities = h.emulator
      .requestLog()
      .filter((e) => e.service === 'sts' && e.accountId !== '111111111111');
    expect(otherIdentities.length).toBeGreaterThan(0);
    await h.backend.handlers['refresh:cancel']({ refreshId: started.refreshId });
  }, 15_000);
});

describe.each([
  { engine: 'in this thread', workers: 0 },
  { engine: 'in a worker thread', workers: 1 },
])('a profile read for the first time ($engine)', ({ workers }) => {
  /** When STS answered this account's identity, and when the first Security Hub call for it arrived. */
  function firstCalls(accountId: string) {
    const log = h?.emulator.requestLog() ?? [];
    const identity = log.find((e) => e.operation === 'GetCallerIdentity' && e.accountId === accountId);
    const reads = log
      .filter((e) => e.service === 'securityhub' && e.accountId === accountId)
      .map((e) => e.receivedAt)
      .sort();
    return { identityAnswered: identity?.time ?? null, firstRead: reads[0] ?? null };
  }

  it('starts its reads beside STS when its settings name the account (role_arn), after STS when not', async () => {
    h = await startHarness({
      emulator: { faults: { latencyMs: 300 } },
      settings: { serviceMode: 'list', services: ['securityhub'] },
      deps: { workers: { count: workers, aws: { retryDelayMs: 5, requestTimeoutMs: 5000 } } },
    });
    h.emulator.clearLog();
    // sandbox-role assumes arn:aws:iam::666666666666:role/SecurityAudit; member-pending has static keys.
    const summary = await h.refresh({
      kind: 'rows',
      rows: [
        { profile: 'sandbox-role', region: 'us-east-1' },
        { profile: 'member-pending', region: 'us-east-1' },
      ],
    });
    expect(summary.failed).toBe(0);

    const role = firstCalls('666666666666');
    expect(role.identityAnswered).not.toBeNull();
    expect(role.firstRead).not.toBeNull();
    expect(role.firstRead! < role.identityAnswered!).toBe(true);

    const keys = firstCalls('222222222222');
    expect(keys.identityAnswered).not.toBeNull();
    expect(keys.firstRead! >= keys.identityAnswered!).toBe(true);

    const rows = h.events.flatMap((e) => (e.type === 'refresh-progress' ? e.rows : []));
    expect(rows.find((r) => r.profile === 'sandbox-role')).toMatchObject({ accountId: '666666666666', error: null });
  }, 20_000);
});
