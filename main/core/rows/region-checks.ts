/**
 * Which account-regions answered "this opt-in region is not enabled", and when. Such a region is
 * not read again (no calls) for a day: its row repeats the answer with the time it was checked.
 * Primed from the stored rows, so the day runs across restarts; `forget` is the on-demand re-check.
 */
import type { AppError } from '../../domain/errors';
import type { ServiceRow } from '../../domain/row';

/** How long a "not enabled" answer stands before the region is asked again. */
export const REGION_RECHECK_MS = 24 * 60 * 60 * 1000;

type CheckedRow = Pick<ServiceRow, 'accountId' | 'region' | 'state' | 'fetchedAt' | 'error'>;

/** A standing "not enabled" answer: when it was given, and AWS's answer as the row showed it. */
export interface NotEnabled {
  at: string;
  error: AppError | null;
}

export interface RegionChecks {
  /** When the region was found not enabled, if that answer still stands at `now`; else null. */
  notEnabledSince(accountId: string, region: string, now: Date): NotEnabled | null;
  learn(row: CheckedRow): void;
  /** Forgets the answers (of these accounts, or all); returns the account-regions forgotten. */
  forget(accountIds?: ReadonlySet<string>): { accountId: string; region: string }[];
}

const keyOf = (accountId: string, region: string) => `${accountId}/${region}`;

export function createRegionChecks(rows: CheckedRow[]): RegionChecks {
  const checked = new Map<string, NotEnabled & { accountId: string; region: string }>();
  const learn = (row: CheckedRow) => {
    if (row.accountId === null) return;
    const key = keyOf(row.accountId, row.region);
    if (row.state === 'region-not-enabled') {
      const known = checked.get(key);
      if (!known || known.at < row.fetchedAt)
        checked.set(key, { accountId: row.accountId, region: row.region, at: row.fetchedAt, error: row.error });
    } else if (row.state !== 'error') checked.delete(key); // it answered: the region is enabled now
  };
  for (const row of rows) learn(row);
  return {
    notEnabledSince(accountId, region, now) {
      const known = checked.get(keyOf(accountId, region));
      if (!known) return null;
      const age = now.getTime() - Date.parse(known.at);
      return age >= 0 && age < REGION_RECHECK_MS ? { at: known.at, error: known.error } : null;
    },
    learn,
    forget(accountIds) {
      const gone: { accountId: string; region: string }[] = [];
      for (const [key, c] of checked) {
        if (accountIds && !accountIds.has(c.accountId)) continue;
        checked.delete(key);
        gone.push({ accountId: c.accountId, region: c.region });
      }
      return gone;
    },
  };
}
