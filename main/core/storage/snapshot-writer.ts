/**
 * Batches snapshot writes. A refresh produces one row per profile and region, often hundreds in a
 * few seconds; rewriting snapshots.json for each would cost far more than the refresh itself.
 * Rows are collected and the whole set is written at most once per `delayMs` (and on flush());
 * each row is checked and serialised as it arrives and only its text is kept, so a save of 17,000
 * rows costs joining their texts and writing the file, and the rows themselves are not held here
 * (the window has them; main would otherwise keep every row twice, as objects and as text).
 *
 * The batches and the save at the end of a refresh are written off the main thread (save(): the
 * store's saveTextsSoon, temp file + rename as every save); flush() writes synchronously, for a
 * process about to exit and a reader that needs the file now. One asynchronous save at a time; rows
 * arriving meanwhile are saved by the next one.
 */
import { type RowKey, rowKey } from '../../domain/ids';
import type { ServiceRow } from '../../domain/row';
import { decodeStoredRow, type StoredRowText } from './snapshot-json';
import type { SnapshotStore } from './snapshots';

export interface SnapshotWriter {
  put(row: ServiceRow): void;
  /** Writes pending rows now, synchronously (call before the process exits). */
  flush(): void;
  /** Writes pending rows off this thread; resolves once they are on disk (or the save failed and was reported). */
  save(): Promise<void>;
  /** Resolves once no save is writing (a disposed backend leaves no temporary file being written). */
  idle(): Promise<void>;
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
  // The asynchronous save under way: its rows are not on disk until it resolves.
  let writing: Promise<void> | null = null;

  function measured() {
    const started = performance.now();
    const cpu = process.cpuUsage();
    return (saved: number) => {
      const used = process.cpuUsage(cpu);
      options.onBatchWritten?.({
        rows: saved,
        ms: performance.now() - started,
        cpuMs: (used.user + used.system) / 1000,
      });
    };
  }

  function flush() {
    if (timer) clearTimeout(timer);
    timer = null;
    // Rows an asynchronous save is still writing are written again now: they must be on disk on return.
    if ((!dirty && !writing) || !texts) return;
    dirty = false;
    try {
      const done = measured();
      done(store.saveTexts([...texts.values()]).saved);
    } catch (error) {
      onError(error);
    }
  }

  function save(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    if (writing) return writing.then(() => (dirty ? save() : undefined));
    if (!dirty || !texts) return Promise.resolve();
    dirty = false;
    const done = measured();
    const saving = store.saveTextsSoon([...texts.values()]).then(
      ({ saved }) => done(saved),
      (error: unknown) => onError(error),
    );
    writing = saving.finally(() => {
      writing = null;
    });
    return writing;
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
        timer = setTimeout(() => void save(), delayMs);
        // A pending write must not keep the command line alive; it calls flush() before exiting.
        timer.unref?.();
      }
    },
    flush,
    save,
    idle: () => (writing ? writing.then(() => undefined) : Promise.resolve()),
    lastRow(key) {
      const text = known().get(rowKey(key));
      return text ? decodeStoredRow(text) : null;
    },
  };
}
