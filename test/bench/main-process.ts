/**
 * The app's main process for bench:ipc, in a process of its own as Electron's is: the real backend and
 * dispatch (main/shell/bind-ipc.ts) with their worker threads, and nothing else on its event loop. The
 * benchmark's process runs the browser harness (Playwright, CDP, the event pump) and carries the
 * page's calls here and the events back over Node's IPC channel (structured clone, as Electron's IPC
 * clones) — so the harness's transport no longer shares this loop, which in the app it does not.
 *
 *   fork('main-process.ts', { serialization: 'advanced' }), then one `start` message (MainStart).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import type { AppEvent } from '../../contract/api';
import { createBackend } from '../../main/core/backend';
import { createDispatch, type InvokeEvent, parseTrustedOrigin } from '../../main/shell/bind-ipc';
import { type Held, probeHeldLoop } from './long-tasks';
import { heldOnEpoch } from './page-probe';

export interface MainStart {
  type: 'start';
  env: Record<string, string>;
  settingsDir: string;
  origin: string;
  workers: number;
}

/** From the benchmark's process. */
export type ToMain =
  | MainStart
  | { type: 'call'; id: number; event: InvokeEvent; channel: unknown; payload: unknown }
  | { type: 'measure-start' }
  | { type: 'measure-stop' }
  | { type: 'stop' };

/** To the benchmark's process. */
export type FromMain =
  | { type: 'ready' }
  | { type: 'event'; event: AppEvent }
  | { type: 'answer'; id: number; result: unknown; at: number; ms: number }
  | { type: 'measured'; mainLoopP99Ms: number; mainLoopMaxMs: number; held: [number, number][] }
  | { type: 'stopped' };

const send = (message: FromMain) => process.send?.(message);

function open(start: MainStart) {
  const backend = createBackend({
    env: start.env,
    settingsDir: start.settingsDir,
    source: 'app',
    watch: false,
    version: 'bench',
    demo: false,
    emit: (event) => send({ type: 'event', event }),
    clipboard: { writeText: async () => {} },
    openExternal: async () => ({ opened: false, reason: 'bench' }),
    chooseSavePath: async () => null,
    aws: { retryStrategy: new ConfiguredRetryStrategy(3, 50) },
    workers: { count: start.workers, aws: { maxAttempts: 3, retryDelayMs: 50 } },
  });
  const dispatch = createDispatch(backend.invoke, { origins: [parseTrustedOrigin(start.origin)] });
  return { backend, dispatch };
}

let opened: ReturnType<typeof open> | null = null;
let loopDelay: ReturnType<typeof monitorEventLoopDelay> | null = null;
let probe: { stop(): Held[] } | null = null;

process.on('message', (message: ToMain) => {
  switch (message.type) {
    case 'start':
      opened = open(message);
      send({ type: 'ready' });
      return;
    case 'call': {
      if (!opened) return;
      const started = performance.now();
      void opened.dispatch(message.event, message.channel, message.payload).then((result) =>
        send({
          type: 'answer',
          id: message.id,
          result,
          at: performance.timeOrigin + started,
          ms: performance.now() - started,
        }),
      );
      return;
    }
    case 'measure-start':
      // This process's event loop while the refresh runs, as refresh-bench.ts measures it.
      loopDelay = monitorEventLoopDelay();
      loopDelay.enable();
      probe = probeHeldLoop();
      return;
    case 'measure-stop':
      if (!loopDelay || !probe) return;
      loopDelay.disable();
      send({
        type: 'measured',
        mainLoopP99Ms: Math.round(loopDelay.percentile(99) / 1e5) / 10,
        mainLoopMaxMs: Math.round(loopDelay.max / 1e5) / 10,
        held: heldOnEpoch(probe.stop()),
      });
      return;
    case 'stop':
      void (opened?.backend.dispose() ?? Promise.resolve()).finally(() => {
        send({ type: 'stopped' });
        process.exit(0);
      });
      return;
  }
});
