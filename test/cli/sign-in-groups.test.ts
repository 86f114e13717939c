/**
 * Profiles on one expired sso-session, as `status` prints them: no line per row, one group after the
 * table naming the profiles and the one sign-in that renews them all.
 */
import { appendFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliFixture, startCliFixture } from '../helpers/cli-process';

let fixture: CliFixture;
const EXTRA = ['sso-audit', 'sso-billing', 'sso-network'];

beforeAll(async () => {
  fixture = await startCliFixture('shi-cli-sso-');
  // More profiles on the demo's expired session, as IAM Identity Center users have dozens.
  await appendFile(
    fixture.env.AWS_CONFIG_FILE as string,
    EXTRA.map(
      (name) =>
        `\n[profile ${name}]\nregion = us-east-1\nendpoint_url = ${fixture.emulator.url}\nsso_session = expired-session\nsso_account_id = 888888888888\nsso_role_name = SecurityHubAdmin\n`,
    ).join(''),
  );
});
afterAll(() => fixture?.close());

describe('status with an expired sso-session', () => {
  it('prints the session once under the table, with the sign-in that renews every profile of it', async () => {
    const profiles = ['sso-signed-out', ...EXTRA].flatMap((p) => ['--profile', p]);
    const result = await fixture.cli('status', ...profiles, '--region', 'us-east-1', '--region', 'eu-west-1');
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    // Eight rows that could not be read, one cause: no row of its own, one group naming the four profiles.
    expect(lines).toEqual([
      '8 rows: 0 with a pending invitation, 8 failed.',
      'Could not be read: 8 rows of 4 profiles, by cause:',
      '  4 profiles: the SSO session expired-session has expired or was never signed in',
      '      → sign in: securityhub-invitations login --sso-session expired-session (or `aws sso login --sso-session expired-session`)',
      '      sso-audit, sso-billing, sso-network, sso-signed-out',
    ]);
    const json = JSON.parse((await fixture.cli('status', ...profiles, '--region', 'us-east-1', '--json')).stdout) as {
      signIns: { ssoSession?: string; profiles?: string[] }[];
      failures: { ssoSession: string | null; profiles: string[]; command: string; everyRegion: boolean }[];
    };
    expect(json.signIns).toMatchObject([
      { ssoSession: 'expired-session', profiles: ['sso-audit', 'sso-billing', 'sso-network', 'sso-signed-out'] },
    ]);
    expect(json.failures).toMatchObject([
      {
        ssoSession: 'expired-session',
        profiles: ['sso-audit', 'sso-billing', 'sso-network', 'sso-signed-out'],
        command: 'aws sso login --sso-session expired-session',
        everyRegion: true,
      },
    ]);
  }, 60_000);

  it('a bulk answer over those profiles names the sign-in once, under the table', async () => {
    const profiles = ['sso-signed-out', ...EXTRA].flatMap((p) => ['--profile', p]);
    const result = await fixture.cli(
      'decline',
      '--from',
      '111111111111',
      ...profiles,
      '--region',
      'us-east-1',
      '--yes',
    );
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines.filter((l) => l.includes('aws sso login'))).toEqual([
      '4 rows need this first: aws sso login --sso-session expired-session',
    ]);
    expect(lines.filter((l) => /^sso-\S+\s+us-east-1\s/.test(l))).toHaveLength(4);
  }, 60_000);
});
