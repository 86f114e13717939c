import { describe, expect, it } from 'vitest';
import { createRowWindow } from '../../../main/core/rows/row-window';

/** A read that settles when told to. */
function deferred() {
  let resolve!: (v: string) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<string>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('row window', () => {
  it('lets `size` rows read, starts the next in order as one settles (even by failing), and grows', async () => {
    const window = createRowWindow(2);
    const reads = Array.from({ length: 5 }, () => deferred());
    const started: number[] = [];
    const results = reads.map((d, i) =>
      window
        .run(() => {
          started.push(i);
          return d.promise;
        })
        .catch((e: Error) => e.message),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect(window.counts()).toEqual({ reading: 2, waiting: 3 });

    reads[1]?.reject(new Error('denied'));
    await tick();
    expect(started).toEqual([0, 1, 2]);

    window.resize(4);
    await tick();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    for (const d of reads) d.resolve('ok');
    expect(await Promise.all(results)).toEqual(['ok', 'denied', 'ok', 'ok', 'ok']);
    expect(window.counts()).toEqual({ reading: 0, waiting: 0 });
  });
});
