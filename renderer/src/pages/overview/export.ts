import { toCsv } from '../../lib/csv';
import { CSV_COLUMNS, type OverviewItem } from './items';

/**
 * CSV of the rows the table shows (after filters, in its order), with its visible columns. The
 * Relationship column shows the administrator too, so it exports both fields.
 */
export function overviewCsv(
  items: readonly OverviewItem[],
  visibleColumnIds: readonly string[],
  headers: Readonly<Record<string, string>> = {},
): string {
  const visible = new Set(visibleColumnIds);
  if (visible.has('status')) visible.add('administrator');
  const columns = CSV_COLUMNS.filter((c) => visible.has(c.id));
  return toCsv(
    // The table's own header where it depends on the services read (the state column's).
    columns.map((c) => headers[c.id] ?? c.header),
    items.map((item) => columns.map((c) => c.value(item))),
  );
}
