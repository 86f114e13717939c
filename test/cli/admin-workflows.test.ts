/**
 * The administrator workflows from the command line, run as a user runs them: a separate node
 * process against the emulator, JSON on stdout, the exit status telling success from failure.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityEntry, BulkResult, HandshakeResult } from '../../main/domain/types';
import { type CliFixture, startCliFixture } from '../helpers/cli-process';

let fixture: CliFixture;
let dir: string;
const cli = (...args: string[]) => fixture.cli(...args);

beforeAll(async () => {
  fixture = await startCliFixture('shi-cli-admin-');
  ({ dir } = fixture);
});
afterAll(() => fixture?.close());

describe('administrator commands', () => {
  it('--help lists every command, and each command’s --help its flags', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    for (const command of ['invite', 'enable-hub', 'handshake', 'accept', 'decline', 'status', 'activity']) {
      expect(help.stdout).toMatch(new RegExp(`\\n  ${command} \\[options\\]\\s+\\S`));
    }
    expect((await cli('accept', '--help')).stdout).toMatch(/--from <account>/);
    expect((await cli('help', 'handshake')).stdout).toMatch(/--administrator-profile <name>/);
    expect((await cli('enable-hub', '--help')).stdout).toMatch(/--default-standards/);
  }, 60_000);

  it('accept --from answers only that administrator’s invitations across the chosen rows', async () => {
    const result = await cli(
      'accept',
      '--from',
      '111111111111',
      '--profile',
      'member-pending',
      '--profile',
      'hub-off',
      '--profile',
      'sso-signed-out',
      '--region',
      'us-east-1',
      '--region',
      'eu-west-1',
      '--yes',
      '--json',
    );
    expect(result.code).toBe(1);
    const out = JSON.parse(result.stdout) as BulkResult & { ok: boolean };
    expect(out.ok).toBe(false);
    const by = Object.fromEntries(out.results.map((r) => [`${r.profile}/${r.region}`, r.status]));
    expect(by).toEqual({
      'member-pending/us-east-1': 'done',
      'member-pending/eu-west-1': 'done',
      'hub-off/us-east-1': 'done',
      'hub-off/eu-west-1': 'refused',
      'sso-signed-out/us-east-1': 'failed',
      'sso-signed-out/eu-west-1': 'failed',
    });
    const log = JSON.parse((await cli('activity', '--json', '--limit', '1')).stdout) as ActivityEntry[];
    expect(log[0]).toMatchObject({ action: 'bulk-accept', source: 'cli', target: '111111111111' });

    // Nothing left to answer from that administrator there: skipped, and that is a success.
    const decline = await cli(
      'decline',
      '--from',
      '111111111111',
      '--profile',
      'member-pending',
      '--region',
      'us-east-1',
      '--yes',
      '--json',
    );
    expect(decline.code).toBe(0);
    const declined = JSON.parse(decline.stdout) as BulkResult & { ok: boolean };
    expect(declined).toMatchObject({ ok: true, action: 'decline' });
    expect(declined.results[0]).toMatchObject({
      status: 'skipped',
      message: expect.stringMatching(/Already an Enabled member/),
    });
  }, 60_000);

  it('accept --from needs the rows to be named, and refuses mixing with --administrator', async () => {
    const none = await cli('accept', '--from', '111111111111');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--all, or --profile/);
    const both = await cli('accept', '--all', '--profile', 'admin', '--from', '111111111111');
    expect(both.stderr).toMatch(/either --all or --profile/);
    const two = await cli(
      'accept',
      '--profile',
      'a',
      '--profile',
      'b',
      '--region',
      'us-east-1',
      '--administrator',
      '111111111111',
    );
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/--profile may be given once/);
  }, 60_000);

  it('invite adds and invites from the command line and lists each account AWS left unprocessed', async () => {
    const csv = path.join(dir, 'members.csv');
    await fs.writeFile(csv, 'Account ID,Email\n666666666666,sandbox@example.com\n');
    // sso-dev is 888888888888; 333333333333 is an Enabled member of another administrator there.
    const args = ['invite', '--profile', 'sso-dev', '--region', 'us-east-1', '--yes'];
    const result = await cli(...args, '--csv', csv, '--account', '777777777777', '--account', '333333333333', '--json');
    expect(result.code).toBe(1);
    const out = JSON.parse(result.stdout) as {
      ok: boolean;
      results: { accountId: string; create: string; invite: string; message: string }[];
    };
    expect(out.ok).toBe(false);
    const by = Object.fromEntries(out.results.map((r) => [r.accountId, r]));
    expect(by['666666666666']).toMatchObject({ create: 'done', invite: 'done' });
    expect(by['777777777777']).toMatchObject({ create: 'done', invite: 'done' });
    expect(by['333333333333']).toMatchObject({ create: 'failed', invite: 'not-run' });
    expect(by['333333333333']?.message).toMatch(/associated with another administrator/);

    const again = await cli(...args, '--account', '666666666666', '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).results[0]).toMatchObject({ create: 'skipped', invite: 'skipped' });

    const own = await cli(...args, '--account', '888888888888');
    expect(own.code).toBe(1);
    expect(own.stderr).toMatch(/cannot be its own member/);

    const bad = path.join(dir, 'bad.csv');
    await fs.writeFile(bad, 'Account ID,Email\n12345,\n');
    const refused = await cli(...args, '--csv', bad);
    expect(refused.code).toBe(2); // a file the command cannot use is usage
    expect(refused.stderr).toMatch(/line 2: "12345" is not a 12-digit/);
  }, 60_000);

  it('invite as the delegated administrator: organization accounts are enabled at once and a suspended one is not invited', async () => {
    // admin (111111111111) is the demo organization's delegated administrator; 888888888888 is an
    // organization account, 100000000009 a suspended one, 666666666666 outside the organization.
    const args = ['invite', '--profile', 'admin', '--region', 'eu-west-1'];
    const accounts = ['--account', '888888888888', '--account', '100000000009', '--account', '666666666666'];
    const dry = await cli(...args, ...accounts, '--dry-run');
    expect(dry.code).toBe(0);
    // The plan (on stderr) says what CreateMembers does to organization accounts before anything is sent.
    expect(dry.stderr).toMatch(/accounts of the organization become members at once \(no invitation\)/);
    expect(dry.stderr).toMatch(/AWS bills those accounts/);
    expect(dry.stderr).toMatch(/Dry run: nothing was sent/);

    const result = await cli(...args, ...accounts, '--yes', '--json');
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as {
      results: { accountId: string; create: string; invite: string; message: string }[];
      invited: { processed: string[] } | null;
    };
    const by = Object.fromEntries(out.results.map((r) => [r.accountId, r]));
    expect(by['888888888888']).toMatchObject({ create: 'done', invite: 'skipped' });
    expect(by['888888888888']?.message).toMatch(/Enabled at once through AWS Organizations/);
    expect(by['100000000009']).toMatchObject({ create: 'done', invite: 'skipped' });
    expect(by['100000000009']?.message).toMatch(/suspended, not invited/);
    expect(by['666666666666']).toMatchObject({ create: 'done', invite: 'done' });
    expect(out.invited?.processed).toEqual(['666666666666']);

    // Known suspended: nothing at all is sent for it the next time.
    const again = await cli(...args, '--account', '100000000009', '--yes', '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).results[0]).toMatchObject({
      create: 'skipped',
      invite: 'skipped',
      message: 'account suspended, not invited',
    });
  }, 60_000);

  it('enable-hub turns Security Hub on with the billing note', async () => {
    const result = await cli('enable-hub', '--profile', 'hub-off', '--region', 'ap-southeast-2', '--yes', '--json');
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as { ok: boolean; message: string; row: { hub: string } };
    expect(out.row.hub).toBe('on');
    expect(out.message).toMatch(/billed in ap-southeast-2/);
    expect(out.message).toMatch(/without the default standards/);

    // Already on: AWS answers ResourceConflictException, which is nothing to do (exit 0), said plainly.
    const again = await cli('enable-hub', '--profile', 'hub-off', '--region', 'ap-southeast-2', '--yes');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(
      /Security Hub is already on in ap-southeast-2 for this account; nothing was changed\./,
    );
  }, 60_000);

  it('handshake --json shows every step, and resumes on a second run', async () => {
    const args = [
      'handshake',
      '--administrator-profile',
      'admin',
      '--member-profile',
      'proc-ops',
      '--region',
      'us-east-1',
      '--region',
      'eu-west-1',
      '--yes',
      '--json',
    ];
    // 999999999999 (proc-ops) is already a Created member of the administrator in us-east-1.
    const first = await cli(...args);
    expect(first.code).toBe(0);
    const out = JSON.parse(first.stdout) as HandshakeResult & { ok: boolean };
    expect(out.steps.map((s) => `${s.region}:${s.step}:${s.status}`)).toEqual([
      'us-east-1:create:skipped',
      'us-east-1:invite:done',
      'us-east-1:accept:done',
      'eu-west-1:create:done',
      'eu-west-1:invite:done',
      'eu-west-1:accept:done',
    ]);
    const second = JSON.parse((await cli(...args)).stdout) as HandshakeResult;
    expect(second.steps.every((s) => s.status === 'skipped')).toBe(true);

    const failed = await cli(
      'handshake',
      '--administrator-profile',
      'admin',
      '--member-profile',
      'sso-signed-out',
      '--region',
      'us-east-1',
      '--yes',
    );
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/us-east-1\s+create\s+failed/);
    expect(failed.stdout).toMatch(/aws sso login --sso-session expired-session|sign/i);
  }, 90_000);
});
