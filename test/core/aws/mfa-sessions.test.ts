/** The MFA session cache on its own: one prompt per device, shared waits, renewal near expiry. */
import type { AwsCredentialIdentity } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { createMfaSessions } from '../../../main/core/aws/mfa-sessions';

const session = (expiresInMs: number, now: number, id = 'ASIA1'): AwsCredentialIdentity => ({
  accessKeyId: id,
  secretAccessKey: 's',
  sessionToken: 't',
  expiration: new Date(now + expiresInMs),
});

describe('createMfaSessions', () => {
  it('prompts once for concurrent requests on the same device and once per device', async () => {
    let now = 1_000_000;
    const prompts: string[] = [];
    const exchanges: string[] = [];
    const mfa = createMfaSessions({
      clock: () => now,
      promptCode: async (serial) => {
        prompts.push(serial);
        await new Promise((r) => setTimeout(r, 10));
        return '123456';
      },
    });
    const exchange = (serial: string) => async (code: string) => {
      exchanges.push(`${serial}:${code}`);
      return session(3_600_000, now, serial);
    };
    const results = await Promise.all([
      mfa.session('a', exchange('a')),
      mfa.session('a', exchange('a')),
      mfa.session('b', exchange('b')),
      mfa.session('a', exchange('a')),
    ]);
    expect(results.map((r) => r.accessKeyId)).toEqual(['a', 'a', 'b', 'a']);
    expect(prompts).toEqual(['a', 'b']);
    expect(exchanges).toEqual(['a:123456', 'b:123456']);
    // Still fresh later: no prompt.
    now += 30 * 60_000;
    await mfa.session('a', exchange('a'));
    expect(prompts).toEqual(['a', 'b']);
    // Within five minutes of expiry: a new prompt and a new session.
    now += 26 * 60_000;
    await mfa.session('a', exchange('a'));
    expect(prompts).toEqual(['a', 'b', 'a']);
  });

  it('shares a failure with everyone waiting, then asks again', async () => {
    let calls = 0;
    const mfa = createMfaSessions({
      promptCode: async () => {
        calls++;
        if (calls === 1) throw new Error('cancelled');
        return '234567';
      },
    });
    const exchange = async () => session(3_600_000, Date.now());
    const first = await Promise.allSettled([mfa.session('a', exchange), mfa.session('a', exchange)]);
    expect(first.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toBe(1);
    await expect(mfa.session('a', exchange)).resolves.toMatchObject({ accessKeyId: 'ASIA1' });
    expect(calls).toBe(2);
  });

  it('forgets a session whose exchange failed (a code AWS refused)', async () => {
    let exchanges = 0;
    const mfa = createMfaSessions({ promptCode: async () => '345678' });
    const exchange = async () => {
      exchanges++;
      if (exchanges === 1) throw new Error('AccessDenied');
      return session(3_600_000, Date.now());
    };
    await expect(mfa.session('a', exchange)).rejects.toThrow('AccessDenied');
    await expect(mfa.session('a', exchange)).resolves.toBeTruthy();
    expect(exchanges).toBe(2);
    mfa.clear();
    await mfa.session('a', exchange);
    expect(exchanges).toBe(3);
  });
});
