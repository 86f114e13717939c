/**
 * The README's demo table names every pending invitation the demo has: the command line reads the
 * demo emulator, and each pending invitation's profile row in the table names its region and the
 * paragraph under it names the profile, the region and the inviting account.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliFixture, startCliFixture } from '../helpers/cli-process';

const README = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
const section = README.slice(
  README.indexOf('## The emulator and the demo scenario'),
  README.indexOf('## The command line'),
);

let fixture: CliFixture;
beforeAll(async () => {
  fixture = await startCliFixture('shi-cli-readme-');
});
afterAll(() => fixture?.close());

interface Row {
  profile: string;
  region: string;
  pendingInvitations: { accountId: string }[];
}

describe('the README of the demo', () => {
  it('lists every pending invitation of the demo', async () => {
    // Every region of the demo (the fixture reads fewer by default).
    const regions = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'af-south-1'].flatMap((r) => ['--region', r]);
    const result = await fixture.cli('status', ...regions, '--pending-only', '--output', 'json');
    const rows = (JSON.parse(result.stdout) as { rows: Row[] }).rows;
    const pending = rows.flatMap((r) =>
      r.pendingInvitations.map((i) => ({ profile: r.profile, region: r.region, from: i.accountId })),
    );
    expect(pending.length).toBeGreaterThan(0);
    const paragraph = section.slice(section.indexOf("Security Hub CSPM's pending invitations in the demo"));
    expect(paragraph).toMatch(
      new RegExp(`are exactly ${['', 'one', 'two', 'three', 'four', 'five'][pending.length]},`),
    );
    for (const { profile, region, from } of pending) {
      const row = section.split('\n').find((line) => line.startsWith(`| \`${profile}\``));
      expect(row, profile).toContain(region);
      expect(paragraph).toContain(`\`${profile}\``);
      expect(paragraph).toContain(region);
      expect(paragraph).toContain(from);
    }
  }, 60_000);
});
