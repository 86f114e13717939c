import { GetAdministratorAccountCommand, ListInvitationsCommand } from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handleControl } from './control';
import { NO_FAULTS } from './faults';
import { type RunningEmulator, startEmulator } from './index';
import { demoScenario, failure, securityHub, sts } from './test-kit';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ faults: { latencyMs: 0 } });
});
afterAll(() => emu.stop());
beforeEach(() => {
  emu.setFaults(NO_FAULTS);
  emu.clearLog();
});

const call = (profile = 'admin', region = 'us-east-1') =>
  securityHub(emu, profile, region).send(new GetAdministratorAccountCommand({}));

describe('faults', () => {
  it('adds fixed latency, and jitter within its bound', async () => {
    emu.setFaults({ latencyMs: 150 });
    let t = performance.now();
    await call();
    expect(performance.now() - t).toBeGreaterThanOrEqual(145);
    emu.setFaults({ latencyMs: 0, latencyJitterMs: 60 });
    t = performance.now();
    await call();
    expect(performance.now() - t).toBeLessThan(1000);
    emu.setFaults({ latencyJitterMs: 0 });
    t = performance.now();
    await call();
    expect(performance.now() - t).toBeLessThan(100);
  });

  it('throttles per account-region with a 10/s bucket of burst 30', async () => {
    emu.setFaults({ throttling: true });
    const client = securityHub(emu, 'admin');
    const results = await Promise.allSettled(
      Array.from({ length: 45 }, () => client.send(new GetAdministratorAccountCommand({}))),
    );
    const throttled = results.filter((r) => r.status === 'rejected');
    expect(throttled.length).toBeGreaterThanOrEqual(10);
    expect(throttled.length).toBeLessThanOrEqual(15);
    const reason = (throttled[0] as PromiseRejectedResult).reason as Error & { $metadata: { httpStatusCode: number } };
    expect(reason.name).toBe('TooManyRequestsException');
    expect(reason.$metadata.httpStatusCode).toBe(429);
    // Another region of the same account and another account have their own buckets.
    await call('admin', 'eu-west-1');
    await call('member-pending');
    // The bucket refills at 10 tokens a second.
    await new Promise((r) => setTimeout(r, 250));
    await call();
  });

  it('forces 429s at the configured rate', async () => {
    emu.setFaults({ throttleRate: 1 });
    expect((await failure(() => call())).name).toBe('TooManyRequestsException');
  });

  it('forces 429s in the chosen regions only', async () => {
    emu.setFaults({ throttleRate: 1, throttleRegions: ['eu-west-1'] });
    expect((await failure(() => call('admin', 'eu-west-1'))).name).toBe('TooManyRequestsException');
    await call('admin', 'us-east-1');
  });

  it('answers InternalException 500 at the configured rate (STS: InternalFailure)', async () => {
    emu.setFaults({ errorRate: 1 });
    const error = await failure(() => call());
    expect(error.name).toBe('InternalException');
    expect(error.$metadata?.httpStatusCode).toBe(500);
    expect((await failure(() => sts(emu, 'admin').send(new GetCallerIdentityCommand({})))).name).toBe(
      'InternalFailure',
    );
    emu.setFaults({ errorRate: 0.5 });
    const results = await Promise.allSettled(Array.from({ length: 60 }, () => call('member-pending')));
    const failed = results.filter((r) => r.status === 'rejected').length;
    expect(failed).toBeGreaterThan(10);
    expect(failed).toBeLessThan(50);
  });

  it('drops connections at the configured rate, and logs them with status 0', async () => {
    emu.setFaults({ dropRate: 1 });
    const error = await failure(() => call());
    expect(error.name).not.toBe('AccessDeniedException');
    expect(emu.requestLog().at(-1)).toMatchObject({
      operation: 'GetAdministratorAccount',
      status: 0,
      accountId: '111111111111',
    });
  });

  it('refuses invalid fault settings', () => {
    expect(() => emu.setFaults({ errorRate: 2 })).toThrow();
    expect(() => emu.setFaults({ latencyMs: -1 })).toThrow();
  });
});

describe('control API', () => {
  const control = (path: string, init?: RequestInit) => fetch(`${emu.url}/__emulator/${path}`, init);

  it('GET state, POST faults, GET and DELETE log', async () => {
    await call('member-pending');
    const log = (await (await control('log')).json()) as { operation: string; accountId: string; service: string }[];
    expect(log.at(-1)).toMatchObject({
      service: 'securityhub',
      operation: 'GetAdministratorAccount',
      accountId: '222222222222',
      region: 'us-east-1',
      status: 200,
      errorCode: null,
    });
    expect((await control('log', { method: 'DELETE' })).status).toBe(200);
    expect(await (await control('log')).json()).toEqual([]);

    const faults = await control('faults', { method: 'POST', body: JSON.stringify({ throttleRate: 1 }) });
    expect(((await faults.json()) as { throttleRate: number }).throttleRate).toBe(1);
    expect((await failure(() => call())).name).toBe('TooManyRequestsException');
    const bad = await control('faults', { method: 'POST', body: JSON.stringify({ dropRate: 'lots' }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('dropRate');

    const state = (await (await control('state')).json()) as { accounts: { id: string }[] };
    expect(state.accounts.map((a) => a.id)).toContain('555555555555');
    expect(JSON.stringify(state)).not.toContain(demoScenario().principals[0]!.secretAccessKey);
  });

  it('answers loopback clients only', () => {
    let status = 0;
    const res = {
      writeHead: (s: number) => {
        status = s;
      },
      end: () => undefined,
    };
    const req = { method: 'GET', socket: { remoteAddress: '10.1.2.3' } };
    handleControl(req as never, res as never, '/__emulator/state', Buffer.alloc(0), {} as never);
    expect(status).toBe(403);
  });

  it('POST scenario loads a new world; a malformed one is refused naming the field', async () => {
    const s = demoScenario();
    s.administrators = [];
    const ok = await control('scenario', { method: 'POST', body: JSON.stringify(s) });
    expect(ok.status).toBe(200);
    const invitations = await securityHub(emu, 'member-pending').send(new ListInvitationsCommand({}));
    expect(invitations.Invitations).toEqual([]);
    const broken = demoScenario() as unknown as { accounts: { id: string }[] };
    broken.accounts[2]!.id = '33';
    const refused = await control('scenario', { method: 'POST', body: JSON.stringify(broken) });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toContain('accounts.2.id');
    emu.loadScenario(demoScenario());
  });
});
