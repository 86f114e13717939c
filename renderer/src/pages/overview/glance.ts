/**
 * The Overview at a glance: which rows need the user (attention order), why a row could not be read
 * (its cause), and the summary strip's counts. Pure functions over the rows, computed once per change
 * of the rows, not per keystroke.
 */

import type { AppError, ProfileSummary, ServiceInfo, ServiceRow } from '../../../../contract/api';
import { groupSignIns } from '../../../../main/domain/sign-in-groups';
import { isEnabled } from '../../../../main/domain/statuses';
import { serviceNoun } from '../../data/services';
import { plural } from '../../lib/format';

/** Attention order: 0 a pending invitation waits, 1 the row could not be read, 2 the rest. */
export type Attention = 0 | 1 | 2;

/**
 * A row that could not be read. A region the account has not enabled is not a failure (it is "not
 * enabled"), nor is a service an organization's policy blocks (it is "blocked").
 */
export function isFailure(row: ServiceRow): boolean {
  return row.state === 'error';
}

export function attentionOf(row: ServiceRow): Attention {
  if (row.pendingInvitations.length > 0) return 0;
  return isFailure(row) ? 1 : 2;
}

/** Why a row could not be read, as the summary groups it. */
export type FailureCause = 'sign-in' | 'access-denied' | 'network' | 'other';

const NETWORK_KINDS: ReadonlySet<AppError['kind']> = new Set(['network', 'timeout', 'proxy']);
/** Every refusal of AWS's policies that left a row unread (an organization's policy blocks the row instead). */
const DENIALS: ReadonlySet<AppError['kind']> = new Set([
  'access-denied',
  'permissions-boundary',
  'session-policy',
  'resource-policy',
  'service-refused',
  'organization-policy',
]);

export function failureCause(error: AppError | null): FailureCause {
  if (!error) return 'other';
  if (error.kind === 'sign-in-needed') return 'sign-in';
  if (DENIALS.has(error.kind)) return 'access-denied';
  return NETWORK_KINDS.has(error.kind) ? 'network' : 'other';
}

/**
 * A toggle of the summary strip: an id, what its button says, and the rows it keeps. `kind` tells
 * the strip how to group the toggles (what is there, what failed).
 */
export interface QuickFilter {
  id: string;
  kind: 'state' | 'failure';
  label: string;
  /** The same in words for a screen reader, with what pressing it does. */
  ariaLabel: string;
  count: number;
  test(row: ServiceRow): boolean;
}

/** One service in one account-region, whichever profile read it: several profiles can reach the same account. */
function accountRegion(row: ServiceRow): string {
  return `${row.service}\u0000${row.accountId ?? `profile:${row.profile}`}\u0000${row.region}`;
}

/** " in 2 services" when the rows counted are of several services; nothing for one. */
function acrossServices(rows: readonly ServiceRow[]): string {
  const services = new Set(rows.map((r) => r.service));
  return services.size > 1 ? ` in ${plural(services.size, 'service')}` : '';
}

interface Tally {
  rows: number;
  test(row: ServiceRow): boolean;
}

function tally(rows: readonly ServiceRow[], test: (row: ServiceRow) => boolean): Tally {
  let count = 0;
  for (const row of rows) if (test(row)) count += 1;
  return { rows: count, test };
}

const hasPending = (row: ServiceRow) => row.pendingInvitations.length > 0;
const isMember = (row: ServiceRow) => row.administrators.some((a) => isEnabled(a.memberStatus));
const isAdministrator = (row: ServiceRow) => (row.members?.length ?? 0) > 0;
const isOff = (row: ServiceRow) => row.state === 'off';
const isNotEnabled = (row: ServiceRow) => row.state === 'region-not-enabled';
const isBlocked = (row: ServiceRow) => row.state === 'blocked';

