/**
 * The background watch: what changed between two reads of the same service in the same account and
 * region. (The timer that refreshes everything every `settings.autoRefreshMinutes` is
 * auto-refresh.ts.)
 *
 * Changes are found by comparing each new row with the last one known for its service, account and
 * region (several profiles can reach the same account: one state, one notification): a new invitation id,
 * a different administrator status, a different member status. The first sight of an account is
 * not news (the rows of the last session prime it). Each change is reported once, because the new
 * row becomes the state to compare with; an invitation id once reported is never reported again.
 * A row that failed to read says nothing and leaves the known state alone. Rows re-read after the
 * user's own actions update the state silently: the user knows what they just did.
 */
import type { ServiceRow } from '../../domain/row';
import { sameStatus } from '../../domain/statuses';
import type { WatchChange } from '../../domain/types';
import { serviceIds, serviceOf } from '../services/registry';

interface KnownState {
  profile: string;
  pending: ReadonlyMap<string, string>; // invitation id -> inviting administrator
  administrators: ReadonlyMap<string, string>; // administrator account -> status
  members: ReadonlyMap<string, string> | null; // member account -> status
}

/**
 * One empty map for every state with nothing in a part (most: no invitation, no members) rather than
 * a new one each: the large run's 17,000 account-region states held ~35,000 empty maps for the
 * collector to walk. States are replaced, never changed, so sharing it is safe.
 */
const NONE: ReadonlyMap<string, string> = new Map();
const mapOf = (entries: [string, string][]): ReadonlyMap<string, string> =>
  entries.length === 0 ? NONE : new Map(entries);

export interface Watcher {
  /** The rows of the last session: the state to compare with, nothing reported. */
  prime(rows: ServiceRow[]): void;
  /** A row read by a refresh: returns the changes since the last known state, and keeps the row. */
  observe(row: ServiceRow): WatchChange[];
  /** A row re-read after the user's own action: kept as the new state, nothing reported. */
  absorb(row: ServiceRow): void;
  /** Pending invitations over every known account and region (each counted once). */
  pendingCount(): number;
  /** The same per service id (services with none left out). */
  pendingByService(): Record<string, number>;
}

const stateKey = (row: ServiceRow) =>
  row.accountId
    ? `${row.service}/${row.accountId}/${row.region}`
    : `profile:${JSON.stringify([row.service, row.profile, row.region])}`;

