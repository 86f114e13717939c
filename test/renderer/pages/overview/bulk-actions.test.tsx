import createWrapper from '@cloudscape-design/components/test-utils/dom';
import type { QueryClient } from '@tanstack/react-query';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../../../renderer/src/app/App';
import { isHubOffError } from '../../../../renderer/src/lib/errors';
import { HandshakePage } from '../../../../renderer/src/pages/HandshakePage';
import { administratorsOf } from '../../../../renderer/src/pages/overview/BulkActions';
import { OverviewPage } from '../../../../renderer/src/pages/overview/OverviewPage';
import { ProfilePage } from '../../../../renderer/src/pages/profile/ProfilePage';
import { demoRows, demoSettings, error, snapshot } from '../../support/demo-data';
import { createFakeApi } from '../../support/fake-api';
import { renderWithApi } from '../../support/render';

const rowOf = (key: string) => screen.getByTestId(`row-${key}`).closest('tr') as HTMLElement;
const choose = (profile: string, region: string) =>
  fireEvent.click(
    within(rowOf(`${profile}|${region}`)).getByRole('checkbox', { name: `Select ${profile} in ${region}` }),
  );

describe('Bulk answers on the Overview', () => {
  it('answers only the chosen administrator in the selected rows, with progress and a result per row', async () => {
    const rows = demoRows();
    // A second administrator with a pending invitation in one of the selected rows.
    const second = rows.find((r) => r.profile === 'member-pending' && r.region === 'eu-west-1');
    second?.pendingInvitations.push({
      accountId: '888888888888',
      invitationId: 'inv-888',
      invitedAt: null,
      memberStatus: 'Invited',
    });
    const fake = createFakeApi({ cached: rows, rows });
    renderWithApi(<OverviewPage />, { fake });
    await screen.findByTestId('row-member-pending|us-east-1');
    const accept = screen.getByTestId('bulk-accept');
    expect(accept.getAttribute('aria-disabled')).toBe('true');
    choose('member-pending', 'us-east-1');
    choose('member-pending', 'eu-west-1');
    choose('member-enabled', 'us-east-1');
    await waitFor(() => expect(accept.getAttribute('aria-disabled')).toBeNull());
    fireEvent.click(accept);
    const modal = await screen.findByTestId('bulk-modal');
    const run = within(modal).getByTestId('bulk-run');
    expect(run.getAttribute('aria-disabled') ?? (run as HTMLButtonElement).disabled.toString()).toBeTruthy();
    const select = createWrapper(modal).findSelect('[data-testid="bulk-administrator"]')!;
    select.openDropdown();
    const options = select
      .findDropdown()
      .findOptions()
      .map((o) => o.getElement().textContent);
    // The administrator pending in most rows first; every option says where it is pending.
    expect(options[0]).toContain('111111111111');
    expect(options[0]).toContain('pending in 2 selected rows');
    expect(options[1]).toContain('888888888888');
    select.selectOptionByValue('111111111111');
    fireEvent.click(within(modal).getByTestId('bulk-run'));
    await waitFor(() =>
      expect(fake.callsOf('runBulk')).toEqual([
        {
          action: 'accept',
          administratorId: '111111111111',
          rows: [
            { profile: 'member-enabled', region: 'us-east-1' },
            { profile: 'member-pending', region: 'eu-west-1' },
            { profile: 'member-pending', region: 'us-east-1' },
          ],
        },
      ]),
    );
    const results = await within(modal).findByTestId('bulk-results');
    expect(within(modal).getByTestId('bulk-progress').textContent).toContain('3 of 3 rows');
    const resultRows = within(results)
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(resultRows.some((t) => t?.includes('member-enabled') && t.includes('skipped'))).toBe(true);
    expect(resultRows.filter((t) => t?.includes('done'))).toHaveLength(2);
    // In the progress bar and in the message.
    expect((await screen.findAllByText('Answered 2 of 3 rows.')).length).toBeGreaterThan(0);
    // The rows that changed are read again.
    await waitFor(() => expect(fake.callsOf('startRefresh').length).toBeGreaterThanOrEqual(3));
  });

  it('lists the administrators of the selected rows, most rows first', () => {
    const rows = demoRows();
    expect(administratorsOf(rows)).toEqual([{ accountId: '111111111111', rows: 2 }]);
    expect(administratorsOf([])).toEqual([]);
  });

  it('is off in read-only mode', async () => {
    renderWithApi(<OverviewPage />, { state: { cached: demoRows(), settings: { ...demoSettings(), readOnly: true } } });
    await screen.findByTestId('row-member-pending|us-east-1');
    choose('member-pending', 'us-east-1');
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.getByTestId('bulk-accept').getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByTestId('bulk-decline').getAttribute('aria-disabled')).toBe('true');
  });
});

