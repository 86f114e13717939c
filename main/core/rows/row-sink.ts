/**
 * The one route every row takes once read, whether by a refresh or re-read after an action: it is
 * stored (batched snapshot writes) and shown to the watch. Rows a refresh read are compared with
 * the last known state (news becomes a `watch-change` event when the refresh settles); rows re-read
 * after the user's own action update that state silently — the user knows what they just did.
 */
import type { AppEvent } from '../../../contract/api';
import type { RowKey } from '../../domain/ids';
import type { ServiceRow } from '../../domain/row';
import type { WatchChange } from '../../domain/types';
import type { SnapshotWriter } from '../storage/snapshot-writer';
import type { Watcher } from './watch';

export type RowOrigin = 'refresh' | 'action';

export interface RowSink {
  absorbRow(row: ServiceRow, origin: RowOrigin): void;
  /**
   * The last row known for this key (read by a refresh or an action, or stored), or null. A promise,
   * as every port the AWS-talking core uses: the core may run apart from the stores (ARCHITECTURE.md).
   */
  lastRow(key: RowKey): Promise<ServiceRow | null>;
  /**
   * A refresh finished: announce what the watch found and store what is pending (off this thread);
   * resolves once it is stored.
   */
  settle(): Promise<void>;
  /** Stores what is pending now (before the process exits). */
  flush(): void;
  /** Resolves once no save is being written. */
  idle(): Promise<void>;
}

export function createRowSink(options: {
  writer: SnapshotWriter;
  watcher: Watcher;
  emit: (event: AppEvent) => void;
}): RowSink {
  const { writer, watcher, emit } = options;
  let changes: WatchChange[] = [];
  let lastPendingCount = watcher.pendingCount();
  let lastByService = JSON.stringify(watcher.pendingByService());

  function announce(): void {
    const pendingCount = watcher.pendingCount();
    const pendingByService = watcher.pendingByService();
    const byService = JSON.stringify(pendingByService);
    if (changes.length === 0 && pendingCount === lastPendingCount && byService === lastByService) return;
    lastPendingCount = pendingCount;
    lastByService = byService;
    const news = changes;
    changes = [];
    emit({ type: 'watch-change', changes: news, pendingCount, pendingByService });
  }

  // The badge shows the last session's count until the first refresh.
  if (lastPendingCount > 0) {
    const count = lastPendingCount;
    const pendingByService = watcher.pendingByService();
    queueMicrotask(() => emit({ type: 'watch-change', changes: [], pendingCount: count, pendingByService }));
  }

  return {
    absorbRow(row, origin) {
      writer.put(row);
      if (origin === 'refresh') {
        changes.push(...watcher.observe(row));
        return;
      }
      watcher.absorb(row);
      announce();
    },
    settle() {
      const saved = writer.save();
      announce();
      return saved;
    },
    flush: () => writer.flush(),
    idle: () => writer.idle(),
    lastRow: async (key) => writer.lastRow(key),
  };
}
