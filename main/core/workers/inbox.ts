/**
 * The workers' messages as the main thread takes them: in slices of at most SLICE_MS, with the event
 * loop let through between slices. A worker sends rows as fast as it reads them and the main thread
 * gets them in bursts (a port delivers everything queued at once): checking, storing and announcing
 * hundreds of rows in one go held every IPC reply and window event for hundreds of milliseconds at the
 * large refresh. Order is kept: a worker's exit is queued behind the messages it sent before it.
 */

/** Work done in one turn of the event loop before the loop is let through (an IPC reply waits no longer). */
export const SLICE_MS = 8;

export interface Inbox {
  push(task: () => void): void;
  /** Drops what is queued (the pool is closing). */
  clear(): void;
}

export function createInbox(options: { sliceMs?: number; now?: () => number } = {}): Inbox {
  const sliceMs = options.sliceMs ?? SLICE_MS;
  const now = options.now ?? (() => performance.now());
  let queue: (() => void)[] = [];
  let head = 0;
  let scheduled = false;

  function drain() {
    scheduled = false;
    const started = now();
    while (head < queue.length) {
      const task = queue[head] as () => void;
      queue[head++] = noop;
      try {
        task();
      } catch (error) {
        console.error('A worker message could not be handled:', error);
      }
      if (head < queue.length && now() - started >= sliceMs) break;
    }
    if (head >= queue.length) {
      queue = [];
      head = 0;
      return;
    }
    schedule();
  }

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    setImmediate(drain);
  }

  return {
    push(task) {
      queue.push(task);
      schedule();
    },
    clear() {
      queue = [];
      head = 0;
    },
  };
}

const noop = () => {};
