import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { parseAccountLines } from '../../../../renderer/src/data/member-actions';
import { ProfilePage } from '../../../../renderer/src/pages/profile/ProfilePage';
import { demoRows, demoSettings } from '../../support/demo-data';
import { createFakeApi } from '../../support/fake-api';
import { renderWithApi } from '../../support/render';

async function openAdmin(fake = createFakeApi({ cached: demoRows() })) {
  const view = renderWithApi(<ProfilePage profile="admin" />, { fake });
  fireEvent.click(await screen.findByRole('tab', { name: 'us-east-1' }));
  await screen.findByTestId('members-us-east-1');
  await waitFor(() => expect(view.client.getQueryData(['settings'])).toBeDefined());
  return fake;
}

const select = (accountId: string) =>
  fireEvent.click(screen.getByRole('checkbox', { name: `Select member ${accountId}` }));

describe('Member administration', () => {
  it('invites the selected members after confirmation, and updates the table', async () => {
    const fake = await openAdmin();
    const invite = screen.getByTestId('members-invite-us-east-1');
    expect(invite.getAttribute('aria-disabled')).toBe('true');
    select('999999999999');
    await waitFor(() => expect(invite.getAttribute('aria-disabled')).toBeNull());
    fireEvent.click(invite);
    const modal = await screen.findByTestId('confirm-modal');
    expect(modal.textContent).toContain('Administrator 111111111111');
    expect(modal.textContent).toContain('999999999999 in us-east-1');
    fireEvent.click(screen.getByTestId('confirm-ok'));
    await waitFor(() =>
      expect(fake.callsOf('inviteMembers')).toEqual([
        { service: 'securityhub', profile: 'admin', region: 'us-east-1', accountIds: ['999999999999'] },
      ]),
    );
    expect(await screen.findByText('Processed 1 of 1 accounts.')).toBeTruthy();
    const memberRow = within(screen.getByTestId('members-us-east-1'))
      .getByText('999999999999')
      .closest('tr') as HTMLElement;
    await waitFor(() => expect(within(memberRow).getByText('Invited')).toBeTruthy());
  });

  it('deletes without a modal when admin confirmations are off', async () => {
    const settings = { ...demoSettings(), confirmations: { decline: true, disassociate: true, adminActions: false } };
    const fake = await openAdmin(createFakeApi({ cached: demoRows(), settings }));
    select('222222222222');
    fireEvent.click(screen.getByTestId('members-delete-us-east-1'));
    await waitFor(() => expect(fake.callsOf('deleteMembers')).toHaveLength(1));
    expect(screen.queryByTestId('confirm-modal')).toBeNull();
  });

  it('sends nothing when the confirmation is cancelled', async () => {
    const fake = await openAdmin();
    select('333333333333');
    fireEvent.click(screen.getByTestId('members-disassociate-us-east-1'));
    fireEvent.click(await screen.findByTestId('confirm-cancel'));
    await waitFor(() => expect(screen.queryByTestId('confirm-modal')).toBeNull());
    expect(fake.callsOf('disassociateMembers')).toHaveLength(0);
  });

  it('adds members from typed lines and reports the ones AWS did not process', async () => {
    const fake = await openAdmin();
    fireEvent.click(screen.getByTestId('members-add-us-east-1'));
    const box = within(await screen.findByTestId('add-members-modal')).getByRole('textbox');
    fireEvent.change(box, { target: { value: '123456789012, ops@example.com\n000000000001' } });
    fireEvent.click(screen.getByTestId('add-members-submit'));
    await waitFor(() =>
      expect(fake.callsOf('createMembers')).toEqual([
        {
          service: 'securityhub',
          profile: 'admin',
          region: 'us-east-1',
          accounts: [{ accountId: '123456789012', email: 'ops@example.com' }, { accountId: '000000000001' }],
        },
      ]),
    );
    expect(await screen.findByText('Not processed: 000000000001: Account is suspended.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByTestId('add-members-modal')).toBeNull());
    expect(screen.getByTestId('members-us-east-1').textContent).toContain('123456789012');
  });

  it('disables member actions in read-only mode', async () => {
    const fake = await openAdmin(
      createFakeApi({ cached: demoRows(), settings: { ...demoSettings(), readOnly: true } }),
    );
    select('999999999999');
    for (const action of ['invite', 'withdraw', 'disassociate', 'delete', 'add']) {
      expect(screen.getByTestId(`members-${action}-us-east-1`).getAttribute('aria-disabled')).toBe('true');
    }
    fireEvent.click(screen.getByTestId('members-invite-us-east-1'));
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.callsOf('inviteMembers')).toHaveLength(0);
  });

  it('parses account lines and names the bad ones', () => {
    expect(parseAccountLines('111111111111\n 222222222222;a@b.co \n\nnope\n3333')).toEqual({
      accounts: [{ accountId: '111111111111' }, { accountId: '222222222222', email: 'a@b.co' }],
      bad: ['nope', '3333'],
    });
  });
});
