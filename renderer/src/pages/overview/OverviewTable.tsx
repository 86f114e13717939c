import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import CollectionPreferences from '@cloudscape-design/components/collection-preferences';
import Grid from '@cloudscape-design/components/grid';
import Pagination from '@cloudscape-design/components/pagination';
import PropertyFilter from '@cloudscape-design/components/property-filter';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table, { type TableProps } from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import Toggle from '@cloudscape-design/components/toggle';
import { useRefreshActions, useRefreshRunning } from '../../data/refresh';
import { columnOptions } from './columns';
import type { OverviewItem } from './items';
import { OverviewHeader } from './OverviewHeader';
import type { OverviewCustomPreferences } from './preferences';
import type { OverviewCollection } from './useOverviewCollection';

const ARIA_LABELS: TableProps.AriaLabels<OverviewItem> = {
  tableLabel: 'Profiles and regions',
  selectionGroupLabel: 'Rows for a bulk answer',
  allItemsSelectionLabel: () => 'Select all rows on this page',
  itemSelectionLabel: (_selection, item) => `Select ${item.profile} in ${item.region}`,
  resizerRoleDescription: 'Resize button',
  resizerTooltipText: 'Drag or select to resize',
};

/**
 * The Overview table: one row per profile and region, with its header, filters, pages and
 * preferences. `reading` is true while the profiles or the last session's rows are still loading.
 */
export function OverviewTable({ view, reading }: { view: OverviewCollection; reading: boolean }) {
  const running = useRefreshRunning();
  const { collection, allItems, preferences, visibleIds, columnDisplay } = view;
  return (
    <Table
      {...collection.collectionProps}
      items={collection.items}
      columnDefinitions={view.columns}
      columnDisplay={columnDisplay}
      onColumnWidthsChange={({ detail }) => view.saveWidths(visibleIds, detail.widths)}
      trackBy="key"
      selectionType="multi"
      variant="full-page"
      stickyHeader
      // A cell's text wraps rather than being cut ("Error: sign-in needed", a long profile name, the
      // administrator beside a status); long errors still sit in the state popover.
      wrapLines
      resizableColumns
      stickyColumns={{ first: 1 }}
      loading={reading || (running && allItems.length === 0)}
      loadingText="Reading profiles and regions"
      ariaLabels={ARIA_LABELS}
      data-testid="overview-table"
      header={<OverviewHeader view={view} />}
      filter={<OverviewFilters view={view} />}
      empty={<NoRows view={view} />}
      pagination={<Pagination {...collection.paginationProps} />}
      preferences={
        <CollectionPreferences
          title="Preferences"
          confirmLabel="Confirm"
          cancelLabel="Cancel"
          preferences={preferences}
          onConfirm={({ detail }) => view.setPreferences(detail)}
          pageSizePreference={{
            title: 'Rows per page',
            options: [25, 50, 100, 500].map((value) => ({ value, label: `${value} rows` })),
          }}
          contentDisplayPreference={{ title: 'Columns', options: columnOptions(view.services) }}
          customPreference={(custom: OverviewCustomPreferences | undefined, setCustom) => (
            <Toggle
              checked={custom?.attentionFirst ?? true}
              onChange={({ detail }) => setCustom({ attentionFirst: detail.checked })}
              description="Pending invitations, then rows that could not be read, then the rest. Sorting by a column overrides it."
            >
              Rows that need you first
            </Toggle>
          )}
        />
      }
    />
  );
}

/**
 * Quick text search beside the structured filter, on one line: both narrow the same rows. Cloudscape's
 * Grid breaks on its container's width, which beside the pagination is about 850 px at 1440: side by
 * side from xxs (465 px) up, one above the other below.
 */
function OverviewFilters({ view: { collection } }: { view: OverviewCollection }) {
  return (
    <Grid gridDefinition={[{ colspan: { default: 12, xxs: 5 } }, { colspan: { default: 12, xxs: 7 } }]}>
      <TextFilter
        {...collection.filterProps}
        filteringPlaceholder="Find rows (any column)"
        filteringAriaLabel="Find rows"
        countText={`${collection.filteredItemsCount ?? 0} matches`}
      />
      <PropertyFilter
        {...collection.propertyFilterProps}
        filteringPlaceholder="Filter by property (profile, account, region, state, status)"
        filteringAriaLabel="Filter rows by property"
        countText={`${collection.filteredItemsCount ?? 0} matches`}
        expandToViewport
      />
    </Grid>
  );
}

/** An empty table: no results yet (Refresh), or filters that match nothing (Clear filters). */
function NoRows({ view: { collection, allItems } }: { view: OverviewCollection }) {
  const refresh = useRefreshActions();
  return (
    <Box textAlign="center" color="inherit" padding="m">
      {allItems.length === 0 ? (
        <SpaceBetween size="xs">
          <b>No results yet</b>
          <Button onClick={() => void refresh.start({ kind: 'all' })}>Refresh</Button>
        </SpaceBetween>
      ) : (
        <SpaceBetween size="xs">
          <b>No matches</b>
          <Button
            onClick={() => {
              collection.actions.setFiltering('');
              collection.actions.setPropertyFiltering({ tokens: [], operation: 'and' });
            }}
          >
            Clear filters
          </Button>
        </SpaceBetween>
      )}
    </Box>
  );
}
