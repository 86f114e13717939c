/**
 * What the main thread sends a worker with its rows (pool-refresh.ts), with a pool that records the
 * messages instead of starting threads: the accounts it knows, the standing answers, and the
 * account-regions whose service has answered — so a worker that has never read them (a replacement,
 * or the first refresh after the app started from its stored rows) does not read them as unknown, one
 * probe call first and the others after it; and a large refresh in parts of at most 1,000 rows.
 */
import { describe, expect, it } from 'vitest';
import { createKnownAccounts } from '../../../main/core/rows/known-accounts';
import { createRegionChecks } from '../../../main/core/rows/region-checks';
import { DEFAULT_SETTINGS } from '../../../main/core/storage/settings-schema';
import type { ToWorker } from '../../../main/core/workers/messages';
import type { PoolListener, WorkerPool } from '../../../main/core/workers/pool';
import { createPoolRefresh } from '../../../main/core/workers/pool-refresh';
import type { ProfileSummary, Settings } from '../../../main/domain/types';
import { serviceRow } from '../../helpers/rows';

const profile = (name: string): ProfileSummary => ({
  name,
  kind: 'static',
  region: 'us-east-1',
  usable: true,
  reason: null,
  mfa: false,
  sourceProfile: null,
  ssoSession: null,
  isDefault: false,
  configuredAccountId: null,
});

function recordingPool(posted: ToWorker[]): WorkerPool {
  const listeners: PoolListener[] = [];
  return {
    size: 1,
    run: async () => null,
    post: (_worker, message) => posted.push(message),
    broadcast: () => {},
    listen: (l) => listeners.push(l),
    hold: () => {},
    running: () => [],
    kill: async () => {},
    startAll: () => {},
    dispose: () => {},
  };
}

function setUp(profiles: ProfileSummary[], regions: string[]) {
  const posted: ToWorker[] = [];
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    defaultRegionMode: 'list',
    defaultRegions: regions,
    serviceMode: 'list',
    services: ['securityhub'],
  };
  // The last session's rows, as the app starts with them: alpha's account answered in us-east-1.
  const stored = [serviceRow('alpha', 'us-east-1', { accountId: '111111111111', state: 'on' })];
  const regionChecks = createRegionChecks(stored);
  const refresh = createPoolRefresh({
    pool: recordingPool(posted),
    workerOf: async () => 0,
    clients: { listProfiles: async () => ({ profiles, warnings: [], configFile: '', credentialsFile: '' }) },
    reload: async () => {},
    settings: () => settings,
    clock: () => new Date('2026-11-25T10:30:00.000Z'),
    emit: () => {},
    rows: { flush: () => {}, settle: async () => {} },
    knownAccounts: createKnownAccounts(stored),
    regionChecks,
  });
  return { posted, refresh };
}

const refreshes = (posted: ToWorker[]) =>
  posted.filter((m): m is Extract<ToWorker, { type: 'refresh' }> => m.type === 'refresh');

async function sent(posted: ToWorker[], rows: number) {
  for (let i = 0; i < 200 && refreshes(posted).reduce((n, m) => n + m.plans.length, 0) < rows; i++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  return refreshes(posted);
}

describe('a refresh as the main thread sends it to its workers', () => {
  it('tells the worker which account-regions have answered the service', async () => {
    const { posted, refresh } = setUp([profile('alpha'), profile('beta')], ['us-east-1', 'eu-west-1']);
    await refresh.start({ kind: 'all' });
    const [message, ...more] = await sent(posted, 4);
    expect(more).toEqual([]);
    expect(message?.known).toEqual([['alpha', '111111111111']]);
    // Only where the service answered: not alpha's other region, not beta (no account known).
    expect(message?.answered).toEqual([['securityhub', '111111111111', 'us-east-1']]);
  });

  it('sends a large share in parts of at most 1,000 rows, the later ones without a head start', async () => {
    const names = Array.from({ length: 1250 }, (_, i) => `p${i}`);
    const { posted, refresh } = setUp(names.map(profile), ['us-east-1', 'eu-west-1']);
    const started = await refresh.start({ kind: 'all' });
    expect(started.total).toBe(2500);
    const parts = await sent(posted, 2500);
    expect(parts.map((m) => m.plans.length)).toEqual([1000, 1000, 500]);
    expect(parts.map((m) => m.headStart)).toEqual([undefined, false, false]);
    const keys = parts.flatMap((m) => m.plans.map((p) => `${p.profile}/${p.region}`));
    expect(new Set(keys).size).toBe(2500);
  });
});
