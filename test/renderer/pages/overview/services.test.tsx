/**
 * The window once the app reads more than one service: a Service column and filter, a neutral state
 * header, a coverage matrix per service with a picker, and the services setting. The second service
 * here is made up (the window knows services only from `app:info`, so any description works);
 * test/e2e/guardduty.test.ts shows the window with GuardDuty, served by the backend.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ServiceInfo } from '../../../../contract/api';
import { OverviewPage } from '../../../../renderer/src/pages/overview/OverviewPage';
import { SettingsPage } from '../../../../renderer/src/pages/settings/SettingsPage';
import { administrator, invitation, serviceRow } from '../../../helpers/rows';
import { DEMO_SERVICE, demoAppInfo, demoSettings } from '../../support/demo-data';
import { renderWithApi } from '../../support/render';

const OTHER: ServiceInfo = {
  ...DEMO_SERVICE,
  id: 'other',
  name: 'Other Service',
  shortName: 'Other',
  turnOn: { billing: 'Other is billed.', option: null },
};

function twoServices() {
  const rows = [
    serviceRow('admin', 'us-east-1', { accountId: '111111111111' }),
    serviceRow('member', 'us-east-1', {
      accountId: '222222222222',
      pendingInvitations: [invitation('111111111111', 'inv-1')],
    }),
    serviceRow('member', 'us-east-1', {
      service: 'other',
      accountId: '222222222222',
      administrators: [administrator('111111111111'), administrator('777777777777')],
    }),
    serviceRow('member', 'eu-west-1', { service: 'other', accountId: '222222222222', state: 'off' }),
  ];
  return {
    appInfo: { ...demoAppInfo(), services: [DEMO_SERVICE, OTHER] },
    settings: { ...demoSettings(), serviceMode: 'list' as const, services: ['securityhub', 'other'] },
    cached: rows,
    rows,
  };
}

/** The texts outside Settings → IAM permissions (which names every service the app has). */
const outsidePermissions = (text: string) =>
  screen.queryAllByText(text).filter((e) => !e.closest('[data-testid="permissions-section"]'));

describe('the window with two services', () => {
  it('shows each row’s service, a neutral state header, and keeps Security Hub’s row ids', async () => {
    renderWithApi(<OverviewPage />, { state: twoServices() });
    const other = await screen.findByTestId('row-member|us-east-1|other');
    expect(screen.getByTestId('row-member|us-east-1')).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: /^Service/ })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: /^State/ })).toBeTruthy();
    const line = other.closest('tr') as HTMLElement;
    // The short name in the cell, the full name on hover.
    expect(within(line).getByText('Other').getAttribute('title')).toBe('Other Service');
    // Two administrators at once (as Detective's graphs allow) are both shown.
    expect(within(line).getByText(/111111111111/)).toBeTruthy();
    expect(within(line).getByText(/777777777777/)).toBeTruthy();
  });

  it('looks as before there were services when the settings read Security Hub CSPM alone', async () => {
    const state = twoServices();
    const rows = state.rows.filter((r) => r.service === 'securityhub');
    renderWithApi(<OverviewPage />, {
      state: { ...state, rows, cached: rows, settings: { ...state.settings, services: ['securityhub'] } },
    });
    await screen.findByTestId('row-member|us-east-1');
    expect(screen.queryByRole('columnheader', { name: /^Service/ })).toBeNull();
    expect(screen.getByRole('columnheader', { name: /^Security Hub/ })).toBeTruthy();
    expect(screen.queryByTestId('summary-services')).toBeNull();
  });

  it('sums up each service on one line of the summary strip', async () => {
    renderWithApi(<OverviewPage />, { state: twoServices() });
    const line = await screen.findByTestId('summary-services');
    expect(within(line).getByTestId('summary-service-securityhub').textContent).toBe('Security Hub: 1 pending');
    expect(within(line).getByTestId('summary-service-other').textContent).toBe(' · Other: 1 off');
  });

  it('draws the coverage matrix for one service at a time, with a picker', async () => {
    renderWithApi(<OverviewPage />, { state: twoServices() });
    await screen.findByTestId('row-member|us-east-1|other');
    fireEvent.click(within(screen.getByTestId('overview-view')).getByRole('button', { name: 'Coverage matrix' }));
    const matrix = await screen.findByTestId('coverage-matrix');
    expect(within(matrix).getByText('Coverage: Security Hub CSPM')).toBeTruthy();
    fireEvent.click(within(screen.getByTestId('coverage-service')).getByRole('button', { name: 'Other Service' }));
    await waitFor(() => expect(within(matrix).getByText('Coverage: Other Service')).toBeTruthy());
    // The legend names the service shown.
    expect(within(matrix).getAllByText(/Other off/).length).toBeGreaterThan(0);
  });

  it('offers the services setting and saves the services chosen', async () => {
    const { fake } = renderWithApi(<SettingsPage />, { state: twoServices() });
    expect((await screen.findAllByText('Services')).length).toBeGreaterThan(0);
    expect(outsidePermissions('Other Service')).toHaveLength(1);
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(fake.callsOf('updateSettings')).toHaveLength(1));
    expect(fake.callsOf('updateSettings')[0]).toMatchObject({
      serviceMode: 'list',
      services: ['securityhub', 'other'],
    });
  });

  it('reads every service by default, those added later too, and keeps that choice when saving', async () => {
    const state = twoServices();
    const { fake } = renderWithApi(<SettingsPage />, {
      state: { ...state, settings: { ...state.settings, serviceMode: 'all', services: ['securityhub'] } },
    });
    const every = await screen.findByRole('radio', { name: /Every service/ });
    expect((every as HTMLInputElement).checked).toBe(true);
    // The list is offered only once the person chooses it.
    expect(outsidePermissions('Other Service')).toEqual([]);
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(fake.callsOf('updateSettings')).toHaveLength(1));
    const saved = fake.callsOf('updateSettings')[0] as Record<string, unknown>;
    expect(saved.serviceMode).toBe('all');
    expect(saved).not.toHaveProperty('services');
  });
});
