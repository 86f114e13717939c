/**
 * Runs the BUILT preload bundle in a plain Chromium page with a stand-in `electron` module, so the
 * renderer talks to the main process through exactly the code that ships. Only Electron's transport is
 * replaced: `ipcRenderer.invoke` calls a Playwright binding (which crosses into the test process and
 * runs the real dispatch), and main-process events are delivered to the listeners the preload
 * registered through `ipcRenderer.on`.
 *
 * The bundle is injected as init-script text wrapped in a function that receives the stand-in
 * `require`; init scripts run under the page's CSP without needing `eval`, so the CSP stays untouched.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import type { Result } from '../../main/domain/errors';
import type { Dispatch, InvokeEvent } from '../../main/shell/bind-ipc';

/** The binding name the stand-in ipcRenderer.invoke calls. */
export const INVOKE_BINDING = '__ipcInvoke';
/** The page function the test process calls to deliver an event to ipcRenderer listeners. */
export const DELIVER_FUNCTION = '__ipcDeliver';

/**
 * The stand-in electron module, as page-side source. Arguments to `invoke` cross the binding with
 * Playwright's serialisation, which (like Electron's structured clone) keeps `undefined` distinct from null.
 */
const STAND_IN_ELECTRON = `
  const listeners = new Map();
  const fakeEvent = Object.freeze({ sender: null, senderId: 0 });
  const electron = Object.freeze({
    contextBridge: Object.freeze({
      exposeInMainWorld(name, value) {
        Object.defineProperty(globalThis, name, { value, enumerable: true, configurable: false, writable: false });
      },
    }),
    ipcRenderer: Object.freeze({
      invoke(channel, ...args) {
        const invoke = globalThis[${JSON.stringify(INVOKE_BINDING)}];
        if (typeof invoke !== 'function') return Promise.reject(new Error('No IPC bridge in this frame'));
        // The answer comes as JSON text (see installBridge): parsed here, as Electron's IPC would
        // have cloned it.
        return invoke(channel, ...args).then((text) => JSON.parse(text));
      },
      on(channel, listener) {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel).add(listener);
      },
      removeListener(channel, listener) {
        listeners.get(channel)?.delete(listener);
      },
    }),
  });
  Object.defineProperty(globalThis, ${JSON.stringify(DELIVER_FUNCTION)}, {
    value(channel, payload) {
      const set = listeners.get(channel);
      if (!set) return 0;
      for (const listener of [...set]) {
        try { listener(fakeEvent, payload); } catch (error) { console.error(error); }
      }
      return set.size;
    },
    enumerable: false, configurable: false, writable: false,
  });
  const requireStandIn = (name) => {
    if (name === 'electron') return electron;
    throw new Error('A sandboxed preload cannot require ' + name);
  };
`;

/** Builds the init-script text from the bundle at `preloadPath` (out/preload/index.cjs). */
export function buildPreloadInitScript(preloadPath: string): string {
  const bundle = readFileSync(preloadPath, 'utf8');
  return `(() => {
${STAND_IN_ELECTRON}
  const module = { exports: {} };
  (function (require, module, exports) {
${bundle}
  })(requireStandIn, module, module.exports);
})();`;
}

/**
 * Delivers events to the preload's listeners in a frame, in order, in one CDP call; resolves to each
 * event's listener count (0 when none). The events cross as one JSON text parsed in the page: events
 * are plain data (DESIGN.md), and Playwright's own serialisation of an argument walks it value by value
 * on both sides, which for a batch of 250 rows cost more than Electron's structured clone of it.
 */
export async function deliverEvents(frame: Frame, channel: string, payloads: readonly unknown[]): Promise<number[]> {
  return frame.evaluate(
    ([fn, c, text]) => {
      const deliver = (globalThis as unknown as Record<string, unknown>)[fn];
      const events = JSON.parse(text) as unknown[];
      return events.map((p) =>
        typeof deliver === 'function' ? (deliver as (c: unknown, p: unknown) => number)(c, p) : 0,
      );
    },
    [DELIVER_FUNCTION, channel, JSON.stringify(payloads)] as const,
  );
}

/**
 * Delivers events to a page's top frame in order. Electron drops events sent while a page is loading;
 * so does this (a navigation in flight makes evaluate fail, and the event is counted as dropped).
 *
 * Electron's webContents.send costs the main process a structured clone and a message; here each
 * delivery is a CDP round trip. Events sent while one is under way wait, then go together in the next
 * (in order), so a burst of events is not a queue of round trips that the page receives seconds late.
 */
export function createEventPump(page: Page, channel: string) {
  let chain: Promise<unknown> = Promise.resolve();
  let pending: { payload: unknown; queuedAt: number }[] = [];
  let dropped = 0;
  // Per event: how long it waited for its delivery to start (behind the one under way); per event
  // too, how long its delivery took (the CDP call, which also waits for the page's thread, and the listeners).
  const waitMs: number[] = [];
  const deliverMs: number[] = [];
  const deliverPending = async () => {
    const batch = pending;
    pending = [];
    const startedAt = performance.now();
    for (const event of batch) waitMs.push(startedAt - event.queuedAt);
    const counts = await deliverEvents(
      page.mainFrame(),
      channel,
      batch.map((e) => e.payload),
    ).catch(() => batch.map(() => 0));
    const took = performance.now() - startedAt;
    for (const count of counts) {
      deliverMs.push(took);
      if (count === 0) dropped += 1;
    }
  };
  return {
    send(payload: unknown): void {
      pending.push({ payload, queuedAt: performance.now() });
      // The first event of a batch chains its delivery; the rest join it until it starts.
      if (pending.length === 1) chain = chain.then(deliverPending);
    },
    /** Resolves when every event sent so far has been delivered (or dropped). */
    idle: () => chain.then(() => undefined),
    dropped: () => dropped,
    /** The wait and delivery times of the events delivered since the last call (taken out). */
    takeTimings: () => ({ waitMs: waitMs.splice(0), deliverMs: deliverMs.splice(0) }),
  };
}

export interface IpcCall {
  channel: string;
  payload: unknown;
  frameUrl: string;
  topFrame: boolean;
  result: Result<unknown>;
  /** When the call reached the test process (ms since the epoch, sub-millisecond: performance.timeOrigin based). */
  at: number;
  ms: number;
}

/**
 * Installs the bridge in every page and frame of the context: the binding that carries
 * `ipcRenderer.invoke` into `dispatch` with the sender as Electron would describe it (the calling
 * frame's URL, and its parent or null), then the preload itself.
 */
export async function installBridge(
  context: BrowserContext,
  options: { dispatch: Dispatch; preloadPath: string; onCall?: (call: IpcCall) => void },
): Promise<void> {
  await context.exposeBinding(INVOKE_BINDING, async (source, channel: unknown, payload: unknown) => {
    const started = performance.now();
    const parent = source.frame.parentFrame();
    const event: InvokeEvent = {
      senderFrame: { url: source.frame.url(), parent: parent ? { url: parent.url() } : null },
    };
    const result = await options.dispatch(event, channel, payload);
    options.onCall?.({
      channel: String(channel),
      payload,
      frameUrl: source.frame.url(),
      topFrame: parent === null,
      result,
      at: performance.timeOrigin + started,
      ms: performance.now() - started,
    });
    // As text: Playwright's own serialisation of a returned object walks it value by value, which
    // took seconds for the 17,000 rows of the large run; Electron clones the same plain data in
    // well under a second. Answers are plain data (DESIGN.md), so JSON loses nothing.
    return JSON.stringify(result);
  });
  await context.addInitScript({ content: buildPreloadInitScript(options.preloadPath) });
}
