/**
 * Rules about a row that every layer applies the same way (the refresh counts, the command line's
 * exit status and summary, the window's glance). No imports but types and the status rules, so the
 * window may use them.
 */
import type { RowPart, ServiceRow } from './row';
import { isMembershipOver } from './statuses';

/**
 * A row counts as failed when it has an error other than "this opt-in region is not enabled" or "an
 * organization's policy blocks the service here": those are states of the account, not failures.
 */
export function isFailedRow(row: Pick<ServiceRow, 'error' | 'state'>): boolean {
  return row.error !== null && row.error.kind !== 'region-not-enabled' && row.state !== 'blocked';
}

/**
 * The part could not be read, or held a value the row cannot keep (a partial error names it): the
 * window and the command line say "unknown" there, never "none".
 */
export function isPartUnknown(row: Pick<ServiceRow, 'partialErrors'>, part: RowPart): boolean {
  return row.partialErrors.some((p) => p.part === part);
}

/**
 * How many members the row's account administers (those whose membership is not over): where the
 * service lets no administrator accept an invitation (`administratorCannotAccept`), any makes the
 * accept refused — by the window (no Accept) and by the core before it sends anything.
 */
export function administeredMembers(row: Pick<ServiceRow, 'members'>): number {
  return (row.members ?? []).filter((m) => !isMembershipOver(m.memberStatus)).length;
}
