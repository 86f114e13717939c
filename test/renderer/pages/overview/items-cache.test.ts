import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ServiceRow } from '../../../../contract/api';
import type { AccountNames } from '../../../../main/domain/account-names';
import { mergeRows, type RowMap, rowKey } from '../../../../renderer/src/data/rows';
import { createItemsCache, toItems } from '../../../../renderer/src/pages/overview/items';
import { invitation, serviceRow } from '../../../helpers/rows';

const PROFILES = ['alpha', 'Beta', 'beta-2', 'gamma', 'prod10', 'prod9', 'zeta'];
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-south-1'];
const SERVICES = ['securityhub', 'guardduty'];

/** A row as a refresh may send it: pending, failed or plain, read at one of a few times. */
const rowArb = fc
  .record({
    profile: fc.constantFrom(...PROFILES),
    region: fc.constantFrom(...REGIONS),
    service: fc.constantFrom(...SERVICES),
    kind: fc.constantFrom('pending', 'error', 'plain'),
    at: fc.integer({ min: 0, max: 9 }),
  })
  .map(({ profile, region, service, kind, at }) =>
    serviceRow(profile, region, {
      service,
      fetchedAt: `2026-12-07T10:00:0${at}.000Z`,
      ...(kind === 'pending' ? { pendingInvitations: [invitation('111111111111', `inv-${at}`)] } : {}),
      ...(kind === 'error' ? { state: 'error' as const } : {}),
    }),
  );

/** What the window's rows query holds after each batch, as the refresh writes it. */
function afterEachBatch(batches: ServiceRow[][]): RowMap[] {
  const maps: RowMap[] = [];
  let rows: RowMap | undefined;
  for (const batch of batches) {
    rows = mergeRows(rows, batch);
    maps.push(rows);
  }
  return maps;
}

const keysOf = (items: { key: string }[]) => items.map((i) => i.key);

describe('the Overview items kept across batches of rows', () => {
  it('are, after every batch, the items toItems makes from all the rows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(rowArb, { maxLength: 12 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        fc.subarray(PROFILES, { maxLength: 2 }),
        (batches, attentionFirst, hidden) => {
          const items = createItemsCache();
          for (const rows of afterEachBatch(batches)) {
            const kept = items(rows, hidden, attentionFirst);
            const made = toItems(Object.values(rows), hidden, attentionFirst);
            expect(keysOf(kept)).toEqual(keysOf(made));
            expect(kept).toEqual(made);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps a row the next batch did not replace as the same item, and makes a replaced row again', () => {
    const items = createItemsCache();
    const first = serviceRow('alpha', 'us-east-1');
    const second = serviceRow('beta', 'us-east-1');
    const before = items(mergeRows({}, [first, second]), []);
    const replaced = { ...second, pendingInvitations: [invitation('111111111111', 'inv-1')] };
    const after = items(mergeRows(mergeRows({}, [first, second]), [replaced]), [], true);
    expect(after.map((i) => i.key)).toEqual([rowKey(replaced), rowKey(first)]);
    expect(after[1]).toBe(before[0]);
    expect(after[0]).not.toBe(before[1]);
    expect(after[0]?.pendingFrom).toBe('from 111111111111');
  });

  it('makes every item again when the account names change', () => {
    const items = createItemsCache();
    const rows = mergeRows({}, [serviceRow('alpha', 'us-east-1', { accountId: '222222222222' })]);
    const names: AccountNames = {
      accounts: { '222222222222': [{ name: 'Payments', source: 'organizations', via: 'alpha', at: '2026-12-07' }] },
      own: ['222222222222'],
    };
    expect(items(rows, [])[0]?.searchText).not.toContain('payments');
    expect(items(rows, [], false, [], names)[0]?.searchText).toContain('payments');
  });
});
