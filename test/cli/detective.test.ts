/**
 * The command line on Detective, whose invitations and memberships are its behavior graphs':
 * `--graph-arn` names one (accept, decline, disassociate), `--invitation-id` is not Detective's flag
 * (nor `--graph-arn` another service's), and a member of two graphs leaving without naming one gets
 * a usage error (exit 2) that lists the graphs, nothing sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../emulator/index';
import { type CliFixture, startCliFixture } from '../helpers/cli-process';

let fixture: CliFixture;
let emulator: RunningEmulator;
const cli = (...args: string[]) => fixture.cli(...args);

beforeAll(async () => {
  fixture = await startCliFixture('shi-cli-dt-', { everyService: true });
  ({ emulator } = fixture);
});
afterAll(() => fixture?.close());

const ADMIN = '111111111111';
const SANDBOX = '666666666666';
const DT = ['--service', 'detective', '--region', 'us-east-1'];
const sent = (operation: string) =>
  emulator.requestLog().filter((e) => e.service === 'detective' && e.operation === operation);

async function pendingGraphs(profile: string): Promise<{ accountId: string; invitationId: string }[]> {
  const status = await cli('status', '--profile', profile, ...DT, '--json');
  expect(status.code, status.stderr).toBe(0);
  const [row] = (
    JSON.parse(status.stdout) as { rows: { pendingInvitations: { accountId: string; invitationId: string }[] }[] }
  ).rows;
  return row?.pendingInvitations ?? [];
}

describe('command line, Detective', () => {
  it('refuses the other service’s reference flag as a usage error, before any call', async () => {
    const wrong = await cli(
      'accept',
      '--profile',
      'member-pending',
      ...DT,
      '--administrator',
      ADMIN,
      '--invitation-id',
      'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4',
    );
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('Detective names them by behavior graph ARN (--graph-arn)');
    const notHub = await cli(
      'decline',
      '--profile',
      'member-pending',
      '--region',
      'us-east-1',
      '--administrator',
      ADMIN,
      '--graph-arn',
      'arn:aws:detective:us-east-1:111111111111:graph:00000000000000000000000000000000',
    );
    expect(notHub.code).toBe(2);
    expect(notHub.stderr).toContain('--graph-arn does not name Security Hub');
    expect(sent('AcceptInvitation')).toEqual([]);
  }, 60_000);

  it('accepts the graph named with --graph-arn; a member of two graphs must name the one to leave', async () => {
    const [invitation] = await pendingGraphs('member-enabled');
    expect(invitation?.accountId).toBe(SANDBOX);
    const accepted = await cli(
      'accept',
      '--profile',
      'member-enabled',
      ...DT,
      '--administrator',
      SANDBOX,
      '--graph-arn',
      invitation?.invitationId ?? '',
      '--trust-administrator',
      SANDBOX,
      '--json',
    );
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(sent('AcceptInvitation')).toHaveLength(1);

    // Two memberships now: leaving without naming one lists both graphs, exit 2, nothing sent.
    const unnamed = await cli('disassociate', '--profile', 'member-enabled', ...DT, '--yes');
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toContain(`${SANDBOX} (${invitation?.invitationId})`);
    expect(unnamed.stderr).toMatch(
      new RegExp(`${ADMIN} \\(arn:aws:detective:us-east-1:${ADMIN}:graph:[0-9a-f]{32}\\)`),
    );
    expect(sent('DisassociateMembership')).toEqual([]);

    const left = await cli(
      'disassociate',
      '--profile',
      'member-enabled',
      ...DT,
      '--graph-arn',
      invitation?.invitationId ?? '',
      '--yes',
    );
    expect(left.code, left.stderr).toBe(0);
    expect(left.stdout).toContain(`from administrator ${SANDBOX} in us-east-1`);
    expect(sent('DisassociateMembership')).toHaveLength(1);
  }, 90_000);

  it('declines by graph ARN', async () => {
    const [invitation] = await pendingGraphs('member-pending');
    const declined = await cli(
      'decline',
      '--profile',
      'member-pending',
      ...DT,
      '--administrator',
      ADMIN,
      '--graph-arn',
      invitation?.invitationId ?? '',
      '--yes',
    );
    expect(declined.code, declined.stderr).toBe(0);
    expect(sent('RejectInvitation')).toHaveLength(1);
    expect(await pendingGraphs('member-pending')).toEqual([]);
  }, 60_000);
});
