/**
 * A credential_process that never answers (aws-vault waiting for a passphrase, a helper waiting for
 * a browser): the healthy profile's row arrives at once, the hung one fails after the credential
 * timeout with a sentence naming the profile and the command, and the helper is stopped.
 */
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../harness';

const TIMEOUT_MS = 1500;
let h: Harness;
let pidFile: string;

beforeAll(async () => {
  h = await startHarness({ deps: { aws: { credentialTimeoutMs: () => TIMEOUT_MS } } });
  pidFile = path.join(h.dir, 'helper.pid');
  const script = path.join(h.dir, 'hang.mjs');
  await writeFile(
    script,
    `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(pidFile)}, String(process.pid));\nsetInterval(() => {}, 1000);\n`,
  );
  await appendFile(
    h.env.AWS_CONFIG_FILE as string,
    `\n[profile slow]\nregion = us-east-1\nendpoint_url = ${h.emulator.url}\ncredential_process = "${process.execPath}" "${script}"\n`,
  );
});
afterAll(() => h?.close());

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('a hung credential helper', () => {
  it('fails its row after the timeout, stops the helper, and does not hold up a healthy profile', async () => {
    const started = Date.now();
    await h.backend.handlers['profiles:list']({ reload: true });
    const summaryP = h.refresh({
      kind: 'rows',
      rows: [
        { profile: 'slow', region: 'us-east-1' },
        { profile: 'admin', region: 'us-east-1' },
      ],
    });
    const summary = await summaryP;
    const elapsed = Date.now() - started;
    const healthy = summary.rows.find((r) => r.profile === 'admin');
    const slow = summary.rows.find((r) => r.profile === 'slow');
    expect(healthy?.error).toBeNull();
    console.log(`hung helper: refresh settled in ${elapsed} ms (timeout ${TIMEOUT_MS} ms): ${slow?.error?.message}`);
    expect(slow?.error?.message).toMatch(
      /^The credential helper of profile "slow" \(.*\) did not answer within 1\.5 s; it was stopped\./,
    );
    expect(slow?.error?.message).toContain('hang.mjs');
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 8000);
    const pid = Number(await readFile(pidFile, 'utf8'));
    await sleep(2500);
    expect(alive(pid)).toBe(false);
  });

  it('does not hold up the healthy row of a bulk accept: its accept is sent before the hung row fails', async () => {
    h.emulator.clearLog();
    const started = Date.now();
    const result = await h.backend.handlers['bulk:run']({
      action: 'accept',
      administratorId: '111111111111',
      rows: [
        { profile: 'slow', region: 'us-east-1' },
        { profile: 'member-pending', region: 'us-east-1' },
      ],
    });
    const healthyAt = h.events.findIndex(
      (e) => e.type === 'bulk-progress' && e.result.profile === 'member-pending' && e.result.status === 'done',
    );
    expect(healthyAt).toBeGreaterThanOrEqual(0);
    const healthyMs = (h.eventTimes[healthyAt] ?? Number.POSITIVE_INFINITY) - started;
    console.log(`hung helper: healthy bulk row done after ${healthyMs} ms, whole bulk ${Date.now() - started} ms`);
    expect(healthyMs).toBeLessThan(TIMEOUT_MS);
    expect(h.operations('AcceptAdministratorInvitation')).toHaveLength(1);
    const slow = result.results.find((r) => r.profile === 'slow');
    expect(slow?.status).toBe('failed');
    expect(slow?.error?.message).toMatch(/^The credential helper of profile "slow" .* did not answer within 1\.5 s/);
  });
});
