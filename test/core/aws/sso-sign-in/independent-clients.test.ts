/**
 * The token cache is really shared: botocore (an independent implementation, Debian's
 * python3-botocore in CI) uses the token the app wrote, and the app picks up a token written by
 * another process in the AWS CLI's format while it runs, without a restart.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenFileName } from '../../../../main/core/aws/sso-sign-in/cache';
import { control, type Kit, PORTAL, recorder, signInNow, startKit, whoIs } from './kit';

const run = promisify(execFile);
const SCRIPT = path.join(import.meta.dirname, 'botocore_client.py');

let kit: Kit;
beforeAll(async () => {
  kit = await startKit();
});
afterAll(() => kit?.close());

describe('a token the app wrote', () => {
  it('is used by botocore: SSOTokenProvider loads it, the portal and STS accept it', async () => {
    const ports = recorder();
    const done = signInNow(kit, { ssoSession: 'expired-session' }, { flow: 'browser', openBrowser: true }, ports);
    await ports.waiting;
    await new Promise((r) => setTimeout(r, 50));
    await control(kit, 'approve');
    const result = await done;
    const { stdout } = await run('python3', [SCRIPT, 'sso-signed-out', kit.emu.url], {
      env: { PATH: process.env.PATH, HOME: kit.env.HOME, AWS_CONFIG_FILE: kit.env.AWS_CONFIG_FILE },
    });
    const answer = JSON.parse(stdout.trim()) as { botocore: string; account: string; expiration: string };
    expect(answer.account).toBe('888888888888');
    // The same expiry, to the second (the AWS CLI's format has no milliseconds).
    expect(Math.abs(Date.parse(answer.expiration) - Date.parse(result.expiresAt))).toBeLessThan(1000);
    expect(kit.emu.requestLog().some((e) => e.operation === 'GetRoleCredentials' && e.status === 200)).toBe(true);
  }, 30_000);
});

describe('a token another process wrote while the app runs', () => {
  it('is picked up at the next read', async () => {
    // A new sign-in the way the AWS CLI leaves it: its own registration and token, in its format.
    const ports = recorder();
    const done = signInNow(kit, { ssoSession: 'demo' }, { flow: 'device-code', openBrowser: false }, ports);
    await ports.waiting;
    await control(kit, 'approve');
    await done;
    const file = path.join(kit.cacheDir, tokenFileName({ ssoSession: 'expired-session', startUrl: PORTAL }));
    // Signed out: an expired token in the file.
    await writeFile(
      file,
      JSON.stringify({
        startUrl: PORTAL,
        region: 'us-east-1',
        accessToken: 'expired',
        expiresAt: '2020-01-01T00:00:00Z',
      }),
    );
    await expect(whoIs(kit, 'sso-signed-out')).rejects.toThrow();
    // Another process signs in (here: Python, writing what botocore's SSOTokenFetcher writes).
    const demoToken = JSON.parse(
      await readFile(path.join(kit.cacheDir, tokenFileName({ ssoSession: 'demo', startUrl: PORTAL })), 'utf8'),
    );
    await run(
      'python3',
      [
        '-c',
        'import json,sys,datetime\n' +
          'd=datetime.datetime.now(datetime.timezone.utc)+datetime.timedelta(hours=1)\n' +
          'open(sys.argv[1],"w").write(json.dumps({"startUrl":sys.argv[2],"region":"us-east-1","accessToken":sys.argv[3],"expiresAt":d.strftime("%Y-%m-%dT%H:%M:%SZ")}))',
        file,
        PORTAL,
        demoToken.accessToken,
      ],
      { env: { PATH: process.env.PATH } },
    );
    expect(await whoIs(kit, 'sso-signed-out')).toBe('888888888888');
  }, 30_000);
});
