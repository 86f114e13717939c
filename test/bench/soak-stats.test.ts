import { describe, expect, it } from 'vitest';
import { growthPer100, rssPeaks, slope } from './soak-stats';

describe('soak figures', () => {
  it('is the least-squares slope, and 0 without two distinct points', () => {
    expect(
      slope([
        { x: 0, y: 1 },
        { x: 10, y: 6 },
      ]),
    ).toBeCloseTo(0.5);
    expect(
      slope([
        { x: 0, y: 1 },
        { x: 1, y: 3 },
        { x: 2, y: 2 },
      ]),
    ).toBeCloseTo(0.5);
    expect(slope([{ x: 3, y: 1 }])).toBe(0);
    expect(
      slope([
        { x: 3, y: 1 },
        { x: 3, y: 9 },
      ]),
    ).toBe(0);
  });

  it('measures growth per 100 cycles over the second half only (the first fills caches)', () => {
    const samples = [10, 20, 30, 40, 50, 60, 70, 80].map((cycle) => ({
      cycle,
      // A big start-up rise, then 0.1 MB heap and 0.3 MB RSS per 10 cycles.
      heapMb: cycle <= 40 ? cycle : 40 + (cycle - 40) / 100,
      rssMb: cycle <= 40 ? 2 * cycle : 80 + (cycle - 40) * 0.03,
    }));
    const g = growthPer100(samples);
    expect(g.heapMb).toBeCloseTo(1);
    expect(g.rssMb).toBeCloseTo(3);
  });

  it('gives the RSS peak of each half', () => {
    const samples = [150, 210, 170, 190, 205, 180].map((rssMb, i) => ({ cycle: (i + 1) * 10, heapMb: 1, rssMb }));
    expect(rssPeaks(samples)).toEqual({ firstHalfMb: 210, secondHalfMb: 205 });
    expect(rssPeaks([])).toEqual({ firstHalfMb: 0, secondHalfMb: 0 });
  });
});
