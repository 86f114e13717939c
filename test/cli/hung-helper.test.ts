/**
 * `status` with a credential helper that never answers and a healthy profile, as a user runs it: the
 * command ends after the credential timeout from the settings file (5 s here), prints the healthy row
 * and the sentence naming the hung profile and its command, and leaves no helper running.
 */
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSettings } from '../../main/core/storage/settings';
import { type CliFixture, startCliFixture } from '../helpers/cli-process';

let fixture: CliFixture;
let pidFile: string;

beforeAll(async () => {
  fixture = await startCliFixture('shi-cli-hung-');
  pidFile = path.join(fixture.dir, 'helper.pid');
  const script = path.join(fixture.dir, 'hang.mjs');
  await writeFile(
    script,
    `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(pidFile)}, String(process.pid));\nsetInterval(() => {}, 1000);\n`,
  );
  await appendFile(
    fixture.env.AWS_CONFIG_FILE as string,
    `\n[profile vault-locked]\nregion = us-east-1\nendpoint_url = ${fixture.emulator.url}\ncredential_process = "${process.execPath}" "${script}"\n`,
  );
  openSettings({ cwd: fixture.env.SHI_SETTINGS_DIR as string }).update({ credentialTimeoutSeconds: 5 });
});
afterAll(() => fixture?.close());

describe('status with a hung credential helper', () => {
  it('ends after the configured credential timeout with the healthy row and the hung one named', async () => {
    const started = Date.now();
    const result = await fixture.cli(
      'status',
      '--profile',
      'vault-locked',
      '--profile',
      'admin',
      '--region',
      'us-east-1',
      '--json',
    );
    const elapsed = Date.now() - started;
    console.log(`cli status with a hung helper: ${elapsed} ms (credential timeout 5 s)`);
    expect(elapsed).toBeLessThan(20_000);
    const body = JSON.parse(result.stdout) as {
      rows: { profile: string; error: { message: string } | null; accountId: string | null }[];
    };
    const admin = body.rows.find((r) => r.profile === 'admin');
    const locked = body.rows.find((r) => r.profile === 'vault-locked');
    expect(admin?.error).toBeNull();
    expect(admin?.accountId).toBe('111111111111');
    expect(locked?.error?.message).toMatch(
      /^The credential helper of profile "vault-locked" \(.*hang\.mjs.*\) did not answer within 5 s; it was stopped\./,
    );
    expect(result.code).toBe(1);
    const pid = Number(await readFile(pidFile, 'utf8'));
    await sleep(2500);
    expect(() => process.kill(pid, 0)).toThrow();
  }, 40_000);
});
