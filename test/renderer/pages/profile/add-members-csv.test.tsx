import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ProfilePage } from '../../../../renderer/src/pages/profile/ProfilePage';
import { demoRows } from '../../support/demo-data';
import { createFakeApi } from '../../support/fake-api';
import { renderWithApi } from '../../support/render';

describe('Add members from a CSV file', () => {
  it('fills the accounts read in main and lists the lines that could not be used', async () => {
    const fake = createFakeApi({
      cached: demoRows(),
      csvImport: {
        path: '/home/user/members.csv',
        accounts: [{ accountId: '123456789012', email: 'a@example.com' }, { accountId: '210987654321' }],
        errors: [{ line: 4, message: '"12345" is not a 12-digit AWS account id.' }],
        // Lines main counted but did not list (it lists the first 100).
        moreErrors: 250,
      },
    });
    renderWithApi(<ProfilePage profile="admin" />, { fake });
    fireEvent.click(await screen.findByRole('tab', { name: 'us-east-1' }));
    fireEvent.click(await screen.findByTestId('members-add-us-east-1'));
    const modal = await screen.findByTestId('add-members-modal');
    // Said before anything is added: the organization's own accounts are enrolled at once, and billed.
    expect(within(modal).getByTestId('add-members-organization').textContent).toMatch(
      /become members at once \(no invitation\).*AWS bills those accounts/,
    );
    fireEvent.click(within(modal).getByTestId('add-members-import'));
    const result = await within(modal).findByTestId('add-members-import-result');
    expect(result.textContent).toContain('2 account(s) read from /home/user/members.csv');
    expect(result.textContent).toContain('Line 4: "12345" is not a 12-digit AWS account id.');
    expect(result.textContent).toContain('…and 250 more lines.');
    const textarea = modal.querySelector('textarea') as HTMLTextAreaElement;
    expect(textarea.value).toBe('123456789012,a@example.com\n210987654321');
    fireEvent.click(within(modal).getByTestId('add-members-submit'));
    await waitFor(() =>
      expect(fake.callsOf('createMembers')).toEqual([
        {
          service: 'securityhub',
          profile: 'admin',
          region: 'us-east-1',
          accounts: [{ accountId: '123456789012', email: 'a@example.com' }, { accountId: '210987654321' }],
        },
      ]),
    );
  });

  it('changes nothing when the file dialog is cancelled', async () => {
    const fake = createFakeApi({ cached: demoRows() });
    renderWithApi(<ProfilePage profile="admin" />, { fake });
    fireEvent.click(await screen.findByRole('tab', { name: 'us-east-1' }));
    fireEvent.click(await screen.findByTestId('members-add-us-east-1'));
    const modal = await screen.findByTestId('add-members-modal');
    fireEvent.click(within(modal).getByTestId('add-members-import'));
    await waitFor(() => expect(fake.callsOf('importMembersCsv')).toHaveLength(1));
    expect(within(modal).queryByTestId('add-members-import-result')).toBeNull();
    expect((modal.querySelector('textarea') as HTMLTextAreaElement).value).toBe('');
  });
});
