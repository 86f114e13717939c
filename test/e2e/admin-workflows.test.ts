/**
 * Administrator workflows of the demo, in one browser session: a bulk accept from one chosen
 * administrator across several rows, the two-profile handshake (and its resumption), and turning
 * Security Hub on in a region where it is off — each checked in the page AND in the emulator's
 * state and request log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';
import { DEMO_MFA_CODES, finishRefreshAnsweringMfa, goTo, hubCalls, overviewCell, waitFor } from './helpers';

interface StateJson {
  accounts: { id: string; hubs: Record<string, string> }[];
  administrators: { accountId: string; region: string; members: { accountId: string; status: string }[] }[];
  memberSides: {
    accountId: string;
    region: string;
    administrator: { accountId: string } | null;
    invitations: { accountId: string; memberStatus: string }[];
  }[];
}
const stateOf = (h: Harness) => h.emulator.state() as unknown as StateJson;

function memberSide(h: Harness, accountId: string, region: string) {
  return stateOf(h).memberSides.find((s) => s.accountId === accountId && s.region === region);
}
function adminRecord(h: Harness, admin: string, member: string, region: string) {
  return stateOf(h)
    .administrators.find((a) => a.accountId === admin && a.region === region)
    ?.members.find((m) => m.accountId === member);
}

/** The text of each row of a Cloudscape table, keyed by its first two cells (profile|region or region|step). */
async function tableRows(h: Harness, testId: string): Promise<Map<string, string[]>> {
  const rows = await h.page
    .getByTestId(testId)
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => (td.textContent ?? '').trim())));
  return new Map(rows.map((cells) => [`${cells[0]}|${cells[1]}`, cells]));
}

/** Opens a Cloudscape Select / Multiselect (by its test id) and picks the option with this exact label. */
async function choose(h: Harness, testId: string, option: string): Promise<void> {
  await h.page.getByTestId(testId).locator('button').first().click();
  await h.page.getByRole('option', { name: option, exact: true }).click();
}