describe('Enable Security Hub', () => {
  it('is offered on a row where the hub is off, asks about the standards, says it is billed, and updates the row', async () => {
    const { fake } = renderWithApi(<OverviewPage />, { state: { cached: demoRows() } });
    await screen.findByTestId('row-hub-off|eu-west-1');
    expect(screen.queryByTestId('enable-hub-member-pending|us-east-1')).toBeNull();
    fireEvent.click(screen.getByTestId('enable-hub-hub-off|eu-west-1'));
    const modal = await screen.findByTestId('enable-hub-modal');
    expect(within(modal).getByTestId('enable-hub-billing').textContent).toMatch(/billed per account and per region/);
    fireEvent.click(within(modal).getByRole('checkbox'));
    fireEvent.click(within(modal).getByTestId('enable-hub-confirm'));
    await waitFor(() =>
      expect(fake.callsOf('enableHub')).toEqual([
        { profile: 'hub-off', region: 'eu-west-1', enableDefaultStandards: true },
      ]),
    );
    expect(await screen.findByText(/with the default security standards/)).toBeTruthy();
    await waitFor(() => expect(screen.queryByTestId('enable-hub-hub-off|eu-west-1')).toBeNull());
  });

  it('is offered when AWS refuses an accept because the hub is off', async () => {
    const fake = createFakeApi({ cached: demoRows() });
    const refusal = error('refused', 'Security Hub is off in us-east-1 for account 222222222222.', {
      awsCode: 'InvalidAccessException',
      remediation: 'Enable Security Hub in us-east-1 first, then try again.',
    });
    expect(isHubOffError(refusal)).toBe(true);
    expect(isHubOffError(error('refused', 'Something else.'))).toBe(false);
    fake.fail('acceptInvitation', refusal, 1);
    renderWithApi(<OverviewPage />, { fake });
    await screen.findByTestId('row-member-pending|us-east-1');
    fireEvent.click(screen.getByTestId('accept-member-pending|us-east-1|111111111111'));
    const offer = await screen.findByTestId('enable-hub-member-pending|us-east-1');
    fireEvent.click(offer);
    expect(await screen.findByTestId('enable-hub-modal')).toBeTruthy();
  });
});

describe('Invite and accept (handshake)', () => {
  async function fill(client: QueryClient, admin: string, member: string, regions: string[]) {
    // Profiles and settings first: the selects have no options before them.
    await waitFor(() => expect(client.getQueryData(['profiles'])).toBeDefined());
    await waitFor(() => expect(client.getQueryData(['settings'])).toBeDefined());
    const body = createWrapper(document.body);
    const a = body.findSelect('[data-testid="handshake-administrator"]')!;
    a.openDropdown();
    a.selectOptionByValue(admin);
    const m = body.findSelect('[data-testid="handshake-member"]')!;
    m.openDropdown();
    m.selectOptionByValue(member);
    const r = body.findMultiselect('[data-testid="handshake-regions"]')!;
    // A multiselect stays open while options are picked.
    r.openDropdown();
    for (const region of regions) r.selectOptionByValue(region);
  }

  it('runs in the chosen regions, shows each step, and says how to resume after a failure', async () => {
    const { fake, client } = renderWithApi(<HandshakePage />, { state: { handshakeFailRegion: 'eu-west-1' } });
    await fill(client, 'admin', 'member-pending', ['us-east-1', 'eu-west-1']);
    const run = screen.getByTestId('handshake-run');
    await waitFor(() => expect(run.getAttribute('aria-disabled')).toBeNull());
    fireEvent.click(run);
    await waitFor(() =>
      expect(fake.callsOf('runHandshake')).toEqual([
        { administratorProfile: 'admin', memberProfile: 'member-pending', regions: ['us-east-1', 'eu-west-1'] },
      ]),
    );
    const steps = await screen.findByTestId('handshake-steps');
    await waitFor(() => expect(within(steps).getAllByRole('row')).toHaveLength(7));
    expect(steps.textContent).toContain('Accept (member)');
    expect(steps.textContent).toContain('Security Hub is off in eu-west-1. Enable it first.');
    expect(screen.getByTestId('handshake-stopped').textContent).toMatch(/run again/);
  });

  it('needs two different profiles and a region', async () => {
    const { client } = renderWithApi(<HandshakePage />);
    await fill(client, 'admin', 'admin', ['us-east-1']);
    const run = screen.getByTestId('handshake-run');
    await new Promise((r) => setTimeout(r, 20));
    expect(run.getAttribute('aria-disabled')).toBe('true');
  });
});

