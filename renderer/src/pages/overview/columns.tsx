import Badge from '@cloudscape-design/components/badge';
import Box from '@cloudscape-design/components/box';
import Link from '@cloudscape-design/components/link';
import Popover from '@cloudscape-design/components/popover';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import type { TableProps } from '@cloudscape-design/components/table';
import { ErrorDetail } from '../../components/ErrorDetail';
import { HubState } from '../../components/HubState';
import { canDisassociate, DisassociateButton, InvitationButtons } from '../../components/InvitationButtons';
import { formatTime } from '../../lib/format';
import { navigate, routeHref } from '../../lib/router';
import type { OverviewItem } from './items';

function PartialErrors({ item }: { item: OverviewItem }) {
  const { partialErrors, notes } = item.row;
  if (partialErrors.length === 0 && notes.length === 0) return null;
  return (
    <Popover
      header="How this row was read"
      triggerType="text"
      size="large"
      dismissAriaLabel="Close"
      content={
        <SpaceBetween size="s">
          {notes.map((note) => (
            <StatusIndicator key={note} type="info">
              {note}
            </StatusIndicator>
          ))}
          {partialErrors.map((p) => (
            <div key={p.part}>
              <Box variant="strong">{`Could not read ${p.part}`}</Box>
              <ErrorDetail error={p.error} />
            </div>
          ))}
        </SpaceBetween>
      }
    >
      <StatusIndicator type={partialErrors.length ? 'warning' : 'info'}>
        {partialErrors.length ? `${partialErrors.length} part(s) unread` : 'Note'}
      </StatusIndicator>
    </Popover>
  );
}

export const COLUMNS: TableProps.ColumnDefinition<OverviewItem>[] = [
  {
    id: 'profile',
    minWidth: 150,
    header: 'Profile',
    sortingField: 'profile',
    isRowHeader: true,
    cell: (item) => (
      <span data-testid={`row-${item.key}`}>
        <Link
          href={routeHref({ page: 'profile', profile: item.profile })}
          onFollow={(e) => {
            e.preventDefault();
            navigate({ page: 'profile', profile: item.profile });
          }}
        >
          {item.profile}
        </Link>
      </span>
    ),
  },
  { id: 'account', minWidth: 140, header: 'Account', sortingField: 'account', cell: (item) => item.account || '-' },
  { id: 'region', minWidth: 120, header: 'Region', sortingField: 'region', cell: (item) => item.region },
  {
    id: 'state',
    minWidth: 200,
    header: 'Security Hub',
    sortingField: 'state',
    cell: (item) => (
      <SpaceBetween size="xxs">
        <HubState row={item.row} />
        <PartialErrors item={item} />
      </SpaceBetween>
    ),
  },
  {
    id: 'pending',
    minWidth: 300,
    header: 'Pending invitations',
    sortingField: 'pendingCount',
    cell: (item) =>
      item.pendingCount === 0 ? (
        '-'
      ) : (
        <SpaceBetween size="xs">
          {item.row.pendingInvitations.map((inv) => (
            <SpaceBetween key={inv.invitationId} direction="horizontal" size="xs" alignItems="center">
              <span>{`from ${inv.accountId}`}</span>
              <InvitationButtons row={item.row} invitation={inv} />
            </SpaceBetween>
          ))}
        </SpaceBetween>
      ),
  },
  {
    id: 'administrator',
    minWidth: 140,
    header: 'Administrator',
    sortingField: 'administrator',
    cell: (i) => i.administrator || '-',
  },
  { id: 'status', minWidth: 110, header: 'Status', sortingField: 'status', cell: (item) => item.status || '-' },
  {
    id: 'actions',
    minWidth: 150,
    header: 'Actions',
    cell: (item) => (canDisassociate(item.row) ? <DisassociateButton row={item.row} /> : '-'),
  },
  {
    id: 'refreshed',
    minWidth: 200,
    header: 'Last refreshed',
    sortingField: 'fetchedAt',
    cell: (item) => (
      <SpaceBetween direction="horizontal" size="xs">
        <span>{formatTime(item.fetchedAt)}</span>
        {item.stale && <Badge color="grey">Stale</Badge>}
      </SpaceBetween>
    ),
  },
];

export const COLUMN_OPTIONS = COLUMNS.map((c) => ({
  id: c.id ?? '',
  label: String(c.header),
  alwaysVisible: c.id === 'profile',
}));
