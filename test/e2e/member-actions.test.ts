/**
 * The demo as a user meets it, in one browser session: first start, the MFA prompt, every row's
 * state, then the member-side actions (accept, decline, disassociate with and without confirming,
 * an Organizations refusal) checked in the page AND in the emulator's state and request log.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HARNESS_REGIONS, type Harness, startHarness } from './harness';
import {
  answerMfa,
  cutTexts,
  DEMO_MFA_CODES,
  DEMO_PROFILES,
  goTo,
  hubCalls,
  overviewCell,
  overviewRow,
  refreshFinished,
  waitFor,
} from './helpers';

interface MemberSideJson {
  accountId: string;
  region: string;
  administrator: { accountId: string } | null;
  invitations: { accountId: string; memberStatus: string }[];
}
function memberSide(h: Harness, accountId: string, region: string): MemberSideJson | undefined {
  const state = h.emulator.state() as { memberSides: MemberSideJson[] };
  return state.memberSides.find((s) => s.accountId === accountId && s.region === region);
}

describe('first start and member actions (demo scenario)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ overviewPageSize: 100 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('asks for the MFA code once, in a modal, and the profile then reads fine', async () => {
    const { page } = h;
    const modal = page.getByTestId('mfa-modal');
    await modal.waitFor();
    await expect.poll(() => modal.textContent()).toContain('arn:aws:iam::111111111111:mfa/alice');
    expect(await modal.textContent()).toContain('mfa-audit');
    await h.screenshots('mfa-modal');
    await answerMfa(page, DEMO_MFA_CODES[0]!);

    const finished = await refreshFinished(h);
    expect(h.events.filter((e) => e.type === 'mfa-prompt')).toHaveLength(1);
    expect(finished.cancelled).toBe(false);
    // The role behind the MFA device is read in every enabled region.
    for (const region of ['us-east-1', 'eu-west-1', 'ap-southeast-2']) {
      await expect.poll(() => overviewRow(page, 'mfa-audit', region).textContent()).toContain('777777777777');
    }
    const sts = h.emulator.requestLog().filter((e) => e.service === 'sts');
    // One code, exchanged once: STS refuses a code used twice.
    expect(sts.filter((e) => e.operation === 'GetSessionToken' && e.status === 200)).toHaveLength(1);
  });

  it('lists every demo profile in every configured region', async () => {
    const { page } = h;
    for (const profile of DEMO_PROFILES) {
      for (const region of HARNESS_REGIONS) {
        await expect(page.getByTestId(`row-${profile}|${region}`).count(), `${profile} ${region}`).resolves.toBe(1);
      }
    }
    const expected = DEMO_PROFILES.length * HARNESS_REGIONS.length;
    await expect.poll(() => page.getByTestId('overview-table').locator('h1').textContent()).toContain(`(${expected})`);
    // Account ids from the emulator, not from the config: admin in us-east-1 is 111111111111.
    expect(await overviewRow(page, 'admin', 'us-east-1').textContent()).toContain('111111111111');
    // Every kind of credential reaches its account: static, role, MFA role, SSO, credential_process.
    // Each with its name beside it once the names pass after the rows is over (an IAM alias, the
    // organization's name before the portal's).
    for (const [profile, account] of [
      ['sandbox-role', '666666666666 acme-sandbox'],
      ['sso-dev', '888888888888 Developers'],
      ['proc-ops', '999999999999 acme-operations'],
    ]) {
      await expect.poll(() => overviewCell(page, profile!, 'us-east-1', 'Account'), { message: profile }).toBe(account);
      expect(await overviewCell(page, profile!, 'us-east-1', 'Security Hub CSPM'), profile).toBe('On');
    }
    // The opt-in region is enabled only for 111111111111 (whose hub is off there).
    // The cell also offers Enable Security Hub CSPM where the hub is off.
    expect(await overviewCell(page, 'admin', 'af-south-1', 'Security Hub CSPM')).toMatch(/^Off/);
    expect(await overviewRow(page, 'member-pending', 'af-south-1').textContent()).toContain('Region not enabled');
    // The inviting administrator is named too, and trusted (the first refresh seeded it): no mark.
    const pending = await overviewCell(page, 'member-pending', 'us-east-1', 'Pending invitations');
    expect(pending).toContain('from 111111111111 Security Tooling');
    expect(pending).not.toContain('not trusted');
    const namesCalls: Record<string, number> = {};
    for (const e of h.emulator.requestLog()) {
      if (!['iam', 'organizations', 'sso'].includes(e.service) || e.operation === 'GetRoleCredentials') continue;
      const key = `${e.operation}${e.errorCode ? ` (${e.errorCode})` : ''}`;
      namesCalls[key] = (namesCalls[key] ?? 0) + 1;
    }
    // One alias per account, one portal list, one organization listing: never one per row.
    expect(namesCalls.ListAccountAliases ?? 0).toBeLessThanOrEqual(DEMO_PROFILES.length);
    console.log(`Account names, first refresh of the demo: ${JSON.stringify(namesCalls)}`);
    await h.screenshots('overview');
    // Nothing in the table is cut, at 1440 px (the harness) and at 1280 px.
    const cut1440 = await cutTexts(page, 'overview-table');
    await page.setViewportSize({ width: 1280, height: 900 });
    await h.screenshots('overview-1280');
    const cut1280 = await cutTexts(page, 'overview-table');
    await page.setViewportSize({ width: 1440, height: 900 });
    expect({ cut1440, cut1280 }).toEqual({ cut1440: [], cut1280: [] });
    expect(h.pageErrors).toEqual([]);
    expect(h.dispatchErrors).toEqual([]);
  });

  it('shows Security Hub off where it is off (hub-off in eu-west-1)', async () => {
    const { page } = h;
    expect(await overviewCell(page, 'hub-off', 'eu-west-1', 'Security Hub CSPM')).toMatch(/^Off/);
    expect(await overviewCell(page, 'hub-off', 'ap-southeast-2', 'Security Hub CSPM')).toMatch(/^Off/);
    expect(await overviewCell(page, 'hub-off', 'us-east-1', 'Security Hub CSPM')).toMatch(/^On/);
  });

  it('explains an SSO sign-in and copies the command through the main process', async () => {
    const { page } = h;
    const row = overviewRow(page, 'sso-signed-out', 'us-east-1');
    // The state cell opens a popover with the error's sentence, remedy and command.
    expect(await overviewCell(page, 'sso-signed-out', 'us-east-1', 'Security Hub CSPM')).toMatch(/^Error/);
    // Above the table, one banner for the session: one sign-in renews every profile on it.
    const banner = page.getByTestId('sign-in-expired-session');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('1 profile on sso-session expired-session needs sign-in');
    await row.getByTestId('error-sso-signed-out|us-east-1').click();
    const copy = page.getByRole('button', { name: 'Copy command aws sso login --sso-session expired-session' });
    await copy.waitFor();
    await copy.click();
    await waitFor('the command on the clipboard', () =>
      h.clipboard.includes('aws sso login --sso-session expired-session'),
    );
    expect(h.clipboard).toEqual(['aws sso login --sso-session expired-session']);
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => window.location.hash)).toMatch(/^(#\/overview)?$/);
  });

  it('accepts an invitation with one click: one call, new state, updated row', async () => {
    const { page } = h;
    expect(memberSide(h, '222222222222', 'us-east-1')?.administrator).toBeNull();
    await page.getByTestId('accept-member-pending|us-east-1|111111111111').click();
    await expect
      .poll(() => overviewCell(page, 'member-pending', 'us-east-1', 'Relationship'), { timeout: 30_000 })
      // The status and administrator, then the cell's Disassociate button.
      .toMatch(/^Enabled · 111111111111(Disassociate)?$/);
    expect(hubCalls(h, 'AcceptAdministratorInvitation')).toHaveLength(1);
    expect(hubCalls(h, 'AcceptAdministratorInvitation')[0]).toMatchObject({
      accountId: '222222222222',
      region: 'us-east-1',
      status: 200,
    });
    expect(memberSide(h, '222222222222', 'us-east-1')?.administrator?.accountId).toBe('111111111111');
    // The accepted invitation is no longer offered on the row.
    expect(await page.getByTestId('accept-member-pending|us-east-1|111111111111').count()).toBe(0);
  });

  it('declines an invitation after confirming', async () => {
    const { page } = h;
    await page.getByTestId('decline-member-pending|eu-west-1|111111111111').click();
    const modal = page.getByTestId('confirm-modal');
    await modal.waitFor();
    expect(await modal.textContent()).toContain('decline the invitation from administrator 111111111111 in eu-west-1');
    await h.screenshots('confirm-modal');
    await modal.getByTestId('confirm-ok').click();
    await waitFor('DeclineInvitations', () => hubCalls(h, 'DeclineInvitations').length === 1, 30_000);
    expect(hubCalls(h, 'DeclineInvitations')[0]).toMatchObject({ accountId: '222222222222', region: 'eu-west-1' });
    await expect
      .poll(() => page.getByTestId('decline-member-pending|eu-west-1|111111111111').count(), { timeout: 30_000 })
      .toBe(0);
    // The declined invitation stays listed at AWS, ended (Resigned); the app no longer offers it.
    expect((memberSide(h, '222222222222', 'eu-west-1')?.invitations ?? []).map((i) => i.memberStatus)).toEqual([
      'Resigned',
    ]);
  });

  it('sends nothing when a disassociation is cancelled, and disassociates when confirmed', async () => {
    const { page } = h;
    const button = page.getByTestId('disassociate-member-enabled|us-east-1');
    await button.click();
    const modal = page.getByTestId('confirm-modal');
    await modal.getByTestId('confirm-cancel').click();
    await modal.waitFor({ state: 'detached' });
    await page.waitForTimeout(300);
    expect(hubCalls(h, 'DisassociateFromAdministratorAccount')).toHaveLength(0);
    expect(memberSide(h, '333333333333', 'us-east-1')?.administrator?.accountId).toBe('111111111111');

    await button.click();
    await modal.getByTestId('confirm-ok').click();
    await waitFor('the disassociation', () => hubCalls(h, 'DisassociateFromAdministratorAccount').length === 1, 30_000);
    expect(hubCalls(h, 'DisassociateFromAdministratorAccount')[0]).toMatchObject({
      accountId: '333333333333',
      region: 'us-east-1',
      status: 200,
    });
    await expect.poll(() => page.getByTestId('disassociate-member-enabled|us-east-1').count()).toBe(0);
    expect(memberSide(h, '333333333333', 'us-east-1')?.administrator ?? null).toBeNull();
  });

  it('says an Organizations-enrolled account is managed by its organization, and offers no leave', async () => {
    const { page } = h;
    // Its read shows the membership came through AWS Organizations: no Disassociate, and nothing sent.
    const managed = page.getByTestId('org-managed-org-member|us-east-1');
    await expect.poll(() => managed.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await managed.first().textContent()).toContain('Managed by your organization');
    expect(await page.getByTestId('disassociate-org-member|us-east-1').count()).toBe(0);
    expect(memberSide(h, '444444444444', 'us-east-1')?.administrator?.accountId).toBe('111111111111');
  });

  it('records every action in the activity log page', async () => {
    const { page } = h;
    await goTo(page, 'activity');
    const table = page.getByTestId('activity-table');
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    const text = (await table.textContent()) ?? '';
    for (const word of ['accept', 'decline', 'disassociate']) expect(text.toLowerCase()).toContain(word);
    // The Overview's messages stayed on the Overview.
    expect(await page.getByTestId('flashes').textContent()).not.toContain('org-member');
    await h.screenshots('activity');
    expect(await cutTexts(page, 'activity-table')).toEqual([]);

    // Export goes through main's save dialog (a fake returning a temp path) and writes the file there.
    await page.getByTestId('export-activity-csv').click();
    const saved = await waitFor('the exported file', () => {
      const file = h.savedPaths[0];
      return file && existsSync(file) ? readFileSync(file, 'utf8') : null;
    });
    expect(saved.split('\n')[0]?.toLowerCase()).toContain('action');
    for (const action of ['accept', 'decline', 'disassociate']) expect(saved).toContain(action);
    expect(saved).toContain('222222222222');
  });

  it('shows a profile page with its regions', async () => {
    const { page } = h;
    await goTo(page, 'profile/admin');
    await page.getByTestId('profile-identity').waitFor();
    await page.getByRole('tab', { name: 'us-east-1' }).click();
    await page.getByTestId('members-us-east-1').waitFor();
    expect(await page.getByTestId('members-us-east-1').textContent()).toContain('333333333333');
    await h.screenshots('profile');
    expect(h.pageErrors).toEqual([]);
  });
});
