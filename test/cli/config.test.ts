/** `config` as a real process: list, get and set in the settings file, with the Settings page's rules. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSettings } from '../../main/core/storage/settings';
import { type CliFixture, startCliFixture } from '../helpers/cli-process';

let fixture: CliFixture;
beforeAll(async () => {
  fixture = await startCliFixture('shi-cli-config-');
});
afterAll(() => fixture?.close());
const stored = () => openSettings({ cwd: fixture.env.SHI_SETTINGS_DIR as string }).get();

describe('config', () => {
  it('sets what the app reads, and shows it', async () => {
    expect((await fixture.cli('config', 'set', 'defaultRegions', 'us-east-1,eu-west-1')).code).toBe(0);
    expect((await fixture.cli('config', 'set', 'confirmations.decline', 'off')).code).toBe(0);
    expect((await fixture.cli('config', 'set', 'callTimeoutSeconds', '20')).code).toBe(0);
    expect(stored()).toMatchObject({
      defaultRegions: ['us-east-1', 'eu-west-1'],
      callTimeoutMs: 20_000,
      confirmations: { decline: false, disassociate: true, adminActions: true },
    });
    expect((await fixture.cli('config', 'get', 'defaultRegions')).stdout).toBe('us-east-1,eu-west-1\n');
    const listed = JSON.parse((await fixture.cli('config', 'list', '--json')).stdout) as Record<string, string>;
    expect(listed).toMatchObject({ callTimeoutSeconds: '20', 'confirmations.decline': 'false' });
  }, 60_000);

  it('sets every region as a mode, not a frozen list, and a list again', async () => {
    expect((await fixture.cli('config', 'set', 'defaultRegions', 'all')).code).toBe(0);
    expect(stored().defaultRegionMode).toBe('all');
    expect((await fixture.cli('config', 'get', 'defaultRegions')).stdout).toBe('all\n');
    expect((await fixture.cli('config', 'set', 'defaultRegions', 'eu-west-1')).code).toBe(0);
    expect(stored()).toMatchObject({ defaultRegionMode: 'list', defaultRegions: ['eu-west-1'] });
  }, 60_000);

  it('refuses what the Settings page refuses, with exit 2, and keeps the file as it was', async () => {
    const before = stored();
    const cases: [string[], RegExp][] = [
      [['config', 'set', 'concurrency', '999'], /concurrency.*256/],
      [['config', 'set', 'defaultRegions', 'us-esat-1'], /did you mean us-east-1/],
      [['config', 'set', 'readOnly', 'maybe'], /readOnly is true or false/],
      [['config', 'set', 'nosuch', '1'], /There is no setting "nosuch"/],
      [['config', 'delete', 'readOnly'], /Allowed choices are list, get, set/],
      [['config', 'get', 'readOnly', 'extra'], /takes one setting name/],
    ];
    for (const [argv, message] of cases) {
      const result = await fixture.cli(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(stored()).toEqual(before);
  }, 60_000);
});
