/**
 * The worker thread's entry for the hang test: the real one, plus one message of its own that stops
 * the thread's event loop for good (what a bug in a busy loop would do).
 */
import { parentPort } from 'node:worker_threads';
import '../../../main/core/workers/worker-entry';

parentPort?.on('message', (message: { type?: string }) => {
  if (message.type !== 'hang') return;
  for (;;) {
    // never yields
  }
});
