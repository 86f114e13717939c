/**
 * The app's backend (main/core/backend.ts, as the window and the command line use it) with one
 * profile, `hostile`, whose every endpoint is the hostile stand-in server: what a broken or
 * malicious answer does to the app's reads, through its real doors (`invoke`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppEvent } from '../../contract/api';
import { type Backend, createBackend } from '../../main/core/backend';
import type { ServiceRow } from '../../main/domain/row';
import { type HostileServer, writeHostileAwsDir } from './hostile-server';

export interface HostileBackend {
  backend: Backend;
  /** The AWS files and settings folder. */
  dir: string;
  /** The environment the backend was given (for the command line too). */
  env: NodeJS.ProcessEnv;
  profile: string;
  region: string;
  events: AppEvent[];
  /** Unexpected handler errors (bugs: the user would see the internal-error sentence). */
  unexpected: { channel: string; error: unknown }[];
  /** Reads the rows of the profile (every registered service, or `services`) now, as `status` does. */
  readRows(services?: string[]): Promise<ServiceRow[]>;
  close(): Promise<void>;
}

export async function startHostileBackend(
  server: HostileServer,
  /** `dir`: the folder of an earlier backend (its AWS files and settings), as a second start. */
  options: { region?: string; callTimeoutMs?: number; dir?: string } = {},
): Promise<HostileBackend> {
  const region = options.region ?? 'us-east-1';
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'shi-hostile-backend-')));
  const { env, profile } = await writeHostileAwsDir(dir, server.url, { region });
  const settingsDir = join(dir, 'settings');
  const events: AppEvent[] = [];
  const unexpected: HostileBackend['unexpected'] = [];
  const backend = createBackend({
    env,
    settingsDir,
    source: 'cli',
    version: '0.0.0-test',
    demo: false,
    emit: (event) => events.push(event),
    clipboard: { writeText: async () => undefined },
    openExternal: async () => ({ opened: false, reason: 'tests open nothing' }),
    chooseSavePath: async () => null,
    // One attempt: a hostile answer is not made better by asking again, and counts stay exact.
    aws: { maxAttempts: 1, requestTimeoutMs: 5_000 },
    // Throttling answers are retried as the app retries them, only with short waits: the answers are
    // what is under test, not how long the app waits between them.
    callBackoff: { baseMs: 5, maxMs: 50 },
    promptMfa: () => Promise.reject(new Error('no MFA code in these tests')),
    snapshotDelayMs: 20,
    watch: false,
    onUnexpectedError: (channel, error) => unexpected.push({ channel, error }),
  });
  await backend.handlers['settings:update']({
    defaultRegionMode: 'list',
    defaultRegions: [region],
    ...(options.callTimeoutMs ? { callTimeoutMs: options.callTimeoutMs } : {}),
  });
  return {
    backend,
    dir,
    env: { ...env, SHI_SETTINGS_DIR: settingsDir },
    profile,
    region,
    events,
    unexpected,
    async readRows(services) {
      const started = await backend.invoke('refresh:start', {
        scope: { kind: 'select', profiles: [profile], regions: [region], ...(services ? { services } : {}) },
      });
      if (!started.ok) throw new Error(`refresh:start refused: ${started.error.message}`);
      const { refreshId } = started.value as { refreshId: string };
      await backend.refresh.wait(refreshId);
      return events.flatMap((e) => (e.type === 'refresh-progress' && e.refreshId === refreshId ? e.rows : []));
    },
    async close() {
      await backend.dispose();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
