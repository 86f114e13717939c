/**
 * A backend wired to the emulator through the real AWS SDK: written AWS files in a temp folder,
 * a temp settings folder, a fake emit that collects events, fake clipboard / browser / save dialog.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import type { AppEvent } from '../../contract/api';
import { DEFAULT_PACE } from '../../main/core/actions/settling';
import { type Backend, type BackendDeps, createBackend } from '../../main/core/backend';
import type { RefreshSummary } from '../../main/core/rows/refresh';
import { openSettings } from '../../main/core/storage/settings';
import { AppErrorException } from '../../main/domain/errors';
import type { ServiceRow } from '../../main/domain/types';
import { DEMO_SCENARIO_PATH, type EmulatorOptions, type RunningEmulator, startEmulator } from '../emulator/index';

export interface Harness {
  emulator: RunningEmulator;
  backend: Backend;
  events: AppEvent[];
  /** Date.now() of each event, same order as `events`. */
  eventTimes: number[];
  clipboard: string[];
  opened: string[];
  dir: string;
  settingsDir: string;
  env: NodeJS.ProcessEnv;
  savePath: string | null;
  refreshAll(): Promise<RefreshRead>;
  refresh(scope: Parameters<Backend['handlers']['refresh:start']>[0]['scope']): Promise<RefreshRead>;
  /** The rows a refresh's `refresh-progress` events brought, in the order they came (as the window and the CLI keep them). */
  rowsOf(refreshId: string): ServiceRow[];
  /** One row read now (the service left out: Security Hub CSPM). */
  row(profile: string, region: string, service?: string): Promise<ServiceRow>;
  /** Security Hub operations the emulator received since the last clearLog(). */
  operations(name?: string): string[];
  close(): Promise<void>;
}

/** A refresh's summary with the rows its events brought. */
export type RefreshRead = RefreshSummary & { rows: ServiceRow[] };

export interface HarnessOptions {
  emulator?: EmulatorOptions;
  deps?: Partial<BackendDeps>;
  settings?: Parameters<Backend['handlers']['settings:update']>[0];
  /** Codes given, in turn, to MFA prompts (the demo device's codes); none left cancels the prompt. */
  mfaCodes?: string[];
  /** Variables added to the backend's environment (a proxy, say). */
  env?: Record<string, string>;
}

/** The demo's administrators that tests accept invitations from, trusted for every service. */
export const DEMO_TRUSTED = ['111111111111', '666666666666', '888888888888'].map((accountId) => ({
  accountId,
  service: '*',
  origin: 'you' as const,
  since: '2026-01-01T00:00:00.000Z',
}));

/** A retry strategy that keeps the SDK's retries but not its seconds of backoff. */
export const fastRetry = () => new ConfiguredRetryStrategy(3, 5);

/** The reads after a write wait milliseconds, not the app's ~30 s, for AWS to show it (actions/settling.ts). */
export const FAST_SETTLE = { ...DEFAULT_PACE, waitsMs: [5, 10] };

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const emulator = await startEmulator({ scenario: DEMO_SCENARIO_PATH, port: 0, ...options.emulator });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shi-backend-'));
  const aws = await emulator.writeAwsDir(dir);
  const settingsDir = path.join(dir, 'settings');
  const env: NodeJS.ProcessEnv = { ...aws.env, PATH: process.env.PATH, ...options.env };
  // The SDK finds the SSO token cache through os.homedir(), i.e. this process's HOME.
  const previousHome = process.env.HOME;
  process.env.HOME = aws.env.HOME;
  const events: AppEvent[] = [];
  const eventTimes: number[] = [];
  const clipboard: string[] = [];
  const opened: string[] = [];
  const mfaCodes = [...(options.mfaCodes ?? ['123456', '234567', '345678'])];
  const harness: Harness = {
    emulator,
    events,
    eventTimes,
    clipboard,
    opened,
    dir,
    settingsDir,
    env,
    savePath: path.join(dir, 'export.out'),
    backend: undefined as unknown as Backend,
    async refresh(scope) {
      const started = await harness.backend.handlers['refresh:start']({ scope });
      const summary = await harness.backend.refresh.wait(started.refreshId);
      if (!summary) throw new Error('the refresh finished before it could be awaited');
      // The account names read after the rows: a test that counts the next calls starts after them.
      await harness.backend.namesSettled();
      return { ...summary, rows: harness.rowsOf(started.refreshId) };
    },
    rowsOf(refreshId) {
      return events.flatMap((e) => (e.type === 'refresh-progress' && e.refreshId === refreshId ? e.rows : []));
    },
    refreshAll() {
      return harness.refresh({ kind: 'all' });
    },
    async row(profile, region, service) {
      const summary = await harness.refresh({ kind: 'row', profile, region, ...(service ? { service } : {}) });
      const row = summary.rows.find((r) => r.profile === profile && r.region === region);
      if (!row) throw new Error(`no row for ${profile} ${region}`);
      return row;
    },
    operations(name) {
      return emulator
        .requestLog()
        .map((e) => e.operation)
        .filter((op) => name === undefined || op === name);
    },
    async close() {
      await harness.backend.dispose();
      await emulator.stop();
      process.env.HOME = previousHome;
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
  // Written as the file the user's settings would hold: no activity entry of its own.
  openSettings({ cwd: settingsDir }).update({
    trustedAdministrators: options.settings?.trustedAdministrators ?? DEMO_TRUSTED,
  });
  harness.backend = createBackend({
    env,
    settingsDir,
    source: 'app',
    version: '0.0.0-test',
    demo: false,
    emit: (event) => {
      events.push(event);
      eventTimes.push(Date.now());
      if (event.type === 'mfa-prompt') {
        const code = mfaCodes.shift() ?? null;
        setTimeout(() => void harness.backend.handlers['mfa:answer']({ promptId: event.promptId, code }), 5);
      }
    },
    clipboard: {
      writeText: async (text) => {
        clipboard.push(text);
      },
    },
    openExternal: async (url) => {
      opened.push(url);
      return { opened: true, reason: null };
    },
    chooseSavePath: async () => harness.savePath,
    aws: { retryStrategy: fastRetry(), requestTimeoutMs: 5000 },
    snapshotDelayMs: 20,
    // In this thread, unless SHI_TEST_WORKERS=N runs the tests through N worker threads.
    workers: { count: Number(process.env.SHI_TEST_WORKERS ?? 0), aws: { retryDelayMs: 5, requestTimeoutMs: 5000 } },
    settlePace: FAST_SETTLE,
    ...options.deps,
  });
  // The demo's three regions and Security Hub CSPM, as the tests were written for, unless a test asks
  // for more (a new install reads every region and every service: `settings: { serviceMode: 'all' }`);
  // the demo's inviting administrators are trusted (DEMO_TRUSTED above; tests of the list give their own).
  await harness.backend.handlers['settings:update']({
    defaultRegionMode: 'list',
    defaultRegions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'],
    serviceMode: 'list',
    services: ['securityhub'],
    ...options.settings,
  });
  return harness;
}

/** The AppError a promise rejects with (fails the test when it resolves or throws something else). */
export async function appErrorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppErrorException) return error.appError;
    throw error;
  }
  throw new Error('expected an AppError, but the call succeeded');
}
