import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { OverviewPage } from '../../../renderer/src/pages/overview/OverviewPage';
import { demoRows, demoSettings, error, snapshot } from '../support/demo-data';
import { createFakeApi } from '../support/fake-api';
import { renderWithApi } from '../support/render';

const fresh = { cached: demoRows() };
const row = (key: string) => screen.getByTestId(`row-${key}`).closest('tr') as HTMLElement;

async function renderOverview(fake = createFakeApi(fresh)) {
  const { client } = renderWithApi(<OverviewPage />, { fake });
  await screen.findByTestId('row-member-pending|us-east-1');
  // Settings decide confirmations and read-only mode: wait until they are in.
  await waitFor(() => expect(client.getQueryData(['settings'])).toBeDefined());
  return fake;
}

describe('Accept', () => {
  it('sends exactly one acceptInvitation with the right arguments and updates the row in place', async () => {
    const fake = createFakeApi(fresh);
    const release = fake.hold('acceptInvitation');
    await renderOverview(fake);
    const button = screen.getByRole('button', {
      name: 'Accept invitation from 111111111111 for member-pending in us-east-1',
    });
    fireEvent.click(button);
    fireEvent.click(button); // a double click must not send twice
    await waitFor(() => expect(fake.callsOf('acceptInvitation')).toHaveLength(1));
    expect(fake.callsOf('acceptInvitation')[0]).toEqual({
      service: 'securityhub',
      profile: 'member-pending',
      region: 'us-east-1',
      administratorId: '111111111111',
      invitationId: 'inv-222-use1',
    });
    release();
    expect(await screen.findByText('member-pending is now a member of 111111111111 in us-east-1.')).toBeTruthy();
    // The Overview draws a write of the rows in the background render that follows (OverviewPage).
    await waitFor(() => expect(within(row('member-pending|us-east-1')).getByText('Enabled')).toBeTruthy());
    expect(within(row('member-pending|us-east-1')).queryByText('from 111111111111')).toBeNull();
    expect(fake.callsOf('acceptInvitation')).toHaveLength(1);
    expect(screen.getByTestId('summary-pending').textContent).toBe('1 pending invitation from 1 administrator');
  });

  it('shows a failed accept with its message and remediation', async () => {
    const fake = createFakeApi(fresh);
    fake.fail(
      'acceptInvitation',
      error('service-off', 'Security Hub is off in us-east-1.', { remediation: 'Turn it on first.' }),
    );
    await renderOverview(fake);
    fireEvent.click(screen.getByTestId('accept-member-pending|us-east-1|111111111111'));
    expect(await screen.findByText('Security Hub is off in us-east-1.')).toBeTruthy();
    expect(screen.getByText('Turn it on first.')).toBeTruthy();
    expect(within(row('member-pending|us-east-1')).getByText('from 111111111111')).toBeTruthy();
  });
});

describe('Decline and Disassociate', () => {
  it('asks before declining, naming account, administrator and region; Cancel sends nothing', async () => {
    const fake = await renderOverview();
    fireEvent.click(screen.getByTestId('decline-member-pending|us-east-1|111111111111'));
    const modal = await screen.findByTestId('confirm-modal');
    expect(modal.textContent).toContain('222222222222');
    expect(modal.textContent).toContain('administrator 111111111111 in us-east-1');
    fireEvent.click(screen.getByTestId('confirm-cancel'));
    await waitFor(() => expect(screen.queryByTestId('confirm-modal')).toBeNull());
    expect(fake.callsOf('declineInvitation')).toHaveLength(0);
  });

  it('declines once when confirmed', async () => {
    const fake = await renderOverview();
    fireEvent.click(screen.getByTestId('decline-member-pending|eu-west-1|111111111111'));
    fireEvent.click(await screen.findByTestId('confirm-ok'));
    await waitFor(() => expect(fake.callsOf('declineInvitation')).toHaveLength(1));
    expect(fake.callsOf('declineInvitation')[0]).toEqual({
      service: 'securityhub',
      profile: 'member-pending',
      region: 'eu-west-1',
      administratorId: '111111111111',
    });
    expect(await screen.findByText('Declined the invitation from 111111111111.')).toBeTruthy();
    await waitFor(() => expect(within(row('member-pending|eu-west-1')).queryByText('from 111111111111')).toBeNull());
  });

  it('disassociates once after confirmation and says when the deprecated operation was used', async () => {
    const fake = await renderOverview();
    fireEvent.click(
      screen.getByRole('button', { name: 'Disassociate legacy-iam from administrator 111111111111 in us-east-1' }),
    );
    const modal = await screen.findByTestId('confirm-modal');
    expect(modal.textContent).toContain('333333333333');
    expect(modal.textContent).toContain('administrator 111111111111 in us-east-1');
    fireEvent.click(screen.getByTestId('confirm-ok'));
    await waitFor(() =>
      expect(fake.callsOf('disassociateFromAdministrator')).toEqual([
        { service: 'securityhub', profile: 'legacy-iam', region: 'us-east-1' },
      ]),
    );
    expect(await screen.findByText(/deprecated one was used/)).toBeTruthy();
    await waitFor(() => expect(within(row('legacy-iam|us-east-1')).queryByText('111111111111')).toBeNull());
  });

  it('sends at once, without a modal, when confirmations are off', async () => {
    const settings = { ...demoSettings(), confirmations: { decline: false, disassociate: false, adminActions: false } };
    const fake = await renderOverview(createFakeApi({ ...fresh, settings }));
    fireEvent.click(screen.getByTestId('disassociate-member-enabled|us-east-1'));
    await waitFor(() => expect(fake.callsOf('disassociateFromAdministrator')).toHaveLength(1));
    fireEvent.click(screen.getByTestId('decline-member-pending|us-east-1|111111111111'));
    await waitFor(() => expect(fake.callsOf('declineInvitation')).toHaveLength(1));
    expect(screen.queryByTestId('confirm-modal')).toBeNull();
  });
});

