/**
 * The built window with every service read against the emulator's demo, on Macie: its rows beside the
 * other services' with the Service column and its summary line, the coverage matrix of Macie, a click
 * on Accept sending AcceptInvitation once, and turning Macie on where it is off: the question says
 * what Macie is and that it is billed (its `about.turnOn` text), and the answer yes sends EnableMacie
 * once. Screenshots in light and dark go to test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';
import { DEMO_MFA_CODES, finishRefreshAnsweringMfa } from './helpers';

const ADMIN = '111111111111';
let h: Harness;

const macieCalls = (operation: string) =>
  h.emulator.requestLog().filter((e) => e.service === 'macie2' && e.operation === operation);

describe('the window with Macie', () => {
  beforeAll(async () => {
    h = await startHarness({ settings: { serviceMode: 'all' }, overviewPageSize: 200 });
    await finishRefreshAnsweringMfa(h, 1, DEMO_MFA_CODES);
  }, 150_000);
  afterAll(async () => {
    await h?.close();
  });

  it('lists Macie rows with the Service column and sums up Macie', async () => {
    const { page } = h;
    const row = page.getByTestId('row-member-pending|us-east-1|macie');
    await row.waitFor();
    expect(await row.locator('xpath=ancestor::tr').textContent()).toContain('Macie');
    const off = page.getByTestId('row-member-pending|eu-west-1|macie').locator('xpath=ancestor::tr');
    expect(await off.textContent()).toContain('Off');
    const summary = await page.getByTestId('summary-services').textContent();
    expect(summary).toMatch(/Macie: \d+ pending, \d+ off/);
    await page.mouse.move(1, 899);
    await h.screenshots('overview-macie');
  });

  it('draws the coverage matrix of Macie', async () => {
    const { page } = h;
    await page.getByTestId('overview-view').getByRole('button', { name: 'Coverage matrix' }).click();
    const matrix = page.getByTestId('coverage-matrix');
    await matrix.waitFor();
    await page.getByTestId('coverage-service').getByRole('button', { name: 'Macie' }).click();
    await matrix.getByText('Coverage: Macie').waitFor();
    await page.mouse.move(1, 899);
    await h.screenshots('coverage-macie');
    await page.getByTestId('overview-view').getByRole('button', { name: 'Table' }).click();
  });

  it('accepts the pending Macie invitation with one AcceptInvitation', async () => {
    const { page } = h;
    await page.getByTestId(`accept-member-pending|us-east-1|macie|${ADMIN}`).click();
    await page.getByTestId(`accept-member-pending|us-east-1|macie|${ADMIN}`).waitFor({ state: 'detached' });
    expect(macieCalls('AcceptInvitation').map((e) => e.region)).toEqual(['us-east-1']);
    expect(macieCalls('EnableMacie')).toEqual([]);
  });

  it('asks what Macie is and that it is billed before turning it on, then sends EnableMacie once', async () => {
    const { page } = h;
    await page.getByTestId('enable-hub-member-pending|eu-west-1|macie').click();
    await page.getByTestId('enable-hub-modal').waitFor();
    expect(await page.getByTestId('enable-hub-what').textContent()).toContain('sensitive data');
    expect(await page.getByTestId('enable-hub-billing').textContent()).toContain('Macie is billed');
    expect(macieCalls('EnableMacie')).toEqual([]);
    await h.screenshots('macie-turn-on');
    await page.getByTestId('enable-hub-confirm').click();
    await page.getByTestId('enable-hub-member-pending|eu-west-1|macie').waitFor({ state: 'detached' });
    expect(macieCalls('EnableMacie').map((e) => e.region)).toEqual(['eu-west-1']);
  });
});
