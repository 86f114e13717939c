/**
 * Every fixture is well formed and used by a replay, and every operation the app calls has a
 * published success answer among them — so a new operation cannot go unreplayed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, fixtureNames } from './fixtures';

const MAIN_DIR = path.join(import.meta.dirname, '..', '..', 'main');
const REPLAY_DIR = import.meta.dirname;

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(path.join(dir, f), 'utf8'));
}

describe('the replay fixtures', () => {
  const names = fixtureNames();

  it('are each valid, sourced and dated', () => {
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) expect(() => fixture(name)).not.toThrow();
  });

  it('are each used by a replay (a test or a shared plan)', () => {
    const tests = readdirSync(REPLAY_DIR)
      .filter((f) => f.endsWith('.ts') && f !== 'catalogue.test.ts')
      .map((f) => readFileSync(path.join(REPLAY_DIR, f), 'utf8'))
      .join('\n');
    const unused = names.filter((name) => !tests.includes(`'${name}'`));
    expect(unused).toEqual([]);
  });

  it('answer every operation the app sends', () => {
    const used = new Set<string>();
    for (const text of sources(MAIN_DIR)) {
      for (const match of text.matchAll(/new (\w+)Command\(/g)) used.add(match[1]!);
    }
    // A published success answer of any service counts (Organizations' and the SSO portal's
    // ListAccounts, IAM's ListAccountAliases, GuardDuty's reads …): command names are the operation's.
    const answered = new Set(
      names
        .map(fixture)
        .filter((f) => f.status < 300)
        .map((f) => f.operation.slice(f.operation.indexOf(':') + 1)),
    );
    const stsOrOther = [
      'AssumeRole',
      'AssumeRoleWithWebIdentity',
      'GetCallerIdentity',
      'GetSessionToken',
      // Signing in to IAM Identity Center (SSO-OIDC, and the portal's Logout): not Security Hub.
      'CreateToken',
      'RegisterClient',
      'StartDeviceAuthorization',
      'Logout',
      // The SSO portal's role credentials, asked while resolving an SSO profile's credentials.
      'GetRoleCredentials',
    ];
    const missing = [...used].filter((op) => !stsOrOther.includes(op) && !answered.has(op)).sort();
    expect(missing).toEqual([]);
  });
});
