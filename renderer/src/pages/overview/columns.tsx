import Badge from '@cloudscape-design/components/badge';
import Box from '@cloudscape-design/components/box';
import Link from '@cloudscape-design/components/link';
import Popover from '@cloudscape-design/components/popover';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import type { TableProps } from '@cloudscape-design/components/table';
import { memo, type ReactNode } from 'react';
import type { ServiceInfo } from '../../../../contract/api';
import { AccountId, UntrustedMark } from '../../components/AccountId';
import { CentrallyManaged, EnableHubButton, offersTurnOn } from '../../components/EnableHub';
import { ErrorDetail } from '../../components/ErrorDetail';
import {
  canDisassociate,
  DisassociateButton,
  InvitationButtons,
  isOrganizationManaged,
  OrganizationManaged,
} from '../../components/InvitationButtons';
import { ServiceState } from '../../components/ServiceState';
import { rowTestId } from '../../data/rows';
import { formatTime, plural } from '../../lib/format';
import { navigate, routeHref } from '../../lib/router';
import { visible } from '../../lib/visible';
import type { OverviewItem } from './items';

/**
 * Invitations a pending cell answers in place; the rest are on the profile page, a page at a time
 * (an account may hold thousands: drawing each with its buttons in one cell took half a minute).
 */
const CELL_INVITATIONS = 3;

function MoreInvitations({ item }: { item: OverviewItem }) {
  const route = { page: 'profile' as const, profile: item.row.profile, region: item.row.region };
  return (
    <Link
      href={routeHref(route)}
      onFollow={(e) => {
        e.preventDefault();
        navigate(route);
      }}
      data-testid={`more-invitations-${rowTestId(item.row)}`}
    >
      {`and ${plural(item.pendingCount - CELL_INVITATIONS, 'more invitation')} on the profile page`}
    </Link>
  );
}

function PartialErrors({ item }: { item: OverviewItem }) {
  const { partialErrors, notes } = item.row;
  if (partialErrors.length === 0 && notes.length === 0) return null;
  return (
    <Popover
      header="How this row was read"
      triggerType="text"
      size="large"
      dismissAriaLabel="Close"
      triggerAriaLabel={`How ${item.profile} in ${item.region} was read: ${
        partialErrors.length ? `${partialErrors.length} part(s) could not be read` : plural(notes.length, 'note')
      }`}
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
      <StatusIndicator type={partialErrors.length ? 'warning' : 'info'} wrapText={false}>
        {partialErrors.length ? 'Partial' : 'Note'}
      </StatusIndicator>
    </Popover>
  );
}

/** Leaving the row's administrator, or why the member cannot (the organization manages it). */
function RelationshipAction({ item }: { item: OverviewItem }) {
  if (canDisassociate(item.row)) return <DisassociateButton row={item.row} />;
  if (isOrganizationManaged(item.row)) return <OrganizationManaged row={item.row} />;
  return null;
}

/**
 * A cell drawn again only when its item changes. The table draws every cell of its page at each
 * keystroke in the filter; a row that stays on the page keeps what it drew. `draw` is made once per
 * column (below), so it is the same at every render.
 */
const MemoCell = memo(function MemoCell({ item, draw }: { item: OverviewItem; draw(item: OverviewItem): ReactNode }) {
  return draw(item);
});

function memoCell(draw: (item: OverviewItem) => ReactNode): (item: OverviewItem) => ReactNode {
  return (item) => <MemoCell item={item} draw={draw} />;
}

/**
 * The state column's header: the service's name while the app reads one ("Security Hub CSPM", AWS's
 * name for it), "State" when the rows are of several services (the Service column then says whose).
 */
export function stateHeader(services: readonly ServiceInfo[]): string {
  return services.length === 1 ? (services[0] as ServiceInfo).name : 'State';
}

/** The Service column shows only once the app reads more than one service: with one, it would say the same on every row. */
export const showsServiceColumn = (services: readonly ServiceInfo[]) => services.length > 1;

/**
 * Widths are starting points for resizable columns. At 1280 px, every service read (the Service
 * column shown), the default columns (the Administrator and Last refreshed columns hidden, see
 * preferences.ts) fit without scrolling sideways: about 990 px beside the navigation and the
 * selection boxes. The last column shown takes what is left. The profile stays pinned when the user
 * shows more columns; the row's one action, leaving its administrator, sits with the relationship it
 * ends rather than in a pinned column of its own, which covered the invitations' buttons whenever the
 * table was wider than the window.
 */
