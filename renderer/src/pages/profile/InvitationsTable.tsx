import Box from '@cloudscape-design/components/box';
import Header from '@cloudscape-design/components/header';
import Pagination from '@cloudscape-design/components/pagination';
import Table from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import type { ServiceRow } from '../../../../contract/api';
import { isPartUnknown } from '../../../../main/domain/row-rules';
import { AccountId, UntrustedMark } from '../../components/AccountId';
import { InvitationButtons } from '../../components/InvitationButtons';
import { referenceLabel, useServices } from '../../data/services';
import { count, formatTime } from '../../lib/format';
import { visible } from '../../lib/visible';
import { counterOf, PROFILE_PAGE_SIZE, usePagedCollection } from './paged-collection';

/** Pending invitations of one row, a page at a time: who invites, when, and Accept / Decline. */
export function InvitationsTable({ row }: { row: ServiceRow }) {
  const services = useServices();
  const invitations = row.pendingInvitations;
  const { items, collectionProps, filterProps, paginationProps, filteredItemsCount } = usePagedCollection(invitations, {
    trackBy: 'invitationId',
    texts: (inv) => [inv.accountId, inv.invitationId, inv.memberStatus],
  });
  const unknown = invitations.length === 0 && isPartUnknown(row, 'invitations');
  return (
    <Table
      {...collectionProps}
      variant="container"
      data-testid={`invitations-${row.region}`}
      header={
        <Header
          variant="h3"
          counter={unknown ? '(unknown)' : counterOf(filteredItemsCount ?? invitations.length, invitations.length)}
        >
          Pending invitations
        </Header>
      }
      items={items}
      ariaLabels={{ tableLabel: `Pending invitations in ${row.region}` }}
      // A filter and pages once there is more than a page of them.
      filter={
        invitations.length > PROFILE_PAGE_SIZE ? (
          <TextFilter
            {...filterProps}
            filteringPlaceholder="Find invitations (account, id, status)"
            filteringAriaLabel={`Find invitations in ${row.region}`}
            countText={`${count(filteredItemsCount ?? 0)} matches`}
          />
        ) : undefined
      }
      pagination={paginationProps.pagesCount > 1 ? <Pagination {...paginationProps} /> : undefined}
      empty={
        unknown ? (
          <Box color="text-status-warning">
            Unknown: the invitations in {row.region} could not be read or kept (see the warning above).
          </Box>
        ) : invitations.length > 0 ? (
          <Box color="text-body-secondary">No invitation matches the filter.</Box>
        ) : (
          <Box color="text-body-secondary">No pending invitations in {row.region}.</Box>
        )
      }
      columnDefinitions={[
        {
          id: 'account',
          header: 'Inviting account',
          cell: (inv) => (
            <span>
              <AccountId id={inv.accountId} stacked /> <UntrustedMark service={row.service} accountId={inv.accountId} />
            </span>
          ),
          isRowHeader: true,
        },
        { id: 'id', header: referenceLabel(services, row.service), cell: (inv) => visible(inv.invitationId) },
        { id: 'invitedAt', header: 'Invited at', cell: (inv) => formatTime(inv.invitedAt) },
        { id: 'status', header: 'Status', cell: (inv) => visible(inv.memberStatus) },
        { id: 'actions', header: 'Actions', cell: (inv) => <InvitationButtons row={row} invitation={inv} /> },
      ]}
    />
  );
}
