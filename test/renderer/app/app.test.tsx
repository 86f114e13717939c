import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../../renderer/src/app/App';
import { demoAppInfo, demoSettings } from '../support/demo-data';
import { createFakeApi } from '../support/fake-api';
import { renderWithApi } from '../support/render';

async function renderApp(fake = createFakeApi()) {
  renderWithApi(<App />, { fake });
  await screen.findByTestId('row-admin|us-east-1');
  return fake;
}

describe('App shell', () => {
  it('shows the navigation, the start page, and refreshes once after the cached rows', async () => {
    const fake = await renderApp();
    expect(screen.getAllByText('Security Hub Invitations').length).toBeGreaterThan(0);
    for (const page of ['Overview', 'Profiles', 'Integrations', 'Activity', 'Settings']) {
      expect(screen.getAllByRole('link', { name: page }).length).toBeGreaterThan(0);
    }
    await waitFor(() => expect(fake.callsOf('startRefresh')).toEqual([{ scope: { kind: 'all' } }]));
    expect(screen.queryByTestId('demo-banner')).toBeNull();
  });

  it('shows the demo banner and the settings notice', async () => {
    const appInfo = {
      ...demoAppInfo(),
      demo: true,
      settingsNotice: 'Your settings file was unreadable and was reset.',
    };
    await renderApp(createFakeApi({ appInfo }));
    expect(await screen.findByTestId('demo-banner')).toBeTruthy();
    expect(screen.getByTestId('settings-notice').textContent).toContain('was reset');
  });

  it('says once which writes an earlier run sent and never settled', async () => {
    const sent = {
      id: 'w1',
      time: '2026-12-07T07:05:00.000Z',
      sentAt: '2026-12-07T07:00:00.000Z',
      source: 'cli' as const,
      service: 'securityhub',
      profile: 'member-pending',
      accountId: '222222222222',
      region: 'eu-west-1',
      action: 'accept' as const,
      target: '111111111111',
      outcome: 'interrupted' as const,
      detail: 'AcceptAdministratorInvitation was sent.',
      requestId: null,
      administratorId: '111111111111',
    };
    await renderApp(createFakeApi({ appInfo: { ...demoAppInfo(), unsettledWrites: [sent] } }));
    const alert = await screen.findByTestId('unsettled-writes');
    expect(alert.textContent).toContain('1 write was sent but never settled');
    expect(alert.textContent).toContain(
      'accept 111111111111 for member-pending in eu-west-1 (command line, sent 2026-12-07T07:00:00.000Z)',
    );
  });

  it('follows menu events: open-settings, open-activity, refresh', async () => {
    const fake = await renderApp(createFakeApi({ autoProgress: true }));
    await waitFor(() => expect(fake.callsOf('startRefresh')).toHaveLength(1));
    await waitFor(() => expect(screen.queryByTestId('refresh-progress')).toBeNull());
    act(() => fake.emit({ type: 'menu', command: 'open-settings' }));
    expect(await screen.findByTestId('settings-concurrency')).toBeTruthy();
    expect(window.location.hash).toBe('#/settings');
    act(() => fake.emit({ type: 'menu', command: 'open-activity' }));
    expect(await screen.findByTestId('activity-table')).toBeTruthy();
    act(() => fake.emit({ type: 'menu', command: 'refresh' }));
    await waitFor(() => expect(fake.callsOf('startRefresh')).toHaveLength(2));
    expect(fake.callsOf('startRefresh')[1]).toEqual({ scope: { kind: 'all' }, reload: true });
  });

  it('refreshes on F5 but not while a refresh runs', async () => {
    const fake = await renderApp();
    await waitFor(() => expect(fake.callsOf('startRefresh')).toHaveLength(1));
    fireEvent.keyDown(window, { key: 'F5' });
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.callsOf('startRefresh')).toHaveLength(1); // the first refresh has not finished
    act(() =>
      fake.emit({
        type: 'refresh-finished',
        refreshId: 'refresh-1',
        done: 8,
        total: 8,
        failed: 0,
        cancelled: false,
        ms: 3,
      }),
    );
    fireEvent.keyDown(window, { key: 'F5' });
    await waitFor(() => expect(fake.callsOf('startRefresh')).toHaveLength(2));
  });

  it('navigates to a profile page from its row', async () => {
    await renderApp();
    fireEvent.click(screen.getAllByRole('link', { name: 'member-pending' })[0]!);
    expect(await screen.findByTestId('profile-identity')).toBeTruthy();
    expect(window.location.hash).toBe('#/profile/member-pending');
  });

  it('reloads the settings when main resets them', async () => {
    const fake = await renderApp();
    await waitFor(() => expect(fake.callsOf('getSettings')).toHaveLength(1));
    act(() =>
      fake.emit({ type: 'settings-reset', message: 'The settings file was corrupt; it was backed up and reset.' }),
    );
    expect(
      (await screen.findAllByText('The settings file was corrupt; it was backed up and reset.')).length,
    ).toBeGreaterThan(0);
    await waitFor(() => expect(fake.callsOf('getSettings')).toHaveLength(2));
  });

  it('applies the dark theme from Settings', async () => {
    await renderApp(createFakeApi({ settings: { ...demoSettings(), theme: 'dark' } }));
    await waitFor(() => expect(document.body.classList.contains('awsui-dark-mode')).toBe(true));
  });
});
