import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ProfileSummary, ServiceRow } from '../../../../contract/api';
import { OverviewPage } from '../../../../renderer/src/pages/overview/OverviewPage';
import { cachedRows, demoProfiles, demoRows, demoSettings, error, snapshot } from '../../support/demo-data';
import { renderWithApi } from '../../support/render';

const CORP = Array.from({ length: 30 }, (_, i) => `corp-${String(i + 1).padStart(2, '0')}`);

function ssoProfile(name: string, ssoSession: string | null): ProfileSummary {
  const base = demoProfiles().profiles.find((p) => p.name === 'sso-signed-out')!;
  return { ...base, name, ssoSession };
}

function signedOut(profile: string, region: string): ServiceRow {
  return snapshot(profile, region, {
    state: 'error',
    error: error('sign-in-needed', `The SSO sign-in of profile "${profile}" has expired or is missing.`, {
      command: 'aws sso login --sso-session corp',
    }),
  });
}

/** The demo, plus 30 profiles on sso-session corp signed out in two regions each, and a legacy one. */
function state() {
  const profiles = demoProfiles();
  profiles.profiles.push(...CORP.map((n) => ssoProfile(n, 'corp')), ssoProfile('legacy-sso', null));
  const rows = [
    ...demoRows(),
    ...CORP.flatMap((n) => [signedOut(n, 'us-east-1'), signedOut(n, 'eu-west-1')]),
    snapshot('legacy-sso', 'us-east-1', {
      state: 'error',
      error: error('sign-in-needed', 'The SSO sign-in of profile "legacy-sso" has expired or is missing.', {
        command: 'aws sso login --profile legacy-sso',
      }),
    }),
  ];
  return { profiles, rows, cached: rows };
}

const banners = () => screen.queryAllByTestId(/^sign-in-/);

describe('SSO sign-in on the Overview', () => {
  it('shows one banner per sso-session with the count, the command and a copy button, not one per row', async () => {
    const { fake } = renderWithApi(<OverviewPage />, { state: state() });
    const corp = await screen.findByTestId('sign-in-corp');
    // corp's 60 rows and the demo's sso-signed-out row make two banners; the legacy profile its own.
    expect(banners().map((b) => b.dataset.testid)).toEqual([
      'sign-in-corp',
      'sign-in-expired-session',
      'sign-in-profiles',
    ]);
    expect(corp.textContent).toContain('30 profiles on sso-session corp need sign-in');
    expect(corp.textContent).toContain('corp-01, corp-02, corp-03, corp-04, corp-05 and 25 more');
    expect(within(corp).getByText('aws sso login --sso-session corp')).toBeTruthy();
    // The app's own Sign in comes first; the AWS CLI v2 command is the other way, named as such.
    expect(screen.getByTestId('session-sign-in-how-corp').textContent).toMatch(
      /here, or in a terminal with the AWS CLI v2\.$/,
    );
    const order = [...corp.querySelectorAll('button')].map((b) => b.getAttribute('aria-label') || b.textContent);
    const signIn = order.findIndex((t) => /^Sign in/.test(t ?? ''));
    const copy = order.findIndex((t) => /Copy sign-in command/.test(t ?? ''));
    expect(signIn).toBeGreaterThanOrEqual(0);
    expect(signIn).toBeLessThan(copy);
    expect(screen.getByTestId('sign-in-expired-session').textContent).toContain(
      '1 profile on sso-session expired-session needs sign-in',
    );
    fireEvent.click(within(corp).getByRole('button', { name: 'Copy sign-in command for sso-session corp' }));
    await waitFor(() => expect(fake.callsOf('copyText')).toEqual([{ text: 'aws sso login --sso-session corp' }]));
    expect(await within(corp).findByText('Copied')).toBeTruthy();
    // The rows keep their own state.
    const row = screen.getByTestId('row-corp-01|us-east-1').closest('tr') as HTMLElement;
    expect(within(row).getByRole('button', { name: /^Error details for corp-01 in us-east-1/ })).toBeTruthy();
  });

  it('leaves out hidden profiles and rows from the last session', async () => {
    const hidden = state();
    const settings = { ...demoSettings(), hiddenProfiles: CORP.slice(1) };
    renderWithApi(<OverviewPage />, { state: { ...hidden, settings } });
    const corp = await screen.findByTestId('sign-in-corp');
    expect(corp.textContent).toContain('1 profile on sso-session corp needs sign-in');

    cleanup();
    renderWithApi(<OverviewPage />, { state: { ...state(), cached: cachedRows() } });
    await screen.findByTestId('row-sso-signed-out|us-east-1');
    expect(banners()).toEqual([]);
  });

  it('gives profiles with their own SSO settings one banner, each with its command and Sign in button', async () => {
    const legacy = state();
    const more = Array.from({ length: 6 }, (_, i) => `legacy-${i + 1}`);
    legacy.profiles.profiles.push(...more.map((n) => ssoProfile(n, null)));
    const moreRows = more.map((n) =>
      snapshot(n, 'us-east-1', {
        state: 'error',
        error: error('sign-in-needed', `The SSO sign-in of profile "${n}" has expired or is missing.`, {
          command: `aws sso login --profile ${n}`,
        }),
      }),
    );
    const rows = [...legacy.rows, ...moreRows];
    const { fake } = renderWithApi(<OverviewPage />, { state: { ...legacy, rows, cached: rows } });
    const banner = await screen.findByTestId('sign-in-profiles');
    expect(banner.textContent).toContain('7 profiles with their own SSO settings need sign-in, each on its own');
    // The first five by name, each with its own command; the other two counted.
    expect(within(banner).getByText('aws sso login --profile legacy-1')).toBeTruthy();
    expect(within(banner).queryByText('aws sso login --profile legacy-sso')).toBeNull();
    expect(banner.textContent).toContain('2 more profiles: each profile’s page has its Sign in button.');
    fireEvent.click(within(banner).getByTestId('sso-sign-in-profile-legacy-1-device'));
    await waitFor(() =>
      expect(fake.callsOf('signInSso')).toEqual([{ target: { profile: 'legacy-1' }, flow: 'device-code' }]),
    );
  });
});
