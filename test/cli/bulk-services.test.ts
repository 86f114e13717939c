/**
 * `accept --from A` across services, as a user runs it against the emulator with every service read:
 * without `--service` it answers A's invitations in every service the settings read, `--service`
 * narrows it to that one, and an administrator trusted for only some of the services is refused
 * (exit 3) before anything is sent to any of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSettings } from '../../main/core/storage/settings';
import type { BulkResult } from '../../main/domain/types';
import type { RunningEmulator } from '../emulator/index';
import { type CliFixture, startCliFixture } from '../helpers/cli-process';

const ADMIN = '111111111111';
let fixture: CliFixture;
let emulator: RunningEmulator;
const cli = (...args: string[]) => fixture.cli(...args);

beforeAll(async () => {
  fixture = await startCliFixture('shi-cli-bulk-services-', { everyService: true });
  ({ emulator } = fixture);
});
afterAll(() => fixture?.close());

/** The accepts the emulator received: service (signing name), account and region. */
const accepts = () =>
  emulator
    .requestLog()
    // Security Hub CSPM and GuardDuty accept with AcceptAdministratorInvitation, Macie and Detective with AcceptInvitation.
    .filter(
      (e) => ['AcceptAdministratorInvitation', 'AcceptInvitation'].includes(e.operation ?? '') && e.status === 200,
    )
    .map((e) => `${e.service}/${e.accountId}/${e.region}`)
    .sort();

const resultsOf = (stdout: string) =>
  (JSON.parse(stdout) as BulkResult).results.map((r) => `${r.service}/${r.profile}/${r.region}/${r.status}`).sort();

describe('accept --from across services', () => {
  it('--service narrows a bulk answer to that service', async () => {
    const one = await cli(
      'accept',
      '--from',
      ADMIN,
      '--profile',
      'hub-off',
      '--region',
      'us-east-1',
      '--service',
      'guardduty',
      '--yes',
      '--json',
    );
    expect(one.code).toBe(0);
    expect(resultsOf(one.stdout)).toEqual(['guardduty/hub-off/us-east-1/done']);
    expect(accepts()).toEqual(['guardduty/555555555555/us-east-1']);
  }, 90_000);

  it('without --service answers the administrator in every service read, in one run', async () => {
    const both = await cli(
      'accept',
      '--from',
      ADMIN,
      '--profile',
      'member-pending',
      '--region',
      'us-east-1',
      '--yes',
      '--json',
    );
    expect(both.code).toBe(0);
    const result = JSON.parse(both.stdout) as BulkResult;
    expect(result.services.sort()).toEqual(['detective', 'guardduty', 'macie', 'securityhub']);
    expect(resultsOf(both.stdout)).toEqual([
      'detective/member-pending/us-east-1/done',
      'guardduty/member-pending/us-east-1/done',
      'macie/member-pending/us-east-1/done',
      'securityhub/member-pending/us-east-1/done',
    ]);
    expect(accepts()).toEqual([
      'detective/222222222222/us-east-1',
      'guardduty/222222222222/us-east-1',
      'guardduty/555555555555/us-east-1',
      'macie2/222222222222/us-east-1',
      'securityhub/222222222222/us-east-1',
    ]);
  }, 90_000);

  it('refuses the whole run when one of the services does not trust the administrator, sending nothing', async () => {
    openSettings({ cwd: fixture.env.SHI_SETTINGS_DIR as string }).update({
      trustedAdministrators: [
        { accountId: ADMIN, service: 'securityhub', origin: 'you', since: '2026-01-01T00:00:00.000Z' },
      ],
    });
    const before = accepts();
    const refused = await cli(
      'accept',
      '--from',
      ADMIN,
      '--profile',
      'member-pending',
      '--region',
      'eu-west-1',
      '--yes',
    );
    expect(refused.code).toBe(3);
    expect(refused.stdout + refused.stderr).toMatch(/not one of your trusted GuardDuty administrators/);
    expect(accepts()).toEqual(before);
  }, 90_000);
});
