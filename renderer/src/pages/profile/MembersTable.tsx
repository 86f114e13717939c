import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import Modal from '@cloudscape-design/components/modal';
import Pagination from '@cloudscape-design/components/pagination';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import Toggle from '@cloudscape-design/components/toggle';
import { useMemo, useState } from 'react';
import type { MemberInfo, ServiceRow } from '../../../../contract/api';
import { isPartUnknown } from '../../../../main/domain/row-rules';
import { AccountId } from '../../components/AccountId';
import { ErrorDetail } from '../../components/ErrorDetail';
import { useMembers } from '../../data/queries';
import { api } from '../../lib/api';
import { asAppError, call } from '../../lib/errors';
import { count, formatTime } from '../../lib/format';
import { visible } from '../../lib/visible';
import { MemberActions } from './MemberActions';
import { counterOf, PROFILE_PAGE_SIZE, usePagedCollection } from './paged-collection';

type Details =
  | { accountId: string; members: MemberInfo[]; unprocessed: string[] }
  | { accountId: string; error: string };

/**
 * Member accounts of an administrator row, a page at a time with a text filter (paged-collection.ts).
 * The row holds every status; "Only associated" asks AWS again with OnlyAssociated=true (the server
 * default that hides invited and created members).
 */
export function MembersTable({ row }: { row: ServiceRow }) {
  const [onlyAssociated, setOnlyAssociated] = useState(false);
  const [asked, setAsked] = useState(false);
  const listed = useMembers(row, onlyAssociated, asked);
  const [details, setDetails] = useState<Details | null>(null);
  const [loadingId, setLoadingId] = useState<string | null>(null);
  const members = asked ? (listed.data ?? []) : (row.members ?? []);
  const { items, collectionProps, filterProps, paginationProps, filteredItemsCount, actions } = usePagedCollection(
    members,
    { trackBy: 'accountId', texts: (m) => [m.accountId, m.email, m.memberStatus, m.administratorId ?? m.masterId] },
  );
  // Selected members still listed (the selection outlives pages and filters, not the list).
  const selectedIds = useMemo(() => {
    const listedIds = new Set(members.map((m) => m.accountId));
    return (collectionProps.selectedItems ?? []).map((m) => m.accountId).filter((id) => listedIds.has(id));
  }, [members, collectionProps.selectedItems]);
  const unknown = !asked && row.members === null && isPartUnknown(row, 'members');

  const showDetails = async (accountId: string) => {
    setLoadingId(accountId);
    try {
      const result = await call(
        api().getMembers({ service: row.service, profile: row.profile, region: row.region, accountIds: [accountId] }),
      );
      setDetails({ accountId, members: result.members, unprocessed: result.unprocessed.map((u) => u.reason) });
    } catch (error) {
      setDetails({ accountId, error: asAppError(error).message });
    } finally {
      setLoadingId(null);
    }
  };

  return (
    <>
      <Table
        variant="container"
        data-testid={`members-${row.region}`}
        loading={asked && listed.isPending}
        loadingText="Listing members"
        {...collectionProps}
        selectionType="multi"
        ariaLabels={{
          tableLabel: `Member accounts in ${row.region}`,
          selectionGroupLabel: 'Member selection',
          allItemsSelectionLabel: () => 'Select all members',
          itemSelectionLabel: (_, m) => `Select member ${visible(m.accountId)}`,
        }}
        header={
          <Header
            variant="h3"
            counter={unknown ? '(unknown)' : counterOf(filteredItemsCount ?? members.length, members.length)}
            actions={
              <SpaceBetween direction="horizontal" size="xs" alignItems="center">
                <MemberActions row={row} selected={selectedIds} onDone={() => actions.setSelectedItems([])} />
                <Toggle
                  checked={onlyAssociated}
                  onChange={({ detail }) => {
                    setAsked(true);
                    setOnlyAssociated(detail.checked);
                  }}
                  data-testid={`only-associated-${row.region}`}
                >
                  Only associated
                </Toggle>
              </SpaceBetween>
            }
          >
            Member accounts
          </Header>
        }
        items={items}
        // A filter and pages once there is more than a page of members.
        filter={
          members.length > PROFILE_PAGE_SIZE ? (
            <TextFilter
              {...filterProps}
              filteringPlaceholder="Find members (account, email, status)"
              filteringAriaLabel={`Find members in ${row.region}`}
              countText={`${count(filteredItemsCount ?? 0)} matches`}
            />
          ) : undefined
        }
        pagination={paginationProps.pagesCount > 1 ? <Pagination {...paginationProps} /> : undefined}
        empty={
          listed.isError ? (
            <ErrorDetail error={asAppError(listed.error)} />
          ) : unknown ? (
            <Box color="text-status-warning">
              Unknown: the members could not be read or kept (see the warning above).
            </Box>
          ) : members.length > 0 ? (
            <Box color="text-body-secondary">No member matches the filter.</Box>
          ) : (
            <Box color="text-body-secondary">No member accounts.</Box>
          )
        }
        columnDefinitions={[
          { id: 'account', header: 'Account', cell: (m) => <AccountId id={m.accountId} stacked />, isRowHeader: true },
          { id: 'email', header: 'Email', cell: (m) => visible(m.email ?? '-') },
          { id: 'status', header: 'Status', cell: (m) => visible(m.memberStatus) },
          {
            id: 'admin',
            header: 'AdministratorId / MasterId',
            cell: (m) => visible(m.administratorId ?? m.masterId ?? '-'),
          },
          { id: 'invitedAt', header: 'Invited', cell: (m) => formatTime(m.invitedAt) },
          { id: 'updatedAt', header: 'Updated', cell: (m) => formatTime(m.updatedAt) },
          {
            id: 'details',
            header: 'Details',
            cell: (m) => (
              <Button
                variant="inline-link"
                loading={loadingId === m.accountId}
                onClick={() => void showDetails(m.accountId)}
                ariaLabel={`Details of member ${visible(m.accountId)} in ${row.region}`}
                data-testid={`member-details-${row.region}|${m.accountId}`}
              >
                Details
              </Button>
            ),
          },
        ]}
      />
      {details && (
        <Modal
          visible
          header={`Member ${visible(details.accountId)}`}
          onDismiss={() => setDetails(null)}
          data-testid="member-modal"
        >
          {'error' in details ? (
            <Box color="text-status-error">{details.error}</Box>
          ) : (
            <SpaceBetween size="s">
              {details.members.map((m) => (
                <KeyValuePairs
                  key={m.accountId}
                  columns={2}
                  items={[
                    { label: 'Account', value: <AccountId id={m.accountId} /> },
                    { label: 'Email', value: visible(m.email ?? '-') },
                    { label: 'Status', value: visible(m.memberStatus) },
                    { label: 'AdministratorId', value: visible(m.administratorId ?? '-') },
                    { label: 'MasterId (deprecated)', value: visible(m.masterId ?? '-') },
                    { label: 'Invited', value: formatTime(m.invitedAt) },
                    { label: 'Updated', value: formatTime(m.updatedAt) },
                  ]}
                />
              ))}
              {details.unprocessed.map((reason) => (
                <Box key={reason} color="text-status-warning">
                  {visible(reason)}
                </Box>
              ))}
            </SpaceBetween>
          )}
        </Modal>
      )}
    </>
  );
}
