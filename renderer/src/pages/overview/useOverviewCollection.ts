import { type UseCollectionResult, useCollection } from '@cloudscape-design/collection-hooks';
import type { CollectionPreferencesProps } from '@cloudscape-design/components/collection-preferences';
import type { TableProps } from '@cloudscape-design/components/table';
import { useMemo } from 'react';
import type { RowMap } from '../../data/rows';
import { COLUMNS } from './columns';
import { type OverviewItem, toItems } from './items';
import { useColumnWidths, useOverviewPreferences } from './preferences';

const FILTERING_PROPERTIES = [
  { key: 'profile', propertyLabel: 'Profile', groupValuesLabel: 'Profiles' },
  { key: 'account', propertyLabel: 'Account', groupValuesLabel: 'Accounts' },
  { key: 'region', propertyLabel: 'Region', groupValuesLabel: 'Regions' },
  { key: 'state', propertyLabel: 'Security Hub state', groupValuesLabel: 'States' },
  { key: 'status', propertyLabel: 'Relationship status', groupValuesLabel: 'Statuses' },
].map((p) => ({ ...p, operators: ['=', '!=', ':', '!:'] as const }));

/** What the Overview table shows and how: its rows as a collection, and the user's table preferences. */
export interface OverviewCollection {
  /** Every row the Overview knows (hidden profiles left out), before filters and paging. */
  allItems: OverviewItem[];
  /** Filtering, sorting, paging and selection over `allItems` (Cloudscape's collection hooks). */
  collection: UseCollectionResult<OverviewItem>;
  /** The columns, with the widths the user dragged them to. */
  columns: TableProps.ColumnDefinition<OverviewItem>[];
  preferences: CollectionPreferencesProps.Preferences;
  setPreferences(next: CollectionPreferencesProps.Preferences): void;
  /** The ids of the visible columns, in display order (for the widths Table reports and for CSV). */
  visibleIds: string[];
  /** Saves the widths Table reports, one per visible column. */
  saveWidths(visibleIds: readonly string[], reported: readonly number[]): void;
}

/** The collection state of the Overview: rows become items, then the table's filters, sort, pages and selection. */
export function useOverviewCollection(
  rows: RowMap | undefined,
  hiddenProfiles: readonly string[] | undefined,
): OverviewCollection {
  const [preferences, setPreferences] = useOverviewPreferences();
  const [widths, saveWidths] = useColumnWidths();
  const columns = useMemo(
    () => COLUMNS.map((c) => (c.id && widths[c.id] ? { ...c, width: widths[c.id] } : c)),
    [widths],
  );
  const allItems = useMemo(() => toItems(Object.values(rows ?? {}), hiddenProfiles ?? []), [rows, hiddenProfiles]);
  const collection = useCollection(allItems, {
    filtering: {},
    propertyFiltering: { filteringProperties: FILTERING_PROPERTIES },
    sorting: {},
    pagination: { pageSize: preferences.pageSize ?? 50 },
    // Rows chosen for a bulk answer stay chosen across pages, filters and refreshes.
    selection: { keepSelection: true, trackBy: 'key' },
  });
  const visibleIds = (preferences.contentDisplay ?? []).filter((c) => c.visible).map((c) => c.id);
  return { allItems, collection, columns, preferences, setPreferences, visibleIds, saveWidths };
}
