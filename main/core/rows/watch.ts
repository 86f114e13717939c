/**
 * The background watch: what changed between two reads of the same account and region, and the
 * timer that refreshes everything every `settings.autoRefreshMinutes`.
 *
 * Changes are found by comparing each new row with the last one known for its account and region
 * (several profiles can reach the same account: one state, one notification): a new invitation id,
 * a different administrator status, a different member status. The first sight of an account is
 * not news (the rows of the last session prime it). Each change is reported once, because the new
 * row becomes the state to compare with; an invitation id once reported is never reported again.
 * A row that failed to read says nothing and leaves the known state alone. Rows re-read after the
 * user's own actions update the state silently: the user knows what they just did.
 */
import type { HubSnapshot, WatchChange } from '../../domain/types';

interface KnownState {
  profile: string;
  pending: Map<string, string>; // invitation id -> inviting administrator
  administrator: { accountId: string; status: string } | null;
  members: Map<string, string> | null; // member account -> status
}

export interface Watcher {
  /** The rows of the last session: the state to compare with, nothing reported. */
  prime(rows: HubSnapshot[]): void;
  /** A row read by a refresh: returns the changes since the last known state, and keeps the row. */
  observe(row: HubSnapshot): WatchChange[];
  /** A row re-read after the user's own action: kept as the new state, nothing reported. */
  absorb(row: HubSnapshot): void;
  /** Pending invitations over every known account and region (each counted once). */
  pendingCount(): number;
}

const stateKey = (row: HubSnapshot) =>
  row.accountId ? `${row.accountId}/${row.region}` : `profile:${JSON.stringify([row.profile, row.region])}`;

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function createWatcher(): Watcher {
  const known = new Map<string, KnownState>();
  const reported = new Set<string>();

  /** The new state of a row, keeping what the row could not read from the previous state. */
  function merge(row: HubSnapshot, previous: KnownState | undefined): KnownState {
    const failed = new Set(row.partialErrors.map((p) => p.part));
    return {
      profile: row.profile,
      pending: failed.has('invitations')
        ? (previous?.pending ?? new Map())
        : new Map(row.pendingInvitations.map((i) => [i.invitationId, i.accountId])),
      administrator: failed.has('administrator')
        ? (previous?.administrator ?? null)
        : row.administrator
          ? { accountId: row.administrator.accountId, status: row.administrator.memberStatus }
          : null,
      members:
        failed.has('members') || row.members === null
          ? (previous?.members ?? null)
          : new Map(row.members.map((m) => [m.accountId, m.memberStatus])),
    };
  }

  function keep(row: HubSnapshot): { previous: KnownState | undefined; next: KnownState } | null {
    // A failed read says nothing about invitations or statuses.
    if (row.error || row.hub === 'error' || row.stale) return null;
    const key = stateKey(row);
    const previous = known.get(key);
    const next = merge(row, previous);
    known.set(key, next);
    for (const id of next.pending.keys()) if (!previous) reported.add(id);
    return { previous, next };
  }

  function diff(row: HubSnapshot, previous: KnownState, next: KnownState): WatchChange[] {
    const changes: WatchChange[] = [];
    const accountId = row.accountId ?? '';
    const who = `${row.profile}${row.accountId ? ` (${row.accountId})` : ''}`;
    const base = { profile: row.profile, region: row.region, accountId };
    for (const [invitationId, admin] of next.pending) {
      if (previous.pending.has(invitationId) || reported.has(invitationId)) continue;
      reported.add(invitationId);
      changes.push({
        ...base,
        kind: 'new-invitation',
        otherAccountId: admin,
        before: null,
        after: 'Invited',
        message: `${who} has a new invitation from ${admin} in ${row.region}.`,
      });
    }
    const before = previous.administrator;
    const after = next.administrator;
    if (before?.accountId !== after?.accountId || (before && after && !same(before.status, after.status))) {
      if (before && (!after || before.accountId !== after.accountId)) {
        changes.push({
          ...base,
          kind: 'administrator-status',
          otherAccountId: before.accountId,
          before: before.status,
          after: null,
          message: `${who} no longer has ${before.accountId} as administrator in ${row.region} (was ${before.status}).`,
        });
      }
      if (after) {
        changes.push({
          ...base,
          kind: 'administrator-status',
          otherAccountId: after.accountId,
          before: before?.accountId === after.accountId ? before.status : null,
          after: after.status,
          message:
            before?.accountId === after.accountId
              ? `${who}: administrator ${after.accountId} in ${row.region} is now ${after.status} (was ${before.status}).`
              : `${who} has administrator ${after.accountId} in ${row.region} (${after.status}).`,
        });
      }
    }
    if (previous.members && next.members) {
      for (const [member, status] of next.members) {
        const was = previous.members.get(member);
        if (was === undefined || same(was, status)) continue;
        changes.push({
          ...base,
          kind: 'member-status',
          otherAccountId: member,
          before: was,
          after: status,
          message: `Member ${member} of ${who} in ${row.region} is now ${status} (was ${was}).`,
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
      for (const state of known.values()) n += state.pending.size;
      return n;
    },
  };
}

/** One line for a desktop notification about `changes` (empty title when there is nothing to say). */
export function describeChanges(changes: WatchChange[]): { title: string; body: string } {
  if (changes.length === 0) return { title: '', body: '' };
  const invitations = changes.filter((c) => c.kind === 'new-invitation').length;
  const title =
    invitations === changes.length
      ? `${invitations} new Security Hub invitation${invitations === 1 ? '' : 's'}`
      : `${changes.length} Security Hub change${changes.length === 1 ? '' : 's'}`;
  const shown = changes.slice(0, 3).map((c) => c.message);
  if (changes.length > 3) shown.push(`…and ${changes.length - 3} more.`);
  return { title, body: shown.join('\n') };
}

export interface Timers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface AutoRefresh {
  /** Re-reads the interval (after a settings change) and restarts the timer. */
  reschedule(): void;
  /** The current interval in ms, or null when auto-refresh is off. */
  intervalMs(): number | null;
  stop(): void;
}

/**
 * The one owner of auto-refresh: a main-process timer, so the watch runs whatever the window does.
 * `minutes()` reads the setting (0 = off); `tick` starts a refresh of everything.
 */
export function createAutoRefresh(options: { minutes: () => number; tick: () => void; timers?: Timers }): AutoRefresh {
  const timers: Timers = options.timers ?? {
    // Unref'd: the timer alone never keeps a process (the command line, a test) alive.
    setInterval: (callback, ms) => setInterval(callback, ms).unref(),
    clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
  };
  let handle: unknown = null;
  let current: number | null = null;
  const stop = () => {
    if (handle !== null) timers.clearInterval(handle);
    handle = null;
    current = null;
  };
  const reschedule = () => {
    const minutes = options.minutes();
    const ms = minutes > 0 ? minutes * 60_000 : null;
    if (ms === current) return;
    stop();
    if (ms === null) return;
    current = ms;
    handle = timers.setInterval(() => {
      try {
        options.tick();
      } catch (error) {
        console.error('The background refresh could not start:', error);
      }
    }, ms);
  };
  return { reschedule, intervalMs: () => current, stop };
}
