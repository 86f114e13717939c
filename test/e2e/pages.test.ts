/**
 * The other pages against the demo: the integrations catalogue (every product reachable, filters
 * that agree with the emulator's catalogue, links through the allowlist), settings saved to the file
 * the backend reads, and the dispatch refusing the same app served from a foreign origin.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSettings } from '../../main/core/storage/settings';
import { checkExternalUrl } from '../../main/shell/desktop/external-links';
import { buildProducts } from '../emulator/products';
import { RENDERER_DIR } from './build';
import { type Harness, startHarness } from './harness';
import { DEMO_MFA_CODES, finishRefreshAnsweringMfa, goTo, waitFor } from './helpers';
import { startStaticServer } from './static-server';

describe('integrations, settings and foreign origins', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    await finishRefreshAnsweringMfa(h, 1, DEMO_MFA_CODES);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('reaches every product of the catalogue, page by page', async () => {
    const { page } = h;
    await goTo(page, 'integrations');
    const table = page.getByTestId('products-table');
    const total = (h.emulator.state() as { productsPerRegion: number }).productsPerRegion;
    expect(total).toBeGreaterThan(120);
    await expect
      .poll(() => table.locator('h2').first().textContent(), { timeout: 30_000 })
      .toContain(`(${total}/${total})`);
    const region = ((await page.getByTestId('integrations-region').textContent()) ?? '').trim();
    const expected = buildProducts(region, total).map((p) => p.ProductArn);
    expect(expected[0]).toContain(`:${region}:`);
    await h.screenshots('integrations');

    const seen = new Set<string>();
    for (let pageNumber = 1; pageNumber < 20; pageNumber++) {
      for (const arn of await table.locator('tbody tr code').allTextContents()) seen.add(arn);
      const next = table.getByRole('button', { name: 'Next page' }).first();
      if ((await next.getAttribute('aria-disabled')) === 'true') break;
      await next.click();
      await expect
        .poll(() =>
          table
            .getByRole('button', { name: `Page ${pageNumber + 1} of all pages` })
            .first()
            .getAttribute('aria-current'),
        )
        .toBe('true');
    }
    expect([...seen].sort()).toEqual([...expected].sort());
  });

  it('filters by integration type and name with counts that match the catalogue', async () => {
    const { page } = h;
    const table = page.getByTestId('products-table');
    const region = ((await page.getByTestId('integrations-region').textContent()) ?? '').trim();
    const catalogue = buildProducts(region, (h.emulator.state() as { productsPerRegion: number }).productsPerRegion);
    const updaters = catalogue.filter((p) => p.IntegrationTypes.includes('UPDATE_FINDINGS_IN_SECURITY_HUB'));
    expect(updaters.length).toBeGreaterThan(0);

    await page.getByTestId('integration-types').getByRole('button').first().click();
    await page.getByRole('option', { name: 'UPDATE_FINDINGS_IN_SECURITY_HUB' }).click();
    await page.keyboard.press('Escape');
    await expect
      .poll(() => table.locator('h2').first().textContent())
      .toContain(`(${updaters.length}/${catalogue.length})`);

    const guardDuty = catalogue.filter((p) => p.ProductName.includes('GuardDuty'));
    await page
      .getByRole('button', { name: /Remove UPDATE_FINDINGS_IN_SECURITY_HUB/ })
      .click()
      .catch(async () => {
        // Without a token label, reopen the list and untick the option.
        await page.getByTestId('integration-types').getByRole('button').first().click();
        await page.getByRole('option', { name: 'UPDATE_FINDINGS_IN_SECURITY_HUB' }).click();
        await page.keyboard.press('Escape');
      });
    await page.getByRole('searchbox', { name: 'Find products' }).fill('GuardDuty');
    await expect
      .poll(() => table.locator('h2').first().textContent())
      .toContain(`(${guardDuty.length}/${catalogue.length})`);
    await page.getByRole('searchbox', { name: 'Find products' }).fill('');
  });

  it('opens product links only through the allowlist', async () => {
    const { page } = h;
    await goTo(page, 'integrations');
    const link = page.getByRole('button', { name: /^Marketplace page of / }).first();
    const name = ((await link.getAttribute('aria-label')) ?? '').replace('Marketplace page of ', '');
    const region = ((await page.getByTestId('integrations-region').textContent()) ?? '').trim();
    const product = buildProducts(region, 200).find((p) => p.ProductName === name);
    expect(product?.MarketplaceUrl).toBeTruthy();
    await link.click();
    const opened = await waitFor('the open request', () => h.opened.at(-1));
    expect(opened.url).toBe(product?.MarketplaceUrl);
    expect(opened.opened).toBe(checkExternalUrl(product?.MarketplaceUrl).allowed);

    // A vendor's own host is refused, and the page says so (looked up by its ARN: names repeat).
    const vendor = buildProducts(region, 200).find(
      (p) => p.MarketplaceUrl && !checkExternalUrl(p.MarketplaceUrl).allowed,
    );
    expect(vendor).toBeDefined();
    const arnInput = page.getByTestId('product-arn').locator('input');
    await arnInput.fill(vendor?.ProductArn ?? '');
    await page.getByRole('button', { name: `Marketplace page of ${vendor?.ProductName}` }).click();
    await page.getByTestId('link-refused').waitFor();
    expect(h.opened.at(-1)).toMatchObject({ url: vendor?.MarketplaceUrl, opened: false });
    expect(await page.getByTestId('link-refused').textContent()).toContain(vendor?.MarketplaceUrl);
    await arnInput.fill('');
  });

  it('saves settings to the file the backend reads', async () => {
    const { page } = h;
    await goTo(page, 'settings');
    const toggle = page.getByTestId('settings-read-only').locator('input');
    await toggle.waitFor({ state: 'attached' });
    await h.screenshots('settings');
    expect(await toggle.isChecked()).toBe(false);
    await toggle.check({ force: true });
    await page.getByTestId('settings-save').click();
    await waitFor('the saved setting', () => openSettings({ cwd: h.settingsDir }).get().readOnly === true, 10_000);
    await toggle.uncheck({ force: true });
    await page.getByTestId('settings-save').click();
    await waitFor('the setting restored', () => openSettings({ cwd: h.settingsDir }).get().readOnly === false, 10_000);
  });

  it('refuses every call from the same app served on another origin', async () => {
    const foreign = await startStaticServer(RENDERER_DIR);
    const other = await h.context.newPage();
    try {
      const before = h.ipc.length;
      await other.goto(foreign.url);
      await other.getByTestId('profiles-error').waitFor({ timeout: 30_000 });
      const calls = h.ipc.slice(before).filter((c) => c.frameUrl.startsWith(foreign.url));
      expect(calls.length).toBeGreaterThan(0);
      for (const c of calls) expect(c.result).toMatchObject({ ok: false, error: { kind: 'forbidden-sender' } });
      expect(path.isAbsolute(RENDERER_DIR)).toBe(true);
    } finally {
      await other.close();
      await foreign.close();
    }
  });
});
