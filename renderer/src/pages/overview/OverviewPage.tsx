import SpaceBetween from '@cloudscape-design/components/space-between';
import { useMemo } from 'react';
import { groupSignIns } from '../../../../main/domain/sign-in-groups';
import { useProfiles, useSettings } from '../../data/queries';
import { useInitialRefresh } from '../../data/refresh';
import { useRows } from '../../data/rows';
import { ConfigWarnings } from './ConfigWarnings';
import {
  LastSessionError,
  NoProfiles,
  ProfilesError,
  ReadOnlyAlert,
  SessionSignInAlerts,
  StaleAlert,
  staleSummary,
} from './OverviewAlerts';
import { OverviewTable } from './OverviewTable';
import { RefreshBar } from './RefreshBar';
import { useOverviewCollection } from './useOverviewCollection';

/**
 * The start page: one row per profile and region. It reads the profiles, the rows and Settings,
 * starts the first refresh, then shows either why there is nothing to show or the notes, the
 * refresh progress and the table.
 */
export function OverviewPage() {
  const profiles = useProfiles();
  const rows = useRows();
  const settings = useSettings().data;
  const profileCount = profiles.data?.profiles.length ?? 0;

  useInitialRefresh(rows.isPending, profileCount);
  const view = useOverviewCollection(rows.data, settings?.hiddenProfiles);
  // Rows read in this session only: a stale row's sign-in may have been renewed since.
  const signIns = useMemo(
    () =>
      groupSignIns(
        view.allItems.filter((i) => !i.stale).map((i) => i.row),
        profiles.data?.profiles ?? [],
      ).sessions,
    [view.allItems, profiles.data],
  );

  if (profiles.isError) return <ProfilesError error={profiles.error} onRetry={() => void profiles.refetch()} />;
  if (profiles.data && profileCount === 0) return <NoProfiles profiles={profiles.data} />;

  const stale = staleSummary(view.allItems);
  return (
    <SpaceBetween size="m">
      {profiles.data && <ConfigWarnings warnings={profiles.data.warnings} />}
      {settings?.readOnly && <ReadOnlyAlert />}
      {rows.isError && <LastSessionError error={rows.error} />}
      {stale && <StaleAlert {...stale} />}
      <SessionSignInAlerts sessions={signIns} />
      <RefreshBar />
      <OverviewTable view={view} reading={rows.isPending || profiles.isPending} />
    </SpaceBetween>
  );
}
