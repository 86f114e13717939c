/**
 * What AWS values with line breaks, formulas and bidi marks do to the command line's output, with
 * the hostile stand-in server answering ListMembers: CSV and TSV hold every row on its own line (no
 * raw CR or LF from a value), guard formula cells, leave empty cells empty; the table's footer keeps
 * a value's line break visible instead of starting a forged line.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/cli-process';
import {
  answers,
  HOSTILE_TEXT,
  type HostileServer,
  startHostileServer,
  writeHostileAwsDir,
} from '../helpers/hostile-server';

let server: HostileServer;
let dir: string;
let env: NodeJS.ProcessEnv;

const MEMBERS = [
  {
    AccountId: '222222222222',
    MemberStatus: `Invited${HOSTILE_TEXT.lineBreaks}`,
    AdministratorId: '111111111111',
    InvitedAt: '2026-01-02T03:04:05Z',
    UpdatedAt: '2026-01-02T03:04:05Z',
  },
  {
    AccountId: '333333333333',
    Email: HOSTILE_TEXT.formula,
    MemberStatus: ` =1+1${HOSTILE_TEXT.rightToLeftOverride}`,
    AdministratorId: '111111111111',
  },
];

beforeAll(async () => {
  server = await startHostileServer();
  server.route((req) => {
    if (req.action === 'GetCallerIdentity') return answers.callerIdentity('111111111111');
    if (req.path === '/members') return answers.json({ Members: MEMBERS });
    return answers.json({});
  });
  dir = await mkdtemp(join(tmpdir(), 'shi-hostile-out-'));
  ({ env } = await writeHostileAwsDir(dir, server.url));
  env.SHI_SETTINGS_DIR = join(dir, 'settings');
});
afterAll(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

const members = (...flags: string[]) =>
  runCliInProcess(['members', '--profile', 'hostile', '--region', 'us-east-1', ...flags], env, dir);

describe('hostile AWS values in the command line’s output', () => {
  it('--output csv: one line per row, formulas guarded, empty cells empty', async () => {
    const { code, stdout } = await members('--output', 'csv');
    expect(code).toBe(0);
    const lines = stdout.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line).not.toMatch(/[\r\n\u202e]/);
    expect(lines[1]).toBe(
      '222222222222,,,Invitedok\\rforged\\nrow,unknown,2026-01-02T03:04:05.000Z,2026-01-02T03:04:05.000Z',
    );
    expect(lines[2]).toBe(
      `333333333333,,"'=HYPERLINK(""https://evil.example/"",""click"")",' =1+1\\u202e,invitation,,`,
    );
  });

  it('--output tsv: the same guard, tabs and line breaks never split a row', async () => {
    const { stdout } = await members('--output', 'tsv');
    const lines = stdout.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]?.split('\t')).toEqual([
      '333333333333',
      '',
      `'=HYPERLINK("https://evil.example/","click")`,
      "' =1+1\\u202e",
      'invitation',
      '',
      '',
    ]);
  });

  it('the table’s footer shows a value’s line break instead of starting a new line', async () => {
    const { stdout } = await members();
    const lines = stdout.trimEnd().split('\n');
    // Header, two members, the breakdown: nothing forged.
    expect(lines).toHaveLength(4);
    expect(lines.at(-1)).toMatch(/^2 members: 1 Invitedok\\rforged\\nrow, 1 {2}=1\+1\\u202e; /);
    expect(stdout).not.toMatch(/[\r\u202e]/);
  });
});
