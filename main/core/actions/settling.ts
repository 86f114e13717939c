/**
 * Writes settle asynchronously: AWS answers a member-side write (accept, decline, leave) at once, but
 * its reads may show the change only later (GuardDuty and Detective verify a membership for seconds
 * to minutes). After a write the changed part is read again a bounded number of times, waiting
 * between reads, until it shows the change; the write itself is never sent again. Past the bound the
 * row is marked settling and the answer says the next refresh will show it.
 */

/** The most reads after a write (the first included) before the app stops waiting for AWS to show it. */
export const SETTLE_READS = 3;
/** The waits before the second and third read: 30 s in all, doubling. */
export const SETTLE_WAITS_MS: readonly number[] = [10_000, 20_000];

/** What the answer adds when the bound passed without the change showing. */
export const NOT_SHOWN_YET = 'AWS has not shown the change yet; the app will show it on the next refresh.';

/** How reads after a write are paced (tests give their own `sleep` and waits). */
export interface SettlePace {
  reads: number;
  waitsMs: readonly number[];
  sleep(ms: number): Promise<void>;
}

export const DEFAULT_PACE: SettlePace = {
  reads: SETTLE_READS,
  waitsMs: SETTLE_WAITS_MS,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Reads until `shows` is true of a read, or `pace.reads` reads were made; the last read, whether it
 * showed the change, and how many reads it took. A failing read ends it (the caller reports it).
 */
export async function readUntilShown<T>(
  read: () => Promise<T>,
  shows: (value: T) => boolean,
  pace: SettlePace = DEFAULT_PACE,
): Promise<{ value: T; shown: boolean; reads: number }> {
  let value = await read();
  let reads = 1;
  while (!shows(value) && reads < Math.max(1, pace.reads)) {
    await pace.sleep(pace.waitsMs[reads - 1] ?? pace.waitsMs.at(-1) ?? 0);
    value = await read();
    reads++;
  }
  return { value, shown: shows(value), reads };
}
