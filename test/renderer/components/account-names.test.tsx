/**
 * Names beside ids in the window (the Overview's rows and invitations, the profile page's
 * administrator, invitations and members), the "not trusted" mark on an invitation from an
 * administrator outside the trusted list, and accepting one only after a confirmation that names it.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../../renderer/src/app/App';
import { OverviewPage } from '../../../renderer/src/pages/overview/OverviewPage';
import { ProfilePage } from '../../../renderer/src/pages/profile/ProfilePage';
import { demoNames, demoRows, demoSettings } from '../support/demo-data';
import { createFakeApi } from '../support/fake-api';
import { renderWithApi } from '../support/render';

const row = (key: string) => screen.getByTestId(`row-${key}`).closest('tr') as HTMLElement;

async function overview(state: Parameters<typeof createFakeApi>[0] = {}) {
  const fake = createFakeApi({ cached: demoRows(), ...state });
  const { client } = renderWithApi(<OverviewPage />, { fake });
  await screen.findByTestId('row-member-pending|us-east-1');
  await waitFor(() => expect(client.getQueryData(['settings'])).toBeDefined());
  return fake;
}

describe('names beside ids', () => {
  it('the Overview names each row’s account and the inviting administrator, with the source on hover', async () => {
    await overview();
    const pending = row('member-pending|us-east-1');
    await waitFor(() => expect(within(pending).getByText(/globex-pending/)).toBeTruthy());
    expect(within(pending).getByText('from 111111111111')).toBeTruthy();
    const inviter = within(pending).getByText(/Security Tooling/);
    expect(inviter.closest('[title]')?.getAttribute('title')).toContain(
      'Security Tooling: AWS Organizations account name, listed by profile admin',
    );
    // A trusted administrator carries no mark.
    expect(within(pending).queryByText('not trusted')).toBeNull();
  });

  it('an administrator no profile here reaches and no source names is "not one of your accounts"', async () => {
    const names = demoNames();
    delete names.accounts['111111111111'];
    names.own = names.own.filter((id) => id !== '111111111111');
    await overview({ names });
    const pending = row('member-pending|us-east-1');
    await waitFor(() => expect(within(pending).getByText(/not one of your accounts/)).toBeTruthy());
  });

  it('the names that come after a refresh (the account-names event) replace the ones shown', async () => {
    const fake = createFakeApi({ cached: demoRows(), rows: demoRows() });
    renderWithApi(<App />, { fake });
    await waitFor(() => expect(within(row('member-enabled|us-east-1')).getByText(/globex-prod/)).toBeTruthy());
    const names = demoNames();
    names.accounts['333333333333'] = [
      { name: 'globex-production', source: 'iam-alias', via: 'member-enabled', at: '2026-12-01T00:00:00.000Z' },
    ];
    act(() => fake.emit({ type: 'account-names', names }));
    await waitFor(() => expect(within(row('member-enabled|us-east-1')).getByText(/globex-production/)).toBeTruthy());
  });

  it('the profile page names the administrator', async () => {
    renderWithApi(<ProfilePage profile="member-enabled" />, { state: { cached: demoRows() } });
    const admin = await screen.findByTestId('admin-panel-us-east-1');
    await waitFor(() => expect(admin.textContent).toContain('111111111111 Security Tooling'));
  });

  it('the profile page names the members', async () => {
    renderWithApi(<ProfilePage profile="admin" />, { state: { cached: demoRows() } });
    fireEvent.click(await screen.findByRole('tab', { name: 'us-east-1' }));
    const members = await screen.findByTestId('members-us-east-1');
    await waitFor(() => expect(members.textContent).toContain('Org Workload'));
    expect(members.textContent).toContain('acme-operations');
  });
});

describe('an invitation from an administrator not trusted', () => {
  const untrusted = { settings: { ...demoSettings(), trustedAdministrators: [] } };

  it('is marked "not trusted" in the Overview', async () => {
    await overview(untrusted);
    expect(within(row('member-pending|us-east-1')).getByText('not trusted')).toBeTruthy();
    // An administrator already a member's (member-enabled) is only shown, never marked.
    expect(within(row('member-enabled|us-east-1')).queryByText('not trusted')).toBeNull();
  });

  it('is marked on the profile page’s invitations', async () => {
    renderWithApi(<ProfilePage profile="member-pending" />, { state: { cached: demoRows(), ...untrusted } });
    const table = await screen.findByTestId('invitations-eu-west-1');
    await waitFor(() => expect(within(table).getByText('not trusted')).toBeTruthy());
    expect(table.textContent).toContain('Security Tooling');
  });

  it('is accepted only after a confirmation that names the account; Cancel sends nothing', async () => {
    const fake = await overview(untrusted);
    fireEvent.click(screen.getByTestId('accept-member-pending|us-east-1|111111111111'));
    const modal = await screen.findByTestId('confirm-modal');
    expect(modal.textContent).toContain('from an account you have not trusted: 111111111111 (Security Tooling)');
    expect(modal.textContent).toContain('222222222222 (profile member-pending) in us-east-1');
    fireEvent.click(screen.getByTestId('confirm-cancel'));
    await waitFor(() => expect(screen.queryByTestId('confirm-modal')).toBeNull());
    expect(fake.callsOf('acceptInvitation')).toHaveLength(0);

    fireEvent.click(screen.getByTestId('accept-member-pending|us-east-1|111111111111'));
    fireEvent.click(await screen.findByTestId('confirm-ok'));
    await waitFor(() => expect(fake.callsOf('acceptInvitation')).toHaveLength(1));
    expect(fake.callsOf('acceptInvitation')[0]).toEqual({
      service: 'securityhub',
      profile: 'member-pending',
      region: 'us-east-1',
      administratorId: '111111111111',
      invitationId: 'inv-222-use1',
      trustAdministrator: true,
    });
  });

  it('a trusted administrator is accepted with one click, without trustAdministrator', async () => {
    const fake = await overview();
    fireEvent.click(screen.getByTestId('accept-member-pending|us-east-1|111111111111'));
    await waitFor(() => expect(fake.callsOf('acceptInvitation')).toHaveLength(1));
    expect(screen.queryByTestId('confirm-modal')).toBeNull();
    expect(fake.callsOf('acceptInvitation')[0]).not.toHaveProperty('trustAdministrator');
  });
});
