/**
 * How far V8 lets the main process's heap grow past what is alive before a full collection.
 *
 * With a large heap limit V8 allows up to 4× the live size. A refresh of 17,000 rows keeps about
 * 100 MB alive, but the objects of calls in flight outlive two young collections and pile up in the
 * old space as garbage: the process reached 600 MB resident before a full collection ran
 * (`npm run bench -- --large`). At 2× it peaks at about 380 MB, for more frequent full collections
 * (15–90 ms each at that size, most of it done incrementally between tasks; no difference in CPU a
 * call was measurable). A desktop app that sits in the tray all day should not hold half a gigabyte
 * of garbage. An engine without the flag prints that it is unknown and changes nothing.
 *
 * V8 reads heap_growing_percent at each full collection, so setting it once the process runs takes
 * effect (the main process cannot be given V8 flags on its command line by a packaged app).
 */
import v8 from 'node:v8';

/** The heap may grow to (1 + 100/100) = 2× the live size before the next full collection. */
export const HEAP_GROWING_PERCENT = 100;

export function limitHeapGrowth(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
