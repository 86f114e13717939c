/**
 * Batches snapshot writes. A refresh produces one row per profile and region, often hundreds in a
 * few seconds; rewriting snapshots.json for each would cost far more than the refresh itself.
 * Rows are collected and the whole set is written at most once per `delayMs` (and on flush());
 * each row is checked and serialised as it arrives and only its text is kept, so a save of 17,000
 * rows costs joining their texts and writing the file, and the rows themselves are not held here
 * (the window has them; main would otherwise keep every row twice, as objects and as text).
 */
import { type RowKey, rowKey } from '../../domain/ids';
import type { ServiceRow } from '../../domain/row';
import { decodeStoredRow, type StoredRowText } from './snapshot-json';
import type { SnapshotStore } from './snapshots';

export interface SnapshotWriter {
  put(row: ServiceRow): void;
  /** Writes pending rows now (call before the process exits). */
  flush(): void;
  /**
   * The last row known for this key (the newest put, else the stored one), read back from its text;
   * null when there is none. An action builds on it: what its write cannot change is not read again.
   */
  lastRow(key: RowKey): ServiceRow | null;
}

export interface SnapshotWriterOptions {
  /** Default 1000 ms. */
  delayMs?: number;
  /** A failed write is reported here instead of escaping from a timer; default console.error. */
  onError?: (error: unknown) => void;
  /** A row left out of a save (malformed), one sentence each; default console.warn. */
  onWarning?: (message: string) => void;
  /** Told after each batch written: how many rows and how long the save took (the benchmark reads it). */
  onBatchWritten?: (batch: SnapshotBatch) => void;
}

export interface SnapshotBatch {
  rows: number;
  /** Wall time of the save. */
  ms: number;
  /** CPU time of this process during the save (what a busy machine does not inflate). */
  cpuMs: number;
}

export function createSnapshotWriter(store: SnapshotStore, options: SnapshotWriterOptions = {}): SnapshotWriter {
  const delayMs = options.delayMs ?? 1000;
  const onError = options.onError ?? ((error: unknown) => console.error('Saving snapshots failed:', error));
  const onWarning = options.onWarning ?? ((message: string) => console.warn(message));
  // Each malformed row is said once, not at every save of the session.
  const warned = new Set<string>();
  // A save replaces the file, so the writer keeps the complete set: the rows of the last session
  // that have not been refreshed yet stay until a newer row for the same key arrives.
  let texts: Map<string, StoredRowText> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let dirty = false;

  function flush() {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!dirty || !texts) return;
    dirty = false;
    try {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const { saved } = store.saveTexts([...texts.values()]);
      const used = process.cpuUsage(cpu);
      options.onBatchWritten?.({
        rows: saved,
        ms: performance.now() - started,
        cpuMs: (used.user + used.system) / 1000,
      });
    } catch (error) {
      onError(error);
    }
  }

  function keep(row: ServiceRow, into: Map<string, StoredRowText>) {
    const encoded = store.encode(row);
    if (encoded.ok) {
      into.set(rowKey(row), encoded.text);
      return;
    }
    // Left out of every save, as the earlier row of its key is: the file never shows a row older
    // than what the window shows.
    into.delete(rowKey(row));
    if (warned.has(encoded.dropped)) return;
    warned.add(encoded.dropped);
    onWarning(encoded.dropped);
  }

  /** The rows' texts, the stored ones loaded at the first use. */
  function known(): Map<string, StoredRowText> {
    if (!texts) {
      const loaded = new Map<string, StoredRowText>();
      for (const stored of store.load()) keep(stored, loaded);
      texts = loaded;
    }
    return texts;
  }

  return {
    put(row: ServiceRow) {
      keep(row, known());
      dirty = true;
      if (!timer) {
        timer = setTimeout(flush, delayMs);
        // A pending write must not keep the command line alive; it calls flush() before exiting.
        timer.unref?.();
      }
    },
    flush,
    lastRow(key) {
      const text = known().get(rowKey(key));
      return text ? decodeStoredRow(text) : null;
    },
  };
}
