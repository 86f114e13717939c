import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { OverviewPage } from '../../../renderer/src/pages/overview/OverviewPage';
import { demoRows, demoSettings } from '../support/demo-data';
import { createFakeApi } from '../support/fake-api';
import { renderWithApi } from '../support/render';

const invitation = {
  accountId: '999999999999',
  invitationId: 'inv-111-use1',
  invitedAt: '2026-11-20T12:00:00.000Z',
  memberStatus: 'Invited',
};

describe('Accept on an administrator’s own row', () => {
  it('is not offered while the account administers members (AWS refuses it), and says why', async () => {
    // admin in us-east-1 administers five members; in eu-west-1 its one member was removed.
    const rows = demoRows().map((r) => {
      if (r.profile !== 'admin') return r;
      const members =
        r.region === 'eu-west-1' ? (r.members ?? []).map((m) => ({ ...m, memberStatus: 'Removed' })) : r.members;
      return { ...r, members, pendingInvitations: [{ ...invitation, invitationId: `inv-${r.region}` }] };
    });
    // The inviting account is trusted: this test is about the administrator rule alone.
    const settings = demoSettings();
    const trusted = {
      accountId: invitation.accountId,
      service: '*',
      origin: 'you' as const,
      since: invitation.invitedAt,
    };
    const fake = createFakeApi({
      cached: rows,
      settings: { ...settings, trustedAdministrators: [...settings.trustedAdministrators, trusted] },
    });
    renderWithApi(<OverviewPage />, { fake });
    const busy = (await screen.findByTestId('accept-admin|us-east-1|999999999999')) as HTMLButtonElement;
    expect(busy.disabled || busy.getAttribute('aria-disabled') === 'true').toBe(true);
    fireEvent.click(busy);
    expect(fake.callsOf('acceptInvitation')).toEqual([]);
    fireEvent.focus(busy);
    const said = await screen.findAllByText(
      '111111111111 administers 5 members in us-east-1; an administrator cannot accept an invitation. Remove its members first.',
    );
    expect(said.length).toBeGreaterThan(0);

    // A membership that is over does not count: the account is no administrator there any more.
    const free = screen.getByTestId('accept-admin|eu-west-1|999999999999') as HTMLButtonElement;
    expect(free.disabled || free.getAttribute('aria-disabled') === 'true').toBe(false);
    fireEvent.click(free);
    await waitFor(() => expect(fake.callsOf('acceptInvitation')).toHaveLength(1));
  });
});
