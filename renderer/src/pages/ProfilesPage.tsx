import { useCollection } from '@cloudscape-design/collection-hooks';
import Alert from '@cloudscape-design/components/alert';
import Badge from '@cloudscape-design/components/badge';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import { ErrorDetail } from '../components/ErrorDetail';
import { useProfiles, useSettings } from '../data/queries';
import { asAppError } from '../lib/errors';
import { navigate, routeHref } from '../lib/router';
import { visible } from '../lib/visible';

/** Every profile found in the AWS files, with what kind it is and whether it can be used. */
export function ProfilesPage() {
  const profiles = useProfiles();
  const hidden = new Set(useSettings().data?.hiddenProfiles ?? []);
  const collection = useCollection(profiles.data?.profiles ?? [], { filtering: {}, sorting: {} });
  if (profiles.isError) {
    return (
      <Alert type="error" header="Could not read your AWS profiles">
        <ErrorDetail error={asAppError(profiles.error)} />
      </Alert>
    );
  }
  return (
    <Table
      {...collection.collectionProps}
      items={collection.items}
      loading={profiles.isPending}
      loadingText="Reading AWS profiles"
      variant="full-page"
      trackBy="name"
      data-testid="profiles-table"
      header={
        <Header variant="h1" counter={`(${profiles.data?.profiles.length ?? 0})`}>
          Profiles
        </Header>
      }
      filter={
        <TextFilter
          {...collection.filterProps}
          filteringPlaceholder="Find profiles"
          filteringAriaLabel="Find profiles"
        />
      }
      empty="No profiles found."
      columnDefinitions={[
        {
          id: 'name',
          header: 'Profile',
          sortingField: 'name',
          isRowHeader: true,
          cell: (p) => (
            <Link
              href={routeHref({ page: 'profile', profile: p.name })}
              onFollow={(e) => {
                e.preventDefault();
                navigate({ page: 'profile', profile: p.name });
              }}
            >
              {visible(p.name)}
            </Link>
          ),
        },
        { id: 'kind', header: 'Kind', sortingField: 'kind', cell: (p) => p.kind },
        { id: 'region', header: 'Region', cell: (p) => p.region ?? '-' },
        {
          id: 'usable',
          header: 'Usable',
          cell: (p) =>
            p.usable ? (
              <StatusIndicator type="success">Usable</StatusIndicator>
            ) : (
              <StatusIndicator type="error">{visible(p.reason ?? 'Not usable')}</StatusIndicator>
            ),
        },
        { id: 'mfa', header: 'MFA', cell: (p) => (p.mfa ? 'Yes' : 'No') },
        {
          id: 'flags',
          // A named header: screen readers announce the badges of this column with it.
          header: 'Flags',
          cell: (p) => (
            <>
              {p.isDefault && <Badge color="blue">Default</Badge>} {hidden.has(p.name) && <Badge>Hidden</Badge>}
            </>
          ),
        },
      ]}
    />
  );
}
