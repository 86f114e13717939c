/**
 * A refresh's rows go out in batches: one `refresh-progress` event per refresh carries every row
 * finished in the last PROGRESS_BATCH_MS (or PROGRESS_BATCH_ROWS rows, whichever comes first). One
 * event per row was 17,000 messages for a large refresh — each a structured clone to the window and
 * a cache update there — and the window's calls queued behind them for half a second.
 *
 * The first row after a quiet spell goes at once (the first complete row shows early); the rows after
 * it wait for the window to close. flush() sends what waits at once: the engines call it before
 * `refresh-finished`, whether the refresh finished or was cancelled, so every row arrives before it.
 */
import type { AppEvent } from '../../../contract/api';
import type { ServiceRow } from '../../domain/row';

/** How long rows wait to travel together. */
export const PROGRESS_BATCH_MS = 50;
/** The most rows one event carries: a batch this full goes at once. */
export const PROGRESS_BATCH_ROWS = 250;

export interface ProgressBatches {
  /** A row of refresh `refreshId` is done, the `done`-th of `total`. */
  add(refreshId: string, done: number, total: number, row: ServiceRow): void;
  /** Sends the refresh's waiting rows now and forgets the refresh (before its `refresh-finished`). */
  flush(refreshId: string): void;
}

interface Batch {
  rows: ServiceRow[];
  done: number;
  total: number;
  /** Set while the window after the last event is open: rows added meanwhile wait for it. */
  timer: ReturnType<typeof setTimeout> | null;
}

/** `windowMs` 0 sends every row at once, in its own event (a worker thread, whose rows the main thread batches). */
export function createProgressBatches(
  emit: (event: AppEvent) => void,
  options: { windowMs?: number; maxRows?: number } = {},
): ProgressBatches {
  const windowMs = options.windowMs ?? PROGRESS_BATCH_MS;
  const maxRows = options.maxRows ?? PROGRESS_BATCH_ROWS;
  const batches = new Map<string, Batch>();

  function send(refreshId: string, batch: Batch) {
    if (batch.rows.length === 0) return;
    const rows = batch.rows;
    batch.rows = [];
    emit({ type: 'refresh-progress', refreshId, done: batch.done, total: batch.total, rows });
  }

  /** Opens the window after an event: rows added before it closes wait for it. */
  function openWindow(refreshId: string, batch: Batch) {
    batch.timer = setTimeout(() => {
      batch.timer = null;
      if (batch.rows.length === 0) return;
      send(refreshId, batch);
      openWindow(refreshId, batch);
    }, windowMs);
    // A command-line process is kept alive by the refresh's own work, never by this timer.
    batch.timer.unref?.();
  }

  return {
    add(refreshId, done, total, row) {
      let batch = batches.get(refreshId);
      if (!batch) {
        batch = { rows: [], done, total, timer: null };
        batches.set(refreshId, batch);
      }
      batch.rows.push(row);
      batch.done = Math.max(batch.done, done);
      batch.total = total;
      if (windowMs <= 0) send(refreshId, batch);
      else if (!batch.timer) {
        send(refreshId, batch);
        openWindow(refreshId, batch);
      } else if (batch.rows.length >= maxRows) send(refreshId, batch);
    },
    flush(refreshId) {
      const batch = batches.get(refreshId);
      if (!batch) return;
      batches.delete(refreshId);
      if (batch.timer) clearTimeout(batch.timer);
      batch.timer = null;
      send(refreshId, batch);
    },
  };
}
