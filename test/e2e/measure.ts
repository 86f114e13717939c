/**
 * In-page timing of one interaction: from the input event (captured on the document before React
 * sees it) to the last DOM change it caused, once the DOM has been quiet for `quietMs`. Measured with
 * performance.now() in the page, so the test process's round trips are not counted.
 */
import type { Page } from 'playwright-core';

interface Probe {
  start: number;
  last: number;
  mutations: number;
}

export async function measureInteraction(
  page: Page,
  trigger: 'keydown' | 'click',
  act: () => Promise<void>,
  quietMs = 400,
): Promise<{ ms: number; mutations: number }> {
  await page.evaluate((type) => {
    const w = window as unknown as { __probe?: Probe; __probeObserver?: MutationObserver };
    w.__probeObserver?.disconnect();
    const probe: Probe = { start: -1, last: -1, mutations: 0 };
    w.__probe = probe;
    document.addEventListener(
      type,
      () => {
        probe.start = performance.now();
      },
      { capture: true, once: true },
    );
    const observer = new MutationObserver((records) => {
      if (probe.start < 0) return;
      probe.mutations += records.length;
      probe.last = performance.now();
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    w.__probeObserver = observer;
  }, trigger);
  await act();
  // Wait until the page has been quiet for quietMs after the last change.
  for (;;) {
    const { start, last } = await page.evaluate(() => (window as unknown as { __probe: Probe }).__probe);
    const now = await page.evaluate(() => performance.now());
    if (start >= 0 && now - Math.max(start, last) > quietMs) break;
    await page.waitForTimeout(50);
  }
  return page.evaluate(() => {
    const w = window as unknown as { __probe: Probe; __probeObserver?: MutationObserver };
    w.__probeObserver?.disconnect();
    const p = w.__probe;
    return { ms: Math.max(0, (p.last < 0 ? p.start : p.last) - p.start), mutations: p.mutations };
  });
}
