/** The Settings page's trusted administrators: listed with their names and why, removed and added at once. */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SettingsPage } from '../../../../renderer/src/pages/settings/SettingsPage';
import { createFakeApi } from '../../support/fake-api';
import { renderWithApi } from '../../support/render';

describe('Settings: trusted administrators', () => {
  it('lists each with its name and why it is trusted', async () => {
    renderWithApi(<SettingsPage />);
    const section = await screen.findByTestId('settings-trusted');
    await waitFor(() => expect(section.textContent).toContain('111111111111 Security Tooling'));
    expect(section.textContent).toContain('already the administrator of one of your accounts');
  });

  it('removes one at once, keeping the form’s edits', async () => {
    const fake = createFakeApi();
    renderWithApi(<SettingsPage />, { fake });
    await screen.findByTestId('settings-trusted');
    const concurrency = within(screen.getByTestId('settings-concurrency')).getByRole('spinbutton');
    fireEvent.change(concurrency, { target: { value: '8' } });
    fireEvent.click(screen.getByTestId('untrust-111111111111|securityhub'));
    await waitFor(() => expect(fake.callsOf('updateSettings')).toEqual([{ trustedAdministrators: [] }]));
    await waitFor(() =>
      expect(screen.getByTestId('settings-trusted').textContent).toContain('No trusted administrators.'),
    );
    expect((concurrency as HTMLInputElement).value).toBe('8');
    expect(screen.queryByTestId('settings-changed-elsewhere')).toBeNull();
  });

  it('adds an account for every service; a malformed id is refused beside the field', async () => {
    const fake = createFakeApi();
    renderWithApi(<SettingsPage />, { fake });
    await screen.findByTestId('settings-trusted');
    const field = within(screen.getByTestId('trust-account')).getByRole('textbox');
    fireEvent.change(field, { target: { value: '12345' } });
    fireEvent.click(screen.getByTestId('trust-add'));
    expect(await screen.findByText('An AWS account id: 12 digits.')).toBeTruthy();
    expect(fake.callsOf('updateSettings')).toEqual([]);
    fireEvent.change(field, { target: { value: '123456789012' } });
    fireEvent.click(screen.getByTestId('trust-add'));
    await waitFor(() => expect(fake.callsOf('updateSettings')).toHaveLength(1));
    const sent = fake.callsOf('updateSettings')[0] as {
      trustedAdministrators: { accountId: string; service: string }[];
    };
    expect(
      sent.trustedAdministrators.map((t) => `${t.accountId}:${t.service}:${'origin' in t ? t.origin : ''}`),
    ).toEqual(['111111111111:securityhub:administrator', '123456789012:*:you']);
    await waitFor(() => expect(screen.getByTestId('settings-trusted').textContent).toContain('123456789012'));
  });
});