export const COLUMNS: TableProps.ColumnDefinition<OverviewItem>[] = [
  {
    id: 'profile',
    width: 115,
    minWidth: 100,
    header: 'Profile',
    sortingField: 'profile',
    isRowHeader: true,
    cell: memoCell((item) => (
      <span data-testid={`row-${rowTestId(item.row)}`} title={visible(item.profile)}>
        <Link
          href={routeHref({ page: 'profile', profile: item.profile })}
          onFollow={(e) => {
            e.preventDefault();
            navigate({ page: 'profile', profile: item.profile });
          }}
        >
          {visible(item.profile)}
        </Link>
      </span>
    )),
  },
  {
    id: 'service',
    width: 120,
    minWidth: 120,
    header: 'Service',
    sortingField: 'service',
    // The short name keeps the column narrow ("Security Hub"); the full name is on hover.
    cell: (item) => <span title={item.service}>{item.serviceShort}</span>,
  },
  {
    id: 'account',
    width: 140,
    minWidth: 140,
    header: 'Account',
    sortingField: 'account',
    cell: memoCell((item) => <AccountId id={item.row.accountId} stacked />),
  },
  { id: 'region', width: 120, minWidth: 120, header: 'Region', sortingField: 'region', cell: (item) => item.region },
  {
    id: 'status',
    // "Disassociate" fits on one line: a narrower cell broke the button's word in two.
    width: 178,
    minWidth: 178,
    header: 'Relationship',
    sortingField: 'status',
    // The member status with its administrator (the Administrator column is hidden by default), and
    // leaving it where the member can.
    cell: memoCell((item) =>
      item.status ? (
        <SpaceBetween size="xxs">
          <span title={`${item.status}, administrator ${item.administrator}`}>
            <span>{item.status}</span>
            <Box variant="span" color="text-body-secondary">{` · ${item.administrator}`}</Box>
          </span>
          <RelationshipAction item={item} />
        </SpaceBetween>
      ) : (
        '-'
      ),
    ),
  },
  {
    id: 'state',
    width: 130,
    minWidth: 130,
    // Named by overviewColumns after the services read.
    header: 'State',
    sortingField: 'state',
    cell: memoCell((item) => (
      <SpaceBetween direction="horizontal" size="xs" alignItems="center">
        <ServiceState row={item.row} />
        <PartialErrors item={item} />
        {item.stale && <Badge color="grey">Stale</Badge>}
        {item.row.settling && (
          <span title="AWS took the change but does not show it yet; the next refresh will.">
            <Badge color="blue" data-testid={`settling-${rowTestId(item.row)}`}>
              Settling…
            </Badge>
          </span>
        )}
        {offersTurnOn(item.row) && (
          <EnableHubButton
            service={item.row.service}
            profile={item.row.profile}
            region={item.row.region}
            accountId={item.row.accountId}
          />
        )}
        {item.row.centrallyManagedSince && <CentrallyManaged row={item.row} />}
      </SpaceBetween>
    )),
  },
  {
    id: 'pending',
    width: 185,
    minWidth: 185,
    header: 'Pending invitations',
    sortingField: 'pendingCount',
    cell: memoCell((item) =>
      item.pendingCount === 0 ? (
        '-'
      ) : (
        <SpaceBetween size="xs">
          {item.row.pendingInvitations.slice(0, CELL_INVITATIONS).map((inv) => (
            <SpaceBetween key={inv.invitationId} size="xxs">
              <span>
                <AccountId id={inv.accountId} prefix="from " stacked />{' '}
                <UntrustedMark service={item.row.service} accountId={inv.accountId} />
              </span>
              <InvitationButtons row={item.row} invitation={inv} />
            </SpaceBetween>
          ))}
          {item.pendingCount > CELL_INVITATIONS && <MoreInvitations item={item} />}
        </SpaceBetween>
      ),
    ),
  },
  {
    id: 'administrator',
    width: 155,
    minWidth: 130,
    header: 'Administrator',
    sortingField: 'administrator',
    cell: memoCell((item) =>
      item.row.administrators.length === 0 ? (
        '-'
      ) : (
        <SpaceBetween size="xxs">
          {item.row.administrators.map((a) => (
            <AccountId key={a.accountId} id={a.accountId} stacked />
          ))}
        </SpaceBetween>
      ),
    ),
  },
  {
    id: 'refreshed',
    width: 240,
    minWidth: 160,
    header: 'Last refreshed',
    sortingField: 'fetchedAt',
    cell: (item) => `${formatTime(item.fetchedAt)}${item.stale ? ' (stale)' : ''}`,
  },
];

/** The columns with the headers that depend on the services read. */
export function overviewColumns(services: readonly ServiceInfo[]): TableProps.ColumnDefinition<OverviewItem>[] {
  const state = stateHeader(services);
  return COLUMNS.map((c) => (c.id === 'state' ? { ...c, header: state } : c));
}

/** What Preferences → Columns offers (the Service column once there are several services). */
export function columnOptions(services: readonly ServiceInfo[]) {
  return overviewColumns(services)
    .filter((c) => c.id !== 'service' || showsServiceColumn(services))
    .map((c) => ({ id: c.id ?? '', label: String(c.header), alwaysVisible: c.id === 'profile' }));
}
