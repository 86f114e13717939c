/**
 * The Overview with every service read, as a new install reads them, against the emulator's demo:
 * at 1440 and 1280 px the table does not scroll sideways, no cell's text is cut, and no cell sits
 * under the pinned (sticky) columns; the Service column shows the short name with the full name on
 * hover. The same failure said twice is one banner with a count. The search finds rows by account
 * names, and the Activity page names the accounts as the Overview does. Screenshots in light and dark go to
 * test-results/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';
import { cutTexts, DEMO_MFA_CODES, finishRefreshAnsweringMfa, goTo, waitFor } from './helpers';

let h: Harness;

/**
 * How the table lies: whether its scroller scrolls sideways, and the cells whose box reaches under a
 * pinned column (Cloudscape's sticky cells carry `position: sticky`), with each column's width for
 * the log.
 */
function tableLayout(page: Page) {
  return page.getByTestId('overview-table').evaluate((table) => {
    const scrollers = [...table.querySelectorAll('*')].filter((el) => {
      const style = getComputedStyle(el);
      return (style.overflowX === 'auto' || style.overflowX === 'scroll') && el.querySelector('tbody');
    });
    const scrolls = scrollers.some((el) => el.scrollWidth > el.clientWidth + 1);
    const covered: string[] = [];
    for (const row of table.querySelectorAll('tbody tr')) {
      const cells = [...row.children] as HTMLElement[];
      const pinned = cells.filter((c) => getComputedStyle(c).position === 'sticky');
      for (const cell of cells) {
        if (pinned.includes(cell)) continue;
        const box = cell.getBoundingClientRect();
        for (const pin of pinned) {
          const p = pin.getBoundingClientRect();
          if (box.left < p.right - 1 && box.right > p.left + 1 && cell.textContent?.trim()) {
            covered.push(cell.textContent.trim().slice(0, 40));
          }
        }
      }
    }
    const widths = [...(table.querySelector('thead tr')?.children ?? [])].map(
      (th) => `${th.textContent?.trim() || '·'}=${Math.round(th.getBoundingClientRect().width)}`,
    );
    return { scrolls, covered: [...new Set(covered)], widths: widths.join(' ') };
  });
}

describe('the Overview with every service at 1440 and 1280 px', () => {
  beforeAll(async () => {
    h = await startHarness({ settings: { serviceMode: 'all' }, overviewPageSize: 100 });
    await finishRefreshAnsweringMfa(h, 1, DEMO_MFA_CODES);
  }, 150_000);
  afterAll(async () => {
    await h?.close();
  });

  it('fits the table without sideways scrolling, cut text or covered cells', async () => {
    const { page } = h;
    await page.getByTestId('row-member-pending|eu-west-1|guardduty').waitFor();
    const serviceCell = page
      .locator('tr', { has: page.getByTestId('row-member-pending|eu-west-1') })
      .locator('span[title="Security Hub CSPM"]');
    expect(await serviceCell.textContent()).toBe('Security Hub');
    const seen: Record<string, unknown> = {};
    for (const width of [1440, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.mouse.move(1, 899);
      await h.screenshots(`overview-services-${width}`);
      const layout = await tableLayout(page);
      console.log(`Overview columns at ${width} px: ${layout.widths}`);
      seen[width] = { scrolls: layout.scrolls, covered: layout.covered, cut: await cutTexts(page, 'overview-table') };
    }
    // The rows whose relationship can be left: the button sits in the Relationship cell, whole.
    await page.locator('[data-testid^="disassociate-"]').first().scrollIntoViewIfNeeded();
    await page.mouse.move(1, 899);
    await h.screenshots('overview-services-1280-disassociate');
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(seen).toEqual({
      1440: { scrolls: false, covered: [], cut: [] },
      1280: { scrolls: false, covered: [], cut: [] },
    });
  });

  it('shows the same failure, tried again, once with a count', async () => {
    const { page } = h;
    // The request is lost before AWS applies it: the app reads again, sees nothing changed, and says so.
    h.emulator.setFaults({
      loseReplies: ['securityhub:AcceptAdministratorInvitation'],
      loseRepliesAs: 'drop-unapplied',
    });
    const accept = page.getByTestId('accept-member-pending|us-east-1|111111111111');
    const accepts = () => h.emulator.requestLog().filter((e) => e.operation === 'AcceptAdministratorInvitation');
    for (const nth of [1, 2]) {
      await waitFor('the Accept button', () => accept.isEnabled(), 30_000);
      await accept.click();
      await waitFor(`failure #${nth} said`, async () =>
        (await page.getByTestId('flashes').textContent())?.includes('nothing changed'),
      );
      await waitFor('the accept to settle', () => accept.isEnabled(), 30_000);
    }
    h.emulator.setFaults({ loseReplies: [] });
    expect(accepts()).toHaveLength(2);
    await page.getByTestId('flash-count').waitFor();
    expect(await page.getByTestId('flash-count').textContent()).toBe('2 times');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.mouse.move(1, 899);
    await h.screenshots('overview-repeated-failure');
    await page.getByRole('button', { name: 'Show all messages' }).click();
    const failures = await page
      .getByTestId('flashes')
      .evaluate((el) => el.textContent?.match(/nothing changed/g)?.length);
    expect(failures).toBe(1);
  });

  it('finds rows by account name, and names the accounts on the Activity page', async () => {
    const { page } = h;
    const search = page.getByRole('searchbox', { name: 'Find rows' });
    // The demo's 222222222222 is named "globex-pending" (its IAM alias): its rows, every service, and
    // not those of 333333333333, "globex-prod".
    await search.fill('GLOBEX-PEND');
    await expect
      .poll(() =>
        page.locator('[data-testid^="row-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid'))),
      )
      .toEqual(expect.arrayContaining(['row-member-pending|us-east-1', 'row-member-pending|eu-west-1|guardduty']));
    const profiles = await page
      .locator('[data-testid^="row-"]')
      .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-testid')?.split('|')[0]))]);
    expect(profiles).toEqual(['row-member-pending']);
    await search.fill('');

    await goTo(page, 'activity');
    const table = page.getByTestId('activity-table');
    await table.waitFor();
    const entry = table.locator('tr', { hasText: 'member-pending' }).filter({ hasText: 'us-east-1' }).first();
    await entry.waitFor();
    // The member account and the administrator, each with its name, as the Overview shows them.
    const text = await entry.textContent();
    expect(text).toContain('222222222222 globex-pending');
    expect(text).toContain('111111111111 Security Tooling');
    await page.mouse.move(1, 899);
    await h.screenshots('activity-names');
  });
});
