import { disableMotion } from '@cloudscape-design/global-styles';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUTO_DISMISS_MS, Flashes, FlashProvider, useFlash } from '../../../renderer/src/components/flash';
import { OverviewPage } from '../../../renderer/src/pages/overview/OverviewPage';
import { demoRows } from '../support/demo-data';
import { renderWithApi } from '../support/render';

type Push = ReturnType<typeof useFlash>['push'];

/** Hands the context's push() to the test. */
function Grab({ into }: { into: { push: Push | null } }) {
  into.push = useFlash().push;
  return null;
}

/** The Flashbar alone, with a handle on push(). */
function renderFlashes(): { push: Push } {
  const handle: { push: Push | null } = { push: null };
  render(
    <FlashProvider>
      <Grab into={handle} />
      <Flashes />
    </FlashProvider>,
  );
  return {
    push: (message) => {
      act(() => handle.push?.(message));
    },
  };
}

const flashes = () => screen.getByTestId('flashes');

// Without motion a dismissed message leaves at once (jsdom never ends a CSS transition).
beforeAll(() => disableMotion(true));
afterAll(() => disableMotion(false));

describe('Flash messages', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('dismisses a success by itself after about 8 s and keeps an error until dismissed', () => {
    const { push } = renderFlashes();
    push({ type: 'error', header: 'Accept failed', content: 'Access denied.' });
    push({ type: 'success', header: 'Accepted', content: 'Now a member.' });
    expect(flashes().textContent).toContain('Now a member.');
    act(() => vi.advanceTimersByTime(AUTO_DISMISS_MS - 500));
    expect(flashes().textContent).toContain('Now a member.');
    act(() => vi.advanceTimersByTime(1000));
    expect(flashes().textContent).not.toContain('Now a member.');
    act(() => vi.advanceTimersByTime(60_000));
    expect(flashes().textContent).toContain('Access denied.');
    fireEvent.click(within(flashes()).getByRole('button', { name: 'Dismiss message' }));
    expect(flashes().textContent).not.toContain('Access denied.');
  });

  it('shows a message said again once, with how many times, and dismisses it as one', () => {
    const { push } = renderFlashes();
    push({ type: 'error', header: 'Accept failed', content: 'Access denied.' });
    push({ type: 'warning', content: 'Something else.' });
    push({ type: 'error', header: 'Accept failed', content: 'Access denied.' });
    // Drawn content compares by the key it was given.
    push({ type: 'error', header: 'Enable failed', content: <b>Throttled.</b>, repeatKey: 'enable' });
    push({ type: 'error', header: 'Enable failed', content: <b>Throttled.</b>, repeatKey: 'enable' });
    push({ type: 'error', header: 'Enable failed', content: <b>Throttled.</b>, repeatKey: 'enable' });
    fireEvent.click(within(flashes()).getByRole('button', { name: 'Show all messages' }));
    // Three messages, not six.
    expect(within(flashes()).getAllByRole('button', { name: 'Dismiss message' })).toHaveLength(3);
    const text = flashes().textContent ?? '';
    expect(text.match(/Access denied\./g)).toHaveLength(1);
    expect(text.match(/Throttled\./g)).toHaveLength(1);
    expect(
      within(flashes())
        .getAllByTestId('flash-count')
        .map((e) => e.textContent),
    ).toEqual(['3 times', '2 times']);
  });

  it('holds the timers while the pointer is on the messages', () => {
    const { push } = renderFlashes();
    push({ type: 'success', content: 'Copied 8 rows as CSV.' });
    const holder = flashes().parentElement as HTMLElement;
    fireEvent.mouseEnter(holder);
    act(() => vi.advanceTimersByTime(AUTO_DISMISS_MS * 3));
    expect(flashes().textContent).toContain('Copied 8 rows as CSV.');
    fireEvent.mouseLeave(holder);
    act(() => vi.advanceTimersByTime(2500));
    expect(flashes().textContent).not.toContain('Copied 8 rows as CSV.');
  });

  it('collapses several messages into one stack with a bar that expands it', () => {
    const { push } = renderFlashes();
    push({ type: 'error', content: 'First failure.' });
    push({ type: 'error', content: 'Second failure.' });
    push({ type: 'warning', content: 'A warning.' });
    const bar = within(flashes()).getByRole('button', { name: 'Show all messages' });
    expect(bar.getAttribute('aria-expanded')).toBe('false');
    // Collapsed, only the newest message is readable; the others are behind it.
    expect(flashes().textContent).toContain('A warning.');
    expect(flashes().textContent).not.toContain('First failure.');
    fireEvent.click(bar);
    expect(bar.getAttribute('aria-expanded')).toBe('true');
    expect(flashes().textContent).toContain('First failure.');
  });

  it('drops messages marked untilNavigation when the page changes, and keeps the others', () => {
    const { push } = renderFlashes();
    push({ type: 'error', content: 'Action failed.' });
    push({
      id: 'refresh',
      type: 'warning',
      content: 'Refresh finished: 2 rows could not be read.',
      untilNavigation: true,
    });
    act(() => {
      window.location.hash = '#/activity';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(flashes().textContent).not.toContain('Refresh finished');
    expect(flashes().textContent).toContain('Action failed.');
  });
});

describe('Refresh summary', () => {
  it('warns once per refresh about unreadable rows, not on every page, and clears after a clean refresh', async () => {
    const { fake } = renderWithApi(<OverviewPage />, { state: { cached: demoRows() } });
    await waitFor(() => expect(fake.callsOf('startRefresh')).toHaveLength(1));
    const finish = (refreshId: string, failed: number) =>
      act(() => fake.emit({ type: 'refresh-finished', refreshId, done: 8, total: 8, failed, cancelled: false, ms: 5 }));
    // Wait until the refresh id is known, so the event is taken as this window's refresh.
    await new Promise((r) => setTimeout(r, 20));
    finish('refresh-1', 2);
    const warning = 'Refresh finished: 2 rows of 8 could not be read. Each row says why.';
    expect(await screen.findByText(warning)).toBeTruthy();
    expect(screen.getAllByText(warning)).toHaveLength(1);
    act(() => {
      window.location.hash = '#/profiles';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await waitFor(() => expect(screen.queryByText(warning)).toBeNull());

    // The next refresh warns again; a refresh that reads every row takes the warning away.
    fireEvent.click(screen.getByTestId('refresh'));
    await waitFor(() => expect(fake.callsOf('startRefresh')).toHaveLength(2));
    await new Promise((r) => setTimeout(r, 20));
    finish('refresh-2', 2);
    expect(await screen.findByText(warning)).toBeTruthy();
    fireEvent.click(screen.getByTestId('refresh'));
    await waitFor(() => expect(fake.callsOf('startRefresh')).toHaveLength(3));
    await new Promise((r) => setTimeout(r, 20));
    finish('refresh-3', 0);
    await waitFor(() => expect(screen.queryByText(warning)).toBeNull());
  });
});
