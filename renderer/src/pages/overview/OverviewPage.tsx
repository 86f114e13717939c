import { useCollection } from '@cloudscape-design/collection-hooks';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import CollectionPreferences from '@cloudscape-design/components/collection-preferences';
import Grid from '@cloudscape-design/components/grid';
import Header from '@cloudscape-design/components/header';
import Pagination from '@cloudscape-design/components/pagination';
import PropertyFilter from '@cloudscape-design/components/property-filter';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import { useMemo } from 'react';
import { ErrorDetail } from '../../components/ErrorDetail';
import { useFlash } from '../../components/flash';
import { useProfiles, useSettings } from '../../data/queries';
import { useInitialRefresh, useRefresh } from '../../data/refresh';
import { useRows } from '../../data/rows';
import { api } from '../../lib/api';
import { downloadText } from '../../lib/csv';
import { asAppError, call } from '../../lib/errors';
import { formatTime } from '../../lib/format';
import { READ_ONLY_REASON } from '../../lib/read-only';
import { BulkActions } from './BulkActions';
import { ConfigWarnings } from './ConfigWarnings';
import { COLUMN_OPTIONS, COLUMNS } from './columns';
import { EmptyProfiles } from './EmptyProfiles';
import { overviewCsv } from './export';
import { pendingSummary, toItems } from './items';
import { useColumnWidths, useOverviewPreferences } from './preferences';
import { RefreshBar } from './RefreshBar';

const FILTERING_PROPERTIES = [
  { key: 'profile', propertyLabel: 'Profile', groupValuesLabel: 'Profiles' },
  { key: 'account', propertyLabel: 'Account', groupValuesLabel: 'Accounts' },
  { key: 'region', propertyLabel: 'Region', groupValuesLabel: 'Regions' },
  { key: 'state', propertyLabel: 'Security Hub state', groupValuesLabel: 'States' },
  { key: 'status', propertyLabel: 'Relationship status', groupValuesLabel: 'Statuses' },
].map((p) => ({ ...p, operators: ['=', '!=', ':', '!:'] as const }));

