/**
 * The activity log as an auditor takes it away: JSON Lines (one entry a line, every field whole, the
 * form the log itself keeps), CSV (main/domain/csv.ts: RFC 4180, formula cells guarded) and JSON (an
 * array, as exported before). The app's Export and the command line's `activity --output` use these.
 */
import { csvCell } from '../../domain/csv';
import type { ActivityEntry } from '../../domain/types';

const CSV_COLUMNS = [
  'time',
  'source',
  'profile',
  'accountId',
  'region',
  'action',
  'target',
  'outcome',
  'detail',
  'requestId',
  'id',
  // After the columns of files exported before entries named these, so those keep their places.
  'service',
  'administratorId',
  'invitationId',
  'sentAt',
  'done',
  'skipped',
  'refused',
  'failed',
] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];

function cellOf(entry: ActivityEntry, column: CsvColumn): string | number | null | undefined {
  if (column === 'done' || column === 'skipped' || column === 'refused' || column === 'failed') {
    return entry.counts?.[column];
  }
  return entry[column];
}

export function activityToCsv(entries: readonly ActivityEntry[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const entry of entries) {
    rows.push(CSV_COLUMNS.map((column) => csvCell(cellValue(cellOf(entry, column)))).join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}

const cellValue = (value: string | number | null | undefined) =>
  typeof value === 'number' ? String(value) : (value ?? null);

/** One entry a line, oldest first (the order a log is read in), every field whole. */
export function activityToJsonLines(entries: readonly ActivityEntry[]): string {
  return entries.map((entry) => `${JSON.stringify(entry)}\n`).join('');
}

export function activityToJson(entries: readonly ActivityEntry[]): string {
  return `${JSON.stringify(entries, null, 2)}\n`;
}