function pendingFilter(rows: readonly ServiceRow[]): QuickFilter {
  const invitations = new Set<string>();
  const administrators = new Set<string>();
  for (const row of rows) {
    for (const inv of row.pendingInvitations) {
      invitations.add(`${accountRegion(row)}\u0000${inv.invitationId}`);
      administrators.add(inv.accountId);
    }
  }
  const t = tally(rows, hasPending);
  const label = `${plural(invitations.size, 'pending invitation')} from ${plural(administrators.size, 'administrator')}${acrossServices(rows.filter(hasPending))}`;
  return {
    id: 'pending',
    kind: 'state',
    label,
    ariaLabel: `Show only rows with ${label}`,
    count: t.rows,
    test: t.test,
  };
}

function administratorFilter(rows: readonly ServiceRow[]): QuickFilter {
  // An administrator is an account in a region; its members are counted once even when two profiles read it.
  const members = new Map<string, number>();
  const accounts = new Set<string>();
  for (const row of rows) {
    if (!isAdministrator(row)) continue;
    members.set(accountRegion(row), row.members?.length ?? 0);
    accounts.add(row.accountId ?? `profile:${row.profile}`);
  }
  let total = 0;
  for (const n of members.values()) total += n;
  const t = tally(rows, isAdministrator);
  const label = `${plural(accounts.size, 'administrator')} of ${plural(total, 'member')} in ${plural(members.size, 'region')}`;
  return {
    id: 'administrators',
    kind: 'state',
    label,
    ariaLabel: `Show only rows of the ${label}`,
    count: t.rows,
    test: t.test,
  };
}

function notEnabledFilter(rows: readonly ServiceRow[]): QuickFilter {
  return perAccountFilter(
    rows,
    'not-enabled',
    isNotEnabled,
    (which, accounts) => `${which} not enabled in ${accounts}`,
    'opt-in region',
  );
}

/** Regions an organization's policy blocks: the organization's choice, counted apart from failures. */
function blockedFilter(rows: readonly ServiceRow[]): QuickFilter {
  return perAccountFilter(
    rows,
    'blocked',
    isBlocked,
    (which, accounts) => `${which} blocked by an organization policy in ${accounts}`,
    'region',
  );
}

/** Said once per account: "af-south-1 not enabled in 50 accounts", not one line per row. */
function perAccountFilter(
  rows: readonly ServiceRow[],
  id: string,
  test: (row: ServiceRow) => boolean,
  words: (which: string, accounts: string) => string,
  regionNoun: string,
): QuickFilter {
  const accounts = new Set<string>();
  const regions = new Set<string>();
  for (const row of rows) {
    if (!test(row)) continue;
    accounts.add(row.accountId ?? `profile:${row.profile}`);
    regions.add(row.region);
  }
  const t = tally(rows, test);
  const which = regions.size === 1 ? ([...regions][0] as string) : plural(regions.size, regionNoun);
  const label = words(which, plural(accounts.size, 'account'));
  return {
    id,
    kind: 'state',
    label,
    ariaLabel: `Show only the rows where ${label}`,
    count: t.rows,
    test: t.test,
  };
}

function simpleFilter(
  rows: readonly ServiceRow[],
  id: string,
  kind: QuickFilter['kind'],
  test: (row: ServiceRow) => boolean,
  label: (n: number) => string,
): QuickFilter {
  const t = tally(rows, test);
  const text = label(t.rows);
  return { id, kind, label: text, ariaLabel: `Show only the ${text}`, count: t.rows, test };
}

/** The verb after a count: "1 row needs", "2 rows need". */
const needs = (n: number) => (n === 1 ? 'needs' : 'need');

