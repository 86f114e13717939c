import { describe, expect, it } from 'vitest';
import { addRepeated, type Counted, repeatKeyOf, timesSaid } from '../../../renderer/src/lib/repeats';

const item = (id: string, key: string | null, count = 1): Counted => ({ id, key, count });

describe('banners said more than once', () => {
  it('keys a message by its kind and plain words, or by the key it was given', () => {
    expect(repeatKeyOf({ type: 'error', header: 'Accept failed', content: 'Access denied.' })).toBe(
      repeatKeyOf({ type: 'error', header: 'Accept failed', content: 'Access denied.' }),
    );
    // Another kind, other words, or words split differently between header and content: another message.
    const base = repeatKeyOf({ type: 'error', header: 'Accept failed', content: 'Access denied.' });
    expect(repeatKeyOf({ type: 'warning', header: 'Accept failed', content: 'Access denied.' })).not.toBe(base);
    expect(repeatKeyOf({ type: 'error', header: 'Accept failed', content: 'Throttled.' })).not.toBe(base);
    expect(repeatKeyOf({ type: 'error', header: 'Accept failedAccess', content: ' denied.' })).not.toBe(base);
    // Words drawn by a component cannot be compared: never taken for another, unless a key is given.
    expect(repeatKeyOf({ type: 'error', header: 'Accept failed', content: { drawn: true } })).toBeNull();
    expect(repeatKeyOf({ type: 'error', content: { drawn: true }, repeatKey: 'k' })).toBe(
      repeatKeyOf({ type: 'error', content: { other: true }, repeatKey: 'k' }),
    );
  });

  it('puts a repeated message on top once, with the count of both, and names the one it replaced', () => {
    const list = [item('b', 'other'), item('a', 'same', 2)];
    const next = addRepeated(list, item('c', 'same'), 6);
    expect(next.list).toEqual([item('c', 'same', 3), item('b', 'other')]);
    expect(next.dropped).toEqual(['a']);
  });

  it('keeps messages without a key apart, replaces one with the same id afresh, and keeps the newest max', () => {
    const apart = addRepeated([item('a', null)], item('b', null), 6);
    expect(apart.list.map((i) => i.id)).toEqual(['b', 'a']);
    // The same id is news that replaces the earlier (a refresh's result): counted afresh.
    expect(addRepeated([item('refresh', 'x', 4)], item('refresh', 'x'), 6).list).toEqual([item('refresh', 'x', 1)]);
    const full = addRepeated([item('a', '1'), item('b', '2')], item('c', '3'), 2);
    expect(full.list.map((i) => i.id)).toEqual(['c', 'a']);
    expect(full.dropped).toEqual(['b']);
  });

  it('says how many times, only when more than once', () => {
    expect(timesSaid(1)).toBe('');
    expect(timesSaid(3)).toBe('3 times');
  });
});
