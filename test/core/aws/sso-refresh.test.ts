/**
 * The SDK's SSO token refresh, for real: a cached token within 5 minutes of expiry, with the client
 * registration and refresh token the AWS CLI caches, is refreshed through SSO-OIDC CreateToken (the
 * emulator's) and the cache file is rewritten, so the row reads without a sign-in.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCENARIO_PATH, parseScenario } from '../../emulator/index';
import { type Harness, startHarness } from '../harness';

let h: Harness;
// The SDK remembers a refresh attempt per session name for 30 s, process-wide: a name of its own.
const SESSION = 'refresh-soon';

beforeAll(async () => {
  const scenario = JSON.parse(readFileSync(DEMO_SCENARIO_PATH, 'utf8'));
  const demo = scenario.ssoSessions.find((s: { name: string }) => s.name === 'demo');
  scenario.ssoSessions.push({ ...demo, name: SESSION, accessToken: `${demo.accessToken}-soon`, nearExpiry: true });
  const sso = scenario.profiles.find((p: { name: string }) => p.name === 'sso-dev');
  scenario.profiles.push({ ...sso, name: 'sso-soon', ssoSession: SESSION });
  h = await startHarness({ emulator: { scenario: parseScenario(scenario) } });
});
afterAll(() => h?.close());

describe('an SSO token about to expire', () => {
  it('is refreshed once through CreateToken, the cache rewritten, and the row read', async () => {
    const cacheFile = path.join(
      h.env.HOME!,
      '.aws',
      'sso',
      'cache',
      `${createHash('sha1').update(SESSION).digest('hex')}.json`,
    );
    const before = JSON.parse(await readFile(cacheFile, 'utf8'));
    h.emulator.clearLog();
    const row = await h.row('sso-soon', 'us-east-1');
    expect(row.error).toBeNull();
    expect(row.accountId).toBe('888888888888');
    expect(h.emulator.requestLog().filter((e) => e.operation === 'CreateToken')).toHaveLength(1);
    const after = JSON.parse(await readFile(cacheFile, 'utf8'));
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(Date.parse(after.expiresAt)).toBeGreaterThan(Date.parse(before.expiresAt));
  });
});
