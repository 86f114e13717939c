import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useFlash } from '../../components/flash';
import { useRefreshActions, useRefreshRunning } from '../../data/refresh';
import { api } from '../../lib/api';
import { downloadText } from '../../lib/csv';
import { asAppError, call } from '../../lib/errors';
import { count } from '../../lib/format';
import { BulkActions } from './BulkActions';
import { overviewCsv } from './export';
import { useBulkSelection } from './selection';
import type { OverviewCollection } from './useOverviewCollection';

/** "(17,040)", or "(3/17,040)" while filters hide some rows. */
function counterText({ allItems, collection }: OverviewCollection): string {
  return collection.filteredItemsCount !== undefined && collection.filteredItemsCount !== allItems.length
    ? `(${count(collection.filteredItemsCount)}/${count(allItems.length)})`
    : `(${count(allItems.length)})`;
}

/** Export CSV and Copy CSV: the rows the table shows (after filters, in its order), with its visible columns. */
function useCsvActions({ collection, visibleIds, columns }: OverviewCollection) {
  const flash = useFlash();
  const shown = collection.allPageItems;
  // The state column's header depends on the services read; the others are the export's own.
  const headers = Object.fromEntries(
    columns.filter((c) => c.id === 'state').map((c) => [c.id ?? '', String(c.header)]),
  );
  const exportCsv = () => {
    downloadText('security-hub-overview.csv', overviewCsv(shown, visibleIds, headers));
  };
  const copyCsv = async () => {
    try {
      await call(api().copyText({ text: overviewCsv(shown, visibleIds, headers) }));
      flash.push({ id: 'copy-csv', type: 'success', content: `Copied ${shown.length} rows as CSV.` });
    } catch (error) {
      flash.push({ id: 'copy-csv', type: 'error', header: 'Not copied', content: asAppError(error).message });
    }
  };
  return { nothingShown: shown.length === 0, exportCsv, copyCsv };
}

/** The table's header: title and counter (the summary strip above says what is pending), then bulk answers, CSV and Refresh. */
export function OverviewHeader({ view }: { view: OverviewCollection }) {
  const refresh = useRefreshActions();
  const running = useRefreshRunning();
  const csv = useCsvActions(view);
  const selection = useBulkSelection(view);
  return (
    <Header
      variant="awsui-h1-sticky"
      counter={counterText(view)}
      actions={
        <SpaceBetween direction="horizontal" size="xs">
          <BulkActions rows={selection.rows} onDone={selection.clear} />
          <Button onClick={() => void csv.copyCsv()} disabled={csv.nothingShown} data-testid="copy-csv">
            Copy CSV
          </Button>
          <Button onClick={csv.exportCsv} disabled={csv.nothingShown} iconName="download" data-testid="export-csv">
            Export CSV
          </Button>
          <Button
            variant="primary"
            iconName="refresh"
            loading={running}
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
  );
}
