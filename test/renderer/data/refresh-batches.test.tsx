import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ServiceRow } from '../../../contract/api';
import { queryKeys } from '../../../renderer/src/data/keys';
import { type RowMap, rowKey } from '../../../renderer/src/data/rows';
import { OverviewPage } from '../../../renderer/src/pages/overview/OverviewPage';
import { demoRows } from '../support/demo-data';
import { renderWithApi } from '../support/render';

describe('a refresh-progress batch in the window', () => {
  it('goes to the rows cache in one update, every row of it, and the end keeps them all', async () => {
    const { fake, client } = renderWithApi(<OverviewPage />, { state: { cached: [] } });
    await waitFor(() => expect(fake.callsOf('startRefresh')).toHaveLength(1));
    await screen.findByTestId('refresh-progress');
    const rows = demoRows();

    // Each change of the rows query's data, as the table would see it.
    const updates: RowMap[] = [];
    const unsubscribe = client.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'success') return;
      if (JSON.stringify(event.query.queryKey) !== JSON.stringify(queryKeys.rows)) return;
      updates.push(event.query.state.data as RowMap);
    });
    const batch: ServiceRow[] = rows.slice(0, 6);
    act(() =>
      fake.emit({ type: 'refresh-progress', refreshId: 'refresh-1', done: 6, total: rows.length, rows: batch }),
    );
    await waitFor(() => expect(updates).toHaveLength(1));
    expect(Object.keys(updates[0] ?? {}).sort()).toEqual(batch.map(rowKey).sort());
    await waitFor(() => expect(screen.getByTestId('refresh-progress').textContent).toContain('6 of 8 rows read'));

    // The last batch, then the end at once: its rows are not dropped as "not seen" by the end.
    const last = rows.slice(6);
    act(() => {
      fake.emit({ type: 'refresh-progress', refreshId: 'refresh-1', done: 8, total: rows.length, rows: last });
      fake.emit({
        type: 'refresh-finished',
        refreshId: 'refresh-1',
        done: 8,
        total: rows.length,
        failed: 0,
        cancelled: false,
        ms: 5,
      });
    });
    await waitFor(() => expect(screen.queryByTestId('refresh-progress')).toBeNull());
    unsubscribe();
    expect(Object.keys(client.getQueryData<RowMap>(queryKeys.rows) ?? {}).sort()).toEqual(rows.map(rowKey).sort());
    for (const row of last) {
      expect(within(screen.getByTestId('overview-table')).getByTestId(`row-${row.profile}|${row.region}`)).toBeTruthy();
    }
  });
});
