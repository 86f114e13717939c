import type { HubSnapshot } from '../../../../preload/api';
import type { OverviewCollection } from './useOverviewCollection';

/** The rows chosen for a bulk answer, in the Overview's order, and a way to clear the choice. */
export interface BulkSelection {
  rows: HubSnapshot[];
  clear(): void;
}

/** The selection as the bulk actions need it: the chosen items' rows, whatever page or filter they are on. */
export function bulkSelection({ allItems, collection }: OverviewCollection): BulkSelection {
  const selectedKeys = new Set((collection.collectionProps.selectedItems ?? []).map((i) => i.key));
  return {
    rows: allItems.filter((i) => selectedKeys.has(i.key)).map((i) => i.row),
    clear: () => collection.actions.setSelectedItems([]),
  };
}
