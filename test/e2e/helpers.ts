/** Small waits and selectors shared by the browser scenarios. */
import type { Locator, Page } from 'playwright-core';
import type { AppEvent } from '../../contract/api';
import type { Harness } from './harness';

export { DEMO_PROFILES } from '../emulator/demo-profiles';

/** Polls `check` until it returns a truthy value (returned) or the time is up (throws with `what`). */
export async function waitFor<T>(
  what: string,
  check: () => T | Promise<T>,
  timeoutMs = 60_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

type Finished = Extract<AppEvent, { type: 'refresh-finished' }>;

/** Waits for the n-th refresh-finished event (1-based) to be emitted AND delivered to the page. */
export async function refreshFinished(h: Harness, nth = 1, timeoutMs = 90_000): Promise<Finished> {
  const finished = await waitFor(
    `refresh #${nth} to finish`,
    () => h.events.filter((e): e is Finished => e.type === 'refresh-finished')[nth - 1],
    timeoutMs,
  );
  await h.eventsDelivered();
  return finished;
}

/** The Overview table row of a profile and region. */
export function overviewRow(page: Page, profile: string, region: string): Locator {
  return page.locator('tr', { has: page.getByTestId(`row-${profile}|${region}`) });
}

/** Security Hub operations the emulator answered, optionally only one operation. */
export function hubCalls(h: Harness, operation?: string) {
  return h.emulator
    .requestLog()
    .filter((e) => e.service === 'securityhub' && (operation === undefined || e.operation === operation));
}

/** Operations that change something in Security Hub; read-only mode must send none of them. */
export const MUTATING_OPERATIONS = new Set([
  'AcceptAdministratorInvitation',
  'AcceptInvitation',
  'DeclineInvitations',
  'DeleteInvitations',
  'DisassociateFromAdministratorAccount',
  'DisassociateFromMasterAccount',
  'CreateMembers',
  'InviteMembers',
  'DisassociateMembers',
  'DeleteMembers',
  'EnableSecurityHub',
]);

/** Goes to a page of the app through its hash route, as the side navigation does. */
export async function goTo(page: Page, route: string): Promise<void> {
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, `#/${route}`);
}

/** Waits for the MFA modal, types the code and submits it. */
export async function answerMfa(page: Page, code: string): Promise<void> {
  const modal = page.getByTestId('mfa-modal');
  await modal.getByTestId('mfa-code').locator('input').fill(code);
  await modal.getByTestId('mfa-submit').click();
  await modal.waitFor({ state: 'detached' });
}

/** One-time codes of the demo's MFA device (test/emulator/scenarios/demo.json, mfaDevices). */
export const DEMO_MFA_CODES = ['123456', '234567', '345678', '456789', '567890', '678901'];

/**
 * The text of one Overview cell, found by the column's header text (columns may be reordered or hidden
 * in preferences, so never by position). null when the row or the column is not shown.
 */
export function overviewCell(page: Page, profile: string, region: string, header: string): Promise<string | null> {
  return page.getByTestId('overview-table').evaluate(
    (table, [rowId, wanted]) => {
      const headers = [...(table.querySelector('thead tr')?.children ?? [])].map((c) => c.textContent?.trim() ?? '');
      const index = headers.indexOf(wanted as string);
      const marker = [...table.querySelectorAll('[data-testid]')].find((e) => e.getAttribute('data-testid') === rowId);
      const cell = index >= 0 ? marker?.closest('tr')?.children[index] : undefined;
      return cell ? (cell.textContent ?? '').trim() : null;
    },
    [`row-${profile}|${region}`, header] as const,
  );
}

/**
 * Waits for the n-th refresh to finish, answering MFA prompts with fresh demo codes as they come
 * (a refresh with `reload` drops the MFA session, so it may ask again). Returns the codes used.
 */
export async function finishRefreshAnsweringMfa(h: Harness, nth: number, codes: string[]): Promise<string[]> {
  const used: string[] = [];
  const finishedCount = () => h.events.filter((e) => e.type === 'refresh-finished').length;
  const deadline = Date.now() + 110_000;
  while (finishedCount() < nth) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for refresh #${nth} to finish`);
    const modal = h.page.getByTestId('mfa-modal');
    if ((await modal.count()) > 0 && (await modal.isVisible())) {
      const code = codes[used.length];
      if (!code) throw new Error('The app asked for more MFA codes than the demo device has.');
      used.push(code);
      await answerMfa(h.page, code);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await h.eventsDelivered();
  return used;
}

/**
 * Cancels the start-up refresh of the demo profiles (it waits on the MFA prompt) and dismisses the
 * prompt, so that seeded rows stay (a finished refresh drops rows no profile produced) and timings
 * are not disturbed by it.
 */
export async function cancelStartupRefresh(h: Harness): Promise<void> {
  const { page } = h;
  const cancel = page.getByTestId('refresh-cancel');
  await waitFor('the refresh to be cancellable', () => cancel.isEnabled(), 30_000);
  // The MFA modal covers the page, so the click is dispatched to the button itself.
  await cancel.dispatchEvent('click');
  const finished = await refreshFinished(h);
  if (!finished.cancelled) throw new Error('The start-up refresh finished before it could be cancelled');
  // The MFA prompt of the cancelled refresh may still be on its way: dismiss it whenever it shows.
  const settleUntil = Date.now() + 3_000;
  while (Date.now() < settleUntil) {
    if (await page.getByTestId('mfa-modal').isVisible()) await page.getByTestId('mfa-cancel').click();
    await page.waitForTimeout(100);
  }
  await page.getByTestId('mfa-modal').waitFor({ state: 'detached' });
}

/**
 * Text a table shows cut: an element whose content overflows a box that hides it (an ellipsis, a
 * clipped status), or a word broken in the middle over two lines ("Disassociat" / "e"). Breaks at a
 * space or a hyphen are wrapping, not cutting. Returns what was cut, as "what: text".
 */
export async function cutTexts(page: Page, testId: string): Promise<string[]> {
  return page.getByTestId(testId).evaluate((table) => {
    const found: string[] = [];
    for (const cell of table.querySelectorAll('td, th')) {
      for (const el of [cell, ...cell.querySelectorAll('*')] as HTMLElement[]) {
        const style = getComputedStyle(el);
        const hides = style.overflowX === 'hidden' || style.overflowX === 'clip' || style.textOverflow === 'ellipsis';
        if (hides && el.scrollWidth > el.clientWidth + 1 && el.textContent?.trim()) {
          found.push(`clipped: ${el.textContent.trim()}`);
        }
      }
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const word of text.matchAll(/[^\s-]+/g)) {
          const range = document.createRange();
          range.setStart(node, word.index ?? 0);
          range.setEnd(node, (word.index ?? 0) + word[0].length);
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (tops.size > 1) found.push(`word broken: ${word[0]}`);
        }
      }
    }
    return [...new Set(found)];
  });
}
