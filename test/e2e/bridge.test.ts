/**
 * The transport the browser suite puts in place of Electron's, checked on its own: the BUILT preload
 * runs in Chromium under the app's real CSP, its calls reach the real dispatch of main/ipc.ts with the
 * sender described as Electron would, and events reach the renderer's listeners as payloads only.
 * Handlers here are a recording stand-in: the AWS side is covered by the scenario suites.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, EVENT_CHANNEL, type Handlers } from '../../contract/api';
import { createInvoke } from '../../main/core/invoke';
import { createDispatch, parseTrustedOrigin } from '../../main/shell/bind-ipc';
import { ensureBuilt, PRELOAD_BUNDLE, REPO_ROOT } from './build';
import { CHROMIUM_ARGS, requireChromium } from './chromium';
import { createEventPump, type IpcCall, installBridge } from './preload-bridge';
import { type StaticServer, startStaticServer } from './static-server';

type ApiWindow = { api: Record<string, (request?: unknown) => Promise<unknown>>; __got: unknown[] };

describe('preload bridge (built preload, real dispatch, Chromium)', () => {
  let tmp: string;
  let app: StaticServer;
  let foreign: StaticServer;
  let context: BrowserContext;
  let page: Page;
  const handled: { channel: string; request: unknown }[] = [];
  const calls: IpcCall[] = [];

  beforeAll(async () => {
    const executablePath = requireChromium();
    ensureBuilt();
    tmp = await mkdtemp(path.join(tmpdir(), 'shi-bridge-'));
    const site = path.join(tmp, 'site');
    await mkdir(site);
    // The app's own CSP, taken from the renderer's index.html, so the bridge is proven under it.
    const source = await readFile(path.join(REPO_ROOT, 'renderer/index.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(source)?.[1];
    expect(csp).toContain("script-src 'self'");
    await writeFile(
      path.join(site, 'index.html'),
      `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${csp}"></head><body><p id="probe"></p><script src="./probe.js"></script></body></html>`,
    );
    // A script of the page's own (allowed by script-src 'self') that reports whether eval is allowed.
    await writeFile(
      path.join(site, 'probe.js'),
      "let r; try { r = String(eval('1 + 1')); } catch (e) { r = e.name; } document.getElementById('probe').textContent = r;",
    );
    app = await startStaticServer(site);
    foreign = await startStaticServer(site);

    // Every channel answers with what it received, so the test sees exactly what crossed.
    const handlers = new Proxy({} as Handlers, {
      get: (_target, channel: string) => async (request: unknown) => {
        handled.push({ channel, request });
        return { channel, request: request ?? null };
      },
    });
    const dispatch = createDispatch(createInvoke(handlers), { origins: [parseTrustedOrigin(app.url)] });
    context = await chromium.launchPersistentContext(path.join(tmp, 'chromium'), {
      executablePath,
      args: CHROMIUM_ARGS,
      reducedMotion: 'reduce',
    });
    await installBridge(context, { dispatch, preloadPath: PRELOAD_BUNDLE, onCall: (c) => calls.push(c) });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(app.url);
  });

  afterAll(async () => {
    await context?.close();
    await app?.close();
    await foreign?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('exposes one function per contract channel plus onEvent, and nothing of electron', async () => {
    const keys = await page.evaluate(() => Object.keys((window as unknown as ApiWindow).api).sort());
    expect(keys).toEqual([...Object.values(API_METHODS), 'onEvent'].sort());
    const leaked = await page.evaluate(() =>
      ['require', 'ipcRenderer', 'electron', 'process'].filter((k) => k in window),
    );
    expect(leaked).toEqual([]);
  });

  it('keeps the CSP: a page script still may not eval', async () => {
    const outcome = await page.locator('#probe').textContent();
    expect(outcome).toBe('EvalError');
  });

  it('carries a call through the real dispatch, keeping undefined distinct from null', async () => {
    handled.length = 0;
    const ok = await page.evaluate(() => (window as unknown as ApiWindow).api.listProfiles?.());
    expect(ok).toEqual({ ok: true, value: { channel: 'profiles:list', request: null } });
    expect(handled).toEqual([{ channel: 'profiles:list', request: undefined }]);

    // null is not "no request" for this channel: the schema check in dispatch refuses it.
    const refused = await page.evaluate(() => (window as unknown as ApiWindow).api.listProfiles?.(null));
    expect(refused).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });

    const accepted = await page.evaluate(() =>
      (window as unknown as ApiWindow).api.copyText?.({ text: 'aws sso login --profile x' }),
    );
    expect(accepted).toMatchObject({ ok: true, value: { channel: 'clipboard:write' } });
    expect(calls.at(-1)).toMatchObject({ channel: 'clipboard:write', topFrame: true, frameUrl: app.url });
  });

  it('delivers events as the payload only, in order, until unsubscribed', async () => {
    await page.evaluate(() => {
      const w = window as unknown as ApiWindow & { __off: () => void };
      w.__got = [];
      w.__off = (w.api.onEvent as unknown as (l: (e: unknown) => void) => () => void)((e) => w.__got.push(e));
    });
    const pump = createEventPump(page, EVENT_CHANNEL);
    for (let i = 0; i < 5; i++) pump.send({ type: 'menu', command: 'refresh', i });
    await pump.idle();
    const got = await page.evaluate(() => (window as unknown as ApiWindow).__got);
    expect(got).toEqual([0, 1, 2, 3, 4].map((i) => ({ type: 'menu', command: 'refresh', i })));

    await page.evaluate(() => (window as unknown as { __off: () => void }).__off());
    pump.send({ type: 'menu', command: 'open-settings' });
    await pump.idle();
    expect(await page.evaluate(() => (window as unknown as ApiWindow).__got.length)).toBe(5);
    expect(pump.dropped()).toBe(1);
  });

  it('refuses calls from a frame that is not the top frame', async () => {
    await page.evaluate(
      (src) =>
        new Promise<void>((resolve) => {
          const frame = document.createElement('iframe');
          frame.src = src;
          frame.onload = () => resolve();
          document.body.append(frame);
        }),
      `${app.url}index.html?child`,
    );
    const child = page.frames().find((f) => f.url().endsWith('?child'));
    expect(child).toBeDefined();
    handled.length = 0;
    const result = await child?.evaluate(() => (window as unknown as ApiWindow).api.appInfo?.());
    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden-sender' } });
    expect(handled).toEqual([]);
  });

  it('refuses calls from a page on another origin', async () => {
    const other = await context.newPage();
    try {
      await other.goto(foreign.url);
      handled.length = 0;
      const result = await other.evaluate(() => (window as unknown as ApiWindow).api.appInfo?.());
      expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden-sender' } });
      expect(handled).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
