/**
 * `status` on a realistic 40-profile workstation (test/helpers/forty-profiles.ts): the rows that need
 * the user come first, what could not be read is one group per cause under the table — each with its
 * remedy, the profiles named once — and the exit status speaks of the rows printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../main/cli/command';
import { runCli } from '../../main/cli/main';
import { type FortyProfiles, openFortyProfiles } from '../helpers/forty-profiles';

let fixture: FortyProfiles;
beforeAll(async () => {
  fixture = await openFortyProfiles();
}, 60_000);
afterAll(() => fixture?.close());

/** As on a terminal 120 columns wide (stdout a terminal, nothing to ask). */
async function status(...flags: string[]) {
  let stdout = '';
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: () => {},
    env: fixture.env,
    cwd: fixture.dir,
    columns: 120,
  };
  const code = await runCli(['status', ...flags], io);
  return { code, stdout, lines: stdout.trimEnd().split('\n') };
}

const FAILING = [
  'broken-trust-a',
  'corp-billing',
  'corp-web',
  'legacy-sso-finance',
  'old-keys-2019',
  'orphan-role',
  'sandbox-alice',
  'typo-region',
  'vault-prod',
];

describe('status over 40 profiles', () => {
  it('lists pending rows first and groups the failures by cause, each with its remedy', async () => {
    const { code, lines } = await status();
    expect(code).toBe(1);
    const header = lines[0] ?? '';
    expect(header).toMatch(/^PROFILE\s+REGION\s+ACCOUNT\s+NAME\s+HUB\s+ADMINISTRATOR\s+PENDING/);
    const pendingAt = header.indexOf('PENDING');
    const table = lines.slice(
      1,
      lines.findIndex((l) => /^\d+ rows: /.test(l)),
    );
    // The four rows with an invitation come first, then the rest.
    const pending = table.map((l) => l.slice(pendingAt).startsWith('111111111111'));
    expect(pending.slice(0, 4)).toEqual([true, true, true, true]);
    expect(pending.slice(4).some(Boolean)).toBe(false);
    // No row of a profile that could not be read: they are said under the table, once per cause.
    for (const profile of FAILING) expect(table.some((l) => l.startsWith(`${profile} `))).toBe(false);
    const footer = lines.slice(table.length + 1).join('\n');
    expect(footer).toContain(
      '161 rows: 4 with a pending invitation, 109 failed, 12 in regions the account has not enabled, 2 blocked by an organization policy.',
    );
    expect(footer).toContain('Could not be read: 109 rows of 27 profiles, by cause:');
    expect(footer).toContain(
      '  12 profiles: the SSO session corp has expired or was never signed in\n' +
        '      → sign in: securityhub-invitations login --sso-session corp (or `aws sso login --sso-session corp`)\n' +
        '      corp-billing, corp-crm, corp-data-lake, corp-edge, corp-hr, corp-intranet, corp-mail, corp-ml, corp-mobile, corp-observability, corp-shared-services, corp-web',
    );
    expect(footer).toContain('  4 profiles: the SSO session sandbox has expired');
    expect(footer).toMatch(
      / {2}2 profiles: their own SSO sign-in .*\n.*login --profile <name>.*\n {6}legacy-sso-finance, legacy-sso-marketing/,
    );
    expect(footer).toMatch(
      / {2}3 profiles, such as old-keys-2019: AWS does not recognise the credentials .*\n {6}→ Check the access key/,
    );
    // The region-deny service control policy's regions are a state, not a failure: listed as blocked.
    const blocked = table.filter((l) => l.startsWith('eu-only '));
    expect(blocked.filter((l) => /\bblocked\b/.test(l)).map((l) => l.split(/\s+/)[1])).toEqual([
      'ap-southeast-2',
      'eu-west-1',
    ]);
    expect(footer).toContain('Not enabled by the account, so not read: af-south-1 in 12 accounts');
    // Header, table, summary, "Could not be read", three lines for each of the eight causes, the regions
    // not enabled: one line per cause, not one per profile × region.
    expect(lines.length).toBe(1 + table.length + 1 + 1 + 8 * 3 + 1);
  }, 60_000);

  it('JSON keeps every row and gives the groups; the exit counts only the rows printed', async () => {
    const json = await status('--json');
    const body = JSON.parse(json.stdout) as { rows: unknown[]; failures: { profiles: string[]; rows: number }[] };
    expect(body.rows).toHaveLength(161);
    expect(body.failures.map((g) => g.profiles.length)).toEqual([12, 4, 3, 2, 2, 2, 1, 1]);
    expect(body.failures.reduce((n, g) => n + g.rows, 0)).toBe(109);

    // The failures --pending-only hides do not make it fail; --fail-on-pending makes a pending one exit 4.
    const pendingOnly = await status('--pending-only');
    expect(pendingOnly.code).toBe(0);
    expect(pendingOnly.lines.slice(1, 5).every((l) => l.includes('111111111111'))).toBe(true);
    expect((await status('--pending-only', '--fail-on-pending')).code).toBe(4);
    // A pending invitation wins over failed rows: that is what a monitor asks about.
    expect((await status('--fail-on-pending')).code).toBe(4);
    // --errors-only hides the pending rows: nothing pending was printed.
    const errorsOnly = await status('--errors-only', '--fail-on-pending');
    expect(errorsOnly.code).toBe(1);
    expect(errorsOnly.lines[0]).toBe(
      '161 rows: 4 with a pending invitation, 109 failed, 12 in regions the account has not enabled, 2 blocked by an organization policy.',
    );
  }, 120_000);
});
