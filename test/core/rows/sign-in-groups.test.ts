/**
 * Thirty profiles on one expired sso-session, read through the backend and the real SDK against the
 * emulator: every row fails on its own, and grouped they make one sign-in, one command.
 */
import { appendFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupSignIns } from '../../../main/domain/sign-in-groups';
import { type Harness, startHarness } from '../harness';

const NAMES = Array.from({ length: 30 }, (_, i) => `team-${String(i + 1).padStart(2, '0')}`);
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  // The demo's expired-session has a token that expired and cannot be refreshed (test/emulator/README.md).
  await appendFile(
    h.env.AWS_CONFIG_FILE as string,
    NAMES.map(
      (n) =>
        `\n[profile ${n}]\nregion = us-east-1\nendpoint_url = ${h.emulator.url}\nsso_session = expired-session\nsso_account_id = 888888888888\nsso_role_name = SecurityHubAdmin\n`,
    ).join(''),
  );
});
afterAll(() => h?.close());

describe('sign-ins grouped by sso-session', () => {
  it('turns 62 failing rows of 31 profiles into one command', async () => {
    const profiles = await h.backend.handlers['profiles:list']({ reload: true });
    expect(profiles.profiles.filter((p) => p.ssoSession === 'expired-session').map((p) => p.name)).toEqual([
      'sso-signed-out',
      ...NAMES,
    ]);
    const summary = await h.refresh({
      kind: 'rows',
      rows: [...NAMES, 'sso-signed-out'].flatMap((profile) =>
        ['us-east-1', 'eu-west-1'].map((region) => ({ profile, region })),
      ),
    });
    expect(summary.rows).toHaveLength(62);
    for (const row of summary.rows) {
      expect(row.error).toMatchObject({
        kind: 'sign-in-needed',
        command: 'aws sso login --sso-session expired-session',
      });
    }
    const groups = groupSignIns(summary.rows, profiles.profiles);
    expect(groups.sessions).toEqual([
      {
        ssoSession: 'expired-session',
        profiles: ['sso-signed-out', ...NAMES],
        command: 'aws sso login --sso-session expired-session',
        headline: '31 profiles on sso-session expired-session need sign-in',
        sentence:
          '31 profiles on sso-session expired-session need sign-in: aws sso login --sso-session expired-session',
      },
    ]);
    expect(groups.profiles).toEqual([]);
    expect(groups.others).toEqual([]);
  });
});
