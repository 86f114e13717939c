/**
 * The command line as a user runs it: a separate node process, the emulator's AWS files in its
 * environment, JSON on stdout, the exit status telling success from failure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionOutcome, ActivityEntry, ServiceRow } from '../../main/domain/types';
import type { RunningEmulator } from '../emulator/index';
import { type CliFixture, startCliFixture } from '../helpers/cli-process';

let fixture: CliFixture;
let emulator: RunningEmulator;
const cli = (...args: string[]) => fixture.cli(...args);

beforeAll(async () => {
  fixture = await startCliFixture('shi-cli-');
  ({ emulator } = fixture);
});
afterAll(() => fixture?.close());

describe('command line', () => {
  it('status --json prints every row of the chosen profiles and regions', async () => {
    const result = await cli(
      'status',
      '--profile',
      'member-pending',
      '--profile',
      'hub-off',
      '--region',
      'us-east-1',
      '--region',
      'eu-west-1',
      '--json',
    );
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as { ok: boolean; rows: ServiceRow[]; failed: number };
    expect(out.ok).toBe(true);
    expect(out.rows.map((r) => `${r.profile}/${r.region}/${(r as ServiceRow & { hub: string }).hub}`)).toEqual([
      'hub-off/eu-west-1/off',
      'hub-off/us-east-1/on',
      'member-pending/eu-west-1/on',
      'member-pending/us-east-1/on',
    ]);
    expect(out.rows[3]?.pendingInvitations[0]?.accountId).toBe('111111111111');
  }, 60_000);

  it('status fails with the app’s error text for a signed-out SSO profile', async () => {
    const result = await cli('status', '--profile', 'sso-signed-out', '--region', 'us-east-1');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/aws sso login --sso-session expired-session/);
  }, 60_000);

  it('accept --json accepts the pending invitation and logs it as the command line', async () => {
    const result = await cli(
      'accept',
      '--profile',
      'member-pending',
      '--region',
      'us-east-1',
      '--administrator',
      '111111111111',
      '--json',
    );
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as ActionOutcome & { ok: boolean; row: { administrator: unknown } };
    expect(out.ok).toBe(true);
    expect(out.row.administrator).toMatchObject({ accountId: '111111111111', memberStatus: 'Enabled' });
    expect(emulator.requestLog().filter((e) => e.operation === 'AcceptAdministratorInvitation')).toHaveLength(1);

    const again = await cli(
      'accept',
      '--profile',
      'member-pending',
      '--region',
      'us-east-1',
      '--administrator',
      '111111111111',
      '--json',
    );
    // Already so: nothing to do, which is not a failure.
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      ok: true,
      alreadyDone: true,
      message: expect.stringMatching(/already an Enabled member of 111111111111/),
    });

    const log = await cli('activity', '--json');
    const entries = JSON.parse(log.stdout) as ActivityEntry[];
    // The repeat did nothing, as the command said: already done (not refused).
    expect(entries[0]).toMatchObject({ action: 'accept', source: 'cli', outcome: 'already-done' });
    expect(entries[1]).toMatchObject({
      action: 'accept',
      source: 'cli',
      outcome: 'succeeded',
      accountId: '222222222222',
      administratorId: '111111111111',
      invitationId: expect.stringMatching(/\S/),
      // Recorded before it was sent, then settled: one entry.
      sentAt: expect.stringMatching(/^\d{4}-/),
    });
    expect(entries.filter((e) => e.action === 'accept')).toHaveLength(2);
  }, 60_000);

  it('disassociate explains the Organizations refusal and exits non-zero', async () => {
    const result = await cli('disassociate', '--profile', 'org-member', '--region', 'us-east-1', '--yes');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/AWS Organizations/);
    expect(result.stderr).toMatch(/delegated administrator 111111111111/);
  }, 60_000);

  it('rejects a malformed account id before calling AWS', async () => {
    const result = await cli(
      'decline',
      '--profile',
      'member-pending',
      '--region',
      'us-east-1',
      '--administrator',
      '12',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/12-digit/);
  }, 60_000);
});
