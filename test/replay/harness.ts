/**
 * The app's backend over a replay (server.ts): one static-key profile, `replay`, whose
 * endpoint_url is the replay server, so STS and Security Hub both get published answers through
 * the real SDK. Settings live in a temp folder; nothing reaches AWS.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AppEvent } from '../../contract/api';
import { type Backend, createBackend } from '../../main/core/backend';
import type { ServiceRow } from '../../main/domain/types';
import { FAST_SETTLE, fastRetry } from '../core/harness';
import { type AfterWrite, type Plan, type Replay, startReplay } from './server';

export const PROFILE = 'replay';

export interface ReplayHarness {
  replay: Replay;
  backend: Backend;
  /** The row of one service (Security Hub CSPM unless named) in one region, read by one refresh. */
  row(region: string, service?: string): Promise<ServiceRow>;
  close(): Promise<void>;
}

export async function startReplayHarness(
  plan: Plan,
  options: { regions?: string[]; afterWrite?: AfterWrite } = {},
): Promise<ReplayHarness> {
  const replay = await startReplay(plan, options.afterWrite);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shi-replay-'));
  const config = path.join(dir, 'config');
  const credentials = path.join(dir, 'credentials');
  // The access key is the one the STS example's UserId shows; the secret is AWS's documented example.
  await fs.writeFile(config, `[profile ${PROFILE}]\nregion = us-west-1\nendpoint_url = ${replay.url}\n`);
  await fs.writeFile(
    credentials,
    `[${PROFILE}]\naws_access_key_id = AKIAI44QH8DHBEXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n`,
  );
  const read: Extract<AppEvent, { type: 'refresh-progress' }>[] = [];
  const backend = createBackend({
    env: { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials, HOME: dir, PATH: process.env.PATH },
    settingsDir: path.join(dir, 'settings'),
    source: 'app',
    version: '0.0.0-test',
    demo: false,
    // The tests read what a refresh read from its events, as the window does.
    emit: (event) => {
      if (event.type === 'refresh-progress') read.push(event);
    },
    clipboard: { writeText: async () => {} },
    openExternal: async () => ({ opened: false, reason: 'not in replays' }),
    chooseSavePath: async () => null,
    aws: { retryStrategy: fastRetry(), requestTimeoutMs: 5000 },
    snapshotDelayMs: 20,
    // A replay answers throttled every time: the scheduler's pauses are kept, but short.
    callBackoff: { baseMs: 1, maxMs: 2, maxRetries: 2 },
    // A replay answers the same after a write as before it: the reads that wait for AWS to show the
    // write wait milliseconds.
    settlePace: FAST_SETTLE,
  });
  await backend.handlers['settings:update']({ defaultRegions: options.regions ?? ['us-west-1'] });
  return {
    replay,
    backend,
    async row(region, service = 'securityhub') {
      const started = await backend.handlers['refresh:start']({
        scope: { kind: 'row', service, profile: PROFILE, region },
      });
      await backend.refresh.wait(started.refreshId);
      const row = read
        .filter((e) => e.refreshId === started.refreshId)
        .flatMap((e) => e.rows)
        .find((r) => r.service === service && r.profile === PROFILE && r.region === region);
      if (!row) throw new Error(`no ${service} row for ${PROFILE} ${region}`);
      return row;
    },
    async close() {
      await backend.dispose();
      await replay.stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
