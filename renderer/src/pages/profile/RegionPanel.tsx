import Alert from '@cloudscape-design/components/alert';
import Badge from '@cloudscape-design/components/badge';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { ServiceRow } from '../../../../contract/api';
import { EnableHubButton, offersTurnOn } from '../../components/EnableHub';
import { ErrorDetail } from '../../components/ErrorDetail';
import { ServiceState } from '../../components/ServiceState';
import { useRefresh } from '../../data/refresh';
import { formatTime } from '../../lib/format';
import { visible } from '../../lib/visible';
import { AdministratorPanel } from './AdministratorPanel';
import { InvitationsTable } from './InvitationsTable';
import { MembersTable } from './MembersTable';

/** Everything about one service for one profile in one region. */
export function RegionPanel({ row }: { row: ServiceRow }) {
  const refresh = useRefresh();
  return (
    <SpaceBetween size="m">
      <SpaceBetween direction="horizontal" size="s" alignItems="center">
        <ServiceState row={row} />
        <Box variant="small">Last refreshed {formatTime(row.fetchedAt)}</Box>
        {row.stale && <Badge color="grey">Stale</Badge>}
        {offersTurnOn(row) && (
          <EnableHubButton service={row.service} profile={row.profile} region={row.region} accountId={row.accountId} />
        )}
        <Button
          variant="inline-link"
          iconName="refresh"
          disabled={refresh.running}
          onClick={() =>
            void refresh.start({ kind: 'row', service: row.service, profile: row.profile, region: row.region })
          }
          ariaLabel={`Refresh ${visible(row.profile)} in ${row.region}`}
        >
          Refresh this region
        </Button>
      </SpaceBetween>
      {row.error &&
        (row.error.kind === 'region-not-enabled' ? (
          // A state of the account, not a failure: said once, without an error banner.
          <Alert type="info" header={`${row.region} is not enabled`} data-testid={`row-not-enabled-${row.region}`}>
            <ErrorDetail error={row.error} />
          </Alert>
        ) : row.state === 'blocked' ? (
          // The organization's choice: nobody in the account can change it, so no error banner either.
          <Alert
            type="info"
            header={`Blocked by an organization policy in ${row.region}`}
            data-testid={`row-blocked-${row.region}`}
          >
            <ErrorDetail error={row.error} />
          </Alert>
        ) : (
          <Alert type="error" header={`Could not read ${row.region}`} data-testid={`row-error-${row.region}`}>
            <ErrorDetail error={row.error} />
          </Alert>
        ))}
      {row.centrallyManagedSince && (
        <Alert
          type="info"
          header="Centrally managed by your organization"
          data-testid={`row-centrally-managed-${row.region}`}
        >
          {`A central configuration policy of the organization governs this account in ${row.region}: AWS refused to change it here (${formatTime(row.centrallyManagedSince)}). Only the organization's delegated administrator can turn the service on or off, so the app offers neither.`}
        </Alert>
      )}
      {row.settling && (
        <Alert type="info" header="Settling…" data-testid={`row-settling-${row.region}`}>
          AWS took the last change here but does not show it yet; the next refresh will.
        </Alert>
      )}
      {row.notes.map((note) => (
        <Alert key={note} type="info">
          {note}
        </Alert>
      ))}
      {row.partialErrors.map((p) => (
        <Alert key={p.part} type="warning" header={`Could not read ${p.part}`}>
          <ErrorDetail error={p.error} />
        </Alert>
      ))}
      {row.state === 'off' && row.pendingInvitations.length > 0 && (
        // Invitations waiting where the service is off (GuardDuty without a detector): accepting asks first.
        <InvitationsTable row={row} />
      )}
      {row.state === 'on' && (
        // Its own SpaceBetween: the outer one sees a fragment as a single item and leaves no gaps inside.
        <SpaceBetween size="m">
          <AdministratorPanel row={row} />
          <InvitationsTable row={row} />
          {row.members && row.members.length > 0 ? (
            <MembersTable row={row} />
          ) : (
            <ExpandableSection headerText="Administer member accounts" variant="container">
              <MembersTable row={row} />
            </ExpandableSection>
          )}
        </SpaceBetween>
      )}
    </SpaceBetween>
  );
}
