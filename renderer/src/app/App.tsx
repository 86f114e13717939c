import Alert from '@cloudscape-design/components/alert';
import AppLayout from '@cloudscape-design/components/app-layout';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import { Flashes } from '../components/flash';
import { MfaModal } from '../components/MfaModal';
import { UnsettledWrites } from '../components/UnsettledWrites';
import { useAppInfo, useProfiles, useSettings, useStaleTimeFromSettings } from '../data/queries';
import { useInitialRefresh } from '../data/refresh';
import { useRows } from '../data/rows';
import { type Route, useRoute } from '../lib/router';
import { useTheme } from '../lib/theme';
import { ActivityPage } from '../pages/ActivityPage';
import { HandshakePage } from '../pages/HandshakePage';
import { IntegrationsPage } from '../pages/IntegrationsPage';
import { OverviewPage } from '../pages/overview/OverviewPage';
import { ProfilesPage } from '../pages/ProfilesPage';
import { ProfilePage } from '../pages/profile/ProfilePage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { Navigation } from './Navigation';
import { TopBar } from './TopBar';
import { useShellEffects } from './useShellEffects';

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'profile':
      return (
        <ProfilePage key={`${route.profile}?${route.region ?? ''}`} profile={route.profile} region={route.region} />
      );
    case 'profiles':
      return <ProfilesPage />;
    case 'integrations':
      return <IntegrationsPage />;
    case 'handshake':
      return <HandshakePage />;
    case 'activity':
      return <ActivityPage />;
    case 'settings':
      return <SettingsPage />;
    default:
      return <OverviewPage />;
  }
}

/** The window: top bar, side navigation, notices, the current page and the MFA prompt. */
export function App() {
  const route = useRoute();
  const info = useAppInfo().data;
  const settings = useSettings().data;
  const [navigationOpen, setNavigationOpen] = useState(true);
  // The last session's rows load at start and a refresh follows, whatever page opens first.
  const rows = useRows();
  useInitialRefresh(rows.isPending, useProfiles().data?.profiles.length ?? 0);
  useTheme(settings?.theme);
  useStaleTimeFromSettings(settings?.autoRefreshMinutes);
  useShellEffects();

  return (
    <>
      {/* Sticky, so AppLayout (headerSelector) keeps content and sticky table headers below it. */}
      <div id="top-nav" style={{ position: 'sticky', top: 0, zIndex: 1002 }}>
        <TopBar readOnly={settings?.readOnly === true} />
      </div>
      <AppLayout
        headerSelector="#top-nav"
        navigation={<Navigation route={route} />}
        // Five short page names: a narrower drawer leaves the wide tables more room.
        navigationWidth={200}
        navigationOpen={navigationOpen}
        onNavigationChange={({ detail }) => setNavigationOpen(detail.open)}
        toolsHide
        ariaLabels={{
          navigation: 'Pages',
          navigationToggle: 'Open pages',
          navigationClose: 'Close pages',
          notifications: 'Messages',
        }}
        notifications={
          <SpaceBetween size="xs">
            {info?.demo && (
              <Alert type="info" header="Demo mode" data-testid="demo-banner">
                These accounts are made up and served by a local emulator; nothing reaches AWS.
              </Alert>
            )}
            {info?.settingsNotice && (
              <Alert type="warning" data-testid="settings-notice">
                {info.settingsNotice}
              </Alert>
            )}
            <UnsettledWrites entries={info?.unsettledWrites ?? []} />
            <Flashes />
          </SpaceBetween>
        }
        content={<Page route={route} />}
      />
      <MfaModal />
    </>
  );
}
