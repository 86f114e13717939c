/**
 * Sign-in answers that are broken or hostile, through the real SSO-OIDC client and the emulator:
 * a cached registration IAM Identity Center no longer accepts (dropped and made again), a poll
 * interval of 0 and an authorization that claims to last for decades (the interval floored at 5 s,
 * the wait capped), a redirect that arrives before the browser-open call returns, and the loopback
 * page's answer to a redirect whose state is wrong or missing.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registrationFileName } from '../../../../main/core/aws/sso-sign-in/cache';
import { openLoopback } from '../../../../main/core/aws/sso-sign-in/loopback';
import { signInTarget } from '../../../../main/core/aws/sso-sign-in/targets';
import { AppErrorException } from '../../../../main/domain/errors';
import { control, type Kit, recorder, signInNow, startKit } from './kit';

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

const calls = () => kit.emu.requestLog().map((e) => `${e.operation} ${e.errorCode ?? e.status}`);

async function cachedClientId(session: string): Promise<string> {
  const target = signInTarget({ ssoSession: session }, await kit.clients.loadedProfiles());
  const file = path.join(kit.cacheDir, registrationFileName(target));
  return JSON.parse(await readFile(file, 'utf8')).clientId;
}

describe('a cached registration IAM Identity Center refuses', () => {
  it('is dropped and made again: the device sign-in goes on without the user noticing', async () => {
    const first = recorder();
    const signedIn = signInNow(kit, { ssoSession: 'demo' }, { flow: 'device-code', openBrowser: false }, first);
    await first.waiting;
    await control(kit, 'approve');
    await signedIn;
    const before = await cachedClientId('demo');
    // The instance forgot every client (recreated, or the registration revoked): InvalidClientException.
    kit.emu.signIn().clients.clear();
    kit.emu.clearLog();
    const ports = recorder();
    const again = signInNow(kit, { ssoSession: 'demo' }, { flow: 'device-code', openBrowser: false }, ports);
    await ports.waiting;
    await control(kit, 'approve');
    const result = await again;
    expect(result.registrationReused).toBe(false);
    expect(calls().slice(0, 3)).toEqual([
      'StartDeviceAuthorization InvalidClientException',
      'RegisterClient 200',
      'StartDeviceAuthorization 200',
    ]);
    const after = await cachedClientId('demo');
    expect(after).not.toBe(before);
    expect(kit.emu.signIn().clients.has(after)).toBe(true);
  });

  it('is dropped and made again when CreateToken refuses it after the browser step', async () => {
    kit.emu.signIn().settings.autoApprove = true;
    const warm = recorder();
    await signInNow(kit, { ssoSession: 'expired-session' }, { flow: 'browser', openBrowser: true }, warm);
    let opens = 0;
    const ports = recorder({
      browser: async (url) => {
        opens++;
        if (opens > 1) return void (await fetch(url));
        // The page approves and redirects; the registration is revoked before the code is exchanged.
        const answer = await fetch(url, { redirect: 'manual' });
        kit.emu.signIn().clients.clear();
        await fetch(answer.headers.get('location')!);
      },
    });
    kit.emu.clearLog();
    const result = await signInNow(
      kit,
      { ssoSession: 'expired-session' },
      { flow: 'browser', openBrowser: true },
      ports,
    );
    expect(result.registrationReused).toBe(false);
    expect(opens).toBe(2);
    expect(calls()).toContain('CreateToken InvalidClientException');
    expect(kit.emu.signIn().clients.has(await cachedClientId('expired-session'))).toBe(true);
  });
});

describe('the code flow’s timing', () => {
  it('waits at least 5 s between polls when the server says 0 (AWS’s default interval)', async () => {
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
    await new Promise((r) => setTimeout(r, 50));
    abort.abort();
    await done.catch(() => undefined);
    expect(ports.sleeps.length).toBeGreaterThan(0);
    expect(Math.min(...ports.sleeps)).toBe(5000);
  });

  it('waits no longer than 15 minutes for a code the server says lasts 30 years', async () => {
    kit.emu.signIn().settings.deviceCodeSeconds = 30 * 365 * 86_400;
    const ports = recorder();
    const abort = new AbortController();
    const started = Date.now();
    const done = signInNow(
      kit,
      { ssoSession: 'demo' },
      { flow: 'device-code', openBrowser: false },
      ports,
      abort.signal,
    );
    const pending = await ports.waiting;
    abort.abort();
    await done.catch(() => undefined);
    if (pending.flow !== 'device-code') throw new Error('not a code sign-in');
    expect(Date.parse(pending.expiresAt) - started).toBeLessThanOrEqual(15 * 60_000 + 1000);
    expect(Date.parse(pending.expiresAt) - started).toBeGreaterThanOrEqual(15 * 60_000 - 1000);
  });
});

describe('the browser flow’s redirect', () => {
  it('is taken when it arrives before the call that opened the browser returns', async () => {
    kit.emu.signIn().settings.autoApprove = true;
    // This browser answers at once and the opener returns only after the redirect was served.
    const ports = recorder();
    ports.openBrowser = async (url) => {
      await fetch(url);
      return true;
    };
    const result = await signInNow(
      kit,
      { ssoSession: 'expired-session' },
      { flow: 'browser', openBrowser: true, browserTimeoutMs: 5000 },
      ports,
    );
    expect(result.flow).toBe('browser');
  });

  it('says the sign-in failed, and why, on a wrong or missing state; "Signed in" only on the right one', async () => {
    const loopback = await openLoopback('the-state');
    try {
      const code = loopback.code(5000, new AbortController().signal).catch((error: unknown) => error);
      const page = (query: string) => fetch(`${loopback.redirectUri}?${query}`).then((r) => r.text());
      for (const query of ['code=forged&state=not-ours', 'code=forged']) {
        const text = await page(query);
        expect(text, query).not.toMatch(/Signed in/);
        expect(text, query).toMatch(/Sign-in failed/);
        expect(text, query).toMatch(/did not come from the sign-in this app started/);
      }
      expect(await page('error=access_denied&state=the-state')).toMatch(/denied/);
      expect(await code).toBeInstanceOf(AppErrorException);
    } finally {
      loopback.close();
    }
    const next = await openLoopback('state-2');
    try {
      const code = next.code(5000, new AbortController().signal);
      const text = await fetch(`${next.redirectUri}?code=good&state=state-2`).then((r) => r.text());
      expect(text).toMatch(/Signed in/);
      expect(await code).toBe('good');
    } finally {
      next.close();
    }
  });
});
