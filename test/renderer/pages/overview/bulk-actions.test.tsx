import createWrapper from '@cloudscape-design/components/test-utils/dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { administratorsOf } from '../../../../renderer/src/pages/overview/BulkActions';
import { OverviewPage } from '../../../../renderer/src/pages/overview/OverviewPage';
import { demoRows, demoSettings } from '../../support/demo-data';
import { createFakeApi } from '../../support/fake-api';
import { renderWithApi } from '../../support/render';

const rowOf = (key: string) => screen.getByTestId(`row-${key}`).closest('tr') as HTMLElement;
const choose = (profile: string, region: string) =>
  fireEvent.click(
    within(rowOf(`${profile}|${region}`)).getByRole('checkbox', { name: `Select ${profile} in ${region}` }),
  );

describe('Bulk answers on the Overview', () => {
  it('answers only the chosen administrator in the selected rows, with progress and a result per row', async () => {
    const rows = demoRows();
    // A second administrator with a pending invitation in one of the selected rows.
    const second = rows.find((r) => r.profile === 'member-pending' && r.region === 'eu-west-1');
    second?.pendingInvitations.push({
      accountId: '888888888888',
      invitationId: 'inv-888',
      invitedAt: null,
      memberStatus: 'Invited',
    });
    const fake = createFakeApi({ cached: rows, rows });
    renderWithApi(<OverviewPage />, { fake });
    await screen.findByTestId('row-member-pending|us-east-1');
    const accept = screen.getByTestId('bulk-accept');
    expect(accept.getAttribute('aria-disabled')).toBe('true');
    choose('member-pending', 'us-east-1');
    choose('member-pending', 'eu-west-1');
    choose('member-enabled', 'us-east-1');
    await waitFor(() => expect(accept.getAttribute('aria-disabled')).toBeNull());
    fireEvent.click(accept);
    const modal = await screen.findByTestId('bulk-modal');
    const run = within(modal).getByTestId('bulk-run');
    expect(run.getAttribute('aria-disabled') ?? (run as HTMLButtonElement).disabled.toString()).toBeTruthy();
    const select = createWrapper(modal).findSelect('[data-testid="bulk-administrator"]')!;
    select.openDropdown();
    const options = select
      .findDropdown()
      .findOptions()
      .map((o) => o.getElement().textContent);
    // The administrator pending in most rows first; every option says where it is pending.
    expect(options[0]).toContain('111111111111');
    expect(options[0]).toContain('pending in 2 selected rows');
    expect(options[1]).toContain('888888888888');
    select.selectOptionByValue('111111111111');
    fireEvent.click(within(modal).getByTestId('bulk-run'));
    await waitFor(() =>
      expect(fake.callsOf('runBulk')).toEqual([
        {
          action: 'accept',
          administratorId: '111111111111',
          // In the table's order: pending invitations first (attention first), then the rest.
          rows: [
            { service: 'securityhub', profile: 'member-pending', region: 'eu-west-1' },
            { service: 'securityhub', profile: 'member-pending', region: 'us-east-1' },
            { service: 'securityhub', profile: 'member-enabled', region: 'us-east-1' },
          ],
        },
      ]),
    );
    const results = await within(modal).findByTestId('bulk-results');
    expect(within(modal).getByTestId('bulk-progress').textContent).toContain('3 of 3 rows');
    const resultRows = within(results)
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(resultRows.some((t) => t?.includes('member-enabled') && t.includes('skipped'))).toBe(true);
    expect(resultRows.filter((t) => t?.includes('done'))).toHaveLength(2);
    // In the progress bar and in the message.
    expect((await screen.findAllByText('Answered 2 of 3 rows.')).length).toBeGreaterThan(0);
    // The rows that changed are read again.
    await waitFor(() => expect(fake.callsOf('startRefresh').length).toBeGreaterThanOrEqual(3));
  });

  it('lists the administrators of the selected rows, most rows first', () => {
    const rows = demoRows();
    expect(administratorsOf(rows)).toEqual([{ accountId: '111111111111', rows: 2 }]);
    expect(administratorsOf([])).toEqual([]);
  });

  it('is off in read-only mode', async () => {
    renderWithApi(<OverviewPage />, { state: { cached: demoRows(), settings: { ...demoSettings(), readOnly: true } } });
    await screen.findByTestId('row-member-pending|us-east-1');
    choose('member-pending', 'us-east-1');
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.getByTestId('bulk-accept').getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByTestId('bulk-decline').getAttribute('aria-disabled')).toBe('true');
  });
});
