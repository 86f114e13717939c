import SideNavigation from '@cloudscape-design/components/side-navigation';
import { navigate, parseHash, type Route, routeHref } from '../lib/router';

const ITEMS: { text: string; route: Route }[] = [
  { text: 'Overview', route: { page: 'overview' } },
  { text: 'Profiles', route: { page: 'profiles' } },
  { text: 'Integrations', route: { page: 'integrations' } },
  { text: 'Invite and accept', route: { page: 'handshake' } },
  { text: 'Activity', route: { page: 'activity' } },
  { text: 'Settings', route: { page: 'settings' } },
];

export function Navigation({ route }: { route: Route }) {
  const active = route.page === 'profile' ? routeHref({ page: 'profiles' }) : routeHref(route);
  return (
    <SideNavigation
      header={{ text: 'Security Hub Invitations', href: routeHref({ page: 'overview' }) }}
      activeHref={active}
      items={ITEMS.map((item) => ({ type: 'link', text: item.text, href: routeHref(item.route) }))}
      onFollow={(event) => {
        if (event.detail.external) return;
        event.preventDefault();
        navigate(parseHash(event.detail.href));
      }}
    />
  );
}
