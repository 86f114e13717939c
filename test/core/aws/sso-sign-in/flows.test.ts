/**
 * Signing in through the real SSO-OIDC client against the emulator: both flows for an sso-session
 * and for a legacy profile, the registration reused by a second sign-in, denial, cancel, expiry,
 * slow_down, the state check, and the written token accepted by the SDK's own SSO provider.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registrationFileName, tokenFileName } from '../../../../main/core/aws/sso-sign-in/cache';
import { parseScopes } from '../../../../main/core/aws/sso-sign-in/targets';
import { AppErrorException } from '../../../../main/domain/errors';
import { control, type Kit, LEGACY, PORTAL, recorder, signInNow, startKit, tokenFile, whoIs } from './kit';

let kit: Kit;
beforeAll(async () => {
  kit = await startKit();
});
afterAll(() => kit?.close());
beforeEach(() => {
  kit.emu.signIn().settings = {
    ...kit.emu.signIn().settings,
    autoApprove: false,
    intervalSeconds: 0,
    deviceCodeSeconds: 600,
  };
  kit.emu.clearLog();
});

const operations = () => kit.emu.requestLog().map((e) => e.operation);
const kindOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (error) {
    if (error instanceof AppErrorException) return error.appError.kind;
    throw error;
  }
  return 'no error';
};

describe('the device code flow', () => {
  it('signs an expired sso-session in: code shown, approved, token in the AWS CLI format, rows unlocked', async () => {
    await expect(whoIs(kit, 'sso-signed-out')).rejects.toThrow();
    const ports = recorder();
    const done = signInNow(kit, { ssoSession: 'expired-session' }, { flow: 'device-code', openBrowser: false }, ports);
    const pending = await ports.waiting;
    expect(pending.flow).toBe('device-code');
    if (pending.flow !== 'device-code') return;
    expect(pending.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(pending.verificationUriComplete).toContain(pending.userCode);
    expect(ports.opened).toHaveLength(0);
    // Polled while pending, without waiting (the emulator answers interval 0 here).
    await new Promise((r) => setTimeout(r, 50));
    expect((await control(kit, 'approve', pending.userCode)).answered).toBe(1);
    const result = await done;
    expect(result).toMatchObject({ ssoSession: 'expired-session', profiles: ['sso-signed-out'], flow: 'device-code' });
    const token = await tokenFile(kit, { ssoSession: 'expired-session', startUrl: PORTAL });
    expect(Object.keys(token)).toEqual([
      'startUrl',
      'region',
      'accessToken',
      'expiresAt',
      'clientId',
      'clientSecret',
      'registrationExpiresAt',
      'refreshToken',
    ]);
    expect(token.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(token.startUrl).toBe(PORTAL);
    expect(operations()).toEqual(expect.arrayContaining(['RegisterClient', 'StartDeviceAuthorization', 'CreateToken']));
    expect(operations().filter((o) => o === 'CreateToken').length).toBeGreaterThan(1);
    const file = path.join(kit.cacheDir, tokenFileName({ ssoSession: 'expired-session', startUrl: PORTAL }));
    expect((await stat(file)).mode & 0o077).toBe(0);
    expect(await whoIs(kit, 'sso-signed-out')).toBe('888888888888');
  });

  it('a second sign-in reuses the cached registration (no RegisterClient)', async () => {
    const ports = recorder();
    const done = signInNow(kit, { ssoSession: 'expired-session' }, { flow: 'device-code', openBrowser: false }, ports);
    await ports.waiting;
    await control(kit, 'approve');
    const result = await done;
    expect(result.registrationReused).toBe(true);
    expect(operations()).not.toContain('RegisterClient');
  });

  it('a denial ends the sign-in as access-denied and leaves no token', async () => {
    const ports = recorder();
    const done = signInNow(kit, { ssoSession: 'demo' }, { flow: 'device-code', openBrowser: false }, ports);
    await ports.waiting;
    await control(kit, 'deny');
    expect(await kindOf(done)).toBe('access-denied');
  });

  it('cancel stops the polling', async () => {
    const ports = recorder();
    const abort = new AbortController();
    const done = signInNow(
      kit,
      { ssoSession: 'demo' },
      { flow: 'device-code', openBrowser: false },
      ports,
      abort.signal,
    );
    await ports.waiting;
    abort.abort();
    expect(await kindOf(done)).toBe('cancelled');
    const polls = operations().filter((o) => o === 'CreateToken').length;
    await new Promise((r) => setTimeout(r, 100));
    expect(operations().filter((o) => o === 'CreateToken').length).toBe(polls);
  });

  it('an authorization never answered expires (ExpiredTokenException)', async () => {
    kit.emu.signIn().settings.deviceCodeSeconds = 1;
    const ports = recorder();
    const started = Date.now();
    const done = signInNow(kit, { ssoSession: 'demo' }, { flow: 'device-code', openBrowser: false }, ports);
    expect(await kindOf(done)).toBe('sign-in-needed');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('honours slow_down: 5 s more per SlowDownException', async () => {
    kit.emu.signIn().settings.intervalSeconds = 1;
    // The app waits at least 5 s (flows.ts MIN_INTERVAL_S); sleeps here last 0.12 of what is asked:
    // 5 s → 600 ms is too fast for the emulator's 1 s, 10 s → 1.2 s is not.
    const ports = recorder({ sleepScale: 0.12 });
    const done = signInNow(kit, { ssoSession: 'demo' }, { flow: 'device-code', openBrowser: false }, ports);
    await ports.waiting;
    await new Promise((r) => setTimeout(r, 1600));
    await control(kit, 'approve');
    await done;
    expect(ports.sleeps.slice(0, 2)).toEqual([5000, 10000]);
    expect(kit.emu.requestLog().some((e) => e.errorCode === 'SlowDownException')).toBe(true);
  }, 15_000);

  it('signs a legacy profile in: token under sha1 of the start URL, no refresh token without scopes', async () => {
    const ports = recorder();
    const done = signInNow(kit, { profile: LEGACY }, { flow: 'device-code', openBrowser: true }, ports);
    await ports.waiting;
    expect(ports.opened[0]?.allowedOrigins).toEqual([new URL(kit.emu.url).origin, new URL(PORTAL).origin]);
    await control(kit, 'approve');
    const result = await done;
    expect(result).toMatchObject({ ssoSession: null, label: `profile ${LEGACY}` });
    const token = await tokenFile(kit, { ssoSession: null, startUrl: PORTAL });
    expect(token.refreshToken).toBeUndefined();
    expect(await whoIs(kit, LEGACY)).toBe('888888888888');
  });
});

describe('the browser flow (authorization code with PKCE)', () => {
  it('signs an sso-session in through /authorize and the loopback redirect', async () => {
    const ports = recorder();
    const done = signInNow(kit, { ssoSession: 'expired-session' }, { flow: 'browser', openBrowser: true }, ports);
    const pending = await ports.waiting;
    expect(pending).toMatchObject({ flow: 'browser', opened: true });
    const url = new URL(ports.opened[0]!.url);
    expect(url.pathname).toBe('/authorize');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    expect(url.searchParams.get('scopes')).toBe('sso:account:access');
    await new Promise((r) => setTimeout(r, 50));
    expect((await control(kit, 'approve')).answered).toBe(1);
    const result = await done;
    expect(result.flow).toBe('browser');
    const token = await tokenFile(kit, { ssoSession: 'expired-session', startUrl: PORTAL });
    expect(typeof token.refreshToken).toBe('string');
    expect(await whoIs(kit, 'sso-signed-out')).toBe('888888888888');
    // A device-flow registration does not serve the browser flow: a new one was made, with its grant types.
    expect(operations()).toContain('RegisterClient');
  });

  it('reuses the browser registration the second time', async () => {
    const ports = recorder();
    const done = signInNow(kit, { ssoSession: 'expired-session' }, { flow: 'browser', openBrowser: true }, ports);
    await ports.waiting;
    await new Promise((r) => setTimeout(r, 50));
    await control(kit, 'approve');
    expect((await done).registrationReused).toBe(true);
  });

  it('ignores a redirect with another state, then takes the real one', async () => {
    const ports = recorder({
      browser: async (url) => {
        const redirect = new URL(url).searchParams.get('redirect_uri')!;
        await fetch(`${redirect}?code=forged&state=not-ours`);
        await fetch(url);
      },
    });
    const done = signInNow(kit, { profile: LEGACY }, { flow: 'browser', openBrowser: true }, ports);
    await ports.waiting;
    await new Promise((r) => setTimeout(r, 100));
    await control(kit, 'approve');
    expect((await done).ssoSession).toBeNull();
    expect(operations().filter((o) => o === 'CreateToken')).toHaveLength(1);
  });

  it('a denial in the browser ends it as access-denied', async () => {
    const ports = recorder();
    const done = signInNow(kit, { ssoSession: 'demo' }, { flow: 'browser', openBrowser: true }, ports);
    await ports.waiting;
    await new Promise((r) => setTimeout(r, 50));
    await control(kit, 'deny');
    expect(await kindOf(done)).toBe('access-denied');
  });

  it('times out when the browser never comes back, and can be cancelled', async () => {
    const never = recorder({ browser: async () => undefined });
    const timedOut = signInNow(
      kit,
      { ssoSession: 'demo' },
      { flow: 'browser', openBrowser: true, browserTimeoutMs: 200 },
      never,
    );
    expect(await kindOf(timedOut)).toBe('timeout');
    const ports = recorder();
    const abort = new AbortController();
    const done = signInNow(kit, { ssoSession: 'demo' }, { flow: 'browser', openBrowser: true }, ports, abort.signal);
    await ports.waiting;
    abort.abort();
    expect(await kindOf(done)).toBe('cancelled');
  });
});

describe('refresh', () => {
  it("the SDK refreshes the app's token with its refresh token and registration when it is about to expire", async () => {
    const ports = recorder();
    // A session of its own: the SDK tries a refresh at most once per 30 s per session name.
    const done = signInNow(kit, { ssoSession: 'demo' }, { flow: 'device-code', openBrowser: false }, ports);
    await ports.waiting;
    await control(kit, 'approve');
    await done;
    const file = path.join(kit.cacheDir, tokenFileName({ ssoSession: 'demo', startUrl: PORTAL }));
    const before = JSON.parse(await readFile(file, 'utf8'));
    expect(typeof before.refreshToken).toBe('string');
    // Two minutes left: inside the SDK's 5-minute refresh window.
    await writeFile(file, JSON.stringify({ ...before, expiresAt: new Date(Date.now() + 120_000).toISOString() }));
    kit.emu.clearLog();
    expect(await whoIs(kit, 'sso-dev')).toBe('888888888888');
    const refreshes = kit.emu.requestLog().filter((e) => e.operation === 'CreateToken');
    expect(refreshes.map((e) => e.status)).toEqual([200]);
    const after = JSON.parse(await readFile(file, 'utf8'));
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
  });
});

describe('the registration cache key', () => {
  it('is the sha1 of the AWS CLI JSON of tool, startUrl, region, scopes and session name', () => {
    // sha1 of '{"region": "us-east-1", "scopes": ["sso:account:access"], "session_name": "corp", "startUrl": "https://x.awsapps.com/start", "tool": "botocore"}'
    const name = registrationFileName({
      ssoSession: 'corp',
      startUrl: 'https://x.awsapps.com/start',
      region: 'us-east-1',
      scopes: parseScopes(' sso:account:access, '),
    });
    // Both expected names computed with Python's json.dumps(args, sort_keys=True) and hashlib.sha1.
    expect(name).toBe('e173644131d87ff3f3e6897e57a268cebb864c06.json');
    const legacy = registrationFileName({
      ssoSession: null,
      startUrl: 'https://x.awsapps.com/start/é',
      region: 'us-east-1',
      scopes: null,
    });
    expect(legacy).toBe('e2527b4431a6921ac28c8bec7e1023f49565d9fe.json');
  });
});
