import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { isServiceOffError } from '../../../renderer/src/lib/errors';
import { OverviewPage } from '../../../renderer/src/pages/overview/OverviewPage';
import { demoRows, error } from '../support/demo-data';
import { createFakeApi } from '../support/fake-api';
import { renderWithApi } from '../support/render';

describe('Enable Security Hub', () => {
  it('is offered on a row where the hub is off, asks about the standards, says it is billed, and updates the row', async () => {
    const { fake } = renderWithApi(<OverviewPage />, { state: { cached: demoRows() } });
    await screen.findByTestId('row-hub-off|eu-west-1');
    expect(screen.queryByTestId('enable-hub-member-pending|us-east-1')).toBeNull();
    fireEvent.click(screen.getByTestId('enable-hub-hub-off|eu-west-1'));
    const modal = await screen.findByTestId('enable-hub-modal');
    expect(within(modal).getByTestId('enable-hub-billing').textContent).toMatch(/billed per account and per region/);
    // What is turned on, before what it costs: Security Hub CSPM, not the new AWS Security Hub.
    expect(within(modal).getByTestId('enable-hub-what').textContent).toMatch(
      /Security Hub CSPM .*It is not the new AWS Security Hub \(2025\)/,
    );
    fireEvent.click(within(modal).getByRole('checkbox'));
    fireEvent.click(within(modal).getByTestId('enable-hub-confirm'));
    await waitFor(() =>
      expect(fake.callsOf('enableService')).toEqual([
        { service: 'securityhub', profile: 'hub-off', region: 'eu-west-1', enableDefaultStandards: true },
      ]),
    );
    expect(await screen.findByText(/with the default security standards/)).toBeTruthy();
    await waitFor(() => expect(screen.queryByTestId('enable-hub-hub-off|eu-west-1')).toBeNull());
  });

  it('is not offered where the organization’s central configuration governs the service: it says so', async () => {
    const rows = demoRows().map((r) =>
      r.profile === 'hub-off' && r.region === 'eu-west-1'
        ? { ...r, centrallyManagedSince: '2026-11-24T09:00:00.000Z' }
        : r,
    );
    renderWithApi(<OverviewPage />, { state: { cached: rows } });
    await screen.findByTestId('row-hub-off|eu-west-1');
    expect(screen.queryByTestId('enable-hub-hub-off|eu-west-1')).toBeNull();
    expect(screen.getByTestId('centrally-managed-hub-off|eu-west-1').textContent).toBe('Centrally managed');
  });

  it('is offered when AWS refuses an accept because the hub is off', async () => {
    const fake = createFakeApi({ cached: demoRows() });
    const refusal = error('refused', 'Security Hub is off in us-east-1 for account 222222222222.', {
      awsCode: 'InvalidAccessException',
      remediation: 'Enable Security Hub CSPM in us-east-1 first, then try again.',
    });
    expect(isServiceOffError(refusal)).toBe(true);
    expect(isServiceOffError(error('refused', 'Something else.'))).toBe(false);
    fake.fail('acceptInvitation', refusal, 1);
    renderWithApi(<OverviewPage />, { fake });
    await screen.findByTestId('row-member-pending|us-east-1');
    fireEvent.click(screen.getByTestId('accept-member-pending|us-east-1|111111111111'));
    const offer = await screen.findByTestId('enable-hub-member-pending|us-east-1');
    fireEvent.click(offer);
    expect(await screen.findByTestId('enable-hub-modal')).toBeTruthy();
  });
});