function failureFilters(rows: readonly ServiceRow[], profiles: readonly ProfileSummary[]): QuickFilter[] {
  const failed = rows.filter(isFailure);
  const signIns = groupSignIns(failed, profiles);
  const filters: QuickFilter[] = signIns.sessions.map((s) => {
    const members = new Set(s.profiles);
    return simpleFilter(
      failed,
      `sign-in:${s.ssoSession}`,
      'failure',
      (row) => isFailure(row) && row.error?.kind === 'sign-in-needed' && members.has(row.profile),
      (n) => `${plural(n, 'row')} ${needs(n)} sign-in on sso-session ${s.ssoSession}`,
    );
  });
  if (signIns.profiles.length > 0) {
    const members = new Set(signIns.profiles.map((p) => p.profile));
    filters.push(
      simpleFilter(
        failed,
        'sign-in:profiles',
        'failure',
        (row) => isFailure(row) && row.error?.kind === 'sign-in-needed' && members.has(row.profile),
        (n) => `${plural(n, 'row')} ${needs(n)} sign-in per profile`,
      ),
    );
  }
  const byCause = (cause: FailureCause) => (row: ServiceRow) => isFailure(row) && failureCause(row.error) === cause;
  filters.push(
    simpleFilter(
      failed,
      'access-denied',
      'failure',
      byCause('access-denied'),
      (n) => `${plural(n, 'row')} access denied`,
    ),
    simpleFilter(failed, 'network', 'failure', byCause('network'), (n) => `${plural(n, 'row')} network errors`),
    simpleFilter(failed, 'other', 'failure', byCause('other'), (n) => `${plural(n, 'row')} other errors`),
  );
  return filters;
}

/** "Security Hub" when the rows that are off are of one service, "a service" when of several. */
function offNoun(rows: readonly ServiceRow[], services: readonly ServiceInfo[]): string {
  const off = new Set(rows.filter(isOff).map((r) => r.service));
  const only = off.size === 1 ? [...off][0] : off.size === 0 && services.length === 1 ? services[0]?.id : undefined;
  return only ? serviceNoun(services, only) : 'a service';
}

/** Every toggle of the summary strip over `rows`, those with nothing to show included (count 0). */
export function quickFilters(
  rows: readonly ServiceRow[],
  profiles: readonly ProfileSummary[],
  services: readonly ServiceInfo[] = [],
): QuickFilter[] {
  const off = offNoun(rows, services);
  return [
    pendingFilter(rows),
    simpleFilter(rows, 'enabled', 'state', isMember, (n) => plural(n, 'Enabled membership')),
    administratorFilter(rows),
    simpleFilter(rows, 'off', 'state', isOff, (n) => `${plural(n, 'row')} with ${off} off`),
    notEnabledFilter(rows),
    blockedFilter(rows),
    ...failureFilters(rows, profiles),
  ];
}

/** The rows any of the pressed toggles keeps (toggles add up); every row when none is pressed. */
export function applyQuickFilters<T extends { row: ServiceRow }>(
  items: readonly T[],
  filters: readonly QuickFilter[],
  pressed: ReadonlySet<string>,
): readonly T[] {
  const active = filters.filter((f) => pressed.has(f.id));
  if (active.length === 0) return items;
  return items.filter((item) => active.some((f) => f.test(item.row)));
}

/** One service's line of the summary strip once the app reads several: what waits and what is off. */
export interface ServiceTally {
  id: string;
  name: string;
  rows: number;
  pending: number;
  off: number;
  failed: number;
}

/** Per service, in the registry's order: its rows, those with an invitation waiting, off, unread. */
export function serviceTallies(rows: readonly ServiceRow[], services: readonly ServiceInfo[]): ServiceTally[] {
  return services.map((service) => {
    const own = rows.filter((r) => r.service === service.id);
    return {
      id: service.id,
      name: service.shortName,
      rows: own.length,
      pending: tally(own, hasPending).rows,
      off: tally(own, isOff).rows,
      failed: tally(own, isFailure).rows,
    };
  });
}

/** "GuardDuty: 2 pending, 1 off" (the rows in each case); "GuardDuty: 12 rows, all read" when nothing stands out. */
export function serviceTallyText(t: ServiceTally): string {
  const parts = [
    t.pending > 0 ? `${t.pending} pending` : null,
    t.off > 0 ? `${t.off} off` : null,
    t.failed > 0 ? `${t.failed} not read` : null,
  ].filter((p): p is string => p !== null);
  return `${t.name}: ${parts.length > 0 ? parts.join(', ') : `${plural(t.rows, 'row')}, nothing waiting`}`;
}
