/**
 * The account each profile reached last: from the stored rows at start, then from every row read.
 * A refresh starts a profile's reads with it before STS answers (read-row's head start); STS still
 * decides, so a profile now pointing at another account costs one wasted read, never a wrong row.
 */
import type { ServiceRow } from '../../domain/row';

export interface KnownAccounts {
  get(profile: string): string | null;
  learn(row: Pick<ServiceRow, 'profile' | 'accountId'>): void;
  /** Every profile with its known account. */
  entries(): [profile: string, accountId: string][];
}

export function createKnownAccounts(rows: Pick<ServiceRow, 'profile' | 'accountId' | 'fetchedAt'>[]): KnownAccounts {
  const accounts = new Map<string, string>();
  // Rows of one profile may disagree (read in different sessions): the newest wins.
  const byAge = rows.filter((r) => r.accountId !== null).sort((a, b) => a.fetchedAt.localeCompare(b.fetchedAt));
  for (const row of byAge) accounts.set(row.profile, row.accountId as string);
  return {
    get: (profile) => accounts.get(profile) ?? null,
    entries: () => [...accounts],
    learn(row) {
      // A row whose identity could not be read (accountId null) says nothing about the account.
      if (row.accountId !== null) accounts.set(row.profile, row.accountId);
    },
  };
}
