/**
 * "Who is inviting me to what" in the built window, every service read, against the emulator's demo:
 * the summary strip's line for 111111111111 across Security Hub CSPM and GuardDuty, its Accept all
 * running ONE bulk answer over both services (each service's invitation accepted where the service is
 * on), and the coverage matrix in "All services" with account names beside the ids. Screenshots in
 * light and dark go to test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';
import { DEMO_MFA_CODES, finishRefreshAnsweringMfa } from './helpers';

const ADMIN = '111111111111';
let h: Harness;

/** The accepts the emulator answered: signing service, account and region. */
const accepts = () =>
  h.emulator
    .requestLog()
    // Security Hub CSPM and GuardDuty accept with AcceptAdministratorInvitation, Macie and Detective with AcceptInvitation.
    .filter(
      (e) => ['AcceptAdministratorInvitation', 'AcceptInvitation'].includes(e.operation ?? '') && e.status === 200,
    )
    .map((e) => `${e.service}/${e.accountId}/${e.region}`)
    .sort();

describe('one inbox across services', () => {
  beforeAll(async () => {
    h = await startHarness({ settings: { serviceMode: 'all' }, overviewPageSize: 100 });
    await finishRefreshAnsweringMfa(h, 1, DEMO_MFA_CODES);
  }, 150_000);
  afterAll(async () => {
    await h?.close();
  });

  it('says who invites which accounts to which services, per administrator', async () => {
    const { page } = h;
    const line = page.getByTestId(`summary-by-administrator-text-${ADMIN}`);
    await line.waitFor();
    // The administrator's name comes with the names pass that follows the rows, and the services
    // as their rows are written (a streaming refresh writes them every 250 ms or more).
    await expect
      .poll(() => line.textContent(), { timeout: 30_000 })
      .toMatch(
        /^111111111111 Security Tooling invites \d+ accounts to Security Hub CSPM( \(\d+\))?, GuardDuty( \(\d+\))?, Macie( \(\d+\))? and Detective( \(\d+\))? in \d+ regions —$/,
      );
    expect(await page.getByTestId(`summary-accept-all-${ADMIN}`).isVisible()).toBe(true);
    // Nothing of the line is cut or laid over another at 1440 px: it fits the strip's width.
    const box = await page.getByTestId(`summary-by-administrator-${ADMIN}`).boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(1440);
    await page.mouse.move(1, 899);
    await h.screenshots('inbox-summary');
  });

  it('Accept all answers the administrator’s invitations of every service in one bulk run', async () => {
    const { page } = h;
    expect(accepts()).toEqual([]);
    await page.getByTestId(`summary-accept-all-${ADMIN}`).click();
    const modal = page.getByTestId('bulk-modal');
    await modal.waitFor();
    // The harness trusts the demo's administrator for every service: no trust question.
    expect(await page.getByTestId('bulk-untrusted').count()).toBe(0);
    const bulks = () => h.ipc.filter((c) => c.channel === 'bulk:run');
    expect(bulks()).toHaveLength(0);
    await h.screenshots('inbox-accept-all');
    await page.getByTestId('bulk-run').click();
    await page.getByTestId('bulk-results').waitFor({ timeout: 60_000 });
    expect(bulks()).toHaveLength(1);
    const payload = bulks()[0]?.payload as { rows: { service: string }[] } | undefined;
    const services = new Set(payload?.rows.map((r) => r.service));
    expect([...services].sort()).toEqual(['detective', 'guardduty', 'macie', 'securityhub']);
    // Where each service is on, the invitation of 222222222222 (member-pending) was accepted.
    expect(accepts()).toEqual(
      expect.arrayContaining([
        'securityhub/222222222222/us-east-1',
        'guardduty/222222222222/us-east-1',
        'macie2/222222222222/us-east-1',
        'detective/222222222222/us-east-1',
      ]),
    );
    await modal.getByRole('button', { name: 'Close', exact: true }).click();
    // The rows are read again in their own service: neither offers the accept any more.
    for (const id of [
      `accept-member-pending|us-east-1|${ADMIN}`,
      `accept-member-pending|us-east-1|guardduty|${ADMIN}`,
      `accept-member-pending|us-east-1|macie|${ADMIN}`,
      `accept-member-pending|us-east-1|detective|${ADMIN}`,
    ]) {
      await page.getByTestId(id).waitFor({ state: 'detached', timeout: 30_000 });
    }
  });

  it('draws the coverage matrix of all services, with account names beside the ids', async () => {
    const { page } = h;
    await page.getByTestId('overview-view').getByRole('button', { name: 'Coverage matrix' }).click();
    const matrix = page.getByTestId('coverage-matrix');
    await matrix.waitFor();
    await page.getByTestId('coverage-service').getByRole('button', { name: 'All services' }).click();
    await matrix.getByText('Coverage: All services').waitFor();
    const cell = matrix.locator('[role="gridcell"][aria-label^="222222222222 in us-east-1:"]');
    await expect
      .poll(() => cell.getAttribute('aria-label'), { timeout: 30_000 })
      .toMatch(
        /Security Hub CSPM: member of 111111111111.*; GuardDuty: member of 111111111111.*; Macie: member of 111111111111.*; Detective: member of 111111111111/,
      );
    expect(await matrix.getByTestId('coverage-line-222222222222').textContent()).toBe('222222222222 globex-pending');
    // No account id is cut: each line's id ends inside its cell.
    const cutIds = await matrix.locator('[role="rowheader"]').evaluateAll((heads) =>
      heads
        .filter((head) => {
          const text = head.firstChild;
          if (!text || text.nodeType !== Node.TEXT_NODE) return false;
          const range = document.createRange();
          range.selectNodeContents(text);
          return range.getBoundingClientRect().right > head.getBoundingClientRect().right;
        })
        .map((head) => head.textContent),
    );
    expect(cutIds).toEqual([]);
    await matrix.scrollIntoViewIfNeeded();
    await cell.hover();
    await expect
      .poll(() => page.getByTestId('coverage-details').textContent(), { timeout: 10_000 })
      .toContain('GuardDuty:');
    await page.mouse.move(1, 899);
    await h.screenshots('inbox-coverage-all');
  });
});
