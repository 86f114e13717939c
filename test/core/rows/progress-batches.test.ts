import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppEvent } from '../../../contract/api';
import {
  createProgressBatches,
  PROGRESS_BATCH_MS,
  PROGRESS_BATCH_ROWS,
} from '../../../main/core/rows/progress-batches';
import { rowKey } from '../../../main/domain/ids';
import type { ServiceRow } from '../../../main/domain/row';
import { serviceRow } from '../../helpers/rows';

type Progress = Extract<AppEvent, { type: 'refresh-progress' }>;

const rowOf = (i: number): ServiceRow => serviceRow(`p${i}`, 'us-east-1');

function recorder() {
  const events: AppEvent[] = [];
  const progress = () => events.filter((e): e is Progress => e.type === 'refresh-progress');
  const keys = () => progress().flatMap((e) => e.rows.map(rowKey));
  return { events, emit: (event: AppEvent) => events.push(event), progress, keys };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('refresh progress batches', () => {
  it('sends the first row at once, then the rows of each window as one event', () => {
    const r = recorder();
    const batches = createProgressBatches(r.emit);
    batches.add('a', 1, 10, rowOf(1));
    expect(r.progress()).toEqual([{ type: 'refresh-progress', refreshId: 'a', done: 1, total: 10, rows: [rowOf(1)] }]);

    for (let i = 2; i <= 5; i += 1) {
      vi.advanceTimersByTime(5);
      batches.add('a', i, 10, rowOf(i));
    }
    expect(r.progress()).toHaveLength(1);
    vi.advanceTimersByTime(PROGRESS_BATCH_MS);
    expect(r.progress()).toHaveLength(2);
    expect(r.progress()[1]).toMatchObject({ done: 5, total: 10 });
    expect(r.progress()[1]?.rows.map((row) => row.profile)).toEqual(['p2', 'p3', 'p4', 'p5']);

    // A quiet window closes the batch: the next row goes at once again.
    vi.advanceTimersByTime(PROGRESS_BATCH_MS * 3);
    batches.add('a', 6, 10, rowOf(6));
    expect(r.progress()).toHaveLength(3);
    expect(r.keys()).toEqual([1, 2, 3, 4, 5, 6].map((i) => rowKey(rowOf(i))));
  });

  it('sends a full batch without waiting for its window', () => {
    const r = recorder();
    const batches = createProgressBatches(r.emit);
    const total = 1 + PROGRESS_BATCH_ROWS + 3;
    for (let i = 1; i <= total; i += 1) batches.add('a', i, total, rowOf(i));
    expect(r.progress().map((e) => e.rows.length)).toEqual([1, PROGRESS_BATCH_ROWS]);
    expect(r.progress()[1]?.done).toBe(1 + PROGRESS_BATCH_ROWS);
    vi.advanceTimersByTime(PROGRESS_BATCH_MS);
    expect(r.progress().map((e) => e.rows.length)).toEqual([1, PROGRESS_BATCH_ROWS, 3]);
  });

  it('flushes the waiting rows at once, so they come before the refresh-finished that follows', () => {
    const r = recorder();
    const batches = createProgressBatches(r.emit);
    for (let i = 1; i <= 4; i += 1) batches.add('a', i, 4, rowOf(i));
    batches.flush('a');
    r.emit({ type: 'refresh-finished', refreshId: 'a', done: 4, total: 4, failed: 0, cancelled: false, ms: 1 });
    expect(r.events.map((e) => e.type)).toEqual(['refresh-progress', 'refresh-progress', 'refresh-finished']);
    expect(r.progress()[1]).toMatchObject({ done: 4, total: 4 });
    // Nothing comes after the flush: the window's timer went with it.
    vi.advanceTimersByTime(PROGRESS_BATCH_MS * 4);
    expect(r.events).toHaveLength(3);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('loses and repeats no row across windows, flushes and refreshes, in their order', () => {
    const r = recorder();
    const batches = createProgressBatches(r.emit);
    const sent = new Map<string, string[]>([
      ['a', []],
      ['b', []],
    ]);
    const done = new Map([
      ['a', 0],
      ['b', 0],
    ]);
    for (let i = 0; i < 2000; i += 1) {
      const id = i % 3 === 0 ? 'b' : 'a';
      const row = rowOf(i);
      done.set(id, (done.get(id) ?? 0) + 1);
      sent.get(id)?.push(rowKey(row));
      batches.add(id, done.get(id) ?? 0, 2000, row);
      vi.advanceTimersByTime(i % 7);
    }
    batches.flush('a');
    batches.flush('b');
    for (const id of ['a', 'b']) {
      const events = r.progress().filter((e) => e.refreshId === id);
      expect(events.flatMap((e) => e.rows.map(rowKey))).toEqual(sent.get(id));
      // Each event's `done` counts every row sent so far.
      let so = 0;
      for (const e of events) {
        so += e.rows.length;
        expect(e.done).toBe(so);
      }
      // Batched: far fewer events than rows.
      expect(events.length).toBeLessThan((sent.get(id)?.length ?? 0) / 4);
    }
  });

  it('with no window, sends each row in its own event', () => {
    const r = recorder();
    const batches = createProgressBatches(r.emit, { windowMs: 0 });
    for (let i = 1; i <= 3; i += 1) batches.add('a', i, 3, rowOf(i));
    expect(r.progress().map((e) => e.rows.length)).toEqual([1, 1, 1]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
