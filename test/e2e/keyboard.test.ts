/**
 * The demo without a mouse: the MFA code typed into the focused prompt, the rows found with the
 * search box, an invitation accepted and another declined (through its confirmation) by Tab and
 * Enter only, and Ctrl+R refreshing the data instead of reloading the page.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';
import { DEMO_MFA_CODES, hubCalls, overviewCell, refreshFinished } from './helpers';

/** What a screen reader would announce for the focused element, roughly: its label or its text. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '';
    return el.getAttribute('aria-label') ?? el.getAttribute('placeholder') ?? el.textContent?.trim() ?? '';
  });
}

/** Presses Tab until the focused element's name matches; fails after `max` presses. */
async function tabTo(page: Page, name: string | RegExp, max = 250): Promise<number> {
  const matches = (s: string) => (typeof name === 'string' ? s === name : name.test(s));
  for (let presses = 0; presses <= max; presses += 1) {
    if (matches(await focusedName(page))) return presses;
    await page.keyboard.press('Tab');
  }
  throw new Error(`"${name}" was not reached with ${max} presses of Tab (last focus: "${await focusedName(page)}").`);
}

describe('keyboard only', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers the MFA prompt by typing: the code field has the focus', async () => {
    const modal = h.page.getByTestId('mfa-modal');
    await modal.waitFor();
    await expect.poll(() => focusedName(h.page)).toMatch(/^MFA code for arn:aws:iam::111111111111:mfa\/alice$/);
    await h.page.keyboard.type(DEMO_MFA_CODES[0]!);
    await h.page.keyboard.press('Enter');
    await modal.waitFor({ state: 'detached' });
    expect((await refreshFinished(h)).cancelled).toBe(false);
  });

  it('finds rows, accepts and declines with Tab and Enter', async () => {
    const { page } = h;
    await page.locator('body').focus();
    await tabTo(page, 'Find rows');
    await page.keyboard.type('member-pending');

    const accept = await tabTo(page, 'Accept invitation from 111111111111 for member-pending in us-east-1');
    // The search box, then the table's own controls and the first rows: not a long walk.
    expect(accept).toBeLessThan(40);
    console.log(`Keyboard: the Accept button is ${accept} Tab presses after the search box.`);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => overviewCell(page, 'member-pending', 'us-east-1', 'Relationship'), { timeout: 30_000 })
      // The status and administrator, then the cell's Disassociate button.
      .toMatch(/^Enabled · 111111111111(Disassociate)?$/);
    expect(hubCalls(h, 'AcceptAdministratorInvitation')).toHaveLength(1);

    await page.getByTestId('overview-table').getByRole('searchbox', { name: 'Find rows' }).focus();
    await tabTo(page, 'Decline invitation from 111111111111 for member-pending in eu-west-1');
    await page.keyboard.press('Enter');
    const modal = page.getByTestId('confirm-modal');
    await modal.waitFor();
    // Focus moved into the dialog; Tab reaches its confirm button.
    await tabTo(page, 'Decline', 10);
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="confirm-modal"]') !== null)).toBe(
      true,
    );
    await page.keyboard.press('Enter');
    await modal.waitFor({ state: 'detached' });
    await expect.poll(() => hubCalls(h, 'DeclineInvitations').length, { timeout: 30_000 }).toBe(1);
  });

  it('Ctrl+R refreshes the data and does not reload the page', async () => {
    const { page } = h;
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    const before = h.events.filter((e) => e.type === 'refresh-finished').length;
    await page.locator('body').focus();
    await page.keyboard.press('Control+r');
    await refreshFinished(h, before + 1);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(h.pageErrors).toEqual([]);
  });
});