describe('administrator workflows (demo scenario)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    // The first refresh asks for mfa-audit's code; answer it so every row is read.
    await finishRefreshAnsweringMfa(h, 1, DEMO_MFA_CODES);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('accepts from ONE administrator across the selected rows, with a result per row', async () => {
    const { page } = h;
    h.emulator.clearLog();
    const selected: [string, string][] = [
      ['member-pending', 'us-east-1'],
      ['member-pending', 'eu-west-1'],
      ['hub-off', 'us-east-1'],
      ['sso-signed-out', 'us-east-1'],
    ];
    for (const [profile, region] of selected) {
      await page.getByRole('checkbox', { name: `Select ${profile} in ${region}`, exact: true }).check();
    }
    await page.getByTestId('bulk-accept').click();
    const modal = page.getByTestId('bulk-modal');
    await modal.getByTestId('bulk-run').waitFor();
    // The only administrator with pending invitations in these rows is offered (and chosen).
    expect(await modal.getByTestId('bulk-administrator').textContent()).toContain('111111111111');
    expect(await modal.getByTestId('bulk-run').textContent()).toBe('Accept in 4 rows');
    await modal.getByTestId('bulk-run').click();

    await modal.getByTestId('bulk-results').waitFor({ timeout: 30_000 });
    const results = await tableRows(h, 'bulk-results');
    expect([...results.keys()].sort()).toEqual(selected.map(([p, r]) => `${p}|${r}`).sort());
    // Columns: profile, region, account, result, message.
    expect(results.get('member-pending|us-east-1')?.slice(2, 4)).toEqual(['222222222222', 'done']);
    expect(results.get('member-pending|eu-west-1')?.slice(2, 4)).toEqual(['222222222222', 'done']);
    // hub-off has its hub on in us-east-1 and an invitation there: accepted like the others.
    expect(results.get('hub-off|us-east-1')?.slice(2, 4)).toEqual(['555555555555', 'done']);
    const sso = results.get('sso-signed-out|us-east-1') ?? [];
    expect(sso[3]).toMatch(/^(failed|refused)$/);
    expect(sso[4]).toContain('SSO sign-in');
    expect(sso[4]).toContain('aws sso login --sso-session expired-session');
    expect(await modal.getByTestId('bulk-progress').textContent()).toContain('in 3 of 4 rows');
    await h.screenshots('bulk');

    // Exactly one accept per accepted account-region, all for 111111111111's invitations.
    const accepts = hubCalls(h, 'AcceptAdministratorInvitation');
    expect(accepts.map((e) => `${e.accountId}/${e.region}/${e.status}`).sort()).toEqual([
      '222222222222/eu-west-1/200',
      '222222222222/us-east-1/200',
      '555555555555/us-east-1/200',
    ]);
    expect(hubCalls(h, 'AcceptInvitation')).toEqual([]);
    expect(hubCalls(h, 'DeclineInvitations')).toEqual([]);
    for (const [account, region] of [
      ['222222222222', 'us-east-1'],
      ['222222222222', 'eu-west-1'],
      ['555555555555', 'us-east-1'],
    ] as const) {
      expect(memberSide(h, account, region)?.administrator?.accountId, `${account} ${region}`).toBe('111111111111');
      expect(adminRecord(h, '111111111111', account, region)?.status, `${account} ${region}`).toBe('Enabled');
    }

    await modal.getByRole('button', { name: 'Close', exact: true }).click();
    await modal.waitFor({ state: 'detached' });
    // The answered rows are read again and now show their administrator.
    await expect
      .poll(() => overviewCell(page, 'hub-off', 'us-east-1', 'Relationship'), { timeout: 30_000 })
      // The status and administrator, then the cell's Disassociate button.
      .toMatch(/^Enabled · 111111111111(Disassociate)?$/);
    expect(h.dispatchErrors).toEqual([]);
  });

  it('runs the handshake between two local profiles, then skips every step on a second run', async () => {
    const { page } = h;
    h.emulator.clearLog();
    // proc-ops (999999999999) is "Created, not invited" by admin in us-east-1: create is skipped.
    expect(adminRecord(h, '111111111111', '999999999999', 'us-east-1')?.status).toBe('Created');
    await goTo(page, 'handshake');
    await choose(h, 'handshake-administrator', 'admin');
    await choose(h, 'handshake-member', 'proc-ops');
    await choose(h, 'handshake-regions', 'us-east-1');
    await page.keyboard.press('Escape');
    const run = page.getByTestId('handshake-run');
    await run.click();

    const steps = page.getByTestId('handshake-steps');
    const statuses = async () =>
      [...(await tableRows(h, 'handshake-steps')).values()].map((cells) => `${cells[1]}: ${cells[2]}`);
    await expect
      .poll(statuses, { timeout: 30_000 })
      .toEqual(['Add as member (administrator): skipped', 'Invite (administrator): done', 'Accept (member): done']);
    await waitFor(
      'the run to end',
      async () => !(await run.getAttribute('aria-disabled')) && !(await run.isDisabled()),
    );
    expect(await steps.textContent()).toContain('already a member of 111111111111 (Created)');
    await h.screenshots('handshake');

    expect(hubCalls(h, 'CreateMembers')).toEqual([]);
    expect(hubCalls(h, 'InviteMembers').map((e) => `${e.accountId}/${e.region}/${e.status}`)).toEqual([
      '111111111111/us-east-1/200',
    ]);
    expect(hubCalls(h, 'AcceptAdministratorInvitation').map((e) => `${e.accountId}/${e.region}/${e.status}`)).toEqual([
      '999999999999/us-east-1/200',
    ]);
    // Enabled on both sides.
    expect(adminRecord(h, '111111111111', '999999999999', 'us-east-1')?.status).toBe('Enabled');
    expect(memberSide(h, '999999999999', 'us-east-1')?.administrator?.accountId).toBe('111111111111');

    // Running it again changes nothing: every step is reported skipped and no write is sent.
    h.emulator.clearLog();
    await run.click();
    await expect
      .poll(statuses, { timeout: 30_000 })
      .toEqual([
        'Add as member (administrator): skipped',
        'Invite (administrator): skipped',
        'Accept (member): skipped',
      ]);
    const writes = ['CreateMembers', 'InviteMembers', 'AcceptAdministratorInvitation', 'AcceptInvitation'];
    expect(hubCalls(h).filter((e) => writes.includes(e.operation))).toEqual([]);
    expect(h.dispatchErrors).toEqual([]);
  });

  it('enables Security Hub where it is off, after showing the billing note', async () => {
    const { page } = h;
    h.emulator.clearLog();
    await goTo(page, 'overview');
    await page.getByTestId('overview-table').waitFor();
    expect(await overviewCell(page, 'hub-off', 'eu-west-1', 'Security Hub CSPM')).toMatch(/^Off/);
    await page.getByRole('button', { name: 'Enable Security Hub CSPM for hub-off in eu-west-1' }).click();

    const modal = page.getByTestId('enable-hub-modal');
    await modal.waitFor();
    expect(await modal.textContent()).toContain('555555555555 in eu-west-1');
    expect(await modal.getByTestId('enable-hub-billing').textContent()).toContain('billed per account and per region');
    // Default standards stay off unless asked for.
    expect(await modal.getByRole('checkbox').isChecked()).toBe(false);
    await h.screenshots('enable-hub');
    // Nothing is sent while the question is open.
    expect(hubCalls(h, 'EnableSecurityHub')).toEqual([]);

    await modal.getByTestId('enable-hub-confirm').click();
    await modal.waitFor({ state: 'detached', timeout: 30_000 });
    await expect
      .poll(() => overviewCell(page, 'hub-off', 'eu-west-1', 'Security Hub CSPM'), { timeout: 30_000 })
      .toMatch(/^On/);
    expect(await page.getByTestId('enable-hub-hub-off|eu-west-1').count()).toBe(0);
    expect(hubCalls(h, 'EnableSecurityHub').map((e) => `${e.accountId}/${e.region}/${e.status}`)).toEqual([
      '555555555555/eu-west-1/200',
    ]);
    const hubs = stateOf(h).accounts.find((a) => a.id === '555555555555')?.hubs ?? {};
    expect(Object.keys(hubs).sort()).toEqual(['eu-west-1', 'us-east-1']);
    // The other off region is untouched.
    expect(await overviewCell(page, 'hub-off', 'ap-southeast-2', 'Security Hub CSPM')).toMatch(/^Off/);
    expect(h.pageErrors).toEqual([]);
    expect(h.dispatchErrors).toEqual([]);
  });

  it('adds members with a partial failure and gives the reason per account', async () => {
    const { page } = h;
    h.emulator.clearLog();
    await goTo(page, 'profile/admin');
    await page.getByTestId('profile-identity').waitFor();
    await page.getByRole('tab', { name: 'us-east-1' }).click();
    await page.getByTestId('members-add-us-east-1').click();
    const modal = page.getByTestId('add-members-modal');
    const accounts = modal.getByRole('textbox', { name: 'Accounts to add', exact: true });
    // A malformed line is caught before anything is sent.
    await accounts.fill('123456789012\n12345');
    await expect.poll(() => modal.textContent()).toContain('Not an account id (and optional email): 12345');
    expect(await modal.getByTestId('add-members-submit').isDisabled()).toBe(true);
    // Its own account in the list: the whole batch is refused before any call, and the modal stays.
    await accounts.fill('123456789012\n111111111111');
    await modal.getByTestId('add-members-submit').click();
    const flashes = page.getByTestId('flashes');
    await expect
      .poll(() => flashes.textContent(), { timeout: 30_000 })
      .toContain("Account 111111111111 is this profile's own account");
    expect(hubCalls(h, 'CreateMembers')).toEqual([]);
    expect(await modal.isVisible()).toBe(true);
    // A new account and an Enabled member: AWS processes the first and says why not the second.
    await accounts.fill('123456789012\n333333333333');
    await modal.getByTestId('add-members-submit').click();
    await modal.waitFor({ state: 'detached', timeout: 30_000 });
    await expect.poll(() => flashes.textContent(), { timeout: 30_000 }).toContain('Not processed: 333333333333: ');
    const text = (await flashes.textContent()) ?? '';
    expect(text).toContain('AWS did not process 1');
    expect(text).not.toContain('123456789012:');
    await h.screenshots('add-members-partial');

    expect(hubCalls(h, 'CreateMembers').map((e) => `${e.accountId}/${e.region}/${e.status}`)).toEqual([
      '111111111111/us-east-1/200',
    ]);
    expect(adminRecord(h, '111111111111', '123456789012', 'us-east-1')?.status).toBe('Created');
    expect(adminRecord(h, '111111111111', '333333333333', 'us-east-1')?.status).toBe('Enabled');
    expect(h.dispatchErrors).toEqual([]);
  });
});
