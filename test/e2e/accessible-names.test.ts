/**
 * Every control on every page has a name a screen reader can announce, read from Chromium's own
 * accessibility tree (Playwright's ARIA snapshot), and no name says the same label twice.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';
import { DEMO_MFA_CODES, finishRefreshAnsweringMfa, goTo } from './helpers';

const CONTROL = /^- (button|link|textbox|searchbox|checkbox|combobox|switch|radio|tab|slider|spinbutton)\b(.*)$/;

/** Controls whose snapshot line carries no quoted name, and names that repeat their first words. */
async function nameProblems(page: Page): Promise<string[]> {
  const snapshot = await page.locator('body').ariaSnapshot();
  const problems: string[] = [];
  for (const raw of snapshot.split('\n')) {
    const match = CONTROL.exec(raw.trim());
    if (!match) continue;
    const rest = match[2] ?? '';
    const name = /^\s*"([^"]*)"/.exec(rest)?.[1] ?? null;
    if (!name?.trim()) {
      problems.push(`unnamed: ${raw.trim()}`);
      continue;
    }
    const words = name.split(/\s+/);
    for (let n = 1; n <= words.length / 2; n += 1) {
      if (words.slice(0, n).join(' ') === words.slice(n, 2 * n).join(' ')) problems.push(`repeated: ${raw.trim()}`);
    }
  }
  return problems;
}

describe('accessible names', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await finishRefreshAnsweringMfa(h, 1, DEMO_MFA_CODES);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('finds an unnamed control and a doubled label when there is one', async () => {
    await h.page.evaluate(() => {
      const probe = document.createElement('div');
      probe.id = 'probe';
      probe.innerHTML = '<button></button><input type="checkbox" aria-label="Only associated Only associated">';
      document.body.append(probe);
    });
    const problems = await nameProblems(h.page);
    await h.page.evaluate(() => document.getElementById('probe')?.remove());
    expect(problems).toEqual([
      expect.stringMatching(/^unnamed: - button/),
      expect.stringMatching(/^repeated: - checkbox "Only associated Only associated"/),
    ]);
  });

  it('the coverage matrix names every control and every cell once', async () => {
    await goTo(h.page, 'overview');
    await h.page.getByTestId('overview-view').getByRole('button', { name: 'Coverage matrix' }).click();
    const grid = h.page.getByRole('grid', { name: 'Coverage by account and region' });
    await grid.waitFor();
    expect(await nameProblems(h.page)).toEqual([]);
    const cells = await grid.getByRole('gridcell').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(cells.length).toBeGreaterThan(0);
    for (const name of cells) expect(name).toMatch(/^\S.* in [a-z0-9-]+: \S/);
    await h.page.getByTestId('overview-view').getByRole('button', { name: 'Table' }).click();
  });

  it.each([
    'overview',
    'profile/admin',
    'profile/member-pending',
    'profiles',
    'integrations',
    'activity',
    'settings',
    'handshake',
  ])('#/%s names every control once', async (route) => {
    await goTo(h.page, route);
    await h.page.waitForLoadState('networkidle');
    await h.page.getByRole('main').getByRole('heading').first().waitFor();
    expect(await nameProblems(h.page)).toEqual([]);
  });
});
