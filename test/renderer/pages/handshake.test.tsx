import createWrapper from '@cloudscape-design/components/test-utils/dom';
import type { QueryClient } from '@tanstack/react-query';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { HandshakePage } from '../../../renderer/src/pages/HandshakePage';
import { renderWithApi } from '../support/render';

describe('Invite and accept (handshake)', () => {
  async function fill(client: QueryClient, admin: string, member: string, regions: string[]) {
    // Profiles and settings first: the selects have no options before them.
    await waitFor(() => expect(client.getQueryData(['profiles'])).toBeDefined());
    await waitFor(() => expect(client.getQueryData(['settings'])).toBeDefined());
    const body = createWrapper(document.body);
    const a = body.findSelect('[data-testid="handshake-administrator"]')!;
    a.openDropdown();
    a.selectOptionByValue(admin);
    const m = body.findSelect('[data-testid="handshake-member"]')!;
    m.openDropdown();
    m.selectOptionByValue(member);
    const r = body.findMultiselect('[data-testid="handshake-regions"]')!;
    // A multiselect stays open while options are picked.
    r.openDropdown();
    for (const region of regions) r.selectOptionByValue(region);
  }

  it('runs in the chosen regions, shows each step, and says how to resume after a failure', async () => {
    const { fake, client } = renderWithApi(<HandshakePage />, { state: { handshakeFailRegion: 'eu-west-1' } });
    await fill(client, 'admin', 'member-pending', ['us-east-1', 'eu-west-1']);
    const run = screen.getByTestId('handshake-run');
    await waitFor(() => expect(run.getAttribute('aria-disabled')).toBeNull());
    fireEvent.click(run);
    await waitFor(() =>
      expect(fake.callsOf('runHandshake')).toEqual([
        { administratorProfile: 'admin', memberProfile: 'member-pending', regions: ['us-east-1', 'eu-west-1'] },
      ]),
    );
    const steps = await screen.findByTestId('handshake-steps');
    await waitFor(() => expect(within(steps).getAllByRole('row')).toHaveLength(7));
    expect(steps.textContent).toContain('Accept (member)');
    expect(steps.textContent).toContain('Security Hub is off in eu-west-1. Enable it first.');
    expect(screen.getByTestId('handshake-stopped').textContent).toMatch(/run again/);
  });

  it('needs two different profiles and a region', async () => {
    const { client } = renderWithApi(<HandshakePage />);
    await fill(client, 'admin', 'admin', ['us-east-1']);
    const run = screen.getByTestId('handshake-run');
    await new Promise((r) => setTimeout(r, 20));
    expect(run.getAttribute('aria-disabled')).toBe('true');
  });
});
