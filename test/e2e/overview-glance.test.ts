/**
 * The Overview at a glance with the large run (17,000 rows of 250 accounts × 17 regions):
 * the summary strip's toggles filter the table, the rows that need the user come first, and the
 * coverage matrix is usable with the keyboard and opens a row's profile page. Screenshots of each in
 * light and dark go to test-results/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';
import { cancelStartupRefresh, goTo, overviewCell } from './helpers';
import { generateScaleRows } from './rows';

const split = (key: string) => key.split('|') as [string, string];

const table = (h: Harness) => h.page.getByTestId('overview-table');

/** The profile|region of every row on the table's current page, in order. */
function shownRows(h: Harness): Promise<string[]> {
  return table(h).evaluate((t) =>
    [...t.querySelectorAll('tbody [data-testid^="row-"]')].map((e) => (e.getAttribute('data-testid') ?? '').slice(4)),
  );
}

/** Two animation frames and a short pause: the page has rendered what it was busy with. */
function settle(page: Page): Promise<unknown> {
  return page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 250)))),
  );
}

describe('the Overview at a glance (17,000 rows)', () => {
  let h: Harness;
  const rows = generateScaleRows();
  const byKey = new Map(rows.map((r) => [`${r.profile}|${r.region}`, r]));

  beforeAll(async () => {
    h = await startHarness({ snapshots: rows });
    await table(h).locator('tbody tr').first().waitFor();
    await cancelStartupRefresh(h);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('puts pending invitations first, then rows that could not be read', async () => {
    await h.page.getByTestId('summary-strip').waitFor();
    // Away from every control, so no tooltip shows in the screenshots.
    await h.page.mouse.move(1, 899);
    await h.screenshots('overview-summary');
    const first = await shownRows(h);
    // A page is 25 rows by default (DEFAULT_PREFERENCES).
    expect(first.length).toBe(25);
    const pendingTotal = rows.filter((r) => r.pendingInvitations.length > 0).length;
    expect(pendingTotal).toBeGreaterThan(25);
    // The whole first page is pending invitations (of the seeded rows, and of the demo's that the
    // cancelled refresh read), by profile then region.
    for (const key of first)
      expect(await overviewCell(h.page, ...split(key), 'Pending invitations'), key).toMatch(/^from /);
    const seeded = first.filter((key) => byKey.has(key));
    for (const key of seeded) expect(byKey.get(key)?.pendingInvitations.length, key).toBe(1);
    expect([...seeded].sort((a, b) => a.localeCompare(b))).toEqual(seeded);
    expect(await h.page.getByTestId('summary-pending').textContent()).toMatch(
      /^\d[\d,]* pending invitations from 1 administrator$/,
    );
  });

  it('filters the table with a summary toggle, says how many are shown and clears', async () => {
    const toggle = h.page.getByTestId('summary-access-denied');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    // Keyboard: the toggle is a button, Space presses it.
    await toggle.focus();
    await h.page.keyboard.press('Space');
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    const denied = rows.filter((r) => r.error?.kind === 'access-denied').length;
    await expect
      .poll(() => h.page.getByTestId('summary-showing').textContent())
      .toBe(`Showing ${denied.toLocaleString('en-US')} of ${(await allCount(h)).toLocaleString('en-US')} rows`);
    for (const key of await shownRows(h)) expect(byKey.get(key)?.error?.kind, key).toBe('access-denied');
    await h.screenshots('overview-summary-filtered');

    // A second toggle adds its rows (toggles add up).
    await h.page.getByTestId('summary-network').click();
    const network = rows.filter((r) => r.error?.kind === 'network').length;
    await expect
      .poll(() => h.page.getByTestId('summary-showing').textContent())
      .toMatch(new RegExp(`^Showing ${denied + network} of`));

    await h.page.getByTestId('summary-clear').click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await h.page.getByTestId('summary-showing').waitFor({ state: 'detached' });
  });

  it('shows the relationship without scrolling at 1440 px', async () => {
    const header = table(h).getByRole('columnheader', { name: 'Relationship' }).first();
    const box = await header.boundingBox();
    expect(box).not.toBeNull();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(1440);
    const scroll = await table(h).evaluate((t) => {
      const wrapper = t.querySelector('table')?.parentElement;
      return wrapper ? wrapper.scrollWidth - wrapper.clientWidth : -1;
    });
    expect(scroll).toBeLessThanOrEqual(0);
  });

  it('shows the coverage matrix, moves with the arrow keys and opens a cell with Enter', async () => {
    const { page } = h;
    await page.getByTestId('overview-view').getByRole('button', { name: 'Coverage matrix' }).click();
    const grid = page.getByRole('grid', { name: 'Coverage by account and region' });
    await grid.waitFor();
    await page.getByTestId('coverage-matrix').scrollIntoViewIfNeeded();
    await page.mouse.move(1, 899);
    await h.screenshots('coverage-matrix');

    // One tab stop: the first cell; then the arrows move it.
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-cell') ?? null);
    // Every region and account is in the grid before keys are pressed (a key moves within what is
    // drawn), and after the screenshots (two themes over 17,000 rows) the page has finished rendering.
    await expect.poll(() => grid.getAttribute('aria-colcount'), { timeout: 30_000 }).toBe('18');
    await expect
      .poll(async () => Number(await grid.getAttribute('aria-rowcount')), { timeout: 30_000 })
      .toBeGreaterThan(250);
    await settle(page);
    await grid.locator('[tabindex="0"]').focus();
    expect(await focused()).toBe('0:0');
    expect(await grid.locator('[tabindex="0"]').count()).toBe(1);
    await page.keyboard.press('ArrowRight');
    await expect.poll(focused, { timeout: 10_000 }).toBe('0:1');
    await page.keyboard.press('ArrowDown');
    await expect.poll(focused, { timeout: 10_000 }).toBe('1:1');
    await page.keyboard.press('End');
    const cols = Number(await grid.getAttribute('aria-colcount')) - 1;
    await expect.poll(focused, { timeout: 10_000 }).toBe(`1:${cols - 1}`);
    // Far down: the virtualised grid draws the line and focuses it.
    for (let i = 1; i <= 5; i++) {
      await page.keyboard.press('PageDown');
      await expect.poll(focused, { timeout: 10_000 }).toBe(`${1 + 10 * i}:${cols - 1}`);
    }
    // The virtualiser corrects its scroll over a few frames after a far move; let it settle first.
    await settle(page);
    await page.keyboard.press('Home');
    await expect.poll(focused, { timeout: 10_000 }).toBe('51:0');

    // Focus shows the details; the cell's own name says the same for a screen reader.
    const cell = page.locator('[data-cell="51:0"]');
    const name = (await cell.getAttribute('aria-label')) ?? '';
    const [where] = name.split(':');
    expect(await page.getByTestId('coverage-details').textContent()).toContain(`${where}:`);
    const profile = /profiles ([^,;]+)/.exec(name)?.[1];
    expect(profile).toBeTruthy();
    await page.keyboard.press('Enter');
    const region = /^\S+ in (\S+):/.exec(name)?.[1] ?? '';
    await expect
      .poll(() => page.evaluate(() => window.location.hash))
      .toBe(`#/profile/${encodeURIComponent(profile ?? '')}?region=${region}`);
    // The seeded profiles are not in the AWS config of the harness: the page opened says so by name.
    expect(await page.getByTestId('profile-missing').textContent()).toContain(profile);
  });

  it('opens a cell with a click, and hovering shows its details', async () => {
    const { page } = h;
    await goTo(page, 'overview');
    const grid = page.getByRole('grid', { name: 'Coverage by account and region' });
    await grid.waitFor();
    // The view is remembered; the summary's toggles narrow it too. The administrator account of the
    // seeded rows administers 1,000 members in every region.
    await page.getByTestId('summary-administrators').click();
    const cell = page.locator('[data-cell="0:2"]');
    await expect.poll(() => cell.getAttribute('aria-label')).toMatch(/^111111111111 in /);
    expect(await cell.getAttribute('data-state')).toBe('administrator');
    await cell.hover();
    await expect
      .poll(() => page.getByTestId('coverage-details').textContent())
      .toContain('administrator of 1,000 members');
    expect(await page.getByTestId('coverage-details').textContent()).toContain('profiles scale-0000, scale-0001');
    await cell.click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(/^#\/profile\/[^?]+\?region=ap-/);
    await goTo(page, 'overview');
    await page.getByTestId('overview-view').getByRole('button', { name: 'Table' }).click();
    await table(h).waitFor();
  });
});

/** How many rows the Overview knows (the demo's own rows of the cancelled refresh included). */
async function allCount(h: Harness): Promise<number> {
  const text = (await table(h).locator('h1').first().textContent()) ?? '';
  return Number(/\((?:\d+\/)?(\d+)\)/.exec(text.replace(/,/g, ''))?.[1] ?? -1);
}
