import { type UseCollectionResult, useCollection } from '@cloudscape-design/collection-hooks';
import type { TableProps } from '@cloudscape-design/components/table';
import { useMemo, useState } from 'react';
import type { ProfileSummary, ServiceInfo } from '../../../../contract/api';
import { useAccountNames } from '../../data/queries';
import type { RowMap } from '../../data/rows';
import { useServicesRead } from '../../data/services';
import { overviewColumns, showsServiceColumn, stateHeader } from './columns';
import { applyQuickFilters, type QuickFilter, quickFilters } from './glance';
import { createItemsCache, matchesText, type OverviewItem } from './items';
import { DEFAULT_PREFERENCES, type OverviewPreferences, useColumnWidths, useOverviewPreferences } from './preferences';

/** The properties the table's filter offers; the Service one filters by the service's name. */
function filteringPropertiesFor(services: readonly ServiceInfo[]) {
  return [
    { key: 'service', propertyLabel: 'Service', groupValuesLabel: 'Services' },
    { key: 'profile', propertyLabel: 'Profile', groupValuesLabel: 'Profiles' },
    { key: 'account', propertyLabel: 'Account', groupValuesLabel: 'Accounts' },
    { key: 'region', propertyLabel: 'Region', groupValuesLabel: 'Regions' },
    { key: 'state', propertyLabel: `${stateHeader(services)} state`, groupValuesLabel: 'States' },
    { key: 'status', propertyLabel: 'Relationship status', groupValuesLabel: 'Statuses' },
  ].map((p) => ({ ...p, operators: ['=', '!=', ':', '!:'] as const }));
}

/** The summary strip's toggles and which of them are pressed. */
export interface QuickFilterState {
  filters: QuickFilter[];
  pressed: ReadonlySet<string>;
  toggle(id: string, on: boolean): void;
  clear(): void;
}

/** What the Overview table shows and how: its rows as a collection, and the user's table preferences. */
export interface OverviewCollection {
  /** Every row the Overview knows (hidden profiles left out), before filters and paging. */
  allItems: OverviewItem[];
  /** The rows the summary strip's pressed toggles keep (all of them when none is pressed). */
  quickItems: readonly OverviewItem[];
  quick: QuickFilterState;
  /** Filtering, sorting, paging and selection over `quickItems` (Cloudscape's collection hooks). */
  collection: UseCollectionResult<OverviewItem>;
  /** The columns, with the widths the user dragged them to. */
  columns: TableProps.ColumnDefinition<OverviewItem>[];
  /** Which columns show, in order: the preferences, the Service column only once there are several services. */
  columnDisplay: OverviewPreferences['contentDisplay'];
  /** The services the app reads. */
  services: readonly ServiceInfo[];
  preferences: OverviewPreferences;
  setPreferences(next: OverviewPreferences): void;
  /** The ids of the visible columns, in display order (for the widths Table reports and for CSV). */
  visibleIds: string[];
  /** Saves the widths Table reports, one per visible column. */
  saveWidths(visibleIds: readonly string[], reported: readonly number[]): void;
}

function useQuickFilters(
  allItems: readonly OverviewItem[],
  profiles: readonly ProfileSummary[],
  services: readonly ServiceInfo[],
) {
  const rows = useMemo(() => allItems.map((i) => i.row), [allItems]);
  const filters = useMemo(() => quickFilters(rows, profiles, services), [rows, profiles, services]);
  const [pressed, setPressed] = useState<ReadonlySet<string>>(new Set());
  // The same object until the rows or the pressed toggles change, so the strip skips other renders.
  const quick = useMemo(
    (): QuickFilterState => ({
      filters,
      pressed,
      toggle: (id, on) =>
        setPressed((current) => {
          const next = new Set(current);
          if (on) next.add(id);
          else next.delete(id);
          return next;
        }),
      clear: () => setPressed(new Set()),
    }),
    [filters, pressed],
  );
  const quickItems = useMemo(() => applyQuickFilters(allItems, filters, pressed), [allItems, filters, pressed]);
  return { quick, quickItems };
}

const NO_PROFILES: readonly ProfileSummary[] = [];
const NO_ROWS: RowMap = {};

/**
 * The collection state of the Overview: rows become items (attention first unless the user turned it
 * off), the summary strip's toggles narrow them, then the table's filters, sort, pages and selection.
 */
export function useOverviewCollection(
  rows: RowMap | undefined,
  hiddenProfiles: readonly string[] | undefined,
  profiles: readonly ProfileSummary[] = NO_PROFILES,
): OverviewCollection {
  const [preferences, setPreferences] = useOverviewPreferences();
  const [widths, saveWidths] = useColumnWidths();
  const services = useServicesRead();
  const columns = useMemo(
    () => overviewColumns(services).map((c) => (c.id && widths[c.id] ? { ...c, width: widths[c.id] } : c)),
    [widths, services],
  );
  const attentionFirst = preferences.custom?.attentionFirst ?? true;
  // The names come after a refresh's rows (once per names pass): the search finds rows by them too.
  const names = useAccountNames().data?.names;
  // Kept for the page's life: a refresh's batches of rows are placed into the items made before.
  const [itemsOf] = useState(createItemsCache);
  const allItems = useMemo(
    () => itemsOf(rows ?? NO_ROWS, hiddenProfiles ?? [], attentionFirst, services, names),
    [itemsOf, rows, hiddenProfiles, attentionFirst, services, names],
  );
  const { quick, quickItems } = useQuickFilters(allItems, profiles, services);
  const filteringProperties = useMemo(() => filteringPropertiesFor(services), [services]);
  const collection = useCollection(quickItems as OverviewItem[], {
    filtering: { filteringFunction: matchesText },
    propertyFiltering: { filteringProperties },
    sorting: {},
    pagination: { pageSize: preferences.pageSize ?? DEFAULT_PREFERENCES.pageSize },
    // Rows chosen for a bulk answer stay chosen across pages, filters and refreshes.
    selection: { keepSelection: true, trackBy: 'key' },
  });
  const columnDisplay = useMemo(
    () =>
      (preferences.contentDisplay ?? []).map((c) =>
        c.id === 'service' && !showsServiceColumn(services) ? { ...c, visible: false } : c,
      ),
    [preferences.contentDisplay, services],
  );
  const visibleIds = columnDisplay.filter((c) => c.visible).map((c) => c.id);
  return {
    allItems,
    quickItems,
    quick,
    collection,
    columns,
    columnDisplay,
    services,
    preferences,
    setPreferences,
    visibleIds,
    saveWidths,
  };
}
