/**
 * AWS values with bidi overrides and control characters, shown in the window: the Overview, the
 * profile page's administrator, invitations and members, and an error's sentence show each mark as
 * a visible escape (\u202e), as the command line does, so an id cannot be made to read as another.
 */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { OverviewPage } from '../../../renderer/src/pages/overview/OverviewPage';
import { ProfilePage } from '../../../renderer/src/pages/profile/ProfilePage';
import { demoProfiles, error, snapshot } from '../support/demo-data';
import { renderWithApi } from '../support/render';

// Read with the override, "1111\u202e2222" shows as 11112222 mirrored: another id than it is.
const RLO_ID = '1111\u202e22223333';
const STATUS = 'Enabled\u2066\u001b[2J';
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the test.
const RAW = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function hostileRows() {
  return [
    snapshot('hostile', 'us-east-1', {
      accountId: '222222222222',
      administrators: [{ accountId: RLO_ID, invitationId: `inv\u202eid`, invitedAt: null, memberStatus: STATUS }],
      pendingInvitations: [
        { accountId: `9999\u202e8888`, invitationId: 'inv-1', invitedAt: null, memberStatus: 'Invited\u200f' },
      ],
      members: [
        {
          accountId: `7777\u202e6666`,
          email: `a\u202e@example.com`,
          administratorId: null,
          masterId: null,
          memberStatus: 'Invited\u0085',
          invitedAt: null,
          updatedAt: null,
        },
      ],
      partialErrors: [{ part: 'members', error: error('unknown', 'AWS said: \u202eevil\u001b]8;;x') }],
    }),
  ];
}

describe('hostile AWS values in the window', () => {
  it('the Overview shows the administrator, its status and the inviting account escaped', async () => {
    renderWithApi(<OverviewPage />, { state: { cached: hostileRows() } });
    const cell = (await screen.findByTestId('row-hostile|us-east-1')).closest('tr') as HTMLElement;
    expect(cell.textContent).toContain('1111\\u202e22223333');
    expect(cell.textContent).toContain('Enabled\\u2066\\u001b[2J');
    expect(cell.textContent).toContain('from 9999\\u202e8888');
    expect(cell.textContent).not.toMatch(RAW);
  });

  it('the profile page shows the administrator, invitations and members escaped', async () => {
    const profiles = demoProfiles();
    const [first] = profiles.profiles;
    profiles.profiles.push({ ...first!, name: 'hostile', isDefault: false });
    renderWithApi(<ProfilePage profile="hostile" />, {
      state: { cached: hostileRows(), rows: hostileRows(), profiles },
    });
    const admin = await screen.findByTestId('admin-panel-us-east-1');
    expect(admin.textContent).toContain('1111\\u202e22223333');
    expect(admin.textContent).toContain('inv\\u202eid');
    expect(admin.textContent).not.toMatch(RAW);
    const invitations = screen.getByTestId('invitations-us-east-1');
    expect(invitations.textContent).toContain('9999\\u202e8888');
    expect(invitations.textContent).toContain('Invited\\u200f');
    expect(invitations.textContent).not.toMatch(RAW);
    const members = screen.getByTestId('members-us-east-1');
    expect(within(members).getByText('7777\\u202e6666')).toBeTruthy();
    expect(members.textContent).toContain('a\\u202e@example.com');
    expect(members.textContent).toContain('Invited\\u0085');
    expect(members.textContent).not.toMatch(RAW);
  });
});
