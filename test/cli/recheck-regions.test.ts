/** `status --recheck-regions`: an opt-in region found not enabled is asked again at once, not a day later. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliFixture, startCliFixture } from '../helpers/cli-process';

let fixture: CliFixture;
beforeAll(async () => {
  fixture = await startCliFixture('shi-cli-recheck-');
});
afterAll(() => fixture?.close());

const callsInAfSouth = () =>
  fixture.emulator
    .requestLog()
    .filter((e) => e.service === 'securityhub' && e.accountId === '222222222222' && e.region === 'af-south-1')
    .map((e) => e.operation);

describe('status --recheck-regions', () => {
  it('skips a region found not enabled on the next run, and asks again with the flag', async () => {
    const status = async (...extra: string[]) => {
      const out = await fixture.cli(
        'status',
        '--profile',
        'member-pending',
        '--region',
        'af-south-1',
        '--json',
        ...extra,
      );
      expect(out.code).toBe(0); // not enabled is a state, not a failure
      return JSON.parse(out.stdout) as { rows: { hub: string }[] };
    };
    expect((await status()).rows.map((r) => r.hub)).toEqual(['region-not-enabled']);
    expect(callsInAfSouth()).toEqual(['GetAdministratorAccount']);
    fixture.emulator.clearLog();
    expect((await status()).rows.map((r) => r.hub)).toEqual(['region-not-enabled']);
    expect(callsInAfSouth()).toEqual([]);
    expect((await status('--recheck-regions')).rows.map((r) => r.hub)).toEqual(['region-not-enabled']);
    expect(callsInAfSouth()).toEqual(['GetAdministratorAccount']);
  }, 90_000);
});