describe('Add members from a CSV file', () => {
  it('fills the accounts read in main and lists the lines that could not be used', async () => {
    const fake = createFakeApi({
      cached: demoRows(),
      csvImport: {
        path: '/home/user/members.csv',
        accounts: [{ accountId: '123456789012', email: 'a@example.com' }, { accountId: '210987654321' }],
        errors: [{ line: 4, message: '"12345" is not a 12-digit AWS account id.' }],
      },
    });
    renderWithApi(<ProfilePage profile="admin" />, { fake });
    fireEvent.click(await screen.findByRole('tab', { name: 'us-east-1' }));
    fireEvent.click(await screen.findByTestId('members-add-us-east-1'));
    const modal = await screen.findByTestId('add-members-modal');
    fireEvent.click(within(modal).getByTestId('add-members-import'));
    const result = await within(modal).findByTestId('add-members-import-result');
    expect(result.textContent).toContain('2 account(s) read from /home/user/members.csv');
    expect(result.textContent).toContain('Line 4: "12345" is not a 12-digit AWS account id.');
    const textarea = modal.querySelector('textarea') as HTMLTextAreaElement;
    expect(textarea.value).toBe('123456789012,a@example.com\n210987654321');
    fireEvent.click(within(modal).getByTestId('add-members-submit'));
    await waitFor(() =>
      expect(fake.callsOf('createMembers')).toEqual([
        {
          profile: 'admin',
          region: 'us-east-1',
          accounts: [{ accountId: '123456789012', email: 'a@example.com' }, { accountId: '210987654321' }],
        },
      ]),
    );
  });

  it('changes nothing when the file dialog is cancelled', async () => {
    const fake = createFakeApi({ cached: demoRows() });
    renderWithApi(<ProfilePage profile="admin" />, { fake });
    fireEvent.click(await screen.findByRole('tab', { name: 'us-east-1' }));
    fireEvent.click(await screen.findByTestId('members-add-us-east-1'));
    const modal = await screen.findByTestId('add-members-modal');
    fireEvent.click(within(modal).getByTestId('add-members-import'));
    await waitFor(() => expect(fake.callsOf('importMembersCsv')).toHaveLength(1));
    expect(within(modal).queryByTestId('add-members-import-result')).toBeNull();
    expect((modal.querySelector('textarea') as HTMLTextAreaElement).value).toBe('');
  });
});

describe('Background watch', () => {
  it('shows the changes the main process found, and runs no auto-refresh timer of its own', async () => {
    const settings = { ...demoSettings(), autoRefreshMinutes: 1 };
    const fake = createFakeApi({ settings, rows: [snapshot('admin', 'us-east-1')] });
    renderWithApi(<App />, { fake });
    await screen.findByTestId('row-admin|us-east-1');
    await waitFor(() => expect(fake.callsOf('startRefresh')).toHaveLength(1));
    act(() =>
      fake.emit({
        type: 'watch-change',
        pendingCount: 3,
        changes: [
          {
            kind: 'new-invitation',
            profile: 'sandbox',
            region: 'us-east-1',
            accountId: '666666666666',
            otherAccountId: '111111111111',
            before: null,
            after: 'Invited',
            message: 'sandbox (666666666666) has a new invitation from 111111111111 in us-east-1.',
          },
        ],
      }),
    );
    expect((await screen.findAllByText('1 change since the last refresh')).length).toBeGreaterThan(0);
    expect(screen.getAllByText(/has a new invitation from 111111111111/).length).toBeGreaterThan(0);
    // The window leaves the timer to the main process: no second refresh from here.
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.callsOf('startRefresh')).toHaveLength(1);
  });
});
