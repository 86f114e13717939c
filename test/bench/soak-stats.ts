/** The soak run's arithmetic, apart so it can be tested without a run. */

export interface Sample {
  cycle: number;
  heapMb: number;
  rssMb: number;
}

/** Least-squares slope of y over x; 0 with fewer than two distinct x. */
export function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/**
 * Growth in MB per 100 cycles over the second half of the samples: the first half fills the caches
 * (SDK clients, credentials, the watch's known state, V8's code), which is not a leak. A slope rather
 * than last minus first, so one late collection or allocation spike does not decide the figure.
 */
export function growthPer100(samples: Sample[]): { heapMb: number; rssMb: number } {
  const half = samples.slice(Math.floor(samples.length / 2));
  return {
    heapMb: slope(half.map((s) => ({ x: s.cycle, y: s.heapMb }))) * 100,
    rssMb: slope(half.map((s) => ({ x: s.cycle, y: s.rssMb }))) * 100,
  };
}

/**
 * Highest RSS in each half of the run. RSS after a collection moves by tens of MB as V8 keeps or
 * returns pages, so its slope is noisy: a second-half peak no higher than the first says it is bounded.
 */
export function rssPeaks(samples: Sample[]): { firstHalfMb: number; secondHalfMb: number } {
  const mid = Math.floor(samples.length / 2);
  const peak = (list: Sample[]) => Math.max(0, ...list.map((s) => s.rssMb));
  return { firstHalfMb: peak(samples.slice(0, mid)), secondHalfMb: peak(samples.slice(mid)) };
}
