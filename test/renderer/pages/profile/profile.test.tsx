import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ProfilesPage } from '../../../../renderer/src/pages/ProfilesPage';
import { ProfilePage } from '../../../../renderer/src/pages/profile/ProfilePage';
import { cachedRows, demoRows, error } from '../../support/demo-data';
import { createFakeApi } from '../../support/fake-api';
import { renderWithApi } from '../../support/render';

describe('Profile page', () => {
  it('shows loading, then identity and the administrator panel', async () => {
    const fake = createFakeApi({ cached: demoRows() });
    const release = fake.hold('cachedSnapshots');
    renderWithApi(<ProfilePage profile="member-enabled" />, { fake });
    expect(await screen.findByTestId('profile-loading')).toBeTruthy();
    release();
    const identity = await screen.findByTestId('profile-identity');
    expect(identity.textContent).toContain('333333333333');
    expect(identity.textContent).toContain('arn:aws:iam::333333333333:user/member');
    expect(identity.textContent).toContain('static');
    const admin = screen.getByTestId('admin-panel-us-east-1');
    expect(admin.textContent).toContain('111111111111');
    expect(admin.textContent).toContain('Enabled');
    expect(within(admin).getByRole('button', { name: /Disassociate member-enabled/ })).toBeTruthy();
  });

  it('lists pending invitations with Accept and Decline', async () => {
    const { fake } = renderWithApi(<ProfilePage profile="member-pending" />, { state: { cached: demoRows() } });
    const table = await screen.findByTestId('invitations-eu-west-1');
    expect(table.textContent).toContain('inv-222-euw1');
    fireEvent.click(
      within(table).getByRole('button', {
        name: 'Accept invitation from 111111111111 for member-pending in eu-west-1',
      }),
    );
    await waitFor(() => expect(fake.callsOf('acceptInvitation')).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId('admin-panel-eu-west-1').textContent).toContain('Enabled'));
  });

  it('lists members of an administrator, asks again with OnlyAssociated, and shows details', async () => {
    const { fake } = renderWithApi(<ProfilePage profile="admin" />, { state: { cached: demoRows() } });
    fireEvent.click(await screen.findByRole('tab', { name: 'us-east-1' }));
    const members = await screen.findByTestId('members-us-east-1');
    expect(members.textContent).toContain('999999999999');
    expect(members.textContent).toContain('Created');
    fireEvent.click(within(screen.getByTestId('only-associated-us-east-1')).getByRole('checkbox'));
    await waitFor(() =>
      expect(fake.callsOf('listMembers')).toEqual([
        { service: 'securityhub', profile: 'admin', region: 'us-east-1', onlyAssociated: true },
      ]),
    );
    await waitFor(() => expect(screen.getByTestId('members-us-east-1').textContent).not.toContain('999999999999'));
    fireEvent.click(screen.getByRole('button', { name: 'Details of member 333333333333 in us-east-1' }));
    const modal = await screen.findByTestId('member-modal');
    expect(fake.callsOf('getMembers')).toEqual([
      { service: 'securityhub', profile: 'admin', region: 'us-east-1', accountIds: ['333333333333'] },
    ]);
    expect(modal.textContent).toContain('333333333333@example.com');
  });

  it('shows the row error with its command, and row notes as info', async () => {
    renderWithApi(<ProfilePage profile="sso-signed-out" />, { state: { cached: demoRows() } });
    const alert = await screen.findByTestId('row-error-us-east-1');
    expect(alert.textContent).toContain('The SSO session of sso-signed-out has expired.');
    expect(alert.textContent).toContain('aws sso login --sso-session expired-session');
  });

  it('says an opt-in region is not enabled as information, not as a row that could not be read', async () => {
    const rows = demoRows();
    const base = rows.find((r) => r.profile === 'member-enabled' && r.region === 'us-east-1')!;
    rows.push({
      ...base,
      region: 'af-south-1',
      state: 'region-not-enabled',
      administrators: [],
      members: null,
      error: error('region-not-enabled', 'Account 333333333333 has not enabled region af-south-1.'),
    });
    renderWithApi(<ProfilePage profile="member-enabled" />, { state: { cached: rows } });
    fireEvent.click(await screen.findByRole('tab', { name: /af-south-1/ }));
    const note = await screen.findByTestId('row-not-enabled-af-south-1');
    expect(note.textContent).toContain('has not enabled region af-south-1');
    expect(screen.queryByTestId('row-error-af-south-1')).toBeNull();
  });

  it('says a membership the organization manages is so, with no Disassociate', async () => {
    const rows = demoRows().map((r) =>
      r.profile === 'member-enabled' && r.region === 'us-east-1'
        ? { ...r, administrators: r.administrators.map((a) => ({ ...a, invitationId: null, viaOrganization: true })) }
        : r,
    );
    renderWithApi(<ProfilePage profile="member-enabled" />, { state: { cached: rows } });
    const panel = await screen.findByTestId('admin-panel-us-east-1');
    expect(within(panel).getByTestId('org-managed-panel-us-east-1').textContent).toContain(
      'only the delegated administrator can remove it',
    );
    expect(panel.textContent).toContain('AWS Organizations (no invitation)');
    expect(within(panel).queryByRole('button', { name: /Disassociate/ })).toBeNull();
  });

  it('says a region an organization policy blocks as information, not as a failure', async () => {
    const rows = demoRows();
    const base = rows.find((r) => r.profile === 'member-enabled' && r.region === 'us-east-1')!;
    rows.push({
      ...base,
      region: 'eu-north-1',
      state: 'blocked',
      administrators: [],
      members: null,
      error: error(
        'organization-policy',
        "Your organization's service control policy denies Security Hub CSPM in eu-north-1 for account 333333333333 (securityhub:GetAdministratorAccount).",
      ),
    });
    renderWithApi(<ProfilePage profile="member-enabled" />, { state: { cached: rows } });
    fireEvent.click(await screen.findByRole('tab', { name: /eu-north-1/ }));
    const note = await screen.findByTestId('row-blocked-eu-north-1');
    expect(note.textContent).toContain('service control policy denies Security Hub CSPM in eu-north-1');
    expect(screen.queryByTestId('row-error-eu-north-1')).toBeNull();
  });

  it('names the sso-session that signs the profile in', async () => {
    renderWithApi(<ProfilePage profile="sso-signed-out" />, { state: { cached: demoRows() } });
    const identity = await screen.findByTestId('profile-identity');
    await within(identity).findByText('SSO session');
    expect(within(identity).getByText('expired-session')).toBeTruthy();
  });

  it('shows notes such as the deprecated fallback', async () => {
    renderWithApi(<ProfilePage profile="legacy-iam" />, { state: { cached: demoRows() } });
    expect(await screen.findByText(/the deprecated GetMasterAccount was used/)).toBeTruthy();
  });

  it('marks stale rows', async () => {
    renderWithApi(<ProfilePage profile="member-enabled" />, { state: { cached: cachedRows() } });
    await screen.findByTestId('admin-panel-us-east-1');
    expect(screen.getByText('Stale')).toBeTruthy();
  });

  it('says when nothing has been read yet, and when the profile does not exist', async () => {
    const { unmount } = renderWithApi(<ProfilePage profile="mfa-audit" />, { state: { cached: [] } });
    expect((await screen.findByTestId('profile-no-rows')).textContent).toContain('Nothing read');
    unmount();
    renderWithApi(<ProfilePage profile="nobody" />, { state: { cached: [] } });
    expect(await screen.findByTestId('profile-missing')).toBeTruthy();
  });

  it('shows an error when the profiles cannot be read', async () => {
    const fake = createFakeApi();
    fake.fail('listProfiles', error('config', 'Config unreadable.'));
    renderWithApi(<ProfilePage profile="admin" />, { fake });
    expect((await screen.findByTestId('profile-error')).textContent).toContain('Config unreadable.');
  });
});

