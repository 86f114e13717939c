/**
 * The app reads the login shell's PATH alongside its first window; credential helpers wait for that
 * (and only they do), without the wait counting against their timeout.
 */
import { existsSync } from 'node:fs';
import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../harness';

const TIMEOUT_MS = 1000;
let h: Harness;
let marker: string;
let releasePath: () => void = () => {};

beforeAll(async () => {
  const helperPathReady = new Promise<void>((resolve) => {
    releasePath = resolve;
  });
  h = await startHarness({ deps: { aws: { credentialTimeoutMs: () => TIMEOUT_MS, helperPathReady } } });
  marker = path.join(h.dir, 'helper-ran');
  // The demo's own helper for proc-ops (valid keys for the emulator), run after leaving a mark: the
  // line is run by a shell, as the SDK runs credential_process.
  const config = await readFile(h.env.AWS_CONFIG_FILE as string, 'utf8');
  const procOps = /\[profile proc-ops\][^[]*?credential_process = (.+)/.exec(config)?.[1];
  if (!procOps) throw new Error('the demo scenario has no proc-ops helper');
  await appendFile(
    h.env.AWS_CONFIG_FILE as string,
    `\n[profile helper]\nregion = us-east-1\nendpoint_url = ${h.emulator.url}\ncredential_process = echo ran > '${marker}'; ${procOps}\n`,
  );
});
afterAll(() => h?.close());

describe('credential helpers and the login shell PATH', () => {
  it('are spawned only once PATH is known, and the wait is not counted against their timeout', async () => {
    await h.backend.handlers['profiles:list']({ reload: true });
    const refreshed = h.refresh({
      kind: 'rows',
      rows: [
        { profile: 'helper', region: 'us-east-1' },
        { profile: 'admin', region: 'us-east-1' },
      ],
    });
    // Longer than the credential timeout: a wait that counted would fail the row.
    await sleep(TIMEOUT_MS + 500);
    expect(existsSync(marker)).toBe(false);
    releasePath();
    const summary = await refreshed;
    expect(existsSync(marker)).toBe(true);
    expect(summary.rows.find((r) => r.profile === 'helper')?.error).toBeNull();
    expect(summary.rows.find((r) => r.profile === 'admin')?.error).toBeNull();
  });
});
