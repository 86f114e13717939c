/**
 * Profiles on one expired sso-session, as `status` prints them: each row says it needs sign-in, and one
 * line after the table gives the one command that signs them all in, instead of one per row.
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
  it('prints one sign-in line for every profile of the session', async () => {
    const profiles = ['sso-signed-out', ...EXTRA].flatMap((p) => ['--profile', p]);
    const result = await fixture.cli('status', ...profiles, '--region', 'us-east-1', '--region', 'eu-west-1');
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines.filter((l) => l.includes('aws sso login'))).toEqual([
      '4 profiles on sso-session expired-session need sign-in: aws sso login --sso-session expired-session',
    ]);
    expect(lines.filter((l) => l.includes('(sign-in below)'))).toHaveLength(8);
    const json = JSON.parse((await fixture.cli('status', ...profiles, '--region', 'us-east-1', '--json')).stdout) as {
      signIns: { ssoSession?: string; profiles?: string[] }[];
    };
    expect(json.signIns).toMatchObject([
      { ssoSession: 'expired-session', profiles: ['sso-audit', 'sso-billing', 'sso-network', 'sso-signed-out'] },
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
