import { useCollection } from '@cloudscape-design/collection-hooks';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import Pagination from '@cloudscape-design/components/pagination';
import Select, { type SelectProps } from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { StatusIndicatorProps } from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import { useMemo, useState } from 'react';
import type { ActionName, ActivityEntry, ActivityOutcome } from '../../../contract/api';
import { AccountId } from '../components/AccountId';
import { ErrorDetail } from '../components/ErrorDetail';
import { useFlash } from '../components/flash';
import { StatusText } from '../components/StatusText';
import { useActivity } from '../data/queries';
import { api } from '../lib/api';
import { asAppError, call } from '../lib/errors';
import { formatTime } from '../lib/format';
import { visible } from '../lib/visible';

const ANY: SelectProps.Option = { value: '', label: 'Any' };
/** Each outcome as the page shows it; the record makes the compiler reject a list that misses one. */
const OUTCOME_SHOWN: Record<ActivityOutcome, { label: string; look: StatusIndicatorProps.Type }> = {
  succeeded: { label: 'succeeded', look: 'success' },
  failed: { label: 'failed', look: 'error' },
  refused: { label: 'refused', look: 'warning' },
  'already-done': { label: 'already done', look: 'info' },
  partial: { label: 'partial', look: 'warning' },
  pending: { label: 'sent, outcome pending', look: 'pending' },
  interrupted: { label: 'interrupted, outcome unknown', look: 'warning' },
};
const OUTCOMES = Object.keys(OUTCOME_SHOWN) as ActivityOutcome[];
// Every ActionName of the contract (a type-only import, so the page bundles no zod): the record makes
// the compiler reject a list that misses one.
const ACTION_NAMES: Record<ActionName, null> = {
  accept: null,
  decline: null,
  disassociate: null,
  'create-members': null,
  'invite-members': null,
  'delete-invitations': null,
  'disassociate-members': null,
  'delete-members': null,
  'enable-hub': null,
  'bulk-accept': null,
  'bulk-decline': null,
  handshake: null,
  'sso-sign-in': null,
  'sso-sign-out': null,
  'trust-administrator': null,
  'untrust-administrator': null,
};
const ACTIONS = Object.keys(ACTION_NAMES);

/**
 * The other account of an entry: an administrator's id (member actions) with its name, as the
 * Overview shows it; other targets (several members) as they were recorded.
 */
function Target({ target }: { target: string | null }) {
  if (target && /^\d{12}$/.test(target)) return <AccountId id={target} stacked />;
  return <>{visible(target ?? '-')}</>;
}

