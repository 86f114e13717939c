/**
 * Keeps the window on the app's own pages: navigation only within the trusted origins (parsed protocol
 * and host), no new windows (allowlisted https links go to the system browser instead), no <webview>.
 */
import type { TrustedOrigin } from '../bind-ipc';
import { isTrustedUrl } from '../bind-ipc';
import { checkExternalUrl } from './external-links';

/** The slice of Electron's WebContents the guards use. */
export interface GuardedContents {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { preventDefault(): void }, url: string) => void,
  ): void;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): void;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface NavigationGuardOptions {
  origins: readonly TrustedOrigin[];
  /** Receives only URLs that checkExternalUrl allowed. */
  openExternal: (url: string) => void;
}

/** The window-open handler: always deny; hand an allowlisted https link to the system browser. */
export function createWindowOpenHandler(openExternal: (url: string) => void) {
  return (details: { url: string }): { action: 'deny' } => {
    if (checkExternalUrl(details.url).allowed) openExternal(new URL(details.url).href);
    return { action: 'deny' };
  };
}

export function applyNavigationGuards(contents: GuardedContents, options: NavigationGuardOptions): void {
  contents.on('will-navigate', (event, url) => {
    if (isTrustedUrl(url, options.origins)) return;
    event.preventDefault();
    // A plain link to an allowlisted AWS page opens in the browser instead of replacing the app.
    if (checkExternalUrl(url).allowed) options.openExternal(new URL(url).href);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrustedUrl(url, options.origins)) event.preventDefault();
  });
  // The app never uses <webview>; refuse one even if the page tried to create it.
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(createWindowOpenHandler(options.openExternal));
}

/** The slice of Electron's `app` used to guard every web contents created later (defence in depth). */
export interface AppWithContentsEvents {
  on(event: 'web-contents-created', listener: (event: unknown, contents: GuardedContents) => void): void;
}

/** Any other web contents (there should be none) gets no webviews and no new windows either. */
export function guardAllWebContents(app: AppWithContentsEvents, openExternal: (url: string) => void): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(createWindowOpenHandler(openExternal));
  });
}