describe('Read-only mode', () => {
  it('disables every action and says why', async () => {
    const fake = await renderOverview(createFakeApi({ ...fresh, settings: { ...demoSettings(), readOnly: true } }));
    expect((await screen.findByTestId('read-only-alert')).textContent).toContain('Read-only mode is on');
    const accept = screen.getByTestId('accept-member-pending|us-east-1|111111111111');
    await waitFor(() => expect(accept.getAttribute('aria-disabled')).toBe('true'));
    for (const id of ['decline-member-pending|us-east-1|111111111111', 'disassociate-member-enabled|us-east-1']) {
      expect(screen.getByTestId(id).getAttribute('aria-disabled')).toBe('true');
    }
    fireEvent.click(accept);
    fireEvent.click(screen.getByTestId('disassociate-member-enabled|us-east-1'));
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.callsOf('acceptInvitation')).toHaveLength(0);
    expect(fake.callsOf('disassociateFromAdministrator')).toHaveLength(0);
    expect(screen.queryByTestId('confirm-modal')).toBeNull();
  });
});

describe('Row errors', () => {
  it('shows the message and remediation and copies the command through copyText', async () => {
    const fake = await renderOverview();
    const trigger = within(row('sso-signed-out|us-east-1')).getByRole('button', {
      name: 'Error details for sso-signed-out in us-east-1: The SSO session of sso-signed-out has expired.',
    });
    fireEvent.click(trigger);
    expect(await screen.findByText('Sign in again, then refresh.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Copy command aws sso login --sso-session expired-session' }));
    await waitFor(() =>
      expect(fake.callsOf('copyText')).toEqual([{ text: 'aws sso login --sso-session expired-session' }]),
    );
    expect(await screen.findByText('Copied')).toBeTruthy();
  });

  it('keeps the cell to a short status and puts the whole sentence in the popover', async () => {
    const notEnabled = snapshot('member-pending', 'af-south-1', {
      accountId: '222222222222',
      state: 'region-not-enabled',
      error: error('region-not-enabled', 'The account of profile "member-pending" has not enabled region af-south-1.', {
        remediation: 'Enable the region in the account settings, or remove it from Settings.',
      }),
    });
    await renderOverview(createFakeApi({ cached: [...demoRows(), notEnabled] }));
    const sso = within(row('sso-signed-out|us-east-1')).getByRole('button', {
      name: 'Error details for sso-signed-out in us-east-1: The SSO session of sso-signed-out has expired.',
    });
    expect(sso.textContent).toBe('Error: sign-in needed');
    expect(row('sso-signed-out|us-east-1').textContent).not.toContain('has expired');

    const cell = within(row('member-pending|af-south-1')).getByRole('button', {
      name: /^Error details for member-pending in af-south-1: The account of profile/,
    });
    expect(cell.textContent).toBe('Region not enabled');
    fireEvent.click(cell);
    const popover = await screen.findByText(
      'The account of profile "member-pending" has not enabled region af-south-1.',
    );
    expect(popover).toBeTruthy();
    expect(screen.getByText('Enable the region in the account settings, or remove it from Settings.')).toBeTruthy();
    // Security Hub switched off is a plain "Off" with its reason one click away.
    expect(
      within(row('hub-off|eu-west-1')).getByRole('button', { name: /^Error details for hub-off/ }).textContent,
    ).toBe('Off');
  });
});
