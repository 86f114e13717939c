/**
 * The command line with every service read, as a new install reads them: reads list Security Hub
 * CSPM and GuardDuty rows (JSON rows say their `service`), `--service` narrows them, a single-row
 * write means Security Hub CSPM unless `--service` says otherwise, and accepting where GuardDuty is
 * off turns it on (billed) only with `--turn-on`, which asks every time: `--yes` without a terminal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceRow } from '../../main/domain/types';
import type { RunningEmulator } from '../emulator/index';
import { type CliFixture, startCliFixture } from '../helpers/cli-process';

let fixture: CliFixture;
let emulator: RunningEmulator;
const cli = (...args: string[]) => fixture.cli(...args);

beforeAll(async () => {
  fixture = await startCliFixture('shi-cli-gd-', { everyService: true });
  ({ emulator } = fixture);
});
afterAll(() => fixture?.close());

const ADMIN = '111111111111';
const MEMBER = ['--profile', 'member-pending'];
type JsonRow = ServiceRow & { administrator: unknown };

const rowsOf = (stdout: string) => (JSON.parse(stdout) as { rows: JsonRow[] }).rows;
const key = (r: JsonRow) => `${r.service}/${r.region}/${r.state}/${r.pendingInvitations.map((i) => i.accountId)}`;
const written = (operation: string) =>
  emulator.requestLog().filter((e) => e.service === 'guardduty' && e.operation === operation);

describe('command line, every service read', () => {
  it('status reads every service by default; --service narrows it; JSON rows say their service', async () => {
    const both = await cli('status', ...MEMBER, '--region', 'us-east-1', '--region', 'eu-west-1', '--json');
    expect(both.code).toBe(0);
    const rows = rowsOf(both.stdout);
    expect(rows.map(key).sort()).toEqual([
      `detective/eu-west-1/on/${ADMIN}`,
      `detective/us-east-1/on/${ADMIN}`,
      `guardduty/eu-west-1/off/${ADMIN}`,
      `guardduty/us-east-1/on/${ADMIN}`,
      `securityhub/eu-west-1/on/${ADMIN}`,
      `securityhub/us-east-1/on/${ADMIN}`,
    ]);
    // The fields scripts read are there for every service; `hub` only for Security Hub CSPM.
    for (const row of rows) {
      expect(row).toHaveProperty('administrator');
      expect(row).toMatchObject({ profile: 'member-pending', accountId: '222222222222' });
      expect('hub' in row).toBe(row.service === 'securityhub');
    }

    const one = await cli('status', ...MEMBER, '--region', 'eu-west-1', '--service', 'guardduty', '--json');
    expect(rowsOf(one.stdout).map(key)).toEqual([`guardduty/eu-west-1/off/${ADMIN}`]);

    // The table names the service once there are several, and says GuardDuty is off.
    const table = await cli('status', ...MEMBER, '--region', 'eu-west-1');
    expect(table.stdout).toMatch(/SERVICE/);
    expect(table.stdout).toMatch(/GuardDuty\s.*off/);
  }, 90_000);

  it('a single-row write without --service is Security Hub CSPM’s, as before there were other services', async () => {
    const result = await cli('accept', ...MEMBER, '--region', 'us-east-1', '--administrator', ADMIN, '--json');
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { row: JsonRow }).row.service).toBe('securityhub');
    expect(written('AcceptAdministratorInvitation')).toEqual([]);
    const after = await cli('status', ...MEMBER, '--region', 'us-east-1', '--service', 'guardduty', '--json');
    expect(rowsOf(after.stdout)[0]?.pendingInvitations.map((i) => i.accountId)).toEqual([ADMIN]);
  }, 90_000);

  it('accepting where GuardDuty is off needs --turn-on, says it is billed, and --yes without a terminal', async () => {
    const gd = ['accept', '--service', 'guardduty', ...MEMBER, '--region', 'eu-west-1', '--administrator', ADMIN];

    const refused = await cli(...gd);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toMatch(/GuardDuty is off in eu-west-1/);
    expect(refused.stdout + refused.stderr).toMatch(/--turn-on/);

    const unasked = await cli(...gd, '--turn-on');
    expect(unasked.code).toBe(3);
    // The plan names the billed call and the billing before anything is sent.
    expect(unasked.stderr).toMatch(/CreateDetector \(turns it on\), then AcceptAdministratorInvitation/);
    expect(unasked.stderr).toMatch(/30-day free trial/);
    expect(unasked.stdout + unasked.stderr).toMatch(/--yes/);
    expect(written('CreateDetector')).toEqual([]);
    expect(written('AcceptAdministratorInvitation')).toEqual([]);

    const done = await cli(...gd, '--turn-on', '--yes', '--json');
    expect(done.code).toBe(0);
    const { row } = JSON.parse(done.stdout) as { row: JsonRow };
    expect(row).toMatchObject({ service: 'guardduty', region: 'eu-west-1', state: 'on', pendingInvitations: [] });
    expect(written('CreateDetector').map((e) => e.region)).toEqual(['eu-west-1']);
    expect(written('AcceptAdministratorInvitation').map((e) => e.region)).toEqual(['eu-west-1']);
  }, 120_000);
});
