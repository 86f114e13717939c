/**
 * The exit statuses scripts rely on (README, "Exit statuses"), as real processes against the
 * emulator: a profile that does not exist, a CSV the command cannot use and a malformed value are
 * usage (2), said before anything is planned or sent; leaving twice is nothing to do (0), as accepting
 * twice is; a dry run shows its plan in read-only mode too (0, nothing sent); `status
 * --fail-on-pending` exits 4 when an invitation is pending.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSettings } from '../../main/core/storage/settings';
import { DEMO_SCENARIO_PATH, type Scenario } from '../emulator/index';
import { type CliFixture, startCliFixture } from '../helpers/cli-process';

let fixture: CliFixture;
const settings = () => openSettings({ cwd: fixture.env.SHI_SETTINGS_DIR as string });
/** Every request the emulator answered that is not a read. */
const writes = () =>
  fixture.emulator
    .requestLog()
    .filter((e) => !/^(Get|List|Describe)/.test(e.operation))
    .map((e) => e.operation);

beforeAll(async () => {
  fixture = await startCliFixture('shi-cli-exit-');
});
afterAll(() => fixture?.close());
beforeEach(() => {
  fixture.emulator.loadScenario(JSON.parse(readFileSync(DEMO_SCENARIO_PATH, 'utf8')) as Scenario);
  settings().update({ readOnly: false });
  fixture.emulator.clearLog();
});

describe('usage (2), said before anything is planned or sent', () => {
  it.each([
    [['status', '--profile', 'member-pendng']],
    [['accept', '--profile', 'member-pendng', '--region', 'us-east-1', '--administrator', '111111111111']],
    [['accept', '--from', '111111111111', '--profile', 'member-pendng', '--yes']],
    [['disassociate', '--profile', 'member-pendng', '--region', 'us-east-1', '--yes']],
    [['members', '--profile', 'member-pendng', '--region', 'us-east-1']],
    [['handshake', '--administrator-profile', 'admin', '--member-profile', 'member-pendng', '--region', 'us-east-1']],
    [['login', '--profile', 'member-pendng', '--no-browser']],
  ])(
    'a profile that does not exist: %j',
    async (args) => {
      const result = await fixture.cli(...args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        'There is no profile named "member-pendng" in the AWS config files (did you mean member-pending?).',
      );
      // No plan was printed: the name was checked first.
      expect(result.stderr).not.toMatch(/^ {2}member-pendng/m);
      expect(fixture.emulator.requestLog()).toEqual([]);
    },
    60_000,
  );

  it('a CSV with unusable lines, or none at all, and a malformed value', async () => {
    const csv = path.join(fixture.dir, 'members.csv');
    await writeFile(csv, 'Account ID,Email\n12345,someone@example.com\n');
    const admin = ['invite', '--profile', 'admin', '--region', 'us-east-1', '--yes'];
    const bad = await fixture.cli(...admin, '--csv', csv);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/line 2: .*12-digit/);
    const missing = await fixture.cli(...admin, '--csv', path.join(fixture.dir, 'nowhere.csv'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nowhere\.csv/);
    const malformed = await fixture.cli(
      'accept',
      '--profile',
      'admin',
      '--region',
      'us-east-1',
      '--administrator',
      '1111',
    );
    expect(malformed.code).toBe(2);
    expect(writes()).toEqual([]);
  }, 60_000);
});

describe('nothing to do (0)', () => {
  it('leaving twice: the second leave sends nothing and says so', async () => {
    const leave = ['disassociate', '--profile', 'member-enabled', '--region', 'us-east-1', '--yes'];
    const first = await fixture.cli(...leave);
    expect(first.code).toBe(0);
    const again = await fixture.cli(...leave, '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, alreadyDone: true });
    expect(JSON.parse(again.stdout).message).toMatch(/has no administrator in us-east-1: nothing to leave/);
    expect(writes()).toEqual(['DisassociateFromAdministratorAccount']);
    // Naming another administrator than the one the account has is a mistake, not a repeat.
    const wrong = await fixture.cli(
      'disassociate',
      '--profile',
      'org-member',
      '--region',
      'us-east-1',
      '--administrator',
      '666666666666',
      '--yes',
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(
      '666666666666 is not the administrator of account 444444444444 in us-east-1; 111111111111 is.',
    );
  }, 60_000);

  it('a dry run in read-only mode shows its plan and sends nothing; the same write for real is refused', async () => {
    settings().update({ readOnly: true });
    const accept = [
      'accept',
      '--profile',
      'member-pending',
      '--region',
      'us-east-1',
      '--administrator',
      '111111111111',
    ];
    const dry = await fixture.cli(...accept, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain(
      'member-pending us-east-1: read the pending invitation, then AcceptAdministratorInvitation',
    );
    expect(dry.stderr).toContain('Dry run: nothing was sent. Read-only mode is on: run for real, it would be refused.');
    const bulk = await fixture.cli('decline', '--from', '111111111111', '--all', '--region', 'us-east-1', '--dry-run');
    expect(bulk.code).toBe(0);
    const invite = await fixture.cli(
      'invite',
      '--profile',
      'admin',
      '--region',
      'us-east-1',
      '--account',
      '666666666666',
      '--dry-run',
    );
    expect(invite.code).toBe(0);
    expect(invite.stderr).toContain('Dry run: nothing was sent.');
    const real = await fixture.cli(...accept, '--yes');
    expect(real.code).toBe(3);
    expect(writes()).toEqual([]);
  }, 60_000);
});

describe('monitoring (4)', () => {
  it('status --fail-on-pending exits 4 when an invitation is pending, 0 when none is', async () => {
    const pending = await fixture.cli(
      'status',
      '--profile',
      'member-pending',
      '--region',
      'us-east-1',
      '--fail-on-pending',
    );
    expect(pending.code).toBe(4);
    const none = await fixture.cli(
      'status',
      '--profile',
      'member-enabled',
      '--region',
      'us-east-1',
      '--fail-on-pending',
    );
    expect(none.code).toBe(0);
  }, 60_000);
});
