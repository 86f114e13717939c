/**
 * Batches snapshot writes. A refresh produces one row per profile and region, often hundreds in a
 * few seconds; rewriting snapshots.json for each would cost far more than the refresh itself.
 * Rows are collected and the whole set is written at most once per `delayMs` (and on flush());
 * each row is checked and serialised as it arrives (the store keeps its text), so a save of
 * 17,000 rows costs joining their texts and writing the file, not serialising them again.
 */
import { rowKey } from '../../domain/ids';
import type { HubSnapshot } from '../../domain/types';
import type { SettingsStore } from './settings';

export interface SnapshotWriter {
  put(row: HubSnapshot): void;
  /** Writes pending rows now (call before the process exits). */
  flush(): void;
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

export function createSnapshotWriter(store: SettingsStore, options: SnapshotWriterOptions = {}): SnapshotWriter {
  const delayMs = options.delayMs ?? 1000;
  const onError = options.onError ?? ((error: unknown) => console.error('Saving snapshots failed:', error));
  const onWarning = options.onWarning ?? ((message: string) => console.warn(message));
  // Each malformed row is said once, not at every save of the session.
  const warned = new Set<string>();
  // saveSnapshots replaces the file, so the writer keeps the complete set: the rows of the last
  // session that have not been refreshed yet stay until a newer row for the same key arrives.
  let rows: Map<string, HubSnapshot> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let dirty = false;

  function flush() {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!dirty || !rows) return;
    dirty = false;
    try {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const { saved, dropped } = store.saveSnapshots([...rows.values()]);
      const used = process.cpuUsage(cpu);
      options.onBatchWritten?.({
        rows: saved,
        ms: performance.now() - started,
        cpuMs: (used.user + used.system) / 1000,
      });
      for (const message of dropped) {
        if (warned.has(message)) continue;
        warned.add(message);
        onWarning(message);
      }
    } catch (error) {
      onError(error);
    }
  }

  return {
    put(row: HubSnapshot) {
      if (!rows) rows = new Map(store.loadSnapshots().map((stored) => [rowKey(stored), stored]));
      rows.set(rowKey(row), row);
      // Serialised now, a row at a time, so the save at the end of the delay only joins texts.
      store.prepareSnapshot(row);
      dirty = true;
      if (!timer) {
        timer = setTimeout(flush, delayMs);
        // A pending write must not keep the command line alive; it calls flush() before exiting.
        timer.unref?.();
      }
    },
    flush,
  };
}
