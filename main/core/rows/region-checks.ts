/**
 * Standing answers: which account-regions answered "this opt-in region is not enabled" (every
 * service of the account-region), which answered that an organization's policy blocks a service
 * there (a service control policy denying it: every call would be one more AccessDenied event in the
 * account's CloudTrail, the events the CIS "unauthorized API calls" alarm counts), and which answered
 * that a service is off where the service asks for that answer to stand (SecurityService.offStands:
 * Macie's "off" is an AccessDenied event too). Such an account-region is not read again (no calls)
 * for a day: its row repeats the answer with the time it was checked. Primed from the stored rows,
 * so the day runs across restarts; `forget` is the on-demand re-check.
 *
 * It also knows which account-regions have answered a service (on or off): elsewhere a row read
 * probes with one call first (row-parts.ts `probe`), so a blocked region costs one denial, not one
 * per read.
 */
import type { AppError } from '../../domain/errors';
import type { ServiceRow } from '../../domain/row';

/** How long a "not enabled" answer stands before the region is asked again. */
export const REGION_RECHECK_MS = 24 * 60 * 60 * 1000;

type CheckedRow = Pick<ServiceRow, 'service' | 'accountId' | 'region' | 'state' | 'fetchedAt' | 'error'>;

/** A standing answer: what it was, when it was given, and AWS's answer as the row showed it. */
export interface NotEnabled {
  state: 'region-not-enabled' | 'off' | 'blocked';
  at: string;
  error: AppError | null;
}

/** An answer forgotten by a re-check; `service` null: the region's (every service of it). */
export interface Forgotten {
  service: string | null;
  accountId: string;
  region: string;
}

export interface RegionChecks {
  /** The answer standing at `now` for the service in the account-region (the region's first), else null. */
  notEnabledSince(service: string, accountId: string, region: string, now: Date): NotEnabled | null;
  learn(row: CheckedRow): void;
  /** The service answered in the account-region (its row read on or off): its reads need no probe. */
  answered(service: string, accountId: string, region: string): boolean;
  /** Takes another thread's word that the service answered there (a worker's replica, from the main thread). */
  markAnswered(service: string, accountId: string, region: string): void;
  /** Forgets the answers (of these accounts, or all); returns what was forgotten. */
  forget(accountIds?: ReadonlySet<string>): Forgotten[];
}

interface Checked extends NotEnabled, Forgotten {}

interface ChecksState {
  checked: Map<string, Checked>;
  /** service/account/region keys whose last read answered (on or off). */
  answered: Set<string>;
  offStands: (service: string) => boolean;
}

const ANY_SERVICE = '*';
const keyOf = (service: string, accountId: string, region: string) => `${service}/${accountId}/${region}`;

/** `offStands`: whether a service's "off" answer stands for a day (from the registry). */
export function createRegionChecks(
  rows: CheckedRow[],
  offStands: (service: string) => boolean = () => false,
): RegionChecks {
  const state: ChecksState = { checked: new Map(), answered: new Set(), offStands };
  for (const row of rows) learn(state, row);
  return {
    notEnabledSince: (service, accountId, region, now) => standing(state, service, accountId, region, now),
    learn: (row) => learn(state, row),
    answered: (service, accountId, region) => state.answered.has(keyOf(service, accountId, region)),
    markAnswered: (service, accountId, region) => {
      state.answered.add(keyOf(service, accountId, region));
    },
    forget: (accountIds) => forget(state, accountIds),
  };
}

function remember(state: ChecksState, key: string, answer: Checked): void {
  const known = state.checked.get(key);
  if (!known || known.at < answer.at) state.checked.set(key, answer);
}

function learn(state: ChecksState, row: CheckedRow): void {
  if (row.accountId === null) return;
  const regionKey = keyOf(ANY_SERVICE, row.accountId, row.region);
  const serviceKey = keyOf(row.service, row.accountId, row.region);
  const answer = { accountId: row.accountId, region: row.region, at: row.fetchedAt, error: row.error };
  if (row.state === 'region-not-enabled') {
    state.answered.delete(serviceKey);
    remember(state, regionKey, { ...answer, state: 'region-not-enabled', service: null });
    return;
  }
  if (row.state === 'error') return;
  // It answered: the region is enabled now.
  state.checked.delete(regionKey);
  if (row.state === 'blocked') {
    // An organization's policy denies this service here (another service of the region may be allowed).
    state.answered.delete(serviceKey);
    remember(state, serviceKey, { ...answer, state: 'blocked', service: row.service });
    return;
  }
  state.answered.add(serviceKey);
  if (row.state === 'off' && state.offStands(row.service)) {
    remember(state, serviceKey, { ...answer, state: 'off', service: row.service });
  } else {
    state.checked.delete(serviceKey);
  }
}

function standing(
  state: ChecksState,
  service: string,
  accountId: string,
  region: string,
  now: Date,
): NotEnabled | null {
  for (const key of [keyOf(ANY_SERVICE, accountId, region), keyOf(service, accountId, region)]) {
    const known = state.checked.get(key);
    if (!known) continue;
    const age = now.getTime() - Date.parse(known.at);
    if (age >= 0 && age < REGION_RECHECK_MS) return { state: known.state, at: known.at, error: known.error };
  }
  return null;
}

function forget(state: ChecksState, accountIds?: ReadonlySet<string>): Forgotten[] {
  const gone: Forgotten[] = [];
  for (const [key, c] of state.checked) {
    if (accountIds && !accountIds.has(c.accountId)) continue;
    state.checked.delete(key);
    gone.push({ service: c.service, accountId: c.accountId, region: c.region });
  }
  return gone;
}
