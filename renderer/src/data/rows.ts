import { type QueryClient, queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RowKey, ServiceRow } from '../../../contract/api';
import { unpackCachedRows } from '../../../main/domain/cached-rows';
import { FIRST_SERVICE, rowKey } from '../../../main/domain/ids';
import { api } from '../lib/api';
import { call } from '../lib/errors';
import { queryKeys } from './keys';

/** Every known row, keyed by rowKey (main/domain/ids.ts: the same key main uses). */
export type RowMap = Readonly<Record<string, ServiceRow>>;

export { rowKey };

/**
 * A row's readable id for test ids and labels, `profile|region`, and `|service` for every service but
 * Security Hub CSPM, whose rows keep the ids they had before there were others (not a map key: `|`
 * may occur in names).
 */
export function rowTestId(row: RowKey): string {
  return row.service === FIRST_SERVICE ? `${row.profile}|${row.region}` : `${row.profile}|${row.region}|${row.service}`;
}

/** Newer rows replace older ones; a stale (cached) row never replaces a fresh one. */
export function mergeRows(current: RowMap | undefined, rows: readonly ServiceRow[]): RowMap {
  const next: Record<string, ServiceRow> = { ...current };
  for (const row of rows) {
    const key = rowKey(row);
    const existing = next[key];
    if (row.stale && existing && !existing.stale) continue;
    next[key] = row;
  }
  return next;
}

export function putRows(client: QueryClient, rows: readonly ServiceRow[]): void {
  if (rows.length === 0) return;
  client.setQueryData<RowMap>(queryKeys.rows, (current) => mergeRows(current, rows));
}

/** Drops rows a complete refresh of everything did not produce (profiles or regions that went away). */
export function keepOnlyRows(client: QueryClient, keys: ReadonlySet<string>): void {
  client.setQueryData<RowMap>(queryKeys.rows, (current) => {
    if (!current) return current;
    const next: Record<string, ServiceRow> = {};
    for (const [key, row] of Object.entries(current)) if (keys.has(key)) next[key] = row;
    return next;
  });
}

/**
 * The rows query starts from the last session's snapshots. Progress events may land before the
 * cached snapshots do, so the fetch merges into what is already there instead of replacing it.
 */
export function rowsQuery(client: QueryClient) {
  return queryOptions({
    queryKey: queryKeys.rows,
    queryFn: async () => {
      const cached = unpackCachedRows(await call(api().cachedSnapshots()));
      const current = client.getQueryData<RowMap>(queryKeys.rows);
      const fromCache = mergeRows({}, cached);
      // Without rows from events yet, no second copy of a 17,000-key map.
      return current ? mergeRows(fromCache, Object.values(current)) : fromCache;
    },
    staleTime: Number.POSITIVE_INFINITY,
    // Each write is a new map of fresh rows (mergeRows): comparing 17,000 rows with the last map's
    // value by value on every batch of a refresh only kept the window's thread busy.
    structuralSharing: false,
  });
}

/**
 * Asks main for the last session's rows before the first render: main reads them while the
 * window draws its frame, instead of after it (a first render of the shell takes a few hundred ms).
 */
export function prefetchRows(client: QueryClient): void {
  void client.prefetchQuery(rowsQuery(client));
}

export function useRows() {
  return useQuery(rowsQuery(useQueryClient()));
}

/**
 * How long streamed rows wait before they are written, by how many rows the cache holds: each write
 * re-derives the Overview from every row (items, summary, inbox lines, the table's collection), so
 * the writes thin out as the rows grow — 4 a second up to 5,000 rows, about one a second at 17,000 —
 * and the window's thread spends about the same share of its time on them at any size.
 */
export function rowWriteDelayMs(known: number): number {
  return Math.min(1000, Math.max(250, Math.round(known / 20)));
}

/**
 * Buffers progress rows and writes them to the cache a few times a second, in one update for every
 * batch that came meanwhile: one cache write per event would re-render the table many times a second.
 * `delayMs` may depend on the rows the cache holds after the last write.
 */
export function createRowBuffer(client: QueryClient, delayMs: number | ((known: number) => number) = 80) {
  let pending: ServiceRow[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let known = Object.keys(client.getQueryData<RowMap>(queryKeys.rows) ?? {}).length;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const rows = pending;
    pending = [];
    putRows(client, rows);
    if (rows.length > 0) known = Object.keys(client.getQueryData<RowMap>(queryKeys.rows) ?? {}).length;
  };
  return {
    put(rows: readonly ServiceRow[]) {
      if (rows.length === 0) return;
      for (const row of rows) pending.push(row);
      timer ??= setTimeout(flush, typeof delayMs === 'number' ? delayMs : delayMs(known));
    },
    flush,
  };
}
