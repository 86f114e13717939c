import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { OverviewPage } from '../../../../renderer/src/pages/overview/OverviewPage';
import { demoRows, error } from '../../support/demo-data';
import { createFakeApi } from '../../support/fake-api';
import { renderWithApi } from '../../support/render';

const row = (key: string) => screen.getByTestId(`row-${key}`).closest('tr') as HTMLElement;

describe('Overview', () => {
  it('shows a loading table while the cached rows load, and refreshes only after them', async () => {
    const fake = createFakeApi();
    const release = fake.hold('cachedSnapshots');
    renderWithApi(<OverviewPage />, { fake });
    expect(await screen.findByText('Reading profiles and regions')).toBeTruthy();
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.callsOf('startRefresh')).toHaveLength(0);
    release();
    await screen.findByTestId('row-member-pending|us-east-1');
    await waitFor(() => expect(fake.callsOf('startRefresh')).toEqual([{ scope: { kind: 'all' } }]));
  });

  it('shows stale rows from the last session at once, marked Stale, until progress replaces them', async () => {
    const { fake } = renderWithApi(<OverviewPage />);
    await screen.findByTestId('row-admin|us-east-1');
    expect(screen.getByTestId('stale-alert').textContent).toContain('8 rows come from the last session');
    expect(within(row('admin|us-east-1')).getByText('Stale')).toBeTruthy();
    await waitFor(() => expect(fake.callsOf('startRefresh')).toHaveLength(1));
    const fresh = demoRows()[0]!;
    act(() => fake.emit({ type: 'refresh-progress', refreshId: 'refresh-1', done: 1, total: 8, rows: [fresh] }));
    await waitFor(() => expect(within(row('admin|us-east-1')).queryByText('Stale')).toBeNull());
    expect(within(row('member-pending|us-east-1')).getByText('Stale')).toBeTruthy();
  });

  it('fills rows from progress events, with a progress bar and Cancel, when nothing was cached', async () => {
    const { fake } = renderWithApi(<OverviewPage />, { state: { cached: [] } });
    await waitFor(() => expect(fake.callsOf('startRefresh')).toHaveLength(1));
    const bar = await screen.findByTestId('refresh-progress');
    expect(bar.textContent).toContain('0 of 8 rows read');
    const rows = demoRows();
    act(() =>
      fake.emit({ type: 'refresh-progress', refreshId: 'refresh-1', done: 1, total: rows.length, rows: [rows[2]!] }),
    );
    act(() =>
      fake.emit({ type: 'refresh-progress', refreshId: 'refresh-1', done: 2, total: rows.length, rows: [rows[4]!] }),
    );
    await screen.findByTestId('row-member-pending|us-east-1');
    expect(screen.getByTestId('row-member-enabled|us-east-1')).toBeTruthy();
    expect(screen.queryByTestId('row-admin|us-east-1')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('refresh-progress').textContent).toContain('2 of 8 rows read'));
    fireEvent.click(within(screen.getByTestId('refresh-progress')).getByRole('button', { name: 'Cancel refresh' }));
    await waitFor(() => expect(fake.callsOf('cancelRefresh')).toEqual([{ refreshId: 'refresh-1' }]));
    act(() =>
      fake.emit({
        type: 'refresh-finished',
        refreshId: 'refresh-1',
        done: 2,
        total: 8,
        failed: 0,
        cancelled: true,
        ms: 9,
      }),
    );
    await waitFor(() => expect(screen.queryByTestId('refresh-progress')).toBeNull());
    expect(await screen.findByText('Refresh cancelled after 2 of 8 rows.')).toBeTruthy();
  });

  it('shows the populated table with state, administrator, pending invitations and counts', async () => {
    renderWithApi(<OverviewPage />, { state: { cached: demoRows() } });
    await screen.findByTestId('row-member-pending|us-east-1');
    const pending = row('member-pending|us-east-1');
    expect(within(pending).getByText('222222222222')).toBeTruthy();
    expect(within(pending).getByText('from 111111111111')).toBeTruthy();
    expect(within(pending).getByText('On')).toBeTruthy();
    expect(within(row('member-enabled|us-east-1')).getByText('Enabled')).toBeTruthy();
    expect(within(row('member-enabled|us-east-1')).getByText('· 111111111111')).toBeTruthy();
    expect(within(row('hub-off|eu-west-1')).getByText(/^Off/)).toBeTruthy();
    expect(screen.getByTestId('summary-pending').textContent).toBe('2 pending invitations from 1 administrator');
    expect(screen.queryByTestId('stale-alert')).toBeNull();
  });

  it('says "no pending invitations" only of the rows read, with how many could not be', async () => {
    const noInvitations = demoRows().map((r) => ({ ...r, pendingInvitations: [] }));
    const failures = noInvitations.filter((r) => r.state === 'error').length;
    expect(failures).toBeGreaterThan(0);
    renderWithApi(<OverviewPage />, { state: { cached: noInvitations } });
    expect((await screen.findByTestId('summary-no-pending')).textContent).toBe(
      `No pending invitations in the ${noInvitations.length - failures} rows read (${failures} could not be)`,
    );
  });

  it('puts pending invitations first, then failures, unless the stored preference turns it off', async () => {
    const order = () =>
      [...screen.getByTestId('overview-table').querySelectorAll('tbody [data-testid^="row-"]')].map((e) =>
        e.getAttribute('data-testid'),
      );
    const { unmount } = renderWithApi(<OverviewPage />, { state: { cached: demoRows() } });
    await screen.findByTestId('row-admin|us-east-1');
    expect(order().slice(0, 2)).toEqual(['row-member-pending|eu-west-1', 'row-member-pending|us-east-1']);
    expect(order().indexOf('row-sso-signed-out|us-east-1')).toBeLessThan(order().indexOf('row-admin|us-east-1'));
    unmount();
    window.localStorage.setItem(
      'overview-preferences',
      JSON.stringify({ pageSize: 50, contentDisplay: [], custom: { attentionFirst: false } }),
    );
    renderWithApi(<OverviewPage />, { state: { cached: demoRows() } });
    await screen.findByTestId('row-admin|us-east-1');
    expect(order()[0]).toBe('row-admin|eu-west-1');
  });

  it('narrows the table with a summary toggle and shows every row again with Show all rows', async () => {
    renderWithApi(<OverviewPage />, { state: { cached: demoRows() } });
    await screen.findByTestId('row-admin|us-east-1');
    const toggle = screen.getByTestId('summary-off');
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(toggle);
    await waitFor(() => expect(screen.queryByTestId('row-admin|us-east-1')).toBeNull());
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('row-hub-off|eu-west-1')).toBeTruthy();
    expect(screen.getByTestId('summary-showing').textContent).toBe(`Showing 1 of ${demoRows().length} rows`);
    fireEvent.click(screen.getByTestId('summary-clear'));
    await screen.findByTestId('row-admin|us-east-1');
    expect(screen.queryByTestId('summary-showing')).toBeNull();
  });

  it('filters rows with the text filter', async () => {
    renderWithApi(<OverviewPage />, { state: { cached: demoRows() } });
    await screen.findByTestId('row-admin|us-east-1');
    fireEvent.change(screen.getByRole('searchbox', { name: 'Find rows' }), { target: { value: 'eu-west-1' } });
    await waitFor(() => expect(screen.queryByTestId('row-admin|us-east-1')).toBeNull());
    expect(screen.getByTestId('row-admin|eu-west-1')).toBeTruthy();
    expect(screen.getByTestId('row-hub-off|eu-west-1')).toBeTruthy();
  });

  it('says where it looked and how to add a profile when there are none', async () => {
    renderWithApi(<OverviewPage />, {
      state: {
        cached: [],
        profiles: {
          profiles: [],
          warnings: [{ file: '/cfg', line: 3, message: 'Section [profile a b] is ignored.' }],
          configFile: '/x/config',
          credentialsFile: '/x/credentials',
        },
      },
    });
    const empty = await screen.findByTestId('empty-profiles');
    expect(empty.textContent).toContain('/x/config');
    expect(empty.textContent).toContain('/x/credentials');
    expect(empty.textContent).toContain('aws configure sso');
    expect(empty.textContent).toContain('npm run demo');
    expect(screen.getByTestId('config-warnings').textContent).toContain('1 problem in your AWS config files');
  });

  it('shows the error and remediation when the profiles cannot be read', async () => {
    const fake = createFakeApi();
    fake.fail(
      'listProfiles',
      error('config', 'The config file could not be read.', { remediation: 'Check its permissions.' }),
    );
    renderWithApi(<OverviewPage />, { fake });
    const alert = await screen.findByTestId('profiles-error');
    expect(alert.textContent).toContain('The config file could not be read.');
    expect(alert.textContent).toContain('Check its permissions.');
  });

  it('starts a refresh (with reload) from the Refresh button', async () => {
    const { fake } = renderWithApi(<OverviewPage />, { state: { autoProgress: true } });
    await waitFor(() => expect(fake.callsOf('startRefresh')).toHaveLength(1));
    await waitFor(() => expect(screen.queryByTestId('refresh-progress')).toBeNull());
    fireEvent.click(screen.getByTestId('refresh'));
    await waitFor(() => expect(fake.callsOf('startRefresh')).toHaveLength(2));
    expect(fake.callsOf('startRefresh')[1]).toEqual({ scope: { kind: 'all' }, reload: true });
  });

  it('copies the shown rows as CSV through copyText', async () => {
    const { fake } = renderWithApi(<OverviewPage />, { state: { cached: demoRows() } });
    await screen.findByTestId('row-admin|us-east-1');
    fireEvent.change(screen.getByRole('searchbox', { name: 'Find rows' }), { target: { value: 'member-pending' } });
    await waitFor(() => expect(screen.queryByTestId('row-admin|us-east-1')).toBeNull());
    fireEvent.click(screen.getByTestId('copy-csv'));
    await waitFor(() => expect(fake.callsOf('copyText')).toHaveLength(1));
    const { text } = fake.callsOf('copyText')[0] as { text: string };
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe(
      // Last refreshed is hidden by default; the Relationship column exports the administrator too.
      'Profile,Account,Region,Security Hub CSPM,Pending invitations,Administrator,Status',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe('member-pending,222222222222,eu-west-1,On,from 111111111111,,');
  });

  it('shows the default columns, with no pinned Actions column last, and remembers column widths, ignoring bad stored ones', async () => {
    window.localStorage.setItem(
      'overview-column-widths',
      JSON.stringify({ account: 222, region: 'wide', nosuch: 300, status: 5 }),
    );
    renderWithApi(<OverviewPage />, { state: { cached: demoRows() } });
    await screen.findByTestId('row-admin|us-east-1');
    // The first header row (a sticky copy of it follows).
    const headers = [
      ...(screen.getByTestId('overview-table').querySelector('thead tr')?.children ?? []),
    ] as HTMLElement[];
    const header = (name: string) => headers.find((th) => th.textContent?.trim() === name) as HTMLElement;
    expect(headers.map((th) => th.textContent?.trim())).toEqual([
      // The selection column (rows for a bulk answer) has a checkbox and no text.
      '',
      'Profile',
      'Account',
      'Region',
      // The relationship in view at 1440 px; Administrator and Last refreshed hidden by default.
      'Relationship',
      'Security Hub CSPM',
      // Last, and not pinned: a pinned column covered the invitations' buttons when the table was wider
      // than the window. Leaving an administrator is in the Relationship cell.
      'Pending invitations',
    ]);
    // A stored width applies; values that are not sane widths fall back to the defaults.
    expect(header('Account').style.width).toBe('222px');
    expect(header('Region').style.width).toBe('120px');
    expect(header('Relationship').style.width).toBe('178px');
    // Leaving sits beside the relationship it ends.
    const leave = screen.getByTestId('disassociate-member-enabled|us-east-1').closest('td') as HTMLElement;
    expect(headers[[...(leave.parentElement?.children ?? [])].indexOf(leave)]?.textContent?.trim()).toBe(
      'Relationship',
    );
  });
});
