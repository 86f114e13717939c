/**
 * An MFA code once per role session, across commands, as a user meets it:
 * - without a terminal and nothing cached, the row says it only needs an MFA code and how to give one;
 * - on a terminal the code is asked once, with how to skip the question;
 * - the next command, without a terminal, reads the row with the role's cached credentials: no
 *   question, no STS call (before, every command needed a terminal and a fresh code);
 * - Enter on an empty line skips the device: the row says the code was skipped, and nothing else asks.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliFixture, startCliFixture } from '../helpers/cli-process';
import { runOnTerminal } from '../helpers/pty';

const ROOT = path.resolve(__dirname, '../..');
const STATUS = ['status', '--profile', 'mfa-audit', '--region', 'us-east-1', '--json'];
let fixture: CliFixture;

beforeAll(async () => {
  fixture = await startCliFixture('shi-cli-mfa-');
});
afterAll(() => fixture?.close());

type Row = {
  profile: string;
  accountId: string | null;
  error: { kind: string; message: string; remediation: string | null; command: string | null } | null;
};
const rowOf = (stdout: string) => (JSON.parse(stdout) as { rows: Row[] }).rows.find((r) => r.profile === 'mfa-audit');
const stsCalls = () =>
  fixture.emulator.requestLog().filter((e) => e.operation === 'AssumeRole' || e.operation === 'GetSessionToken');
const cli = (...args: string[]) => ['node', '--import', 'tsx', 'main/cli/main.ts', ...args];

describe.skipIf(process.platform === 'win32')('an MFA role across commands', () => {
  it('without a terminal, the row says it needs a code and how to give one', async () => {
    const result = await fixture.cli(...STATUS);
    const row = rowOf(result.stdout);
    expect(row?.error?.kind).toBe('mfa-needed');
    expect(row?.error?.message).toContain(
      'Profile "mfa-audit" needs an MFA code for arn:aws:iam::111111111111:mfa/alice',
    );
    expect(row?.error?.message).toContain('no terminal');
    expect(row?.error?.command).toBe('aws sts get-caller-identity --profile mfa-audit');
    expect(row?.error?.remediation).toContain('~/.aws/cli/cache');
  }, 60_000);

  it('is asked once on a terminal, then read by a later command without one', async () => {
    const asked = await runOnTerminal(cli(...STATUS), {
      cwd: ROOT,
      env: fixture.env,
      when: 'MFA code for',
      answer: '123456\r',
    });
    expect(asked.output).toContain('Enter on an empty line skips it, Ctrl-C stops');
    expect(asked.code).toBe(0);

    fixture.emulator.clearLog();
    const later = await fixture.cli(...STATUS);
    expect(later.code).toBe(0);
    const row = rowOf(later.stdout);
    expect(row?.error).toBeNull();
    expect(row?.accountId).toBe('777777777777');
    expect(stsCalls()).toHaveLength(0);
  }, 60_000);

  it('skips the device on an empty line: the row says so and nothing asks again', async () => {
    rmSync(path.join(fixture.env.HOME as string, '.aws', 'cli', 'cache'), { recursive: true, force: true });
    fixture.emulator.clearLog();
    const result = await runOnTerminal(cli(...STATUS), {
      cwd: ROOT,
      env: fixture.env,
      when: 'MFA code for',
      answer: '\r',
    });
    expect(result.output.split('Enter on an empty line skips it')).toHaveLength(2);
    expect(result.output).toContain('it was skipped');
    expect(result.code).toBe(1);
    expect(stsCalls()).toHaveLength(0);
  }, 60_000);
});
