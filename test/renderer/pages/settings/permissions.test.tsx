import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SettingsPage } from '../../../../renderer/src/pages/settings/SettingsPage';
import { renderWithApi } from '../../support/render';

const policyShown = () => JSON.parse(screen.getByTestId('permissions-policy').textContent ?? '');
const actionsShown = () => policyShown().Statement.flatMap((s: { Action: string[] }) => s.Action) as string[];

describe('Settings → IAM permissions', () => {
  it('shows the read policy first, then the member policy when chosen, and copies what it shows', async () => {
    const { fake } = renderWithApi(<SettingsPage />);
    await screen.findByTestId('permissions-policy', {}, { timeout: 10_000 });
    expect(actionsShown()).toContain('securityhub:GetAdministratorAccount');
    expect(actionsShown()).not.toContain('securityhub:AcceptAdministratorInvitation');
    expect(screen.getByTestId('permissions-section').textContent).toContain('see administrators, invitations');

    fireEvent.click(within(screen.getByTestId('permissions-use')).getByText('Member'));
    await waitFor(() => expect(actionsShown()).toContain('securityhub:AcceptAdministratorInvitation'));
    expect(fake.callsOf('permissionsPolicy').at(-1)).toMatchObject({ use: 'member', accountNames: true });

    fireEvent.click(within(screen.getByTestId('permissions-account-names')).getByRole('checkbox'));
    await waitFor(() =>
      expect(policyShown().Statement.map((s: { Sid: string }) => s.Sid)).not.toContain('AccountNamesOptional'),
    );

    fireEvent.click(screen.getByTestId('permissions-copy'));
    await waitFor(() => expect(fake.callsOf('copyText')).toHaveLength(1));
    expect(fake.callsOf('copyText')[0]).toEqual({ text: screen.getByTestId('permissions-policy').textContent });
    // Copying submits nothing: the settings were not saved.
    expect(fake.callsOf('updateSettings')).toHaveLength(0);
  });
});