export function createWatcher(): Watcher {
  const known = new Map<string, KnownState>();
  const reported = new Set<string>();
  // The pending invitations of the known states, by service, kept as states change: counting them over
  // every state after each refresh took 8 ms at 68,000 rows, in the turn that finishes the refresh.
  const pendingOf = new Map<string, number>();

  /** The new state of a row, keeping what the row could not read from the previous state. */
  function merge(row: ServiceRow, previous: KnownState | undefined): KnownState {
    const failed = new Set(row.partialErrors.map((p) => p.part));
    return {
      profile: row.profile,
      pending: failed.has('invitations')
        ? (previous?.pending ?? NONE)
        : mapOf(row.pendingInvitations.map((i) => [i.invitationId, i.accountId])),
      administrators: failed.has('administrator')
        ? (previous?.administrators ?? NONE)
        : mapOf(row.administrators.map((a) => [a.accountId, a.memberStatus])),
      members:
        failed.has('members') || row.members === null
          ? (previous?.members ?? null)
          : mapOf(row.members.map((m) => [m.accountId, m.memberStatus])),
    };
  }

  function keep(row: ServiceRow): { previous: KnownState | undefined; next: KnownState } | null {
    // A failed read says nothing about invitations or statuses.
    if (row.error || row.state === 'error' || row.stale) return null;
    const key = stateKey(row);
    const previous = known.get(key);
    const next = merge(row, previous);
    known.set(key, next);
    const change = next.pending.size - (previous?.pending.size ?? 0);
    if (change !== 0) pendingOf.set(row.service, (pendingOf.get(row.service) ?? 0) + change);
    for (const id of next.pending.keys()) if (!previous) reported.add(id);
    return { previous, next };
  }

  function diff(row: ServiceRow, previous: KnownState, next: KnownState): WatchChange[] {
    const changes: WatchChange[] = [];
    const accountId = row.accountId ?? '';
    const who = `${row.profile}${row.accountId ? ` (${row.accountId})` : ''}`;
    const base = { service: row.service, profile: row.profile, region: row.region, accountId };
    const name = serviceOf(row.service).about.shortName;
    for (const [invitationId, admin] of next.pending) {
      if (previous.pending.has(invitationId) || reported.has(invitationId)) continue;
      reported.add(invitationId);
      changes.push({
        ...base,
        kind: 'new-invitation',
        otherAccountId: admin,
        before: null,
        after: 'Invited',
        message: `${name}: ${admin} invites ${who} in ${row.region}.`,
      });
    }
    for (const [admin, was] of previous.administrators) {
      if (next.administrators.has(admin)) continue;
      changes.push({
        ...base,
        kind: 'administrator-status',
        otherAccountId: admin,
        before: was,
        after: null,
        message: `${name}: ${who} no longer has ${admin} as administrator in ${row.region} (was ${was}).`,
      });
    }
    for (const [admin, status] of next.administrators) {
      const was = previous.administrators.get(admin);
      if (was !== undefined && sameStatus(was, status)) continue;
      changes.push({
        ...base,
        kind: 'administrator-status',
        otherAccountId: admin,
        before: was ?? null,
        after: status,
        message:
          was !== undefined
            ? `${name}: administrator ${admin} of ${who} in ${row.region} is now ${status} (was ${was}).`
            : `${name}: ${who} has administrator ${admin} in ${row.region} (${status}).`,
      });
    }
    if (previous.members && next.members) {
      for (const [member, status] of next.members) {
        const was = previous.members.get(member);
        if (was === undefined || sameStatus(was, status)) continue;
        changes.push({
          ...base,
          kind: 'member-status',
          otherAccountId: member,
          before: was,
          after: status,
          message: `${name}: member ${member} of ${who} in ${row.region} is now ${status} (was ${was}).`,
        });
      }
    }
    return changes;
  }

  return {
    prime(rows) {
      for (const row of rows) keep({ ...row, stale: false });
    },
    observe(row) {
      const kept = keep(row);
      if (!kept?.previous) return [];
      return diff(row, kept.previous, kept.next);
    },
    absorb(row) {
      const kept = keep(row);
      for (const id of kept?.next.pending.keys() ?? []) reported.add(id);
    },
    pendingCount() {
      let n = 0;
      for (const count of pendingOf.values()) n += count;
      return n;
    },
    pendingByService() {
      const counts: Record<string, number> = {};
      for (const [service, count] of pendingOf) if (count > 0) counts[service] = count;
      return counts;
    },
  };
}

/**
 * A desktop notification about `changes` (empty title when there is nothing to say): each line names
 * its service ("GuardDuty: 111111111111 invites …"); the title names the one service, or each of several.
 */
export function describeChanges(changes: WatchChange[]): { title: string; body: string } {
  if (changes.length === 0) return { title: '', body: '' };
  const invitations = changes.filter((c) => c.kind === 'new-invitation').length;
  const services = [...new Set(changes.map((c) => c.service))];
  const one = services.length === 1 ? `${shortNameOf(services[0] as string)} ` : '';
  const several = services.length > 1 ? ` (${services.map(shortNameOf).join(', ')})` : '';
  const title =
    invitations === changes.length
      ? `${invitations} new ${one}invitation${invitations === 1 ? '' : 's'}${several}`
      : `${changes.length} ${one}change${changes.length === 1 ? '' : 's'}${several}`;
  const shown = changes.slice(0, 3).map((c) => c.message);
  if (changes.length > 3) shown.push(`…and ${changes.length - 3} more.`);
  return { title, body: shown.join('\n') };
}

/** A service's name in a sentence; an id no service has (a row of a service since removed) as it is. */
function shortNameOf(id: string): string {
  try {
    return serviceOf(id).about.shortName;
  } catch {
    return id;
  }
}

/** The pending count per service in words, in the registry's order: "Security Hub 2, GuardDuty 1" (empty for none). */
export function pendingByServiceText(counts: Readonly<Record<string, number>>): string {
  const order = serviceIds();
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => rank(order, a) - rank(order, b) || a.localeCompare(b))
    .map(([id, n]) => `${shortNameOf(id)} ${n}`)
    .join(', ');
}

const rank = (order: readonly string[], id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
