/**
 * Signing in from the window: the expired session's banner → Sign in → waiting (the code, or
 * "continue in your browser") → approved through the emulator's control API → the rows of the
 * session load by themselves, and the profile page says until when it is signed in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';
import { DEMO_MFA_CODES, finishRefreshAnsweringMfa, goTo, overviewCell, waitFor } from './helpers';

const BANNER = 'sign-in-expired-session';
const BUTTON = 'sso-sign-in-session-expired-session';

async function approve(h: Harness, id?: string): Promise<number> {
  const res = await fetch(`${h.emulator.url}/__emulator/sso/approve`, {
    method: 'POST',
    body: JSON.stringify(id ? { id } : {}),
  });
  return ((await res.json()) as { answered: number }).answered;
}

describe('signing in to IAM Identity Center from the banner', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ settings: { defaultRegions: ['us-east-1'] } });
    // The test answers each sign-in itself, through the control API.
    h.emulator.signIn().settings.autoApprove = false;
    await finishRefreshAnsweringMfa(h, 1, DEMO_MFA_CODES);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('with a code: shows it, and the rows load once it is approved', async () => {
    const { page } = h;
    const banner = page.getByTestId(BANNER);
    await banner.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId(`${BUTTON}-start`).textContent()).toContain('Sign in (1 profile)');
    expect(await overviewCell(page, 'sso-signed-out', 'us-east-1', 'Account')).not.toContain('888888888888');

    await page.getByTestId(`${BUTTON}-device`).click();
    const code = page.getByTestId(`${BUTTON}-code`);
    await code.waitFor({ timeout: 15_000 });
    const shown = (await code.textContent())?.trim() ?? '';
    expect(shown).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    const pending = h.emulator
      .signIn()
      .pending()
      .filter((a) => a.answer === 'pending');
    expect(pending.map((a) => a.userCode)).toEqual([shown]);
    await h.screenshots('sso-sign-in-code');

    expect(await approve(h)).toBe(1);
    await waitFor('the banner to go', async () => (await page.getByTestId(BANNER).count()) === 0, 30_000);
    await waitFor(
      'the signed-in row',
      async () => (await overviewCell(page, 'sso-signed-out', 'us-east-1', 'Account'))?.includes('888888888888'),
      30_000,
    );
  });

  it('in the browser: "continue in your browser", Cancel, then a sign-in approved in the browser', async () => {
    const { page } = h;
    // Sign out again so the session's banner comes back.
    await h.backend.handlers['sso:sign-out']({ target: { ssoSession: 'expired-session' } });
    await page.getByTestId('refresh').click();
    await finishRefreshAnsweringMfa(h, 3, DEMO_MFA_CODES.slice(1));
    await page.getByTestId(BANNER).waitFor({ timeout: 30_000 });

    await page.getByTestId(`${BUTTON}-start`).click();
    const waiting = page.getByTestId(`${BUTTON}-waiting`);
    await waiting.waitFor({ timeout: 15_000 });
    await waitFor('the browser wait', async () => (await waiting.textContent())?.includes('Continue in your browser'));
    await h.screenshots('sso-sign-in-browser');
    await page.getByTestId(`${BUTTON}-cancel`).click();
    await waitFor('the cancellation', async () =>
      (await page.getByTestId(BANNER).textContent())?.includes('Sign-in cancelled'),
    );

    await page.getByTestId(`${BUTTON}-start`).click();
    await page.getByTestId(`${BUTTON}-waiting`).waitFor({ timeout: 15_000 });
    const authorize = new URL(h.signInPages.at(-1)!.url);
    expect(authorize.origin).toBe(new URL(h.emulator.url).origin);
    expect(h.signInPages.at(-1)!.allowedOrigins).toContain('https://d-90670emul8.awsapps.com');
    // The cancelled sign-in's page is still open in the "browser" (pending): answer the new one.
    const latest = await waitFor('the browser to reach /authorize', () =>
      h.emulator
        .signIn()
        .pending()
        .filter((a) => a.kind === 'browser' && a.answer === 'pending')
        .at(1),
    );
    expect(await approve(h, latest.id)).toBe(1);
    await waitFor('the banner to go', async () => (await page.getByTestId(BANNER).count()) === 0, 30_000);

    await goTo(page, 'profile/sso-signed-out');
    const until = page.getByTestId('sso-signed-in-until');
    await until.waitFor({ timeout: 15_000 });
    expect(await until.textContent()).toContain('Signed in until');
  });
});