describe('Profiles list', () => {
  it('lists every profile with its kind and whether it can be used', async () => {
    const fake = createFakeApi();
    fake.state.profiles.profiles[5] = {
      ...fake.state.profiles.profiles[5]!,
      usable: false,
      reason: 'sso_session demo is not defined',
    };
    renderWithApi(<ProfilesPage />, { fake });
    const table = await screen.findByTestId('profiles-table');
    await waitFor(() => expect(table.textContent).toContain('(7)'));
    expect(table.textContent).toContain('assume-role');
    expect(table.textContent).toContain('sso_session demo is not defined');
  });

  it('shows the error when profiles cannot be read', async () => {
    const fake = createFakeApi();
    fake.fail('listProfiles', error('config', 'Config unreadable.'));
    renderWithApi(<ProfilesPage />, { fake });
    expect(await screen.findByText('Config unreadable.')).toBeTruthy();
  });

  it("opens on the region worth looking at: pending invitations, else the profile's own region", async () => {
    renderWithApi(<ProfilePage profile="admin" />, { state: { cached: demoRows() } });
    // admin has eu-west-1 and us-east-1, nothing pending, and us-east-1 as its own region.
    const tab = await screen.findByRole('tab', { name: 'us-east-1' });
    expect(tab.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('members-us-east-1')).toBeTruthy();
  });
});
