/**
 * The built window with every service read, as a new install reads them, against the emulator's demo:
 * GuardDuty rows beside Security Hub CSPM's with a Service column and a summary line per service, the
 * coverage matrix of GuardDuty, and the question before an accept that turns GuardDuty on (billed),
 * answered yes: CreateDetector, then the accept, once each. Screenshots in light and dark go to
 * test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';
import { DEMO_MFA_CODES, finishRefreshAnsweringMfa } from './helpers';

const ADMIN = '111111111111';
let h: Harness;

const guardDutyCalls = (operation: string) =>
  h.emulator.requestLog().filter((e) => e.service === 'guardduty' && e.operation === operation);

describe('the window with Security Hub CSPM and GuardDuty', () => {
  beforeAll(async () => {
    h = await startHarness({ settings: { serviceMode: 'all' }, overviewPageSize: 100 });
    // The demo's MFA profile asks once; its code answers it.
    await finishRefreshAnsweringMfa(h, 1, DEMO_MFA_CODES);
  }, 150_000);
  afterAll(async () => {
    await h?.close();
  });

  it('lists GuardDuty rows with a Service column and sums up each service', async () => {
    const { page } = h;
    const gdRow = page.getByTestId('row-member-pending|eu-west-1|guardduty');
    await gdRow.waitFor();
    expect(await page.getByTestId('row-member-pending|eu-west-1').count()).toBe(1);
    expect(await page.getByRole('columnheader', { name: /^Service/ }).count()).toBe(1);
    const line = gdRow.locator('xpath=ancestor::tr');
    expect(await line.textContent()).toContain('GuardDuty');
    const summary = await page.getByTestId('summary-services').textContent();
    expect(summary).toMatch(/Security Hub: \d+ pending/);
    expect(summary).toMatch(/GuardDuty: \d+ pending, \d+ off/);
    await page.mouse.move(1, 899);
    await h.screenshots('overview-services');
  });

  it('draws the coverage matrix of GuardDuty', async () => {
    const { page } = h;
    await page.getByTestId('overview-view').getByRole('button', { name: 'Coverage matrix' }).click();
    const matrix = page.getByTestId('coverage-matrix');
    await matrix.waitFor();
    await page.getByTestId('coverage-service').getByRole('button', { name: 'GuardDuty' }).click();
    await matrix.getByText('Coverage: GuardDuty').waitFor();
    await page.mouse.move(1, 899);
    await h.screenshots('coverage-guardduty');
    await page.getByTestId('overview-view').getByRole('button', { name: 'Table' }).click();
  });

  it('asks before an accept that turns GuardDuty on, then sends CreateDetector and the accept once each', async () => {
    const { page } = h;
    await page.getByTestId(`accept-member-pending|eu-west-1|guardduty|${ADMIN}`).click();
    const modal = page.getByTestId('confirm-modal');
    await modal.waitFor();
    expect(await page.getByTestId('turn-on-accept-what').textContent()).toContain('CreateDetector');
    expect(await page.getByTestId('turn-on-accept-billing').textContent()).toContain('30-day free trial');
    // Nothing is sent while the question is open.
    expect(guardDutyCalls('CreateDetector')).toEqual([]);
    await h.screenshots('guardduty-turn-on');
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId(`accept-member-pending|eu-west-1|guardduty|${ADMIN}`).waitFor({ state: 'detached' });
    expect(guardDutyCalls('CreateDetector').map((e) => e.region)).toEqual(['eu-west-1']);
    expect(guardDutyCalls('AcceptAdministratorInvitation').map((e) => e.region)).toEqual(['eu-west-1']);
  });
});