/** What the app and the command line did, newest first, with export through a save dialog. */
export function ActivityPage() {
  const activity = useActivity();
  const flash = useFlash();
  const [outcome, setOutcome] = useState<SelectProps.Option>(ANY);
  const [action, setAction] = useState<SelectProps.Option>(ANY);
  const [exporting, setExporting] = useState<'csv' | 'jsonl' | null>(null);
  const entries = useMemo(
    () =>
      (activity.data ?? []).filter(
        (e) => (!outcome.value || e.outcome === outcome.value) && (!action.value || e.action === action.value),
      ),
    [activity.data, outcome, action],
  );
  const collection = useCollection<ActivityEntry>(entries, {
    filtering: {},
    sorting: { defaultState: { sortingColumn: { sortingField: 'time' }, isDescending: true } },
    pagination: { pageSize: 50 },
  });

  const exportAs = async (format: 'csv' | 'jsonl') => {
    setExporting(format);
    try {
      const result = await call(api().exportActivity({ format }));
      flash.push(
        result.saved
          ? {
              id: 'export',
              type: 'success',
              content: `Saved ${result.entries} entries to ${result.path}.`,
              untilNavigation: true,
            }
          : { id: 'export', type: 'info', content: 'Export cancelled.', untilNavigation: true },
      );
    } catch (error) {
      flash.push({
        id: 'export',
        type: 'error',
        header: 'Export failed',
        untilNavigation: true,
        content: <ErrorDetail error={asAppError(error)} />,
      });
    } finally {
      setExporting(null);
    }
  };

  if (activity.isError) {
    return (
      <Alert
        type="error"
        header="Could not read the activity log"
        action={<Button onClick={() => void activity.refetch()}>Try again</Button>}
        data-testid="activity-error"
      >
        <ErrorDetail error={asAppError(activity.error)} />
      </Alert>
    );
  }

  return (
    <Table
      {...collection.collectionProps}
      items={collection.items}
      trackBy="id"
      variant="full-page"
      wrapLines
      loading={activity.isPending}
      loadingText="Reading the activity log"
      data-testid="activity-table"
      header={
        <Header
          variant="h1"
          counter={`(${activity.data?.length ?? 0})`}
          description={
            activity.isFetching && activity.data ? 'Updating…' : 'Actions taken from this app and its command line.'
          }
          actions={
            <SpaceBetween direction="horizontal" size="xs">
              <Button onClick={() => void activity.refetch()} iconName="refresh" ariaLabel="Reload activity" />
              <Button
                loading={exporting === 'csv'}
                onClick={() => void exportAs('csv')}
                data-testid="export-activity-csv"
              >
                Export CSV
              </Button>
              <Button
                loading={exporting === 'jsonl'}
                onClick={() => void exportAs('jsonl')}
                data-testid="export-activity-jsonl"
              >
                Export JSON Lines
              </Button>
            </SpaceBetween>
          }
        >
          Activity
        </Header>
      }
      filter={
        <SpaceBetween direction="horizontal" size="s">
          <TextFilter
            {...collection.filterProps}
            filteringPlaceholder="Find activity"
            filteringAriaLabel="Find activity"
          />
          {/* A fixed width keeps the inline label ("Outcome") on one line. */}
          <div style={{ width: 200 }}>
            <Select
              selectedOption={outcome}
              options={[ANY, ...OUTCOMES.map((value) => ({ value, label: OUTCOME_SHOWN[value].label }))]}
              onChange={({ detail }) => setOutcome(detail.selectedOption)}
              inlineLabelText="Outcome"
              ariaLabel="Filter by outcome"
              data-testid="activity-outcome"
            />
          </div>
          <div style={{ width: 260 }}>
            <Select
              selectedOption={action}
              options={[ANY, ...ACTIONS.map((value) => ({ value, label: value }))]}
              onChange={({ detail }) => setAction(detail.selectedOption)}
              inlineLabelText="Action"
              ariaLabel="Filter by action"
              data-testid="activity-action"
            />
          </div>
        </SpaceBetween>
      }
      empty={
        <Box textAlign="center" color="inherit" data-testid="activity-empty">
          {activity.data?.length ? 'No entries match.' : 'Nothing has been done yet.'}
        </Box>
      }
      pagination={<Pagination {...collection.paginationProps} />}
      // Short fields get fixed widths that never break inside a word (the time wraps at its space); the
      // detail takes the rest of the room.
      columnDefinitions={[
        { id: 'time', header: 'Time', sortingField: 'time', width: 120, cell: (e) => formatTime(e.time) },
        { id: 'source', header: 'Source', width: 75, cell: (e) => e.source },
        {
          id: 'profile',
          header: 'Profile',
          sortingField: 'profile',
          isRowHeader: true,
          width: 130,
          cell: (e) => visible(e.profile),
        },
        { id: 'account', header: 'Account', width: 130, cell: (e) => <AccountId id={e.accountId} stacked /> },
        { id: 'region', header: 'Region', sortingField: 'region', width: 125, cell: (e) => e.region },
        { id: 'action', header: 'Action', sortingField: 'action', width: 120, cell: (e) => e.action },
        { id: 'target', header: 'Target', width: 130, cell: (e) => <Target target={e.target} /> },
        {
          id: 'outcome',
          header: 'Outcome',
          sortingField: 'outcome',
          // "succeeded" on one line; the longer labels ("interrupted, outcome unknown") wrap between words.
          width: 160,
          minWidth: 150,
          cell: (e) => <StatusText type={OUTCOME_SHOWN[e.outcome].look}>{OUTCOME_SHOWN[e.outcome].label}</StatusText>,
        },
        { id: 'detail', header: 'Detail', minWidth: 240, cell: (e) => visible(e.detail) },
      ]}
    />
  );
}
