/**
 * The benchmark's figures that are computed from the emulator's request log and the snapshot
 * timing hook, kept apart from the run itself so they can be checked on their own.
 */

/** The fields of an emulator request-log entry the figures read (test/emulator/request-log.ts). */
export interface LogEntry {
  service: string;
  operation: string;
  accountId: string | null;
  region: string | null;
  status: number;
  /** The request carried a NextToken (a further page of one listing). */
  nextPage?: boolean;
}

/** A security service's read operations: everything the app sends that changes nothing. */
export const isReadOperation = (operation: string) => /^(Describe|Get|List)/.test(operation);

export interface AccountRegionReads {
  /** The most reads of one operation in one account-region (0 when nothing was read). */
  max: number;
  /** The same maximum per operation, to show which read repeats. */
  byOperation: Record<string, number>;
  /** How many account-regions saw at least one read. */
  accountRegions: number;
}

/**
 * Reads per account-region: for every read operation of one service (its signing name; Security Hub
 * CSPM unless named) and account-region, the number of
 * requests, successful or not, that started a read — a throttled answer (429) is a retry of the same
 * read, and a request carrying a NextToken continues the listing the first page started; neither
 * counts. A complete refresh that reads every account-region once gives 1, whichever operations it
 * uses (it stays right when one is dropped); several profiles reaching one account and each reading
 * it give more.
 */
export function accountRegionReads(log: LogEntry[], service = 'securityhub'): AccountRegionReads {
  const counts = new Map<string, number>();
  const accountRegions = new Set<string>();
  const byOperation: Record<string, number> = {};
  for (const e of log) {
    if (e.service !== service || !isReadOperation(e.operation)) continue;
    if (e.status === 429 || e.nextPage) continue;
    const where = `${e.accountId}/${e.region}`;
    accountRegions.add(where);
    const key = `${e.operation} ${where}`;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    byOperation[e.operation] = Math.max(byOperation[e.operation] ?? 0, n);
  }
  return { max: Math.max(0, ...Object.values(byOperation)), byOperation, accountRegions: accountRegions.size };
}

/** The middle value (the mean of the two middle ones for an even count); null when empty. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
