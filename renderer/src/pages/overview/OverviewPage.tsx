import SegmentedControl from '@cloudscape-design/components/segmented-control';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { memo, useDeferredValue, useMemo } from 'react';
import type { ProfileList, ProfileSummary, Settings } from '../../../../contract/api';
import { groupSignIns } from '../../../../main/domain/sign-in-groups';
import { useProfiles, useSettings } from '../../data/queries';
import { useInitialRefresh } from '../../data/refresh';
import { type RowMap, useRows } from '../../data/rows';
import { ConfigWarnings } from './ConfigWarnings';
import { CoverageMatrix } from './CoverageMatrix';
import {
  LastSessionError,
  NoProfiles,
  ProfileSignInAlert,
  ProfilesError,
  ReadOnlyAlert,
  SessionSignInAlerts,
  StaleAlert,
  staleSummary,
} from './OverviewAlerts';
import { OverviewTable } from './OverviewTable';
import { useOverviewView } from './preferences';
import { RefreshBar } from './RefreshBar';
import { SummaryStrip } from './SummaryStrip';
import { useOverviewCollection } from './useOverviewCollection';

const NO_PROFILES: ProfileSummary[] = [];

/**
 * The start page: one row per profile and region. It reads the profiles, the rows and Settings,
 * starts the first refresh, then shows either why there is nothing to show or the notes, the
 * refresh progress, the summary strip and the table or the coverage matrix. The matrix is a view
 * of the same rows rather than a page of its own, so the summary's toggles narrow both.
 */
export function OverviewPage() {
  const profiles = useProfiles();
  const rows = useRows();
  const settings = useSettings().data;
  const profileCount = profiles.data?.profiles.length ?? 0;

  useInitialRefresh(rows.isPending, profileCount);
  // A refresh writes its rows a few times a second: the page draws each write as a background
  // render React interrupts for anything more urgent (a click, a key, an answer from main), rather
  // than in one piece that holds the window's thread while 17,000 rows are derived and drawn. The
  // first rows (the last session's) are drawn at once.
  const deferredRows = useDeferredValue(rows.data);
  const shownRows = deferredRows ?? rows.data;

  if (profiles.isError) return <ProfilesError error={profiles.error} onRetry={() => void profiles.refetch()} />;
  if (profiles.data && profileCount === 0) return <NoProfiles profiles={profiles.data} />;
  return (
    <OverviewContent
      rows={shownRows}
      rowsError={rows.isError ? rows.error : null}
      reading={rows.isPending || profiles.isPending}
      profiles={profiles.data}
      settings={settings}
    />
  );
}

/** The notes, the progress, the summary strip and the table or matrix: re-rendered only when its inputs change. */
const OverviewContent = memo(function OverviewContent({
  rows,
  rowsError,
  reading,
  profiles,
  settings,
}: {
  rows: RowMap | undefined;
  rowsError: Error | null;
  reading: boolean;
  profiles: ProfileList | undefined;
  settings: Settings | undefined;
}) {
  const [shownAs, setShownAs] = useOverviewView();
  const view = useOverviewCollection(rows, settings?.hiddenProfiles, profiles?.profiles ?? NO_PROFILES);
  // Rows read in this session only: a stale row's sign-in may have been renewed since.
  const signIns = useMemo(
    () =>
      groupSignIns(
        view.allItems.filter((i) => !i.stale).map((i) => i.row),
        profiles?.profiles ?? [],
      ),
    [view.allItems, profiles],
  );

  // Per change of the rows, not per keystroke or page: it walks every row.
  const stale = useMemo(() => staleSummary(view.allItems), [view.allItems]);

  return (
    <SpaceBetween size="m">
      {profiles && <ConfigWarnings warnings={profiles.warnings} />}
      {settings?.readOnly && <ReadOnlyAlert />}
      {rowsError && <LastSessionError error={rowsError} />}
      {stale && <StaleAlert {...stale} />}
      <SessionSignInAlerts sessions={signIns.sessions} />
      <ProfileSignInAlert profiles={signIns.profiles} />
      <RefreshBar />
      <SummaryStrip quick={view.quick} quickItems={view.quickItems} allItems={view.allItems} />
      {view.allItems.length > 0 && (
        <SegmentedControl
          label="Show the rows as"
          selectedId={shownAs}
          onChange={({ detail }) => setShownAs(detail.selectedId === 'matrix' ? 'matrix' : 'table')}
          options={[
            { id: 'table', text: 'Table', iconName: 'list-view' },
            { id: 'matrix', text: 'Coverage matrix', iconName: 'grid-view' },
          ]}
          data-testid="overview-view"
        />
      )}
      {shownAs === 'matrix' && view.allItems.length > 0 ? (
        <CoverageMatrix items={view.quickItems} />
      ) : (
        <OverviewTable view={view} reading={reading} />
      )}
    </SpaceBetween>
  );
});
