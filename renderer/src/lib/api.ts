import type { Api } from '../../../contract/api';

declare global {
  interface Window {
    /** Exposed by the preload (one function per contract channel); tests install an in-memory fake. */
    api: Api;
  }
}

/** The contract object. Read at call time so tests can swap the fake between renders. */
export function api(): Api {
  return window.api;
}