/** The start page: one row per profile and region. */
export function OverviewPage() {
  const profiles = useProfiles();
  const rows = useRows();
  const settings = useSettings().data;
  const refresh = useRefresh();
  const flash = useFlash();
  const [preferences, setPreferences] = useOverviewPreferences();
  const [widths, saveWidths] = useColumnWidths();
  const columns = useMemo(
    () => COLUMNS.map((c) => (c.id && widths[c.id] ? { ...c, width: widths[c.id] } : c)),
    [widths],
  );
  const profileCount = profiles.data?.profiles.length ?? 0;

  useInitialRefresh(rows.isPending, profileCount);

  const allItems = useMemo(
    () => toItems(Object.values(rows.data ?? {}), settings?.hiddenProfiles ?? []),
    [rows.data, settings?.hiddenProfiles],
  );
  const collection = useCollection(allItems, {
    filtering: {},
    propertyFiltering: { filteringProperties: FILTERING_PROPERTIES },
    sorting: {},
    pagination: { pageSize: preferences.pageSize ?? 50 },
    // Rows chosen for a bulk answer stay chosen across pages, filters and refreshes.
    selection: { keepSelection: true, trackBy: 'key' },
  });
  const selectedKeys = new Set((collection.collectionProps.selectedItems ?? []).map((i) => i.key));
  const selectedRows = allItems.filter((i) => selectedKeys.has(i.key)).map((i) => i.row);

  if (profiles.isError) {
    return (
      <Alert
        type="error"
        header="Could not read your AWS profiles"
        action={<Button onClick={() => void profiles.refetch()}>Try again</Button>}
        data-testid="profiles-error"
      >
        <ErrorDetail error={asAppError(profiles.error)} />
      </Alert>
    );
  }
  if (profiles.data && profileCount === 0) {
    return (
      <SpaceBetween size="m">
        <ConfigWarnings warnings={profiles.data.warnings} />
        <EmptyProfiles profiles={profiles.data} />
      </SpaceBetween>
    );
  }

  const visibleIds = (preferences.contentDisplay ?? []).filter((c) => c.visible).map((c) => c.id);
  const shown = collection.allPageItems;
  const staleItems = allItems.filter((i) => i.stale);
  const oldest = staleItems.reduce<string | null>((min, i) => (!min || i.fetchedAt < min ? i.fetchedAt : min), null);
  const exportCsv = () => {
    downloadText('security-hub-overview.csv', overviewCsv(shown, visibleIds));
  };
  const copyCsv = async () => {
    try {
      await call(api().copyText({ text: overviewCsv(shown, visibleIds) }));
      flash.push({ id: 'copy-csv', type: 'success', content: `Copied ${shown.length} rows as CSV.` });
    } catch (error) {
      flash.push({ id: 'copy-csv', type: 'error', header: 'Not copied', content: asAppError(error).message });
    }
  };

  return (
    <SpaceBetween size="m">
      {profiles.data && <ConfigWarnings warnings={profiles.data.warnings} />}
      {settings?.readOnly && (
        <Alert type="info" data-testid="read-only-alert">
          {READ_ONLY_REASON}
        </Alert>
      )}
      {rows.isError && (
        <Alert type="warning" header="The last session's results could not be loaded">
          <ErrorDetail error={asAppError(rows.error)} />
        </Alert>
      )}
      {staleItems.length > 0 && (
        <Alert type="info" data-testid="stale-alert">
          {`${staleItems.length} row(s) come from the last session (last refreshed ${formatTime(oldest)}) and are marked Stale until the refresh reads them again.`}
        </Alert>
      )}
      <RefreshBar />
      <Table
        {...collection.collectionProps}
        items={collection.items}
        columnDefinitions={columns}
        columnDisplay={preferences.contentDisplay}
        onColumnWidthsChange={({ detail }) => saveWidths(visibleIds, detail.widths)}
        trackBy="key"
        selectionType="multi"
        variant="full-page"
        stickyHeader
        // One line per cell: long errors sit in the state popover, and resizing shows the rest.
        wrapLines={false}
        resizableColumns
        stickyColumns={{ first: 1, last: 1 }}
        loading={rows.isPending || profiles.isPending || (refresh.running && allItems.length === 0)}
        loadingText="Reading profiles and regions"
        ariaLabels={{
          tableLabel: 'Profiles and regions',
          selectionGroupLabel: 'Rows for a bulk answer',
          allItemsSelectionLabel: () => 'Select all rows on this page',
          itemSelectionLabel: (_selection, item) => `Select ${item.profile} in ${item.region}`,
          resizerRoleDescription: 'Resize button',
          resizerTooltipText: 'Drag or select to resize',
        }}
        data-testid="overview-table"
        header={
          <Header
            variant="awsui-h1-sticky"
            counter={
              collection.filteredItemsCount !== undefined && collection.filteredItemsCount !== allItems.length
                ? `(${collection.filteredItemsCount}/${allItems.length})`
                : `(${allItems.length})`
            }
            description={<span data-testid="pending-summary">{pendingSummary(allItems)}</span>}
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                <BulkActions rows={selectedRows} onDone={() => collection.actions.setSelectedItems([])} />
                <Button onClick={() => void copyCsv()} disabled={shown.length === 0} data-testid="copy-csv">
                  Copy CSV
                </Button>
                <Button onClick={exportCsv} disabled={shown.length === 0} iconName="download" data-testid="export-csv">
                  Export CSV
                </Button>
                <Button
                  variant="primary"
                  iconName="refresh"
                  loading={refresh.running}
                  onClick={() => void refresh.start({ kind: 'all' }, { reload: true })}
                  data-testid="refresh"
                  ariaLabel="Refresh all profiles and regions"
                >
                  Refresh
                </Button>
              </SpaceBetween>
            }
          >
            Overview
          </Header>
        }
        filter={
          // Quick text search beside the structured filter, on one line: both narrow the same rows.
          <Grid gridDefinition={[{ colspan: { default: 12, s: 4 } }, { colspan: { default: 12, s: 8 } }]}>
            <TextFilter
              {...collection.filterProps}
              filteringPlaceholder="Find rows"
              filteringAriaLabel="Find rows"
              countText={`${collection.filteredItemsCount ?? 0} matches`}
            />
            <PropertyFilter
              {...collection.propertyFilterProps}
              filteringPlaceholder="Filter by profile, account, region, state, status"
              filteringAriaLabel="Filter rows by property"
              countText={`${collection.filteredItemsCount ?? 0} matches`}
              expandToViewport
            />
          </Grid>
        }
        empty={
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
        }
        pagination={<Pagination {...collection.paginationProps} />}
        preferences={
          <CollectionPreferences
            title="Preferences"
            confirmLabel="Confirm"
            cancelLabel="Cancel"
            preferences={preferences}
            onConfirm={({ detail }) => setPreferences(detail)}
            pageSizePreference={{
              title: 'Rows per page',
              options: [25, 50, 100, 500].map((value) => ({ value, label: `${value} rows` })),
            }}
            contentDisplayPreference={{ title: 'Columns', options: COLUMN_OPTIONS }}
          />
        }
      />
    </SpaceBetween>
  );
}
