/**
 * The refresh benchmark run end to end on a tiny scenario: the script starts, its JSON has every
 * key with values that agree with each other and with the scenario. No timing bounds: performance
 * is what the benchmark itself measures, not what a test asserts.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serviceIds } from '../../main/core/services/registry';
import { runProcess } from '../helpers/run-process';
import { accountRegionReads, median } from './bench-figures';

const ROOT = path.resolve(__dirname, '../..');

describe('npm run bench on a tiny scenario', () => {
  it('prints the new keys with sane values', async () => {
    // 3 profiles on 2 accounts (the third reaches account 0 again), 2 regions, an administrator of
    // 3 members: 6 rows of each service (every one by default), 2 accounts × 2 regions read (the
    // shared account once).
    const args = ['--profiles', '3', '--accounts', '2', '--regions', '2', '--latency-ms', '0', '--admin-members', '3'];
    const run = await runProcess(
      process.execPath,
      ['--import', 'tsx', 'test/bench/refresh-bench.ts', ...args, '--sample', '1'],
      { cwd: ROOT, env: process.env, limitMs: 90_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    const services = serviceIds();
    const rows = 6 * services.length;
    expect(out).toMatchObject({ profiles: 3, accounts: 2, regions: 2, rows, failedRows: 0, services });
    // Today's keys stay.
    for (const key of ['wallMs', 'calls', 'cpuMs', 'floorMs', 'ratio', 'firstRowMs', 'speedup']) {
      expect(typeof out[key], key).toBe('number');
    }
    // The main loop's held spans and the most CPU the main thread used in one (none over 20 ms is 0).
    expect(out.mainLoopHeldSpans).toBeGreaterThanOrEqual(0);
    expect(out.mainLoopHeldMaxCpuMs).toBeGreaterThanOrEqual(0);
    if (out.mainLoopHeldSpans === 0) expect(out.mainLoopHeldMaxCpuMs).toBe(0);
    const calls = out.calls as number;
    expect(out.callsPerRow).toBeCloseTo(calls / rows, 2);
    // Each service's rows and the calls signed for it; STS is shared, so the services' calls are fewer.
    const byService = out.byService as Record<string, { rows: number; calls: number; readsPerAccountRegion: number }>;
    expect(Object.keys(byService)).toEqual(services);
    for (const id of services) expect(byService[id], id).toMatchObject({ rows: 6, readsPerAccountRegion: 1 });
    const serviceCalls = services.reduce((sum, id) => sum + (byService[id]?.calls ?? 0), 0);
    expect(serviceCalls).toBeGreaterThan(0);
    expect(serviceCalls).toBeLessThan(calls);
    expect(out.readsPerAccountRegion).toBe(1);
    expect(out.accountRegionsRead).toBe(4);
    expect(Object.values(out.readsByOperation as Record<string, number>).every((n) => n === 1)).toBe(true);
    // A Node process with the SDK loaded holds tens of MB; far more would be the whole machine's.
    expect(out.peakRssMb).toBeGreaterThan(20);
    expect(out.peakRssMb).toBeLessThan(4096);
    // At least the write at the end of the refresh, and a median no larger than the maximum.
    expect(out.snapshotWrites).toBeGreaterThanOrEqual(1);
    expect(out.snapshotWriteMaxMs).toBeGreaterThanOrEqual(out.snapshotWriteMedianMs as number);
    expect(out.snapshotWriteMedianMs).toBeGreaterThanOrEqual(0);
  }, 120_000);
});

describe('reads per account-region', () => {
  const entry = (operation: string, accountId: string, region: string, status = 200, nextPage = false) => ({
    service: 'securityhub',
    operation,
    accountId,
    region,
    status,
    nextPage,
  });

  it('counts the most reads of one operation in one account-region, not retries or further pages', () => {
    const log = [
      entry('ListMembers', 'a', 'r1'),
      entry('ListMembers', 'a', 'r1', 429),
      entry('ListMembers', 'a', 'r1', 200, true),
      entry('GetAdministratorAccount', 'a', 'r1', 400),
      entry('ListInvitations', 'b', 'r1'),
      entry('ListInvitations', 'b', 'r1'),
      entry('AcceptAdministratorInvitation', 'b', 'r1'),
      entry('AcceptAdministratorInvitation', 'b', 'r1'),
      entry('AcceptAdministratorInvitation', 'b', 'r1'),
      { ...entry('GetCallerIdentity', 'a', 'r1'), service: 'sts' },
      { ...entry('GetCallerIdentity', 'a', 'r1'), service: 'sts' },
      { ...entry('GetCallerIdentity', 'a', 'r1'), service: 'sts' },
    ];
    expect(accountRegionReads(log)).toEqual({
      max: 2,
      byOperation: { ListMembers: 1, GetAdministratorAccount: 1, ListInvitations: 2 },
      accountRegions: 2,
    });
    expect(accountRegionReads([]).max).toBe(0);
  });

  it('takes the middle value for the median', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
