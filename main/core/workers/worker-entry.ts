/**
 * The entry of a worker thread that talks to AWS: it builds the AWS-talking core (worker-core.ts) from
 * its workerData and answers the main thread's messages. Bundled beside the main process as
 * out/main/aws-worker.js (electron.vite.config.ts); run from source in tests and the benchmark.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type FromWorker, toWorkerSchema, workerInitSchema } from './messages';
import { createOutbox } from './outbox';
import { openWorkerCore } from './worker-core';

const port = parentPort;
if (!port) throw new Error('worker-entry runs in a worker thread only');
const init = workerInitSchema.parse(workerData);
// Rows and results wait for room in the window the main thread acknowledges (outbox.ts).
const outbox = createOutbox((message: FromWorker) => port.postMessage(message));
const core = openWorkerCore(init, outbox.post);
port.on('message', (raw: unknown) => {
  const parsed = toWorkerSchema.safeParse(raw);
  if (!parsed.success) {
    // A message this thread cannot read is a bug of the main thread's: said, never acted on.
    const issue = parsed.error.issues[0];
    console.error(`Worker ${init.index}: a message was dropped (${issue?.path.join('.')}: ${issue?.message}).`);
    return;
  }
  if (parsed.data.type === 'ack') outbox.ack(parsed.data.count);
  else core.handle(parsed.data);
});
outbox.post({ type: 'ready' });
