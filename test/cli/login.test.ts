/**
 * `login` and `logout` as a user runs them, against the emulator (which approves sign-ins at once in
 * the demo scenario): the device flow, the browser flow with --no-browser (the printed link opened
 * by the test, as a person would), the token the AWS CLI's cache then holds, and logout.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headless } from '../../main/cli/commands/login';
import { type CliFixture, startCliFixture } from '../helpers/cli-process';
import { runProcess } from '../helpers/run-process';

let fixture: CliFixture;
beforeAll(async () => {
  fixture = await startCliFixture('shi-cli-login-');
});
afterAll(() => fixture?.close());

const tokenPath = (name: string) =>
  path.join(fixture.env.HOME!, '.aws', 'sso', 'cache', `${createHash('sha1').update(name).digest('hex')}.json`);

describe('login and logout', () => {
  it('signs an expired session in with a code, and status then reads its rows', async () => {
    const before = await fixture.cli('status', '--profile', 'sso-signed-out', '--region', 'us-east-1');
    expect(before.code).toBe(1);
    const login = await fixture.cli('login', '--sso-session', 'expired-session', '--use-device-code', '--no-browser');
    expect(login.code).toBe(0);
    expect(login.stderr).toMatch(/confirm this code: [A-Z]{4}-[A-Z]{4}/);
    expect(login.stdout).toMatch(
      /^Signed in to sso-session expired-session until \S+: 1 profile \(sso-signed-out\)\.\n$/,
    );
    const after = await fixture.cli('status', '--profile', 'sso-signed-out', '--region', 'us-east-1');
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('888888888888');
  }, 60_000);

  it('signs in through the browser flow with --no-browser: the link is printed, opening it finishes', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'main/cli/main.ts', 'login', '--profile', 'sso-signed-out', '--no-browser', '--json'],
      // A desktop session (DISPLAY set): without one the command line signs in with a code.
      { cwd: path.resolve(__dirname, '../..'), env: { ...fixture.env, DISPLAY: ':0' } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    const link = new Promise<string>((resolve) => {
      child.stderr.on('data', (d) => {
        stderr += d;
        const found = /http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+/.exec(stderr);
        if (found) resolve(found[0]);
      });
    });
    const code = new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? -1)));
    const url = await link;
    expect(stderr).toContain('Open this link in a browser on this computer');
    // The "browser": the emulator's page redirects to the command's loopback server.
    await fetch(url);
    expect(await code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ ssoSession: 'expired-session', profiles: ['sso-signed-out'] });
  }, 60_000);

  it.runIf(process.platform === 'linux')(
    'without a display: prints the link and the code, tries a browser, and says it did not open',
    async () => {
      // xdg-open on a server without a display: "no method available", exit status 3.
      const bin = await mkdtemp(path.join(tmpdir(), 'shi-xdg-'));
      const record = path.join(bin, 'opened.txt');
      await writeFile(path.join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" >> '${record}'\nexit 3\n`);
      await chmod(path.join(bin, 'xdg-open'), 0o755);
      const env: NodeJS.ProcessEnv = { ...fixture.env, PATH: `${bin}:${fixture.env.PATH}` };
      delete env.DISPLAY;
      delete env.WAYLAND_DISPLAY;
      const login = await runProcess(
        process.execPath,
        ['--import', 'tsx', 'main/cli/main.ts', 'login', '--sso-session', 'expired-session'],
        { cwd: path.resolve(__dirname, '../..'), env, limitMs: 60_000 },
      );
      expect(login.status).toBe(0);
      const link = /https:\/\/d-90670emul8\.awsapps\.com\/start\/#\/device\?user_code=([A-Z]{4}-[A-Z]{4})/.exec(
        login.stderr,
      );
      expect(link, login.stderr).not.toBeNull();
      expect(login.stderr).toContain(`confirm this code: ${link?.[1]}`);
      expect(login.stderr).toContain('No browser could be opened here');
      expect(await readFile(record, 'utf8')).toBe(`${link?.[0]}\n`);
      await rm(bin, { recursive: true, force: true });
    },
    60_000,
  );

  it('signs in with a code by default where no display is (Linux without DISPLAY / WAYLAND_DISPLAY)', async () => {
    const env = { ...fixture.env };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    expect(headless(env, 'linux')).toBe(true);
    expect(headless({ ...env, WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(false);
    expect(headless(env, 'darwin')).toBe(false);
    expect(headless(env, 'win32')).toBe(false);
  });

  it('logout removes the token and ends the portal session', async () => {
    expect(existsSync(tokenPath('expired-session'))).toBe(true);
    fixture.emulator.clearLog();
    const out = await fixture.cli('logout', '--sso-session', 'expired-session');
    expect(out.code).toBe(0);
    expect(out.stdout).toBe('Signed out of sso-session expired-session.\n');
    expect(existsSync(tokenPath('expired-session'))).toBe(false);
    expect(fixture.emulator.requestLog().some((e) => e.operation === 'Logout' && e.status === 200)).toBe(true);
    const again = await fixture.cli('logout', '--sso-session', 'expired-session');
    expect(again.stdout).toContain('nothing to remove');
  }, 60_000);

  it('refuses a login that names both or neither of --sso-session and --profile (usage, exit 2)', async () => {
    expect((await fixture.cli('login')).code).toBe(2);
    expect((await fixture.cli('login', '--sso-session', 'a', '--profile', 'b')).code).toBe(2);
    const missing = await fixture.cli('login', '--sso-session', 'no-such-session', '--use-device-code');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('There is no [sso-session no-such-session] section');
  }, 60_000);
});
