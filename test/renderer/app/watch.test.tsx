import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../../renderer/src/app/App';
import { demoSettings, snapshot } from '../support/demo-data';
import { createFakeApi } from '../support/fake-api';
import { renderWithApi } from '../support/render';

describe('Background watch', () => {
  it('shows the changes the main process found, and runs no auto-refresh timer of its own', async () => {
    const settings = { ...demoSettings(), autoRefreshMinutes: 1 };
    const fake = createFakeApi({ settings, rows: [snapshot('admin', 'us-east-1')] });
    renderWithApi(<App />, { fake });
    await screen.findByTestId('row-admin|us-east-1');
    await waitFor(() => expect(fake.callsOf('startRefresh')).toHaveLength(1));
    act(() =>
      fake.emit({
        type: 'watch-change',
        pendingCount: 3,
        changes: [
          {
            kind: 'new-invitation',
            service: 'securityhub',
            profile: 'sandbox',
            region: 'us-east-1',
            accountId: '666666666666',
            otherAccountId: '111111111111',
            before: null,
            after: 'Invited',
            message: 'sandbox (666666666666) has a new invitation from 111111111111 in us-east-1.',
          },
        ],
      }),
    );
    expect((await screen.findAllByText('1 change since the last refresh')).length).toBeGreaterThan(0);
    expect(screen.getAllByText(/has a new invitation from 111111111111/).length).toBeGreaterThan(0);
    // The window leaves the timer to the main process: no second refresh from here.
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.callsOf('startRefresh')).toHaveLength(1);
  });
});
