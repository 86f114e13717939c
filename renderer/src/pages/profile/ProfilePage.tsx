import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Tabs from '@cloudscape-design/components/tabs';
import { useMemo, useRef, useState } from 'react';
import type { ServiceInfo, ServiceRow } from '../../../../contract/api';
import { AccountId } from '../../components/AccountId';
import { ArnText } from '../../components/ArnText';
import { ErrorDetail } from '../../components/ErrorDetail';
import { SsoSignedInUntil } from '../../components/SsoSignIn';
import { useProfiles } from '../../data/queries';
import { useRefresh } from '../../data/refresh';
import { useRows } from '../../data/rows';
import { serviceLabel, useServices } from '../../data/services';
import { asAppError } from '../../lib/errors';
import { visible } from '../../lib/visible';
import { RegionPanel } from './RegionPanel';

/**
 * #/profile/<name>: identity and, per region, each service's administrator, invitations and members.
 * `region` (from #/profile/<name>?region=…) opens that region's tab.
 */
export function ProfilePage({ profile, region }: { profile: string; region?: string | undefined }) {
  const profiles = useProfiles();
  const rows = useRows();
  const refresh = useRefresh();
  const summary = profiles.data?.profiles.find((p) => p.name === profile);
  const services = useServices();
  const profileRows = useMemo(
    () =>
      Object.values(rows.data ?? {})
        .filter((r) => r.profile === profile)
        .sort((a, b) => a.region.localeCompare(b.region) || order(services, a.service) - order(services, b.service)),
    [rows.data, profile, services],
  );
  // One tab per region; a region's tab holds a panel per service.
  const regionRows = useMemo(
    () => profileRows.filter((r, i) => profileRows[i - 1]?.region !== r.region),
    [profileRows],
  );
  // Rows of regions the account has not enabled may carry the account id but not the ARN.
  const identity = regionRows.find((r) => r.arn) ?? regionRows.find((r) => r.accountId) ?? regionRows[0];
  const [chosenTab, setChosenTab] = useState<string | null>(null);
  // Open where there is something to do or see, not simply the first region alphabetically.
  const defaultTab =
    regionRows.find((r) => r.region === region) ??
    regionRows.find((r) => r.pendingInvitations.length > 0) ??
    regionRows.find((r) => r.region === summary?.region && r.state === 'on') ??
    regionRows.find((r) => r.state === 'on') ??
    regionRows[0];
  // Chosen once: accepting the invitation shown must not move the page to another tab.
  const firstTab = useRef<string | null>(null);
  if (!firstTab.current && defaultTab) firstTab.current = defaultTab.region;
  const has = (region: string | null) => regionRows.some((r) => r.region === region);
  const activeTab = has(chosenTab)
    ? chosenTab
    : has(firstTab.current)
      ? firstTab.current
      : (defaultTab?.region ?? null);

  if (profiles.isPending || rows.isPending) {
    return (
      <Box data-testid="profile-loading">
        <Spinner /> Loading {visible(profile)}
      </Box>
    );
  }
  if (profiles.isError) {
    return (
      <Alert type="error" header="Could not read your AWS profiles" data-testid="profile-error">
        <ErrorDetail error={asAppError(profiles.error)} />
      </Alert>
    );
  }
  if (!summary) {
    return (
      <Alert type="warning" header={`No profile named ${visible(profile)}`} data-testid="profile-missing">
        The AWS config and credentials files have no profile of that name.
      </Alert>
    );
  }

  return (
    <SpaceBetween size="l">
      <Header variant="h1" description={`${summary.kind} profile`}>
        {visible(profile)}
      </Header>
      <Container header={<Header variant="h2">Identity</Header>} data-testid="profile-identity">
        <KeyValuePairs
          columns={4}
          items={[
            { label: 'Account', value: <AccountId id={identity?.accountId} /> },
            { label: 'ARN', value: identity?.arn ? <ArnText arn={identity.arn} /> : '-' },
            { label: 'Kind', value: summary.kind },
            { label: 'Region', value: summary.region ?? '-' },
            {
              label: 'Usable',
              value: summary.usable ? (
                <StatusIndicator type="success">Yes</StatusIndicator>
              ) : (
                <StatusIndicator type="error">{`No: ${visible(summary.reason ?? 'unknown reason')}`}</StatusIndicator>
              ),
            },
            { label: 'MFA', value: summary.mfa ? 'Needs an MFA code' : 'No' },
            { label: 'Source profile', value: visible(summary.sourceProfile ?? '-') },
            { label: 'SSO session', value: visible(summary.ssoSession ?? '-') },
            ...(summary.kind === 'sso'
              ? [{ label: 'Sign-in', value: <SsoSignedInUntil profile={summary.name} /> }]
              : []),
            { label: 'Default profile', value: summary.isDefault ? 'Yes' : 'No' },
          ]}
        />
      </Container>
      {regionRows.length === 0 ? (
        <Box data-testid="profile-no-rows" color="text-body-secondary">
          {refresh.running ? 'Reading this profile…' : 'Nothing read for this profile yet. Refresh to read it.'}
        </Box>
      ) : (
        <Tabs
          ariaLabel={`Regions of ${visible(profile)}`}
          {...(activeTab ? { activeTabId: activeTab } : {})}
          onChange={({ detail }) => setChosenTab(detail.activeTabId)}
          tabs={regionRows.map((row) => {
            const here = profileRows.filter((r) => r.region === row.region);
            const pending = here.reduce((n, r) => n + r.pendingInvitations.length, 0);
            return {
              id: row.region,
              label: row.region + (pending ? ` (${pending})` : ''),
              content: <ServicePanels rows={here} services={services} />,
            };
          })}
        />
      )}
    </SpaceBetween>
  );
}

/** A service's place in the registry's order (unknown ones last). */
function order(services: readonly ServiceInfo[], id: string): number {
  const at = services.findIndex((s) => s.id === id);
  return at === -1 ? services.length : at;
}

/** A region's rows: one panel, or one per service under the service's name when there are several. */
function ServicePanels({ rows, services }: { rows: ServiceRow[]; services: readonly ServiceInfo[] }) {
  const [only] = rows;
  if (rows.length === 1 && only) return <RegionPanel row={only} />;
  return (
    <SpaceBetween size="l">
      {rows.map((row) => (
        <Container
          key={row.service}
          header={<Header variant="h2">{serviceLabel(services, row.service)}</Header>}
          data-testid={`service-panel-${row.service}-${row.region}`}
        >
          <RegionPanel row={row} />
        </Container>
      ))}
    </SpaceBetween>
  );
}
