/**
 * What AWS's refusals taught about an account-region, carried from the row last known to the next
 * read of it: a membership the organization manages (AWS refused the member's leave) and a service a
 * central configuration policy governs (AWS refused to turn it on). The reads may not say either
 * again, and asking AWS again would only be refused again.
 */
import type { ServiceRow } from '../../domain/row';
import { isEnabled } from '../../domain/statuses';

/** How long a central configuration refusal is trusted before the app offers the turn-on again. */
export const CENTRALLY_MANAGED_MS = 24 * 60 * 60 * 1000;

/** `row` with what `previous` (the same key's last row) learnt, where it still applies. */
export function carryLearnt(row: ServiceRow, previous: ServiceRow | null, now: Date): ServiceRow {
  if (!previous || previous.accountId === null || previous.accountId !== row.accountId) return row;
  const managed = new Set(previous.administrators.filter((a) => a.viaOrganization).map((a) => a.accountId));
  const administrators = managed.size
    ? row.administrators.map((a) =>
        !a.viaOrganization && isEnabled(a.memberStatus) && managed.has(a.accountId)
          ? { ...a, viaOrganization: true }
          : a,
      )
    : row.administrators;
  const since = previous.centrallyManagedSince;
  const age = since ? now.getTime() - Date.parse(since) : Number.NaN;
  const central = since && row.centrallyManagedSince === undefined && age >= 0 && age < CENTRALLY_MANAGED_MS;
  if (administrators === row.administrators && !central) return row;
  return { ...row, administrators, ...(central ? { centrallyManagedSince: since } : {}) };
}
