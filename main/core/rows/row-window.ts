/**
 * How many rows read at once. A refresh of 17,000 rows registers every row at once (so another
 * refresh can join it), but a row that has started reading holds its coroutine, promises, abort
 * signal and queued calls until it is done; with all of them started together that is tens of MB
 * waiting behind the call scheduler, which runs the lowest row numbers first anyway. The window
 * lets the oldest `size` rows read and starts the next one as one finishes, in the order they
 * were registered, so the calls in flight stay the same and only the waiting state shrinks.
 */

export interface RowWindow {
  /** Runs `read` once a slot is free (at once if one is); the slot is held until it settles. */
  run<T>(read: () => Promise<T>): Promise<T>;
  /** A new size (the concurrency setting changed); more rows start at once if it grew. */
  resize(size: number): void;
  /** Rows reading now, and rows waiting for a slot (for tests). */
  counts(): { reading: number; waiting: number };
}

/** Rows per call slot: enough that the scheduler always has every slot's next call queued. */
export const ROWS_PER_CALL_SLOT = 8;

export function createRowWindow(initialSize: number): RowWindow {
  let size = Math.max(1, Math.floor(initialSize));
  let reading = 0;
  const waiting: (() => void)[] = [];

  function next() {
    while (reading < size && waiting.length > 0) {
      reading++;
      waiting.shift()?.();
    }
  }

  return {
    run(read) {
      const slot = new Promise<void>((resolve) => {
        waiting.push(resolve);
      });
      next();
      return slot.then(read).finally(() => {
        reading--;
        next();
      });
    },
    resize(value) {
      size = Math.max(1, Math.floor(value));
      next();
    },
    counts: () => ({ reading, waiting: waiting.length }),
  };
}
