import createWrapper from '@cloudscape-design/components/test-utils/dom';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ActivityPage } from '../../../renderer/src/pages/ActivityPage';
import { error } from '../support/demo-data';
import { createFakeApi } from '../support/fake-api';
import { renderWithApi } from '../support/render';

const text = () => screen.getByTestId('activity-table').textContent ?? '';

describe('Activity', () => {
  it('loads, then lists entries newest first', async () => {
    const fake = createFakeApi();
    const release = fake.hold('listActivity');
    renderWithApi(<ActivityPage />, { fake });
    expect(await screen.findByText('Reading the activity log')).toBeTruthy();
    release();
    await screen.findByText('Accepted the invitation from 111111111111.');
    expect(text().indexOf('member-pending')).toBeLessThan(text().indexOf('org-member'));
  });

  it('filters by outcome and by text', async () => {
    renderWithApi(<ActivityPage />);
    await screen.findByText('Accepted the invitation from 111111111111.');
    const outcome = createWrapper(document.body).findSelect('[data-testid="activity-outcome"]')!;
    outcome.openDropdown();
    outcome.selectOptionByValue('refused');
    await waitFor(() => expect(text()).not.toContain('member-pending'));
    expect(text()).toContain('org-member');
    outcome.openDropdown();
    outcome.selectOptionByValue('');
    fireEvent.change(screen.getByRole('searchbox', { name: 'Find activity' }), { target: { value: 'member-pending' } });
    await waitFor(() => expect(text()).not.toContain('org-member'));
  });

  it('exports through main and reports where it saved', async () => {
    const { fake } = renderWithApi(<ActivityPage />);
    await screen.findByText('Accepted the invitation from 111111111111.');
    fireEvent.click(screen.getByTestId('export-activity-jsonl'));
    expect(await screen.findByText('Saved 2 entries to /home/user/activity.csv.')).toBeTruthy();
    expect(fake.callsOf('exportActivity')).toEqual([{ format: 'jsonl' }]);
  });

  it('shows an empty log', async () => {
    renderWithApi(<ActivityPage />, { state: { activity: [] } });
    expect((await screen.findByTestId('activity-empty')).textContent).toContain('Nothing has been done yet.');
  });

  it('shows the error', async () => {
    const fake = createFakeApi();
    fake.fail('listActivity', error('config', 'The activity log is unreadable.'));
    renderWithApi(<ActivityPage />, { fake });
    expect((await screen.findByTestId('activity-error')).textContent).toContain('The activity log is unreadable.');
  });

  it('keeps the entries on screen while they reload (stale)', async () => {
    const { fake, client } = renderWithApi(<ActivityPage />);
    await screen.findByText('Accepted the invitation from 111111111111.');
    const release = fake.hold('listActivity');
    void client.invalidateQueries({ queryKey: ['activity'] });
    expect(await screen.findByText('Updating…')).toBeTruthy();
    expect(screen.getByText('Accepted the invitation from 111111111111.')).toBeTruthy();
    release();
    await waitFor(() => expect(screen.queryByText('Updating…')).toBeNull());
  });
});
