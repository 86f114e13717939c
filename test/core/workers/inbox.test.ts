/**
 * The main thread takes the workers' messages a slice at a time: the event loop runs between slices
 * (an IPC reply is not held behind a burst of rows), and the messages keep their order.
 */
import { describe, expect, it } from 'vitest';
import { createInbox } from '../../../main/core/workers/inbox';

describe('the workers’ inbox', () => {
  it('lets the event loop through between slices and keeps the order', async () => {
    // Each message "takes" 3 ms of a fake clock: 8 ms slices hold three messages each.
    let clock = 0;
    const inbox = createInbox({ sliceMs: 8, now: () => clock });
    const order: string[] = [];
    for (let i = 0; i < 7; i++) {
      inbox.push(() => {
        clock += 3;
        order.push(`m${i}`);
      });
    }
    // What waits on the event loop meanwhile (an IPC request's callback).
    setImmediate(() => order.push('reply'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(['m0', 'm1', 'm2', 'reply', 'm3', 'm4', 'm5', 'm6']);
  });

  it('goes on after a message whose handling throws, and drops what is queued when cleared', async () => {
    const inbox = createInbox();
    const handled: number[] = [];
    inbox.push(() => {
      throw new Error('malformed');
    });
    inbox.push(() => handled.push(1));
    await new Promise((resolve) => setImmediate(resolve));
    expect(handled).toEqual([1]);
    inbox.push(() => handled.push(2));
    inbox.clear();
    await new Promise((resolve) => setImmediate(resolve));
    expect(handled).toEqual([1]);
  });
});
