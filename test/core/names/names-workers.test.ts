/**
 * The account-names pass with worker threads: its pages are read in the worker holding each profile,
 * through the real SDK against the emulator's demo, and the names come out the same as when the pass
 * reads them on the main thread (workers: 0). The main thread's own HTTP requests are watched through
 * Node's `http.client.request.start` diagnostics channel, which a thread hears for its own requests
 * only: with workers, none of them is a names call. A names page whose worker dies is answered with
 * an error: the pass finishes, and the next pass asks again.
 */
import diagnostics from 'node:diagnostics_channel';
import fs from 'node:fs';
import type { ClientRequest } from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountNames } from '../../../main/domain/account-names';
import type { RequestLogEntry } from '../../emulator/index';
import { type HoldingProxy, startHoldingProxy } from '../../helpers/holding-proxy';
import { type Harness, startHarness } from '../harness';

const WORKERS = { aws: { retryDelayMs: 5, requestTimeoutMs: 5000 }, heartbeatMs: 200 };
const NAME_SERVICES = new Set(['iam', 'organizations', 'sso']);
/** The portal's ListAccounts (GET /assignment/accounts): sent by the names pass only. */
const PORTAL_LIST = '/assignment/accounts';

let h: Harness | null = null;
let proxy: HoldingProxy | null = null;
afterEach(async () => {
  await h?.close();
  await proxy?.stop();
  h = null;
  proxy = null;
});

/**
 * The names calls this thread sends (`iam`, `organizations`, or the portal's list), read from each
 * request's SigV4 credential scope or its path, while `during` runs.
 */
async function namesCallsOfThisThread(during: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const listen = (message: unknown) => {
    const request = (message as { request: ClientRequest }).request;
    const auth = String(request.getHeader('authorization') ?? '');
    const service = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(auth)?.[1];
    if (service === 'iam' || service === 'organizations') sent.push(service);
    else if (request.path.startsWith(PORTAL_LIST)) sent.push('sso-portal');
  };
  diagnostics.subscribe('http.client.request.start', listen);
  try {
    await during();
  } finally {
    diagnostics.unsubscribe('http.client.request.start', listen);
  }
  return sent;
}

