/**
 * A large refresh streaming into the Overview under faults: 300 profiles × 4 regions = 1,200 rows
 * arrive as progress events while 20% of calls are throttled and 30% fail. The window must take
 * every row without a render error (the shell once re-rendered with every event and chained
 * Cloudscape re-measurements past React's update depth) and end up counting all of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../emulator/generate';
import { HARNESS_REGIONS, type Harness, startHarness } from './harness';

const PROFILES = 300;
const ROWS = PROFILES * HARNESS_REGIONS.length;

describe('a 1,200-row refresh under faults', () => {
  let h: Harness;
  beforeAll(async () => {
    const scenario = generateScenario({ profiles: PROFILES, accounts: 100, regions: HARNESS_REGIONS });
    h = await startHarness({ scenario, faults: { throttling: true, throttleRate: 0.2, errorRate: 0.3 } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('streams every row into the table without a render error', async () => {
    const started = Date.now();
    const finished = () => h.events.find((e) => e.type === 'refresh-finished');
    while (!finished()) {
      if (Date.now() - started > 120_000) throw new Error('The refresh did not finish within 120 s.');
      await new Promise((r) => setTimeout(r, 200));
    }
    await h.eventsDelivered();
    expect(finished()).toMatchObject({ done: ROWS, total: ROWS, cancelled: false });
    const progress = h.events.flatMap((e) => (e.type === 'refresh-progress' ? [e] : []));
    expect(progress.flatMap((e) => e.rows)).toHaveLength(ROWS);
    // The rows travel in batches, not one event each.
    expect(progress.length).toBeLessThan(ROWS / 2);

    const header = h.page.getByTestId('overview-table').locator('h1').first();
    await expect.poll(() => header.textContent(), { timeout: 15_000 }).toContain(`(${ROWS.toLocaleString('en-US')})`);
    expect(await h.page.getByTestId('refresh-progress').count()).toBe(0);
    expect(h.pageErrors).toEqual([]);
    console.log(`Streamed ${ROWS} rows under faults in ${Date.now() - started} ms with no render error.`);
  });
});
