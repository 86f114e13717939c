/**
 * The profile page of an administrator with 10,000 members, and of an account with 10,000 pending
 * invitations, read from the emulator by the app's own refresh: the time from navigating to the
 * page to its table drawn and quiet, the DOM's size then, and the page's JavaScript heap. The figures
 * are printed; the only bound is on the DOM's size (a page of rows, not ten thousand).
 */
import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { generatedAccountId, generateScenario } from '../emulator/generate';
import type { Scenario } from '../emulator/index';
import { type Harness, startHarness } from './harness';
import { refreshFinished } from './helpers';

const REGION = 'us-east-1';
const PROFILE = 'load-0000';
/** More DOM nodes than a page of rows and the page around it could ever need. */
const DOM_NODES_MAX = 20_000;

/** One profile whose account is the delegated administrator of 10,000 Organizations members. */
function tenThousandMembers(): Scenario {
  return generateScenario({ profiles: 1, accounts: 1, regions: [REGION], administratorMembers: 10_000 });
}

/** One profile whose account has pending invitations from 10,000 administrators. */
function tenThousandInvitations(): Scenario {
  const base = generateScenario({ profiles: 1, accounts: 1, regions: [REGION] });
  const inviters = Array.from({ length: 10_000 }, (_, i) => generatedAccountId(i + 1));
  return {
    ...base,
    accounts: [...base.accounts, ...inviters.map((id) => ({ id, hubRegions: [REGION] }))],
    administrators: inviters.map((accountId) => ({
      accountId,
      region: REGION,
      members: [{ accountId: generatedAccountId(0), email: 'load-0@example.com', status: 'Invited' as const }],
    })),
  };
}

interface Shown {
  /** From the navigation to the last DOM change, once the page has been quiet for 500 ms. */
  ms: number;
  domNodes: number;
  heapMb: number | null;
}

/** Navigates to `hash` and waits until `ready` matches and the DOM has been quiet for 500 ms. */
async function showPage(page: Page, hash: string, ready: string): Promise<Shown> {
  await page.evaluate((target) => {
    const w = window as unknown as { __shown: { start: number; last: number }; __observer: MutationObserver };
    w.__shown = { start: performance.now(), last: performance.now() };
    w.__observer = new MutationObserver(() => {
      w.__shown.last = performance.now();
    });
    w.__observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    window.location.hash = target;
  }, hash);
  await page.waitForSelector(ready, { timeout: 180_000 });
  for (;;) {
    const quiet = await page.evaluate(() => {
      const w = window as unknown as { __shown: { last: number } };
      return performance.now() - w.__shown.last;
    });
    if (quiet > 500) break;
    await page.waitForTimeout(100);
  }
  return page.evaluate(() => {
    const w = window as unknown as { __shown: { start: number; last: number }; __observer: MutationObserver };
    w.__observer.disconnect();
    const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
    return {
      ms: w.__shown.last - w.__shown.start,
      domNodes: document.getElementsByTagName('*').length,
      heapMb: memory ? memory.usedJSHeapSize / 2 ** 20 : null,
    };
  });
}

async function openAfterRefresh(scenario: Scenario): Promise<Harness> {
  const h = await startHarness({ scenario, settings: { defaultRegions: [REGION] }, navigate: false });
  // A light page while the start-up refresh reads the 10,000 (200 pages of 50).
  await h.page.goto(`${h.url}#/settings`, { waitUntil: 'domcontentloaded' });
  await refreshFinished(h, 1, 300_000);
  return h;
}

/** The last of the 10,000 is a page or a filter away: the 200th page is offered, the filter finds it. */
async function reachesTheLast(table: Locator, filterLabel: string, lastId: string) {
  expect(await table.getByRole('button', { name: 'Page 200 of all pages' }).count()).toBe(1);
  await table.getByRole('searchbox', { name: new RegExp(`^${filterLabel}`) }).fill(lastId);
  await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
  expect(await table.locator('tbody tr').first().textContent()).toContain(lastId);
}

function report(what: string, shown: Shown) {
  const page = what.startsWith('the ') ? what : `the profile page with ${what}`;
  console.log(
    `${page[0]?.toUpperCase()}${page.slice(1)}: shown in ${shown.ms.toFixed(0)} ms, ${shown.domNodes.toLocaleString('en-US')} DOM nodes` +
      (shown.heapMb === null ? '' : `, JS heap ${shown.heapMb.toFixed(0)} MB`),
  );
}

describe('the profile page at 10,000', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('members: a page of them drawn, the count and a way to every one', async () => {
    h = await openAfterRefresh(tenThousandMembers());
    const shown = await showPage(h.page, `#/profile/${PROFILE}`, `[data-testid="members-${REGION}"] tbody tr`);
    report('10,000 members', shown);
    const table = h.page.getByTestId(`members-${REGION}`);
    expect(await table.locator('h3').first().textContent()).toContain('(10,000)');
    await reachesTheLast(table, 'Find members', generatedAccountId(10_000));
    expect(shown.domNodes).toBeLessThan(DOM_NODES_MAX);
    expect(h.pageErrors).toEqual([]);
  }, 600_000);

  it('invitations: a page of them drawn, the count and a way to every one', async () => {
    h = await openAfterRefresh(tenThousandInvitations());
    const shown = await showPage(h.page, `#/profile/${PROFILE}`, `[data-testid="invitations-${REGION}"] tbody tr`);
    report('10,000 pending invitations', shown);
    const table = h.page.getByTestId(`invitations-${REGION}`);
    expect(await table.locator('h3').first().textContent()).toContain('(10,000)');
    await reachesTheLast(table, 'Find invitations', generatedAccountId(10_000));
    expect(shown.domNodes).toBeLessThan(DOM_NODES_MAX);
    // The Overview's row of that account: its pending cell names a few and links to the rest.
    const overview = await showPage(h.page, '#/overview', `[data-testid="row-${PROFILE}|${REGION}"]`);
    report('the Overview, whose row holds 10,000 pending invitations', overview);
    expect(overview.domNodes).toBeLessThan(DOM_NODES_MAX);
    expect(h.pageErrors).toEqual([]);
  }, 600_000);
});
