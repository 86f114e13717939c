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

export function countCalls(entries: readonly RequestLogEntry[]): CallCount {
  const byOperation: Record<string, number> = {};
  for (const entry of entries) byOperation[entry.operation] = (byOperation[entry.operation] ?? 0) + 1;
  return { total: entries.length, byOperation };
}

/** The calls `work` caused: the log is cleared first and read once `work` has finished. */
export async function callsOf(emulator: RunningEmulator, work: () => Promise<unknown>): Promise<CallCount> {
  emulator.clearLog();
  await work();
  return countCalls(emulator.requestLog());
}
