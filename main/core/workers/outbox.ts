/**
 * Flow control between a worker and the main thread. A worker reads rows faster than the main thread
 * takes them at a large refresh, and a port hands over everything queued in one go: Node reads every
 * waiting message of a port in one callback, so a queue of hundreds of rows held the main thread for
 * 50–90 ms however finely the inbox (inbox.ts) slices their handling. So a worker keeps at most
 * WINDOW of the messages that carry a refresh's or a job's outcome unacknowledged; the rest wait here,
 * in order, until the main thread says it has handled some (`ack`). The queue then lives in the
 * worker, where it holds nothing up; the main thread meets at most WINDOW of them at once.
 *
 * Only the outcome messages wait (rows, progress, a part's end, results, events): they must keep their
 * order among themselves (a result after the rows its action wrote, a part's end after its rows).
 * Questions, the heartbeat's answer and credential helpers' news go at once: holding them behind
 * rows would hold the read that waits for the answer, or make a busy worker look hung.
 */
import type { FromWorker } from './messages';

/** Outcome messages a worker may have sent and the main thread not yet handled. */
export const WINDOW = 64;

const WAITING_TYPES: ReadonlySet<string> = new Set(['row', 'progress', 'finished', 'result', 'event']);

/** Whether a message from a worker is one the window counts (the main thread acknowledges exactly these). */
export function isWindowed(message: unknown): boolean {
  if (message === null || typeof message !== 'object') return false;
  const type = (message as { type?: unknown }).type;
  return typeof type === 'string' && WAITING_TYPES.has(type);
}

export interface Outbox {
  post(message: FromWorker): void;
  /** The main thread handled `count` more of the window's messages. */
  ack(count: number): void;
  /** Messages waiting for room in the window (for tests). */
  waiting(): number;
}

export function createOutbox(send: (message: FromWorker) => void, window = WINDOW): Outbox {
  const queue: FromWorker[] = [];
  let head = 0;
  let unacknowledged = 0;

  function sendWhileRoom() {
    while (head < queue.length && unacknowledged < window) {
      const message = queue[head] as FromWorker;
      queue[head++] = undefined as unknown as FromWorker;
      unacknowledged++;
      send(message);
    }
    if (head === queue.length) {
      queue.length = 0;
      head = 0;
    } else if (head > 1024 && head * 2 > queue.length) {
      // A queue never empty for a whole refresh would otherwise keep every slot it ever used.
      queue.splice(0, head);
      head = 0;
    }
  }

  return {
    post(message) {
      if (!isWindowed(message)) return send(message);
      queue.push(message);
      sendWhileRoom();
    },
    ack(count) {
      unacknowledged = Math.max(0, unacknowledged - count);
      sendWhileRoom();
    },
    waiting: () => queue.length - head,
  };
}
