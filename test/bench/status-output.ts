/**
 * `status` on a 40-profile workstation (test/helpers/forty-profiles.ts), as a person at a terminal of
 * `--columns` characters sees it: prints the output, then one line of figures on stderr — how many
 * lines, how many rows were read, how many failed.
 *
 *   node --import tsx test/bench/status-output.ts [--regions all|list] [--columns 120] [-- <status flags>]
 *
 * `--regions all` reads every region of the partition, as a new install does; `list` (the default)
 * the four regions of the fixture.
 */
import { parseArgs } from 'node:util';
import type { CliIo } from '../../main/cli/command';
import { runCli } from '../../main/cli/main';
import { openFortyProfiles } from '../helpers/forty-profiles';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { regions: { type: 'string', default: 'list' }, columns: { type: 'string', default: '120' } },
    allowPositionals: true,
  });
  const fixture = await openFortyProfiles(values.regions === 'all' ? 'all' : undefined);
  let out = '';
  const io: CliIo = {
    stdout: (t) => {
      out += t;
    },
    stderr: () => {},
    env: fixture.env,
    cwd: process.cwd(),
    columns: Number(values.columns),
  };
  try {
    const code = await runCli(['status', ...positionals], io);
    process.stdout.write(out);
    const lines = out.split('\n').filter((l, i, all) => i < all.length - 1 || l !== '').length;
    process.stderr.write(`${JSON.stringify({ exit: code, lines, regions: values.regions })}\n`);
  } finally {
    await fixture.close();
  }
}

void main();
