import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SettingsPage } from '../../../../renderer/src/pages/settings/SettingsPage';
import { error } from '../../support/demo-data';
import { createFakeApi } from '../../support/fake-api';
import { renderWithApi } from '../../support/render';

const input = (testId: string) => within(screen.getByTestId(testId)).getByRole('spinbutton') as HTMLInputElement;

describe('Settings', () => {
  it('loads, then shows the current values', async () => {
    const fake = createFakeApi();
    const release = fake.hold('getSettings');
    renderWithApi(<SettingsPage />, { fake });
    expect(await screen.findByTestId('settings-loading')).toBeTruthy();
    release();
    await screen.findByTestId('settings-concurrency');
    expect(input('settings-concurrency').value).toBe('16');
    expect(input('settings-timeout').value).toBe('15');
    expect(screen.getByText('eu-west-1')).toBeTruthy();
    expect(screen.getByTestId('profile-regions-empty').textContent).toBe('Every profile uses the default regions.');
  });

  it('follows settings changed elsewhere, and warns instead when the form has edits', async () => {
    const { fake, client } = renderWithApi(<SettingsPage />);
    await screen.findByTestId('settings-concurrency');
    fake.state.settings = { ...fake.state.settings, concurrency: 8 };
    await act(() => client.invalidateQueries({ queryKey: ['settings'] }));
    await waitFor(() => expect(input('settings-concurrency').value).toBe('8'));
    fireEvent.change(input('settings-timeout'), { target: { value: '30' } });
    fake.state.settings = { ...fake.state.settings, concurrency: 4 };
    await act(() => client.invalidateQueries({ queryKey: ['settings'] }));
    expect(await screen.findByTestId('settings-changed-elsewhere')).toBeTruthy();
    expect(input('settings-concurrency').value).toBe('8');
    fireEvent.click(screen.getByTestId('settings-reset'));
    await waitFor(() => expect(input('settings-concurrency').value).toBe('4'));
    expect(input('settings-timeout').value).toBe('15');
    expect(screen.queryByTestId('settings-changed-elsewhere')).toBeNull();
  });

  it('saves every field through updateSettings', async () => {
    const { fake } = renderWithApi(<SettingsPage />);
    await screen.findByTestId('settings-concurrency');
    fireEvent.change(input('settings-concurrency'), { target: { value: '32' } });
    fireEvent.change(input('settings-auto-refresh'), { target: { value: '10' } });
    fireEvent.change(input('settings-credential-timeout'), { target: { value: '120' } });
    fireEvent.click(within(screen.getByTestId('settings-read-only')).getByRole('checkbox'));
    fireEvent.click(within(screen.getByTestId('settings-confirm-decline')).getByRole('checkbox'));
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(fake.callsOf('updateSettings')).toHaveLength(1));
    expect(fake.callsOf('updateSettings')[0]).toEqual({
      serviceMode: 'all',
      defaultRegionMode: 'list',
      defaultRegions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'],
      profileRegions: {},
      hiddenProfiles: [],
      concurrency: 32,
      autoRefreshMinutes: 10,
      callTimeoutMs: 15000,
      credentialTimeoutSeconds: 120,
      readOnly: true,
      confirmations: { decline: false, disassociate: true, adminActions: true },
      theme: 'system',
    });
    expect(await screen.findByText('Settings saved.')).toBeTruthy();
  });

  it('offers a refresh after the regions change', async () => {
    const { fake } = renderWithApi(<SettingsPage />);
    await screen.findByTestId('settings-concurrency');
    fireEvent.click(screen.getByRole('button', { name: /Remove ap-southeast-2/ }));
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(fake.callsOf('updateSettings')).toHaveLength(1));
    expect((fake.callsOf('updateSettings')[0] as { defaultRegions: string[] }).defaultRegions).toEqual([
      'us-east-1',
      'eu-west-1',
    ]);
    fireEvent.click(await screen.findByTestId('settings-refresh-now'));
    await waitFor(() => expect(fake.callsOf('startRefresh')).toEqual([{ scope: { kind: 'all' } }]));
  });

  it('switches to every region (the list is neither shown nor sent) and re-checks regions on demand', async () => {
    const { fake } = renderWithApi(<SettingsPage />);
    await screen.findByTestId('settings-concurrency');
    expect(screen.getByRole('textbox', { name: 'Add a region to Default regions' })).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: /Every region/ }));
    expect(screen.queryByRole('textbox', { name: 'Add a region to Default regions' })).toBeNull();
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(fake.callsOf('updateSettings')).toHaveLength(1));
    const patch = fake.callsOf('updateSettings')[0] as Record<string, unknown>;
    expect(patch.defaultRegionMode).toBe('all');
    expect('defaultRegions' in patch).toBe(false);
    expect(await screen.findByTestId('settings-refresh-now')).toBeTruthy();

    fireEvent.click(screen.getByTestId('recheck-regions'));
    await waitFor(() => expect(fake.callsOf('recheckRegions')).toEqual([{}]));
    expect((await screen.findByTestId('recheck-regions-result')).textContent).toBe(
      'No region is waiting for a re-check.',
    );
  });

  it('checks numbers before saving and sends nothing when they are wrong', async () => {
    const { fake } = renderWithApi(<SettingsPage />);
    await screen.findByTestId('settings-concurrency');
    fireEvent.change(input('settings-concurrency'), { target: { value: '0' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    expect(await screen.findByText('A whole number from 1 to 256.')).toBeTruthy();
    expect(fake.callsOf('updateSettings')).toHaveLength(0);
  });

  it('rejects a typed region that is not a region name', async () => {
    renderWithApi(<SettingsPage />);
    await screen.findByTestId('settings-concurrency');
    const box = screen.getByRole('textbox', { name: 'Add a region to Default regions' });
    fireEvent.change(box, { target: { value: 'moon-1' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Add region' })[0]!);
    expect((await screen.findByRole('alert')).textContent).toContain('moon-1 is not a region name');
    fireEvent.change(box, { target: { value: 'us-gov-west-1' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Add region' })[0]!);
    expect(await screen.findByText('us-gov-west-1')).toBeTruthy();
  });

  it('shows the validation error main returns', async () => {
    const fake = createFakeApi();
    fake.fail(
      'updateSettings',
      error('invalid-request', 'concurrency: must be at most 256', { remediation: 'Fix the value and save again.' }),
    );
    renderWithApi(<SettingsPage />, { fake });
    await screen.findByTestId('settings-concurrency');
    fireEvent.click(screen.getByTestId('settings-save'));
    // The Form shows its error and repeats it in a live region for screen readers.
    expect((await screen.findAllByText('concurrency: must be at most 256')).length).toBeGreaterThan(0);
    expect(screen.getAllByText('Fix the value and save again.').length).toBeGreaterThan(0);
  });

  it('shows an error when the settings cannot be read', async () => {
    const fake = createFakeApi();
    fake.fail('getSettings', error('config', 'The settings file is unreadable.'));
    renderWithApi(<SettingsPage />, { fake });
    expect((await screen.findByTestId('settings-error')).textContent).toContain('The settings file is unreadable.');
  });
});
