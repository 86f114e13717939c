/**
 * Writes from the command line, run as real processes against the emulator: nothing is sent without a
 * confirmation where the app would ask (exit 3 without a terminal and without --yes), --dry-run sends
 * nothing, read-only mode refuses before any AWS call, and on a terminal the question is asked once.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSettings } from '../../main/core/storage/settings';
import { DEMO_SCENARIO_PATH, type Scenario } from '../emulator/index';
import { type CliFixture, startCliFixture } from '../helpers/cli-process';
import { runOnTerminal } from '../helpers/pty';

const ROOT = path.resolve(__dirname, '../..');
let fixture: CliFixture;
const decline = ['decline', '--profile', 'member-pending', '--region', 'us-east-1', '--administrator', '111111111111'];
const sent = (operation: string) => fixture.emulator.requestLog().filter((e) => e.operation === operation).length;
const settings = () => openSettings({ cwd: fixture.env.SHI_SETTINGS_DIR as string });

beforeAll(async () => {
  fixture = await startCliFixture('shi-cli-writes-');
});
afterAll(() => fixture?.close());
beforeEach(() => {
  // Every test starts from the demo's state: one pending invitation from 111111111111 per region.
  fixture.emulator.loadScenario(JSON.parse(readFileSync(DEMO_SCENARIO_PATH, 'utf8')) as Scenario);
  settings().update({ readOnly: false, confirmations: { decline: true, disassociate: true, adminActions: true } });
  fixture.emulator.clearLog();
});

describe('writes without a terminal', () => {
  it('need --yes: the plan is shown, nothing is sent, exit 3', async () => {
    const result = await fixture.cli(...decline);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(
      'Decline the invitation from 111111111111 for profile member-pending in us-east-1:',
    );
    expect(result.stderr).toContain('member-pending us-east-1: DeclineInvitations for 111111111111');
    expect(result.stderr).toMatch(/Nothing was sent: there is no terminal to confirm this in\./);
    expect(result.stderr).toMatch(/--yes/);
    expect(fixture.emulator.requestLog()).toHaveLength(0);
  }, 60_000);

  it('--dry-run prints the plan (JSON with --json) and sends nothing', async () => {
    const bulk = await fixture.cli(
      'decline',
      '--from',
      '111111111111',
      '--all',
      '--region',
      'us-east-1',
      '--dry-run',
      '--json',
    );
    expect(bulk.code).toBe(0);
    const plan = JSON.parse(bulk.stdout) as { ok: boolean; dryRun: boolean; plan: string[] };
    expect(plan).toMatchObject({ ok: true, dryRun: true });
    expect(plan.plan).toContain('member-pending us-east-1');
    expect(bulk.stderr).toContain('Dry run: nothing was sent.');
    expect(sent('DeclineInvitations')).toBe(0);
    expect(sent('GetAdministratorAccount')).toBe(0);
  }, 60_000);

  it('go ahead with --yes, and without it where the settings turned the confirmation off', async () => {
    settings().update({ confirmations: { decline: false, disassociate: true, adminActions: true } });
    const unasked = await fixture.cli(...decline);
    expect(unasked.code).toBe(0);
    expect(sent('DeclineInvitations')).toBe(1);
    const bulk = await fixture.cli(
      'decline',
      '--from',
      '111111111111',
      '--profile',
      'member-pending',
      '--region',
      'eu-west-1',
    );
    // A bulk answer is always confirmed, as in the app.
    expect(bulk.code).toBe(3);
    expect(sent('DeclineInvitations')).toBe(1);
    const confirmed = await fixture.cli(
      'decline',
      '--from',
      '111111111111',
      '--profile',
      'member-pending',
      '--region',
      'eu-west-1',
      '--yes',
    );
    expect(confirmed.code).toBe(0);
  }, 60_000);

  it('read-only mode refuses every write before any AWS call, exit 3', async () => {
    settings().update({ readOnly: true });
    for (const argv of [
      [...decline, '--yes'],
      ['accept', '--profile', 'member-pending', '--region', 'us-east-1', '--administrator', '111111111111'],
      ['enable-hub', '--profile', 'hub-off', '--region', 'us-east-1', '--yes'],
      ['invite', '--profile', 'admin', '--region', 'us-east-1', '--account', '666666666666', '--yes'],
    ]) {
      const result = await fixture.cli(...argv);
      expect(result.code, argv.join(' ')).toBe(3);
      expect(result.stderr).toMatch(/Read-only mode is on: nothing was sent\./);
    }
    expect(fixture.emulator.requestLog()).toHaveLength(0);
  }, 90_000);
});

describe('writes on a terminal', () => {
  const argv = [process.execPath, '--import', 'tsx', 'main/cli/main.ts', ...decline];

  it('ask once, and send on yes', async () => {
    const result = await runOnTerminal(argv, { cwd: ROOT, env: fixture.env, when: '[y/N]', answer: 'y\n' });
    expect(result.output).toContain(
      'Decline the invitation from 111111111111 for profile member-pending in us-east-1? [y/N]',
    );
    expect(result.output.match(/\[y\/N\]/g)).toHaveLength(1);
    expect(result.code).toBe(0);
    expect(sent('DeclineInvitations')).toBe(1);
  }, 60_000);

  it('send nothing on no, exit 3', async () => {
    const result = await runOnTerminal(argv, { cwd: ROOT, env: fixture.env, when: '[y/N]', answer: 'n\n' });
    expect(result.output).toContain('Not confirmed: nothing was sent.');
    expect(result.code).toBe(3);
    expect(sent('DeclineInvitations')).toBe(0);
  }, 60_000);
});
