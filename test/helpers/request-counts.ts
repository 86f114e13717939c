/**
 * What an action costs in AWS calls, counted from the emulator's request log: every request it
 * answered (STS and every security service alike), throttled retries included, so a regression in
 * how often an action reads cannot hide behind a cheaper operation name.
 */
import type { RequestLogEntry, RunningEmulator } from '../emulator/index';

export interface CallCount {
  total: number;
  /** Operation -> how many times, in the order first seen. */
  byOperation: Record<string, number>;
}

/**
 * The account-name reads (main/core/names: AWS Organizations, IAM's account alias, the IAM Identity
 * Center portal's lists) follow a refresh on their own schedule, at most once in minutes: they are no
 * row's or action's cost, may land inside or after a measured window, and are counted by their own
 * tests (test/core/names).
 */
function isNameRead(entry: RequestLogEntry): boolean {
  if (entry.service === 'organizations') return true;
  if (entry.service === 'iam') return entry.operation === 'ListAccountAliases';
  return entry.service === 'sso' && (entry.operation === 'ListAccounts' || entry.operation === 'ListAccountRoles');
}

export function countCalls(entries: readonly RequestLogEntry[]): CallCount {
  const counted = entries.filter((entry) => !isNameRead(entry));
  const byOperation: Record<string, number> = {};
  for (const entry of counted) byOperation[entry.operation] = (byOperation[entry.operation] ?? 0) + 1;
  return { total: counted.length, byOperation };
}

/** The calls `work` caused: the log is cleared first and read once `work` has finished. */
export async function callsOf(emulator: RunningEmulator, work: () => Promise<unknown>): Promise<CallCount> {
  emulator.clearLog();
  await work();
  return countCalls(emulator.requestLog());
}
