/**
 * jsdom lacks a few browser APIs Cloudscape uses; these stand-ins do just enough. Each test starts
 * at the start page with empty storage.
 */
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';

class NoopObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
  takeRecords() {
    return [];
  }
}

const globals = globalThis as Record<string, unknown>;
globals.ResizeObserver ??= NoopObserver;
globals.IntersectionObserver ??= NoopObserver;
// What testing-library sets up when test globals are on: act() flushes React updates.
globals.IS_REACT_ACT_ENVIRONMENT = true;

if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener() {},
      removeEventListener() {},
      addListener() {},
      removeListener() {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}
if (!globals.CSS) globals.CSS = {};
const css = globals.CSS as { supports?: () => boolean; escape?: (s: string) => string };
css.supports ??= () => false;
css.escape ??= (s: string) => s.replace(/[^a-zA-Z0-9_-]/g, (c) => `\\${c}`);
Element.prototype.scrollIntoView ??= () => {};
window.scrollTo = () => {};

beforeEach(() => {
  window.location.hash = '';
  window.localStorage.clear();
});

afterEach(() => {
  cleanup();
});
