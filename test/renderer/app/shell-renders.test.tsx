/**
 * While rows stream in, only the views that show them re-render. The window shell (top bar, side
 * navigation, layout) re-rendering with every progress event made Cloudscape's TopNavigation measure
 * itself again each time, and under a heavy refresh those measurements chained past React's update
 * depth limit and blanked the window.
 */
import { act, screen, waitFor } from '@testing-library/react';
import { createElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../../renderer/src/app/App';
import { demoRows } from '../support/demo-data';
import { createFakeApi } from '../support/fake-api';
import { renderWithApi } from '../support/render';

const topBar = vi.hoisted(() => ({ renders: 0, utilities: new Set<unknown>() }));

vi.mock('@cloudscape-design/components/top-navigation', async (importOriginal) => {
  const real = await importOriginal<typeof import('@cloudscape-design/components/top-navigation')>();
  const Counted = (props: import('@cloudscape-design/components/top-navigation').TopNavigationProps) => {
    topBar.renders += 1;
    topBar.utilities.add(props.utilities);
    return createElement(real.default, props);
  };
  return { ...real, default: Counted };
});

describe('window shell during a refresh', () => {
  it('does not re-render the top bar for progress events, and shows the progress', async () => {
    const fake = createFakeApi();
    renderWithApi(<App />, { fake });
    await screen.findByTestId('row-admin|us-east-1');
    await waitFor(() => expect(fake.callsOf('startRefresh')).toHaveLength(1));
    await screen.findByTestId('refresh-progress');
    const rendersBefore = topBar.renders;
    const utilitiesBefore = topBar.utilities.size;

    const rows = demoRows();
    const total = rows.length * 25;
    for (let i = 0; i < total; i += 1) {
      const row = rows[i % rows.length]!;
      act(() => fake.emit({ type: 'refresh-progress', refreshId: 'refresh-1', done: i + 1, total, rows: [row] }));
    }
    await waitFor(() => expect(screen.getByTestId('refresh-progress').textContent).toContain(`${total} of ${total}`));

    expect(topBar.renders - rendersBefore).toBe(0);
    expect(topBar.utilities.size).toBe(utilitiesBefore);
  });
});
