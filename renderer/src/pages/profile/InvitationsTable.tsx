import Box from '@cloudscape-design/components/box';
import Header from '@cloudscape-design/components/header';
import Table from '@cloudscape-design/components/table';
import type { ServiceRow } from '../../../../contract/api';
import { AccountId, UntrustedMark } from '../../components/AccountId';
import { InvitationButtons } from '../../components/InvitationButtons';
import { formatTime } from '../../lib/format';
import { visible } from '../../lib/visible';

/** Pending invitations of one row: who invites, when, and Accept / Decline. */
export function InvitationsTable({ row }: { row: ServiceRow }) {
  return (
    <Table
      variant="container"
      data-testid={`invitations-${row.region}`}
      header={
        <Header variant="h3" counter={`(${row.pendingInvitations.length})`}>
          Pending invitations
        </Header>
      }
      items={row.pendingInvitations}
      trackBy="invitationId"
      ariaLabels={{ tableLabel: `Pending invitations in ${row.region}` }}
      empty={<Box color="text-body-secondary">No pending invitations in {row.region}.</Box>}
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
        { id: 'id', header: 'Invitation id', cell: (inv) => visible(inv.invitationId) },
        { id: 'invitedAt', header: 'Invited at', cell: (inv) => formatTime(inv.invitedAt) },
        { id: 'status', header: 'Status', cell: (inv) => visible(inv.memberStatus) },
        { id: 'actions', header: 'Actions', cell: (inv) => <InvitationButtons row={row} invitation={inv} /> },
      ]}
    />
  );
}
