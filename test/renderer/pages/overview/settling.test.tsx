/**
 * A row whose last write AWS took but does not show yet says "Settling…" in the Overview; the others
 * say nothing of it.
 */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { OverviewPage } from '../../../../renderer/src/pages/overview/OverviewPage';
import { demoRows } from '../../support/demo-data';
import { createFakeApi } from '../../support/fake-api';
import { renderWithApi } from '../../support/render';

describe('a settling row', () => {
  it('shows Settling… on that row only', async () => {
    const rows = demoRows().map((r) =>
      r.profile === 'member-pending' && r.region === 'us-east-1' ? { ...r, settling: true } : r,
    );
    renderWithApi(<OverviewPage />, { fake: createFakeApi({ cached: rows, rows }) });
    const row = (await screen.findByTestId('row-member-pending|us-east-1')).closest('tr') as HTMLElement;
    expect(within(row).getByText('Settling…')).toBeTruthy();
    expect(screen.getAllByText('Settling…')).toHaveLength(1);
  });
});
