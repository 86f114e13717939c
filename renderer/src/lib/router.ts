import { useSyncExternalStore } from 'react';

/**
 * Hash routes: the window blocks real navigation, so pages live behind `#/…` and nothing leaves the
 * document. A profile name may hold any character, hence the URI encoding.
 */
export type Route =
  | { page: 'overview' }
  | { page: 'profiles' }
  /** `region` opens that region's tab (the coverage matrix links to one account-region). */
  | { page: 'profile'; profile: string; region?: string }
  | { page: 'integrations' }
  | { page: 'handshake' }
  | { page: 'activity' }
  | { page: 'settings' };

const SIMPLE_PAGES = ['overview', 'profiles', 'integrations', 'handshake', 'activity', 'settings'] as const;

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  if (path.startsWith('profile/')) {
    // encodeURIComponent escapes `?`, so the first one starts the query.
    const [encoded = '', query = ''] = path.slice('profile/'.length).split('?', 2);
    try {
      const profile = decodeURIComponent(encoded);
      const region = new URLSearchParams(query).get('region');
      if (profile) return region ? { page: 'profile', profile, region } : { page: 'profile', profile };
    } catch {
      // A malformed escape falls through to the start page.
    }
    return { page: 'overview' };
  }
  const simple = SIMPLE_PAGES.find((page) => page === path);
  return simple ? ({ page: simple } as Route) : { page: 'overview' };
}

export function routeHref(route: Route): string {
  if (route.page === 'profile') {
    const region = route.region ? `?region=${encodeURIComponent(route.region)}` : '';
    return `#/profile/${encodeURIComponent(route.profile)}${region}`;
  }
  return `#/${route.page}`;
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route).slice(1);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHash(hash);
}
