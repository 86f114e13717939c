/**
 * What the command line prints: tables that fit a width (cut with "…", whole with --wide or in a pipe),
 * CSV and TSV, the status filters and summary, and on a terminal a progress line that never runs into
 * the table or an MFA question.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { table } from '../../main/cli/output';
import { type CliFixture, startCliFixture } from '../helpers/cli-process';
import { runOnTerminal } from '../helpers/pty';

const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);
let fixture: CliFixture;
beforeAll(async () => {
  fixture = await startCliFixture('shi-cli-output-');
});
afterAll(() => fixture?.close());

describe('table', () => {
  const header = ['PROFILE', 'REGION', 'ACCOUNT', 'ADMINISTRATOR', 'PENDING', 'NOTE'];
  const note = 'The profile could not be read: access denied by a service control policy of the organization.';
  const rows = [
    [
      'a-very-long-profile-name-from-sso',
      'ap-southeast-2',
      '123456789012',
      '210987654321 (Enabled)',
      '333333333333,444444444444',
      note,
    ],
    ['short', 'us-east-1', '555555555555', null, null, ''],
  ];

  it('never cuts profile names, regions or account ids: the other columns fold to fit', () => {
    const fitted = table(header, rows, 110).trimEnd().split('\n');
    for (const line of fitted) expect(line.length).toBeLessThanOrEqual(110);
    const text = fitted.join('\n');
    expect(text).not.toContain('…');
    for (const whole of [
      'a-very-long-profile-name-from-sso',
      'ap-southeast-2',
      '123456789012',
      '210987654321',
      '333333333333',
      '444444444444',
      '555555555555',
    ]) {
      expect(text, whole).toContain(whole);
    }
    // The note is folded over several lines of its column, every word kept.
    const noteStart = (fitted[0] ?? '').indexOf('NOTE');
    const folded = fitted.map((l) => l.slice(noteStart).trim()).filter(Boolean);
    expect(folded.slice(1).join(' ')).toBe(note);
    // A missing value is "-".
    expect(fitted.at(-1)).toMatch(/^short\s+us-east-1\s+555555555555\s+-\s+-$/);
  });

  it('cuts nothing without a width', () => {
    const whole = table(header, rows).split('\n')[1] ?? '';
    expect(whole).toContain(note);
  });
});

describe('formats and filters', () => {
  it('prints CSV and TSV, refuses an unknown format with exit 2', async () => {
    const csv = await fixture.cli('status', '--profile', 'admin', '--region', 'us-east-1', '--output', 'csv');
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\r\n')[0]).toBe('PROFILE,REGION,ACCOUNT,NAME,HUB,ADMINISTRATOR,PENDING,MEMBERS,NOTE');
    expect(csv.stdout).toMatch(/\r\nadmin,us-east-1,111111111111,Security Tooling,/);
    const tsv = await fixture.cli('status', '--profile', 'admin', '--region', 'us-east-1', '-o', 'tsv');
    expect(tsv.stdout.split('\n')[1]?.split('\t').slice(0, 3)).toEqual(['admin', 'us-east-1', '111111111111']);
    const bad = await fixture.cli('status', '--output', 'xml');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Allowed choices are table, json, csv, tsv/);
  }, 60_000);

  it('status --pending-only keeps the rows that need an answer, and the summary counts all', async () => {
    const result = await fixture.cli(
      'status',
      '--profile',
      'admin',
      '--profile',
      'member-pending',
      '--region',
      'us-east-1',
      '--pending-only',
    );
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^PROFILE\s+REGION/);
    expect(lines.slice(1, -1).map((l) => l.split(/\s+/)[0])).toEqual(['member-pending']);
    expect(lines.at(-1)).toBe('2 rows: 1 with a pending invitation, 0 failed.');
    const errors = await fixture.cli(
      'status',
      '--profile',
      'sso-signed-out',
      '--profile',
      'admin',
      '--region',
      'us-east-1',
      '--errors-only',
      '--json',
    );
    const body = JSON.parse(errors.stdout) as {
      rows: { profile: string }[];
      summary: { rows: number; failed: number };
    };
    expect(body.rows.map((r) => r.profile)).toEqual(['sso-signed-out']);
    expect(body.summary).toMatchObject({ rows: 2, failed: 1 });
    expect(errors.code).toBe(1);
  }, 60_000);
});

describe('as README runs it', () => {
  it('npm run -s cli -- … --json prints nothing but the JSON', async () => {
    const { stdout } = await run('npm', ['run', '-s', 'cli', '--', 'profiles', '--json'], {
      cwd: ROOT,
      env: fixture.env,
    });
    const profiles = JSON.parse(stdout) as { name: string }[];
    expect(profiles.map((p) => p.name)).toContain('admin');
  }, 60_000);
});

describe('on a terminal', () => {
  it('clears the progress line before the table and holds it while the MFA code is asked', async () => {
    const argv = [
      process.execPath,
      '--import',
      'tsx',
      'main/cli/main.ts',
      'status',
      '--profile',
      'admin',
      '--profile',
      'mfa-audit',
      '--region',
      'us-east-1',
    ];
    const result = await runOnTerminal(argv, { cwd: ROOT, env: fixture.env, when: 'MFA code for', answer: '123456\n' });
    expect(result.output).toContain('MFA code for');
    // Nothing is drawn after the question on its line until it is answered.
    const afterQuestion = result.output.slice(result.output.indexOf('MFA code for')).split(/\r?\n/)[0] ?? '';
    expect(afterQuestion).not.toContain('Reading rows');
    expect(result.output).not.toMatch(/Reading rows: \d+\/\d+PROFILE/);
    expect(result.output).toMatch(/(^|[\r\n])PROFILE\s+REGION/);
    expect(result.code).toBe(0);
  }, 60_000);
});