/** The names calls of the emulator's log, `service:Operation` → count (the portal's credentials left out). */
function namesCalls(log: readonly RequestLogEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of log) {
    if (!NAME_SERVICES.has(e.service) || e.operation === 'GetRoleCredentials') continue;
    const key = `${e.service}:${e.operation}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** The names without their times (each run reads at its own moment). */
const timeless = (names: AccountNames) => ({
  own: names.own,
  accounts: Object.fromEntries(
    Object.entries(names.accounts).map(([id, list]) => [id, list.map(({ at: _, ...rest }) => rest)]),
  ),
});

/** The delegated administrators the pass stored (names.json), without their times. */
function delegatedOf(harness: Harness) {
  const stored = JSON.parse(fs.readFileSync(path.join(harness.settingsDir, 'names.json'), 'utf8')) as {
    delegated: { service: string; accountId: string; via: string }[];
  };
  return stored.delegated.map(({ service, accountId, via }) => ({ service, accountId, via }));
}

async function demoNames(workers: number) {
  h = await startHarness({
    deps: { workers: { count: workers, ...WORKERS } },
    settings: { services: ['securityhub', 'guardduty', 'macie', 'detective'] },
  });
  const harness = h;
  harness.emulator.clearLog();
  const mainThread = await namesCallsOfThisThread(() => harness.refreshAll());
  const result = {
    names: timeless(await harness.backend.handlers['names:get'](undefined)),
    delegated: delegatedOf(harness),
    calls: namesCalls(harness.emulator.requestLog()),
    mainThread,
  };
  await harness.close();
  h = null;
  return result;
}

describe('account names with worker threads', () => {
  it('arrive the same as on the main thread, and the main thread sends none of their calls', async () => {
    const inThread = await demoNames(0);
    const pooled = await demoNames(2);

    // The demo's every source answered: organizations (listed by admin), the portal, the aliases.
    expect(inThread.names.accounts['111111111111']?.map((n) => n.source)).toEqual(['organizations', 'iam-alias']);
    expect(inThread.names.accounts['888888888888']?.map((n) => n.source)).toEqual(['organizations', 'sso-portal']);
    expect(inThread.names.accounts['999999999999']).toEqual([
      { name: 'acme-operations', source: 'iam-alias', via: 'proc-ops' },
    ]);
    expect(inThread.delegated.length).toBeGreaterThan(0);
    expect(pooled.names).toEqual(inThread.names);
    expect(pooled.delegated).toEqual(inThread.delegated);
    expect(pooled.calls).toEqual(inThread.calls);

    // On the main thread, the pass's calls are this thread's; with workers, none of them is.
    expect(new Set(inThread.mainThread)).toEqual(new Set(['iam', 'organizations', 'sso-portal']));
    expect(pooled.mainThread).toEqual([]);
  }, 120_000);

  it('answers a page whose worker died with an error: the pass finishes, and the next pass asks again', async () => {
    proxy = await startHoldingProxy();
    h = await startHarness({ deps: { workers: { count: 2, ...WORKERS } }, env: { http_proxy: proxy.url } });
    const harness = h;
    const pool = harness.backend.workers;
    if (!pool) throw new Error('no worker threads');
    const held = proxy.hold((r) => r.method === 'GET' && r.path === PORTAL_LIST, 'before');
    const started = await harness.backend.handlers['refresh:start']({ scope: { kind: 'all' } });
    await harness.backend.refresh.wait(started.refreshId);
    await held.arrived;
    for (const worker of pool.running()) await pool.kill(worker.index);
    held.release();
    await harness.backend.namesSettled();

    // The pass finished (its names went out) without the portal's names; the pages the two workers had
    // in flight beside it failed too, and nothing of any failure was remembered.
    const first = await harness.backend.handlers['names:get'](undefined);
    const sources = (names: typeof first) =>
      new Set(Object.values(names.accounts).flatMap((l) => l.map((n) => n.source)));
    expect(sources(first).has('sso-portal')).toBe(false);
    expect(harness.events.filter((e) => e.type === 'account-names')).toHaveLength(1);

    // Nothing was remembered of the failure: the next pass asks the portal again, and its names come.
    await harness.refreshAll();
    const second = await harness.backend.handlers['names:get'](undefined);
    expect(second.accounts['888888888888']?.map((n) => n.source)).toEqual(['organizations', 'sso-portal']);
    expect(second.accounts['222222222222']?.map((n) => n.source)).toEqual(['iam-alias']);
    expect(proxy.seen.filter((r) => r.path === PORTAL_LIST)).toHaveLength(2);
  }, 120_000);

  it('abandons a page in its worker when the pass’s call times out: the worker does not send it again', async () => {
    proxy = await startHoldingProxy();
    h = await startHarness({
      deps: { workers: { count: 1, ...WORKERS } },
      env: { http_proxy: proxy.url },
      // The shortest call timeout the settings take.
      settings: { callTimeoutMs: 1000 },
    });
    const harness = h;
    const held = proxy.hold((r) => r.method === 'GET' && r.path === PORTAL_LIST, 'before');
    const started = await harness.backend.handlers['refresh:start']({ scope: { kind: 'all' } });
    await harness.backend.refresh.wait(started.refreshId);
    await held.arrived;
    // The pass gives up on the held page when its call's second is over, and finishes.
    await harness.backend.namesSettled();
    const names = await harness.backend.handlers['names:get'](undefined);
    expect(Object.values(names.accounts).some((list) => list.some((n) => n.source === 'sso-portal'))).toBe(false);
    // Dropping the held connection now tells a worker still waiting on it to try again (the SDK's
    // retries): an abandoned page's request was aborted, so no second one comes.
    held.release();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(proxy.seen.filter((r) => r.path === PORTAL_LIST)).toHaveLength(1);
  }, 120_000);
});
