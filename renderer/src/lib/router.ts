import { useSyncExternalStore } from 'react';

/**
 * Hash routes: the window blocks real navigation, so pages live behind `#/…` and nothing leaves the
 * document. A profile name may hold any character, hence the URI encoding.
 */
export type Route =
  | { page: 'overview' }
  | { page: 'profiles' }
  | { page: 'profile'; profile: string }
  | { page: 'integrations' }
  | { page: 'handshake' }
  | { page: 'activity' }
  | { page: 'settings' };

const SIMPLE_PAGES = ['overview', 'profiles', 'integrations', 'handshake', 'activity', 'settings'] as const;

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  if (path.startsWith('profile/')) {
    const encoded = path.slice('profile/'.length);
    try {
      const profile = decodeURIComponent(encoded);
      if (profile) return { page: 'profile', profile };
    } catch {
      // A malformed escape falls through to the start page.
    }
    return { page: 'overview' };
  }
  const simple = SIMPLE_PAGES.find((page) => page === path);
  return simple ? ({ page: simple } as Route) : { page: 'overview' };
}

export function routeHref(route: Route): string {
  if (route.page === 'profile') return `#/profile/${encodeURIComponent(route.profile)}`;
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
