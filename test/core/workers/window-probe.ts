/**
 * Loaded before the real worker entry by window-entry.ts: counts, at the port itself, the outcome
 * messages the thread has sent and the main thread not yet acknowledged, and writes the most there
 * ever were to the file named by WINDOW_PROBE_FILE whenever that figure grows.
 */
import { writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { isWindowed } from '../../../main/core/workers/outbox';

const port = parentPort;
const file = process.env.WINDOW_PROBE_FILE;
if (port && file) {
  let outstanding = 0;
  let most = 0;
  let written = -1;
  const send = port.postMessage.bind(port);
  port.postMessage = (message: unknown) => {
    if (isWindowed(message)) most = Math.max(most, ++outstanding);
    send(message);
  };
  const report = () => {
    if (most === written) return;
    written = most;
    writeFileSync(file, String(most));
  };
  port.on('message', (message: { type?: string; count?: number }) => {
    if (message.type === 'ack') outstanding -= message.count ?? 0;
    report();
  });
  setInterval(report, 50).unref();
}
