/**
 * The SSO token cache as the credential chain reads and refreshes it, with real files:
 * - a FIFO at a token's path is refused with a row error naming the file, and does not take one of
 *   Node's file threads with it: the backend (and anything else using them) keeps answering after
 *   many refreshes — before, each read blocked a thread for good and the fifth refresh hung;
 * - a refreshed token is written whole (temp file + rename), owner-only (0600), in an owner-only
 *   folder (0700): a token file that was a symbolic link is replaced by a regular file and its target
 *   left as it was, a 0644 file becomes 0600, a 0755 folder becomes 0700.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceRow } from '../../../main/domain/row';
import { DEMO_SCENARIO_PATH, parseScenario } from '../../emulator/index';
import { type Harness, startHarness } from '../harness';

let h: Harness;
let cacheDir: string;
const tokenPath = (session: string) => path.join(cacheDir, `${createHash('sha1').update(session).digest('hex')}.json`);

/** Unblocks readers a FIFO may hold (the code before the fix left some): a writer opens and closes it. */
function releaseFifo(file: string) {
  try {
    fs.closeSync(fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
  } catch {
    // No reader waits on it.
  }
}

function within<T>(ms: number, work: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    work,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms)),
  ]);
}

beforeAll(async () => {
  const scenario = JSON.parse(fs.readFileSync(DEMO_SCENARIO_PATH, 'utf8'));
  const demo = scenario.ssoSessions.find((s: { name: string }) => s.name === 'demo');
  const sso = scenario.profiles.find((p: { name: string }) => p.name === 'sso-dev');
  // Sessions of their own: a refresh attempt is remembered per session for 30 s.
  for (const name of ['fifo-session', 'linked-session', 'loose-session']) {
    scenario.ssoSessions.push({ ...demo, name, accessToken: `${demo.accessToken}-${name}`, nearExpiry: true });
    scenario.profiles.push({ ...sso, name: `sso-${name}`, ssoSession: name });
  }
  h = await startHarness({
    emulator: { scenario: parseScenario(scenario) },
    // The code before the fix waited for the FIFO until this deadline.
    settings: { credentialTimeoutSeconds: 5 },
  });
  cacheDir = path.join(h.env.HOME as string, '.aws', 'sso', 'cache');
});
afterAll(async () => {
  releaseFifo(tokenPath('fifo-session'));
  await h?.close();
});

async function row(profile: string): Promise<ServiceRow> {
  return within(20_000, h.row(profile, 'us-east-1'), `the row of ${profile}`);
}

describe.skipIf(process.platform === 'win32')('a FIFO at an SSO token path', () => {
  it('fails the row with the file named, and the backend keeps answering after many refreshes', async () => {
    const fifo = tokenPath('fifo-session');
    fs.rmSync(fifo);
    execFileSync('mkfifo', [fifo]);
    const rows: ServiceRow[] = [];
    for (let i = 0; i < 6; i++) rows.push(await row('sso-fifo-session'));
    // Node's file threads are all free: a file read and another profile's row still finish.
    await within(5_000, readFile(DEMO_SCENARIO_PATH), 'a file read');
    const healthy = await row('admin');
    for (const failed of rows) {
      expect(failed.error?.message).toContain(fifo);
      expect(failed.error?.message).toMatch(/FIFO/);
      expect(failed.error?.command).toBe('aws sso login --sso-session fifo-session');
    }
    expect(healthy.error).toBeNull();
  }, 120_000);
});

describe.skipIf(process.platform === 'win32')('a refreshed SSO token', () => {
  it('replaces a symbolic link with an owner-only regular file and leaves the target alone', async () => {
    const file = tokenPath('linked-session');
    const target = path.join(h.dir, 'dotfiles-token.json');
    fs.renameSync(file, target);
    fs.chmodSync(target, 0o644);
    fs.symlinkSync(target, file);
    const before = fs.readFileSync(target, 'utf8');
    fs.chmodSync(cacheDir, 0o755);

    h.emulator.clearLog();
    const refreshed = await row('sso-linked-session');
    expect(refreshed.error).toBeNull();
    expect(h.emulator.requestLog().filter((e) => e.operation === 'CreateToken')).toHaveLength(1);

    const stats = fs.lstatSync(file);
    expect(stats.isSymbolicLink()).toBe(false);
    expect(stats.isFile()).toBe(true);
    expect(stats.mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(target, 'utf8')).toBe(before);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).accessToken).not.toBe(JSON.parse(before).accessToken);
    expect(fs.statSync(cacheDir).mode & 0o777).toBe(0o700);
  });

  it('replaces a 0644 token file whole, as a 0600 file in the AWS CLI format', async () => {
    const file = tokenPath('loose-session');
    fs.chmodSync(file, 0o644);
    fs.chmodSync(cacheDir, 0o755);
    const inode = fs.statSync(file).ino;
    const before = JSON.parse(fs.readFileSync(file, 'utf8'));

    const refreshed = await row('sso-loose-session');
    expect(refreshed.error).toBeNull();

    const stats = fs.statSync(file);
    expect(stats.mode & 0o777).toBe(0o600);
    expect(stats.ino).not.toBe(inode);
    expect(fs.statSync(cacheDir).mode & 0o777).toBe(0o700);
    const after = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(after.accessToken).not.toBe(before.accessToken);
    // The AWS CLI's own format: whole seconds, "Z"; the registration fields kept.
    expect(after.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(after.expiresAt)).toBeGreaterThan(Date.now() + 30 * 60_000);
    expect(after.clientId).toBe(before.clientId);
    expect(after.startUrl).toBe(before.startUrl);
  });
});
