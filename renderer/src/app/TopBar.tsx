import TopNavigation, { type TopNavigationProps } from '@cloudscape-design/components/top-navigation';
import { memo, useMemo } from 'react';
import { navigate, routeHref } from '../lib/router';

const IDENTITY: TopNavigationProps.Identity = {
  title: 'Security Hub Invitations',
  href: routeHref({ page: 'overview' }),
  onFollow: (e) => {
    e.preventDefault();
    navigate({ page: 'overview' });
  },
};

const SETTINGS: TopNavigationProps.Utility = {
  type: 'button',
  text: 'Settings',
  iconName: 'settings',
  onClick: () => navigate({ page: 'settings' }),
};
const READ_ONLY: TopNavigationProps.Utility = {
  type: 'button',
  text: 'Read-only mode',
  onClick: () => navigate({ page: 'settings' }),
};

/**
 * The top bar. TopNavigation measures itself again whenever its `utilities` array is a new one;
 * rebuilt on every render of the window, those measurements chained into re-renders while rows
 * streamed in and could exceed React's update depth. So the props are constants and the bar only
 * renders when read-only mode changes.
 */
export const TopBar = memo(function TopBar({ readOnly }: { readOnly: boolean }) {
  const utilities = useMemo(() => (readOnly ? [READ_ONLY, SETTINGS] : [SETTINGS]), [readOnly]);
  return <TopNavigation identity={IDENTITY} utilities={utilities} />;
});
