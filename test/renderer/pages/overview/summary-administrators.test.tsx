/**
 * The summary strip's "who is inviting me to what": one line per inviting administrator across the
 * services read, with the account's name, the mark of an administrator outside the trusted list, and
 * "Accept all" — one bulk accept over every service's pending invitation of that administrator,
 * through the bulk answer's own confirmation (naming an untrusted account, whose accept trusts it).
 * The second service is made up: the window knows services only from `app:info`.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ServiceInfo } from '../../../../contract/api';
import { OverviewPage } from '../../../../renderer/src/pages/overview/OverviewPage';
import { invitation, serviceRow } from '../../../helpers/rows';
import { DEMO_SERVICE, demoAppInfo, demoSettings } from '../../support/demo-data';
import { renderWithApi } from '../../support/render';

const OTHER: ServiceInfo = { ...DEMO_SERVICE, id: 'other', name: 'Other Service', shortName: 'Other' };
const ADMIN = '111111111111';

function inbox(settings: Partial<ReturnType<typeof demoSettings>> = {}) {
  const rows = [
    serviceRow('admin', 'us-east-1', { accountId: ADMIN }),
    serviceRow('member-pending', 'us-east-1', {
      accountId: '222222222222',
      pendingInvitations: [invitation(ADMIN, 'inv-sh')],
    }),
    serviceRow('member-pending', 'us-east-1', {
      service: 'other',
      accountId: '222222222222',
      pendingInvitations: [invitation(ADMIN, 'inv-other')],
    }),
    serviceRow('member-enabled', 'eu-west-1', {
      service: 'other',
      accountId: '333333333333',
      pendingInvitations: [invitation('777777777777', 'inv-7')],
    }),
  ];
  return {
    appInfo: { ...demoAppInfo(), services: [DEMO_SERVICE, OTHER] },
    settings: { ...demoSettings(), serviceMode: 'all' as const, ...settings },
    cached: rows,
    rows,
  };
}

describe('the summary strip by administrator, across services', () => {
  it('says who invites which account to which services, with names and the untrusted mark', async () => {
    renderWithApi(<OverviewPage />, { state: inbox() });
    const line = await screen.findByTestId(`summary-by-administrator-text-${ADMIN}`);
    await waitFor(() =>
      expect(line.textContent).toBe(
        `${ADMIN} Security Tooling not trusted invites 222222222222 globex-pending to Security Hub CSPM and Other Service in us-east-1 —`,
      ),
    );
    // 111111111111 is trusted for Security Hub CSPM alone (demo settings), so the mark is shown.
    expect(within(line).getByTestId(`untrusted-${ADMIN}`)).toBeTruthy();
    const other = screen.getByTestId('summary-by-administrator-text-777777777777');
    expect(other.textContent).toContain('invites 333333333333 globex-prod to Other Service in eu-west-1');
  });

  it('accepts every service’s invitation of one administrator in ONE bulk run, after naming the untrusted account', async () => {
    const { fake } = renderWithApi(<OverviewPage />, { state: inbox() });
    fireEvent.click(await screen.findByTestId(`summary-accept-all-${ADMIN}`));
    const modal = await screen.findByTestId('bulk-modal');
    const warning = within(modal).getByTestId('bulk-untrusted');
    expect(warning.textContent).toContain(`from an account you have not trusted: ${ADMIN} (Security Tooling)`);
    expect(warning.textContent).toContain('Other Service');
    // Trusted for Security Hub CSPM already: only the other service is named.
    expect(warning.textContent).not.toContain('Security Hub CSPM');
    const run = within(modal).getByTestId('bulk-run');
    expect(run.textContent).toBe('Trust and accept in 2 rows');
    expect(fake.callsOf('runBulk')).toEqual([]);
    fireEvent.click(run);
    await waitFor(() =>
      expect(fake.callsOf('runBulk')).toEqual([
        {
          action: 'accept',
          administratorId: ADMIN,
          rows: [
            { service: 'securityhub', profile: 'member-pending', region: 'us-east-1' },
            { service: 'other', profile: 'member-pending', region: 'us-east-1' },
          ],
          trustAdministrator: true,
        },
      ]),
    );
    await within(modal).findByTestId('bulk-results');
    // Each answered row is read again in its own service.
    await waitFor(() =>
      expect(fake.callsOf('startRefresh')).toEqual(
        expect.arrayContaining([
          { scope: { kind: 'row', service: 'other', profile: 'member-pending', region: 'us-east-1' } },
          { scope: { kind: 'row', service: 'securityhub', profile: 'member-pending', region: 'us-east-1' } },
        ]),
      ),
    );
  });

  it('asks no trust of an administrator trusted for every service', async () => {
    const trusted = [{ accountId: ADMIN, service: '*', origin: 'you' as const, since: '2026-01-01T00:00:00.000Z' }];
    const { fake } = renderWithApi(<OverviewPage />, { state: inbox({ trustedAdministrators: trusted }) });
    const line = await screen.findByTestId(`summary-by-administrator-text-${ADMIN}`);
    expect(within(line).queryByTestId(`untrusted-${ADMIN}`)).toBeNull();
    fireEvent.click(screen.getByTestId(`summary-accept-all-${ADMIN}`));
    const modal = await screen.findByTestId('bulk-modal');
    expect(within(modal).queryByTestId('bulk-untrusted')).toBeNull();
    fireEvent.click(within(modal).getByTestId('bulk-run'));
    await waitFor(() => expect(fake.callsOf('runBulk')).toHaveLength(1));
    expect(fake.callsOf('runBulk')[0]).not.toHaveProperty('trustAdministrator');
  });

  it('offers no Accept all in read-only mode', async () => {
    renderWithApi(<OverviewPage />, { state: inbox({ readOnly: true }) });
    const line = await screen.findByTestId(`summary-by-administrator-${ADMIN}`);
    expect(line.textContent).toContain('invites');
    expect(screen.queryByTestId(`summary-accept-all-${ADMIN}`)).toBeNull();
  });
});
