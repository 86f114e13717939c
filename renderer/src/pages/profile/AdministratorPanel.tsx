import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { ServiceRow } from '../../../../contract/api';
import { isPartUnknown } from '../../../../main/domain/row-rules';
import { isEnabled } from '../../../../main/domain/statuses';
import { AccountId } from '../../components/AccountId';
import {
  canDisassociate,
  DisassociateButton,
  isOrganizationManaged,
  OrganizationManaged,
} from '../../components/InvitationButtons';
import { referenceLabel, useServices } from '../../data/services';
import { formatTime } from '../../lib/format';
import { visible } from '../../lib/visible';

/** The row's administrator accounts, if any (one, but for Detective's several graphs), with Disassociate. */
export function AdministratorPanel({ row }: { row: ServiceRow }) {
  const services = useServices();
  // Several at once (Detective: one per behavior graph): each membership has its own leave.
  const several = row.administrators.length > 1;
  return (
    <Container
      data-testid={`admin-panel-${row.region}`}
      header={
        <Header
          variant="h3"
          counter={several ? `(${row.administrators.length})` : undefined}
          actions={!several && canDisassociate(row) ? <DisassociateButton row={row} /> : undefined}
        >
          {several ? 'Administrators' : 'Administrator'}
        </Header>
      }
    >
      {row.administrators.length > 0 ? (
        <SpaceBetween size="m">
          {isOrganizationManaged(row) && (
            <Alert type="info" header="Managed by your organization" data-testid={`org-managed-panel-${row.region}`}>
              {`The organization's delegated administrator ${row.administrators.map((a) => visible(a.accountId)).join(', ')} enrolled this account through AWS Organizations, so the account cannot leave: only the delegated administrator can remove it.`}
            </Alert>
          )}
          {/* Several memberships: one block each, a rule between them, three fields a line so the long
              graph ARN and each membership's own button are not squeezed into one row. */}
          <ColumnLayout columns={1} borders={several ? 'horizontal' : 'none'}>
            {row.administrators.map((admin) => (
              <KeyValuePairs
                key={`${admin.accountId}|${admin.invitationId ?? ''}`}
                data-testid={`administrator-${row.region}|${admin.accountId}`}
                columns={several ? 3 : 4}
                items={[
                  { label: 'Administrator account', value: <AccountId id={admin.accountId} /> },
                  { label: 'Since', value: formatTime(admin.invitedAt) },
                  { label: 'Status', value: visible(admin.memberStatus) },
                  admin.viaOrganization && !several
                    ? { label: 'Joined through', value: 'AWS Organizations (no invitation)' }
                    : { label: referenceLabel(services, row.service), value: visible(admin.invitationId ?? '-') },
                  ...(several
                    ? [
                        {
                          label: 'Membership',
                          value: admin.viaOrganization ? (
                            <OrganizationManaged row={row} />
                          ) : isEnabled(admin.memberStatus) ? (
                            <DisassociateButton row={row} administrator={admin} />
                          ) : (
                            '-'
                          ),
                        },
                      ]
                    : []),
                ]}
              />
            ))}
          </ColumnLayout>
        </SpaceBetween>
      ) : isPartUnknown(row, 'administrator') ? (
        // Not read, or not kept: the warning above says why. "None" would be a guess.
        <Box color="text-status-warning" data-testid={`admin-unknown-${row.region}`}>
          Unknown: the administrator could not be read or kept in {row.region}.
        </Box>
      ) : (
        <Box color="text-body-secondary">No administrator account in {row.region}.</Box>
      )}
    </Container>
  );
}
