import { useMemo } from 'react';
import type { ServiceRow } from '../../../../contract/api';
import type { OverviewItem } from './items';
import type { OverviewCollection } from './useOverviewCollection';

/** The rows chosen for a bulk answer, in the Overview's order, and a way to clear the choice. */
export interface BulkSelection {
  rows: ServiceRow[];
  clear(): void;
}

const NONE: readonly OverviewItem[] = [];

/**
 * The selection as the bulk actions need it: the chosen items' rows, whatever page or filter they
 * are on. Walks every row, so only when the rows or the choice change, not per keystroke or page.
 */
export function useBulkSelection({ allItems, collection }: OverviewCollection): BulkSelection {
  const selected = collection.collectionProps.selectedItems ?? NONE;
  const rows = useMemo(() => {
    if (selected.length === 0) return [];
    const selectedKeys = new Set(selected.map((i) => i.key));
    return allItems.filter((i) => selectedKeys.has(i.key)).map((i) => i.row);
  }, [allItems, selected]);
  return { rows, clear: () => collection.actions.setSelectedItems([]) };
}
