/**
 * The profile page's tables a page at a time: 120 members or invitations draw 50 rows, the counter
 * says all of them, pages and a filter reach every one, a selection stays across pages; a part that
 * could not be read or kept says "unknown", not "none".
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ServiceRow } from '../../../../main/domain/row';
import { ProfilePage } from '../../../../renderer/src/pages/profile/ProfilePage';
import { invitation, member } from '../../../helpers/rows';
import { demoRows } from '../../support/demo-data';
import { createFakeApi } from '../../support/fake-api';
import { renderWithApi } from '../../support/render';

const ids = (n: number, from: number) => Array.from({ length: n }, (_, i) => String(from + i));

/** The demo's rows, with the admin's us-east-1 row changed by `change`. */
function rowsWith(change: (row: ServiceRow) => ServiceRow): ServiceRow[] {
  return demoRows().map((r) => (r.profile === 'admin' && r.region === 'us-east-1' ? change(r) : r));
}

async function open(rows: ServiceRow[]) {
  const fake = createFakeApi({ cached: rows, rows });
  renderWithApi(<ProfilePage profile="admin" region="us-east-1" />, { fake });
  return fake;
}

const bodyRows = (table: HTMLElement) => within(table).getAllByRole('row').length - 1;

describe('the profile page’s tables, a page at a time', () => {
  it('120 members: 50 drawn, all counted, the others a page or a filter away, a selection kept across pages', async () => {
    const members = ids(120, 500_000_000_000).map((id) => member(id));
    const fake = await open(rowsWith((r) => ({ ...r, members })));
    const table = await screen.findByTestId('members-us-east-1');
    expect(bodyRows(table)).toBe(50);
    expect(within(table).getByRole('heading', { level: 3 }).textContent).toContain('(120)');

    fireEvent.click(within(table).getByRole('checkbox', { name: 'Select member 500000000000' }));
    fireEvent.click(within(table).getByRole('button', { name: /page 3/i }));
    await waitFor(() => expect(within(table).getByText('500000000119')).toBeTruthy());
    expect(bodyRows(table)).toBe(20);
    fireEvent.click(within(table).getByRole('checkbox', { name: 'Select member 500000000119' }));

    const filter = within(table).getByRole('searchbox', { name: 'Find members in us-east-1' });
    fireEvent.change(filter, { target: { value: '50000000007' } });
    await waitFor(() => expect(bodyRows(table)).toBe(10));
    expect(within(table).getByRole('heading', { level: 3 }).textContent).toContain('(10/120)');

    fireEvent.click(screen.getByTestId('members-delete-us-east-1'));
    const modal = await screen.findByTestId('confirm-modal');
    expect(modal.textContent).toContain('500000000000, 500000000119 in us-east-1');
    fireEvent.click(screen.getByTestId('confirm-ok'));
    await waitFor(() => expect(fake.callsOf('deleteMembers')).toHaveLength(1));
    expect(fake.callsOf('deleteMembers')[0]).toMatchObject({ accountIds: ['500000000000', '500000000119'] });
  });

  it('120 pending invitations: 50 drawn with their buttons, all counted', async () => {
    const pending = ids(120, 600_000_000_000).map((id) => invitation(id, `inv-${id}`));
    await open(rowsWith((r) => ({ ...r, pendingInvitations: pending })));
    const table = await screen.findByTestId('invitations-us-east-1');
    expect(bodyRows(table)).toBe(50);
    expect(within(table).getByRole('heading', { level: 3 }).textContent).toContain('(120)');
    expect(within(table).getAllByRole('button', { name: /^Accept invitation from/ })).toHaveLength(50);
  });

  it('parts that could not be read or kept say unknown, not none', async () => {
    const unkept = (part: 'administrator' | 'invitations' | 'members') => ({
      part,
      error: {
        kind: 'internal' as const,
        message: `The ${part} could not be kept.`,
        remediation: null,
        command: null,
        retryable: false,
      },
    });
    await open(
      rowsWith((r) => ({
        ...r,
        administrators: [],
        pendingInvitations: [],
        members: null,
        partialErrors: [unkept('administrator'), unkept('invitations'), unkept('members')],
      })),
    );
    expect((await screen.findByTestId('admin-unknown-us-east-1')).textContent).toMatch(/^Unknown: /);
    expect(screen.queryByText(/No administrator account/)).toBeNull();
    expect(screen.getByTestId('invitations-us-east-1').textContent).toMatch(/\(unknown\).*Unknown: the invitations/);
    expect(screen.queryByText(/No pending invitations/)).toBeNull();
  });
});
