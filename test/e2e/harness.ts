/**
 * The browser end-to-end harness (DESIGN.md §4 item 4): Chromium from PATH loads the built renderer
 * from a loopback static server; the built preload runs in the page with a stand-in `electron`; every
 * `ipcRenderer.invoke` crosses into this process and goes through the REAL dispatch of main/ipc.ts
 * (channel, sender-frame and schema checks) to the REAL backend, which talks through the real AWS SDK
 * to the emulator. Desktop features (clipboard, browser, save dialog) are recorded fakes.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { type AppEvent, EVENT_CHANNEL } from '../../contract/api';
import { type Backend, createBackend } from '../../main/core/backend';
import { openSettings } from '../../main/core/storage/settings';
import { openSnapshots } from '../../main/core/storage/snapshots';
import type { ServiceRow, Settings } from '../../main/domain/types';
import { createDispatch, parseTrustedOrigin } from '../../main/shell/bind-ipc';
import { checkExternalUrl } from '../../main/shell/desktop/external-links';
import { DEMO_SCENARIO_PATH, type Faults, type RunningEmulator, type Scenario, startEmulator } from '../emulator/index';
import { ensureBuilt, PRELOAD_BUNDLE, RENDERER_DIR, RESULTS_DIR } from './build';
import { CHROMIUM_ARGS, requireChromium } from './chromium';
import { createEventPump, type IpcCall, installBridge } from './preload-bridge';

export type { IpcCall };

import { type StaticServer, startStaticServer } from './static-server';

/** The regions every harness scans: three enabled everywhere plus the opt-in af-south-1. */
export const HARNESS_REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'af-south-1'];

export type ColorScheme = 'light' | 'dark';

export interface HarnessOptions {
  /** A scenario object or a path to one; the demo scenario by default. */
  scenario?: Scenario | string;
  /** Settings patched over the defaults (the list HARNESS_REGIONS unless given). */
  settings?: Partial<Settings>;
  /** Rows of a "previous session", written to the snapshots file before the page opens. */
  snapshots?: ServiceRow[];
  faults?: Partial<Faults>;
  colorScheme?: ColorScheme;
  /** Open the app right away (default true); false leaves page on about:blank for timing the load. */
  navigate?: boolean;
  /**
   * Rows per Overview page, as if the user had chosen it in Preferences (default: the app's own, 25).
   * Tests that look for any of the demo's 40-odd rows by name set 100, so every row is on page 1.
   */
  overviewPageSize?: number;
}

export interface Harness {
  page: Page;
  context: BrowserContext;
  emulator: RunningEmulator;
  backend: Backend;
  /** The app's URL on the loopback server. */
  url: string;
  server: StaticServer;
  settingsDir: string;
  /** Every event the backend emitted, in order. */
  events: AppEvent[];
  /** Every IPC call the page made, with its result. */
  ipc: IpcCall[];
  /** Text the backend put on the (fake) clipboard. */
  clipboard: string[];
  /** URLs the backend asked to open, and whether the allowlist let them through. */
  opened: { url: string; opened: boolean; reason: string | null }[];
  /** Sign-in pages the backend opened, with the origins it allowed; each is loaded like a browser would. */
  signInPages: { url: string; allowedOrigins: readonly string[] }[];
  /** Paths the fake save dialog returned. */
  savedPaths: string[];
  /** Console errors and uncaught page errors (CSP violations land here). */
  pageErrors: string[];
  /** Unexpected errors the dispatch caught (bugs). */
  dispatchErrors: { channel: string; error: unknown }[];
  /** Opens the app (again). */
  open(): Promise<void>;
  /** Waits until every emitted event has reached the page. */
  eventsDelivered(): Promise<void>;
  /** Events that found no listener in the page (emitted while it was loading, or before it subscribed). */
  eventsDropped(): number;
  /** Saves test-results/<name>-light.png and <name>-dark.png. */
  screenshots(name: string): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * Short retry delays (same attempt count as the SDK's default): the default backoff adds 0.2–3 s per
 * throttled call, which would make the fault scenarios slow without testing anything more.
 */
function fastRetries() {
  return new ConfiguredRetryStrategy(3, (attempt) => 20 * attempt);
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const executablePath = requireChromium();
  ensureBuilt();
  const tmp = await mkdtemp(path.join(tmpdir(), 'shi-e2e-'));
  const cleanups: (() => Promise<unknown>)[] = [() => rm(tmp, { recursive: true, force: true })];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) await fn().catch(() => undefined);
  };

