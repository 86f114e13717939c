/**
 * Names and trusted administrators on the command line, as a user runs it (a separate process, the
 * emulator's demo): names beside ids in `status` (table and JSON `accountName`), `members` and
 * `activity`; an accept from an administrator outside the trusted list refused with exit 3 unless
 * --trust-administrator names it, a bulk --from the same; `config` editing the list.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../../main/domain/types';
import { type CliFixture, startCliFixture } from '../helpers/cli-process';

let fixture: CliFixture;
const cli = (...args: string[]) => fixture.cli(...args);

beforeAll(async () => {
  fixture = await startCliFixture('shi-cli-names-');
});
afterAll(() => fixture?.close());

interface JsonRow {
  profile: string;
  region: string;
  accountName: string | null;
  administrators: { accountId: string; accountName: string | null }[];
  pendingInvitations: { accountId: string; accountName: string | null; trusted: boolean; oneOfYours: boolean }[];
  members: { accountId: string; accountName: string | null }[] | null;
}

describe('names on the command line', () => {
  it('status shows each account’s name beside its id, in the table and as accountName in JSON', async () => {
    const json = await cli('status', '--all', '--region', 'us-east-1', '--json');
    expect(json.code).toBe(1); // sso-signed-out cannot be read
    const rows = (JSON.parse(json.stdout) as { rows: JsonRow[] }).rows;
    const row = (profile: string) => rows.find((r) => r.profile === profile) as JsonRow;
    expect(row('admin').accountName).toBe('Security Tooling');
    expect(row('admin').members?.find((m) => m.accountId === '444444444444')?.accountName).toBe('Org Workload');
    expect(row('member-enabled').administrators[0]).toMatchObject({ accountName: 'Security Tooling' });
    expect(row('member-pending').pendingInvitations[0]).toMatchObject({
      accountId: '111111111111',
      accountName: 'Security Tooling',
      trusted: true,
      oneOfYours: true,
    });
    expect(row('proc-ops').accountName).toBe('acme-operations');

    // The names are cached: a table right after (nothing read again) shows them too.
    const table = await cli('status', '--profile', 'member-pending', '--profile', 'admin', '--region', 'us-east-1');
    const lines = table.stdout.split('\n');
    expect(lines[0]).toMatch(/^PROFILE\s+REGION\s+ACCOUNT\s+NAME\s+HUB\s+ADMINISTRATOR\s+PENDING/);
    expect(lines.find((l) => l.startsWith('admin '))).toMatch(/111111111111\s+Security Tooling\s+on/);
    expect(lines.find((l) => l.startsWith('member-pending '))).toMatch(
      /222222222222\s+globex-pending\s+on\s+-\s+111111111111 \(Security Tooling\)/,
    );
  }, 120_000);

  it('members and activity name the accounts', async () => {
    const members = await cli('members', '--profile', 'admin', '--region', 'us-east-1');
    expect(members.code).toBe(0);
    expect(members.stdout).toMatch(/^ACCOUNT\s+NAME\s+EMAIL/);
    expect(members.stdout).toMatch(/444444444444\s+Org Workload\s/);
    expect(members.stdout).toMatch(/222222222222\s+globex-pending\s/);
  }, 60_000);
});

describe('trusted administrators on the command line', () => {
  beforeEach(async () => {
    expect((await cli('config', 'set', 'trustedAdministrators', '')).code).toBe(0);
  }, 60_000);

  it('refuses an accept from an administrator not trusted (exit 3, nothing sent), and accepts with --trust-administrator', async () => {
    fixture.emulator.clearLog();
    const refused = await cli(
      'accept',
      '--profile',
      'member-pending',
      '--region',
      'us-east-1',
      '--administrator',
      '111111111111',
    );
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/from an account you have not trusted: 111111111111 \(Security Tooling\)/);
    expect(refused.stderr).toMatch(/--trust-administrator 111111111111/);
    expect(fixture.emulator.requestLog().filter((e) => e.operation === 'AcceptAdministratorInvitation')).toEqual([]);

    const wrong = await cli(
      'accept',
      '--profile',
      'member-pending',
      '--region',
      'us-east-1',
      '--administrator',
      '111111111111',
      '--trust-administrator',
      '222222222222',
    );
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/must be the same account/);

    const accepted = await cli(
      'accept',
      '--profile',
      'member-pending',
      '--region',
      'eu-west-1',
      '--administrator',
      '111111111111',
      '--trust-administrator',
      '111111111111',
    );
    expect(accepted.code).toBe(0);
    expect(accepted.stderr).toMatch(/trust 111111111111 as Security Hub CSPM administrator/);
    expect((await cli('config', 'get', 'trustedAdministrators')).stdout.trim()).toBe('111111111111:securityhub');
    const log = JSON.parse((await cli('activity', '--json', '--limit', '3')).stdout) as (ActivityEntry & {
      targetName: string | null;
    })[];
    expect(log.map((e) => `${e.action}:${e.outcome}`)).toEqual([
      'accept:succeeded',
      'trust-administrator:succeeded',
      'accept:refused',
    ]);
    expect(log[1]).toMatchObject({ source: 'cli', target: '111111111111', targetName: 'Security Tooling' });
  }, 120_000);

  it('refuses a bulk --from of an administrator not trusted the same way', async () => {
    const refused = await cli('accept', '--from', '111111111111', '--profile', 'hub-off', '--yes');
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/not one of your trusted Security Hub administrators/);
    const status = await cli('status', '--profile', 'hub-off', '--region', 'us-east-1');
    expect(status.stdout).toMatch(
      /555555555555\s+initech-hub-off\s+on\s+-\s+111111111111 \(Security Tooling; not trusted\)/,
    );
  }, 120_000);

  it('config trust and untrust edit the list and say whom', async () => {
    const trusted = await cli('config', 'trust', '999999999999');
    expect(trusted.code).toBe(0);
    expect(trusted.stdout).toBe('Trusted 999999999999 (acme-operations) as administrator for every service.\n');
    expect((await cli('config', 'trust', '123456789012:securityhub')).stdout).toBe(
      'Trusted 123456789012 (not one of your accounts) as administrator for securityhub.\n',
    );
    expect((await cli('config', 'get', 'trustedAdministrators')).stdout.trim()).toBe(
      '999999999999,123456789012:securityhub',
    );
    expect((await cli('config', 'untrust', '999999999999')).code).toBe(0);
    expect((await cli('config', 'get', 'trustedAdministrators')).stdout.trim()).toBe('123456789012:securityhub');
    const bad = await cli('config', 'trust', '12345');
    expect(bad.code).toBe(2);
    const unknown = await cli('config', 'trust', '123456789012:nosuchservice');
    expect(unknown.code).toBe(2);
    const log = JSON.parse((await cli('activity', '--json', '--limit', '3')).stdout) as ActivityEntry[];
    expect(log.map((e) => `${e.action}:${e.target}`)).toEqual([
      'untrust-administrator:999999999999',
      'trust-administrator:123456789012',
      'trust-administrator:999999999999',
    ]);
  }, 120_000);
});
