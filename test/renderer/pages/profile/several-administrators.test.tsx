/**
 * A member of several administrators at once (Detective: one per behavior graph) on the profile
 * page: each membership shows its graph ARN, escaped as every outside value is, with a Disassociate
 * of its own (the organization's says it is managed by the organization); the one clicked is the one
 * named in the request, and a decline names the graph of the invitation declined.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ServiceInfo } from '../../../../contract/api';
import { ProfilePage } from '../../../../renderer/src/pages/profile/ProfilePage';
import { DEMO_SERVICE, demoAppInfo, snapshot } from '../../support/demo-data';
import { createFakeApi } from '../../support/fake-api';
import { renderWithApi } from '../../support/render';

/** Detective as main describes it (main/core/services/detective/index.ts), the fields the window reads. */
const DETECTIVE: ServiceInfo = {
  ...DEMO_SERVICE,
  id: 'detective',
  name: 'Detective',
  shortName: 'Detective',
  maxAdministrators: 20,
  administratorCannotAccept: false,
  invitationReference: { flag: 'graph-arn', name: 'behavior graph ARN' },
};
const graph = (account: string, id: string) => `arn:aws:detective:us-east-1:${account}:graph:${id}`;
const ORG_GRAPH = graph('111111111111', 'a'.repeat(32));
/** An ARN with a right-to-left override inside, as a hostile endpoint could send it. */
const HOSTILE_GRAPH = graph('666666666666', `${'b'.repeat(16)}\u202e${'c'.repeat(16)}`);
const PENDING_GRAPH = graph('777777777777', 'd'.repeat(32));

function fake() {
  const row = snapshot('member-enabled', 'us-east-1', {
    service: 'detective',
    accountId: '333333333333',
    administrators: [
      {
        accountId: '111111111111',
        invitationId: ORG_GRAPH,
        invitedAt: null,
        memberStatus: 'ENABLED',
        viaOrganization: true,
      },
      { accountId: '666666666666', invitationId: HOSTILE_GRAPH, invitedAt: null, memberStatus: 'ENABLED' },
    ],
    pendingInvitations: [
      { accountId: '777777777777', invitationId: PENDING_GRAPH, invitedAt: null, memberStatus: 'INVITED' },
    ],
    members: [],
  });
  return createFakeApi({ appInfo: { ...demoAppInfo(), services: [DETECTIVE] }, cached: [row], rows: [row] });
}

describe('a member of two behavior graphs', () => {
  it('shows each graph escaped, with its own Disassociate, and leaves the one clicked', async () => {
    const api = fake();
    renderWithApi(<ProfilePage profile="member-enabled" />, { fake: api });
    fireEvent.click(await screen.findByRole('tab', { name: 'us-east-1 (1)' }));
    const panel = await screen.findByTestId('admin-panel-us-east-1');
    expect(panel.textContent).toContain('Administrators');
    expect(panel.textContent).toContain('Behavior graph ARN');
    expect(panel.textContent).toContain(ORG_GRAPH);
    expect(panel.textContent).toContain(`${'b'.repeat(16)}\\u202e${'c'.repeat(16)}`);
    expect(panel.textContent).not.toContain('\u202e');
    // The organization's membership cannot be left; the other has its own button.
    expect(within(panel).getByTestId('org-managed-member-enabled|us-east-1|detective')).toBeTruthy();
    expect(within(panel).queryByTestId('disassociate-member-enabled|us-east-1|detective|111111111111')).toBeNull();
    fireEvent.click(within(panel).getByTestId('disassociate-member-enabled|us-east-1|detective|666666666666'));
    const modal = await screen.findByTestId('confirm-modal');
    expect(modal.textContent).toContain('666666666666');
    fireEvent.click(screen.getByTestId('confirm-ok'));
    await waitFor(() =>
      expect(api.callsOf('disassociateFromAdministrator')).toEqual([
        {
          service: 'detective',
          profile: 'member-enabled',
          region: 'us-east-1',
          administratorId: '666666666666',
          invitationId: HOSTILE_GRAPH,
        },
      ]),
    );
  });

  it('names the graph of the invitation declined, and the column as Detective names it', async () => {
    const api = fake();
    renderWithApi(<ProfilePage profile="member-enabled" />, { fake: api });
    fireEvent.click(await screen.findByRole('tab', { name: 'us-east-1 (1)' }));
    const table = await screen.findByTestId('invitations-us-east-1');
    expect(within(table).getByRole('columnheader', { name: 'Behavior graph ARN' })).toBeTruthy();
    fireEvent.click(within(table).getByTestId('decline-member-enabled|us-east-1|detective|777777777777'));
    await screen.findByTestId('confirm-modal');
    fireEvent.click(screen.getByTestId('confirm-ok'));
    await waitFor(() =>
      expect(api.callsOf('declineInvitation')).toEqual([
        {
          service: 'detective',
          profile: 'member-enabled',
          region: 'us-east-1',
          administratorId: '777777777777',
          invitationId: PENDING_GRAPH,
        },
      ]),
    );
  });
});
