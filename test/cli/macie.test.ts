/**
 * The command line on Macie: `status --service macie` (Macie off is a state, not a failure), `accept`,
 * `decline` and `disassociate --service macie` (leaving) as any service's, and accepting where Macie is off (its
 * invitations answering while it is off) only with `--turn-on`, which names EnableMacie and its
 * billing before anything is sent and asks every time: `--yes` without a terminal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceRow } from '../../main/domain/types';
import type { RunningEmulator, Scenario } from '../emulator/index';
import { demoScenario } from '../emulator/test-kit';
import { type CliFixture, startCliFixture } from '../helpers/cli-process';

let fixture: CliFixture;
let emulator: RunningEmulator;
const cli = (...args: string[]) => fixture.cli(...args);

beforeAll(async () => {
  fixture = await startCliFixture('shi-cli-mc-', { everyService: true });
  ({ emulator } = fixture);
});
afterAll(() => fixture?.close());

const ADMIN = '111111111111';
const MEMBER = ['--profile', 'member-pending'];
const MC = ['--service', 'macie'];
type JsonRow = ServiceRow & { administrator: unknown };

const rowsOf = (stdout: string) => (JSON.parse(stdout) as { rows: JsonRow[] }).rows;
const key = (r: JsonRow) => `${r.service}/${r.region}/${r.state}/${r.pendingInvitations.map((i) => i.accountId)}`;
const written = (operation: string) =>
  emulator.requestLog().filter((e) => e.service === 'macie2' && e.operation === operation);

describe('command line, Macie', () => {
  it('status --service macie reads Macie alone; Macie off is a state, said in the table', async () => {
    const read = await cli('status', ...MEMBER, ...MC, '--region', 'us-east-1', '--region', 'eu-west-1', '--json');
    // Macie off is no failure: the exit status is 0 (4 only with --fail-on-pending).
    expect(read.code, read.stderr).toBe(0);
    expect(rowsOf(read.stdout).map(key).sort()).toEqual([`macie/eu-west-1/off/`, `macie/us-east-1/on/${ADMIN}`]);
    const table = await cli('status', ...MEMBER, '--region', 'eu-west-1');
    expect(table.stdout).toMatch(/SERVICE/);
    expect(table.stdout).toMatch(/Macie\s.*off/);
  }, 90_000);

  it('accept, decline and disassociate --service macie send Macie’s operation once each', async () => {
    const accepted = await cli('accept', ...MC, ...MEMBER, '--region', 'us-east-1', '--administrator', ADMIN, '--json');
    expect(accepted.code, accepted.stderr).toBe(0);
    const { row } = JSON.parse(accepted.stdout) as { row: JsonRow };
    expect(row).toMatchObject({ service: 'macie', state: 'on', pendingInvitations: [] });
    expect(row.administrators).toEqual([expect.objectContaining({ accountId: ADMIN, memberStatus: 'Enabled' })]);
    expect(written('AcceptInvitation')).toHaveLength(1);

    const declined = await cli(
      'decline',
      ...MC,
      '--profile',
      'hub-off',
      '--region',
      'us-east-1',
      '--administrator',
      ADMIN,
      '--yes',
      '--json',
    );
    expect(declined.code, declined.stderr).toBe(0);
    expect(written('DeclineInvitations')).toHaveLength(1);

    const left = await cli(
      'disassociate',
      ...MC,
      '--profile',
      'member-enabled',
      '--region',
      'us-east-1',
      '--yes',
      '--json',
    );
    expect(left.code, left.stderr).toBe(0);
    expect(written('DisassociateFromAdministratorAccount')).toHaveLength(1);
  }, 120_000);

  it('accepting where Macie is off needs --turn-on, names EnableMacie and its billing, and --yes without a terminal', async () => {
    const scenario = demoScenario();
    scenario.macie.invitationsWhileOff = true;
    scenario.macie.administrators.push({
      accountId: ADMIN,
      region: 'eu-west-1',
      members: [
        { accountId: '222222222222', email: 'pending@example.com', status: 'Invited', viaOrganizations: false },
      ],
    });
    emulator.loadScenario(scenario as Scenario);
    emulator.clearLog();
    const accept = ['accept', ...MC, ...MEMBER, '--region', 'eu-west-1', '--administrator', ADMIN];

    const refused = await cli(...accept);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toMatch(/Macie is off in eu-west-1/);
    expect(refused.stdout + refused.stderr).toMatch(/--turn-on/);

    const unasked = await cli(...accept, '--turn-on');
    expect(unasked.code).toBe(3);
    expect(unasked.stderr).toMatch(/EnableMacie \(turns it on\), then AcceptInvitation/);
    expect(unasked.stderr).toMatch(/30-day free trial/);
    expect(written('EnableMacie')).toEqual([]);
    expect(written('AcceptInvitation')).toEqual([]);

    const done = await cli(...accept, '--turn-on', '--yes', '--json');
    expect(done.code, done.stderr).toBe(0);
    const { row } = JSON.parse(done.stdout) as { row: JsonRow };
    expect(row).toMatchObject({ service: 'macie', region: 'eu-west-1', state: 'on', pendingInvitations: [] });
    expect(written('EnableMacie').map((e) => e.region)).toEqual(['eu-west-1']);
    expect(written('AcceptInvitation').map((e) => e.region)).toEqual(['eu-west-1']);
  }, 120_000);
});