  try {
    const emulator = await startEmulator({ scenario: options.scenario ?? DEMO_SCENARIO_PATH, port: 0 });
    cleanups.push(() => emulator.stop());
    const aws = await emulator.writeAwsDir(path.join(tmp, 'aws'));
    // The SDK finds the SSO token cache under the PROCESS's home (os.homedir()), whatever env the
    // backend is given; the app's own process runs with the HOME it was started with, so this one does too.
    const previousHome = process.env.HOME;
    process.env.HOME = aws.env.HOME;
    cleanups.push(async () => {
      if (previousHome === undefined) delete process.env.HOME;
      else process.env.HOME = previousHome;
    });

    const settingsDir = path.join(tmp, 'settings');
    await mkdir(settingsDir, { recursive: true });
    const store = openSettings({ cwd: settingsDir });
    // Security Hub CSPM alone, as the browser tests were written for (a new install reads every
    // service: test/e2e/guardduty.test.ts passes `serviceMode: 'all'`), and, as the first refresh
    // seeds it, the demo's administrator trusted, whose members some accounts already are.
    store.update({
      defaultRegionMode: 'list',
      defaultRegions: HARNESS_REGIONS,
      serviceMode: 'list',
      services: ['securityhub'],
      trustedAdministrators: [
        { accountId: '111111111111', service: '*', origin: 'administrator', since: '2026-01-01T00:00:00.000Z' },
      ],
      ...options.settings,
    });
    if (options.snapshots) openSnapshots({ cwd: settingsDir }).save(options.snapshots);

    const server = await startStaticServer(RENDERER_DIR);
    cleanups.push(() => server.close());

    const events: AppEvent[] = [];
    const clipboard: string[] = [];
    const opened: Harness['opened'] = [];
    const savedPaths: string[] = [];
    const signInPages: Harness['signInPages'] = [];
    const ipc: IpcCall[] = [];
    const pageErrors: string[] = [];
    const dispatchErrors: Harness['dispatchErrors'] = [];
    let pump: ReturnType<typeof createEventPump> | null = null;

    const backend = createBackend({
      // Only what a desktop session would pass for AWS: never the developer's own AWS_* variables.
      env: { PATH: process.env.PATH, AWS_EC2_METADATA_DISABLED: 'true', ...aws.env },
      settingsDir,
      source: 'app',
      version: '0.0.0-e2e',
      demo: false,
      emit: (event) => {
        events.push(event);
        pump?.send(event);
      },
      clipboard: {
        writeText: async (text) => {
          clipboard.push(text);
        },
      },
      openExternal: async (url) => {
        const check = checkExternalUrl(url);
        opened.push({ url, opened: check.allowed, reason: check.reason });
        return { opened: check.allowed, reason: check.reason };
      },
      // The system browser: it loads the page (the emulator's /authorize redirects to the loopback).
      openSignInPage: async (url, allowedOrigins) => {
        signInPages.push({ url, allowedOrigins });
        void fetch(url).catch(() => undefined);
        return true;
      },
      chooseSavePath: async (defaultName) => {
        const target = path.join(tmp, 'saved', `${savedPaths.length}-${path.basename(defaultName)}`);
        await mkdir(path.dirname(target), { recursive: true });
        savedPaths.push(target);
        return target;
      },
      aws: { retryStrategy: fastRetries() },
    });
    cleanups.push(() => backend.dispose());
    if (options.faults) emulator.setFaults(options.faults);

    const dispatch = createDispatch(backend.invoke, { origins: [parseTrustedOrigin(server.url)] });

    const colorScheme = options.colorScheme ?? 'light';
    const context = await chromium.launchPersistentContext(path.join(tmp, 'chromium'), {
      executablePath,
      args: CHROMIUM_ARGS,
      reducedMotion: 'reduce',
      colorScheme,
      viewport: { width: 1440, height: 900 },
    });
    cleanups.push(() => context.close());

    await installBridge(context, { dispatch, preloadPath: PRELOAD_BUNDLE, onCall: (call) => ipc.push(call) });
    if (options.overviewPageSize) {
      // The Overview's stored preferences (renderer/src/pages/overview/preferences.ts): columns not
      // named take their defaults.
      const stored = JSON.stringify({ pageSize: options.overviewPageSize, contentDisplay: [] });
      await context.addInitScript((value) => {
        if (window.localStorage.getItem('overview-preferences') === null) {
          window.localStorage.setItem('overview-preferences', value);
        }
      }, stored);
    }

    const page = context.pages()[0] ?? (await context.newPage());
    pump = createEventPump(page, EVENT_CHANNEL);
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) pageErrors.push(`http ${response.status()}: ${response.url()}`);
    });

    const open = async () => {
      await page.goto(server.url, { waitUntil: 'domcontentloaded' });
    };
    if (options.navigate !== false) await open();

    const harness: Harness = {
      page,
      context,
      emulator,
      backend,
      url: server.url,
      server,
      settingsDir,
      events,
      ipc,
      clipboard,
      opened,
      signInPages,
      savedPaths,
      pageErrors,
      dispatchErrors,
      open,
      eventsDelivered: () => pump?.idle() ?? Promise.resolve(),
      eventsDropped: () => pump?.dropped() ?? 0,
      screenshots: async (name) => {
        await mkdir(RESULTS_DIR, { recursive: true });
        const files: string[] = [];
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          // Let the theme listener repaint before the capture.
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
          const file = path.join(RESULTS_DIR, `${name}-${scheme}.png`);
          await page.screenshot({ path: file });
          files.push(file);
        }
        await page.emulateMedia({ colorScheme });
        return files;
      },
      close: cleanup,
    };
    return harness;
  } catch (error) {
    await cleanup();
    throw error;
  }
}
