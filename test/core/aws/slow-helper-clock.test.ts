/**
 * A credential_process that answers slowly (a passphrase typed, a browser approved) is bound by the
 * credential timeout, not by the call timeout, which is for AWS's answer: the call's clock stops
 * while it waits (call-context.ts). A helper slower than the call timeout still gives a row.
 */
import { appendFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../harness';

const CALL_TIMEOUT_MS = 1000;
const HELPER_MS = 1600;
let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    settings: { defaultRegions: ['us-east-1'], callTimeoutMs: CALL_TIMEOUT_MS },
    deps: { aws: { credentialTimeoutMs: () => 10_000 } },
  });
  const script = path.join(h.dir, 'slow.mjs');
  const credentials = {
    Version: 1,
    // The demo scenario's administrator (test/emulator/scenarios/demo.json).
    AccessKeyId: 'AKIAEMULADMIN0000001',
    SecretAccessKey: 'emulatorAdminSecretKey/0000000000000000001',
  };
  await writeFile(
    script,
    `setTimeout(() => process.stdout.write(${JSON.stringify(JSON.stringify(credentials))}), ${HELPER_MS});\n`,
  );
  await appendFile(
    h.env.AWS_CONFIG_FILE as string,
    `\n[profile slow]\nregion = us-east-1\nendpoint_url = ${h.emulator.url}\ncredential_process = "${process.execPath}" "${script}"\n`,
  );
});
afterAll(() => h?.close());

describe('a slow credential helper', () => {
  it('is not cut short by the call timeout: its row is read', async () => {
    await h.backend.handlers['profiles:list']({ reload: true });
    const started = Date.now();
    const summary = await h.refresh({ kind: 'rows', rows: [{ profile: 'slow', region: 'us-east-1' }] });
    const row = summary.rows.find((r) => r.profile === 'slow');
    expect(Date.now() - started).toBeGreaterThan(HELPER_MS);
    expect(row?.error?.message ?? null).toBeNull();
    expect(row?.state).not.toBe('error');
  });
});
