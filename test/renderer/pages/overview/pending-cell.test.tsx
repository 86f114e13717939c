/**
 * The Overview's pending cell answers a few invitations in place and links to the rest on the
 * profile page, where they are listed a page at a time.
 */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { OverviewPage } from '../../../../renderer/src/pages/overview/OverviewPage';
import { invitation } from '../../../helpers/rows';
import { demoRows } from '../../support/demo-data';
import { createFakeApi } from '../../support/fake-api';
import { renderWithApi } from '../../support/render';

describe('the Overview’s pending cell', () => {
  it('answers three invitations in place and links to the rest', async () => {
    const rows = demoRows().map((r) =>
      r.profile === 'member-pending' && r.region === 'us-east-1'
        ? { ...r, pendingInvitations: [1, 2, 3, 4, 5].map((n) => invitation(`70000000000${n}`, `inv-${n}`)) }
        : r,
    );
    renderWithApi(<OverviewPage />, { fake: createFakeApi({ cached: rows, rows }) });
    const row = (await screen.findByTestId('row-member-pending|us-east-1')).closest('tr') as HTMLElement;
    expect(within(row).getAllByRole('button', { name: /^Accept invitation from/ })).toHaveLength(3);
    const more = within(row).getByTestId('more-invitations-member-pending|us-east-1');
    expect(more.textContent).toBe('and 2 more invitations on the profile page');
    expect(more.getAttribute('href')).toBe('#/profile/member-pending?region=us-east-1');
  });
});
