/**
 * Usage as real processes: --version, help per command, "did you mean" for a command, a flag and a
 * region, stray words refused, and every usage error exits 2 before any AWS call.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliFixture, startCliFixture } from '../helpers/cli-process';

let fixture: CliFixture;
beforeAll(async () => {
  fixture = await startCliFixture('shi-cli-usage-');
});
afterAll(() => fixture?.close());

const version = (JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string })
  .version;

describe('usage', () => {
  it('prints the version and per-command help, exit 0', async () => {
    expect(await fixture.cli('--version')).toMatchObject({ code: 0, stdout: `${version}\n` });
    const help = await fixture.cli('status', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--pending-only/);
    expect(help.stdout).toMatch(/Exit status, over the rows printed: 0 when every one was read/);
  }, 60_000);

  it.each([
    [['statsu'], /unknown command 'statsu'\n\(Did you mean status\?\)/],
    [['status', '--regoin', 'us-east-1'], /unknown option '--regoin'\n\(Did you mean --region\?\)/],
    [['status', 'admin'], /too many arguments for 'status'/],
    [
      ['status', '--region', 'us-east-9'],
      /--region must be an AWS region such as us-east-1; got "us-east-9" \(did you mean us-east-[12]\?\)/,
    ],
    [['disassociate', '--region', 'us-east-1'], /--profile is required/],
    [[], /Usage: securityhub-invitations/],
  ])(
    '%j is a usage error, exit 2, nothing sent',
    async (argv, message) => {
      fixture.emulator.clearLog();
      const result = await fixture.cli(...(argv as string[]));
      expect(result.code).toBe(2);
      expect(`${result.stdout}${result.stderr}`).toMatch(message);
      expect(fixture.emulator.requestLog()).toHaveLength(0);
    },
    60_000,
  );
});
