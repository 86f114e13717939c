/**
 * What `status` prints around its table: the order of the rows (those that need the user first, as
 * the app's Overview orders them), the summary line, the failures grouped by cause and profile with
 * each group's remedy, and the regions the accounts have not enabled said once. Tables of forty
 * profiles in thirty regions stay readable: a failure or a region not enabled is one line per cause,
 * not one per profile × region.
 */
import type { FailureGroup } from '../domain/failure-groups';
import type { ServiceRow } from '../domain/row';
import { isFailedRow } from '../domain/row-rules';
import { PROGRAM } from './program';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** 0 a pending invitation waits, 1 the row could not be read, 2 the rest (the app's attention order). */
export function attentionOf(row: ServiceRow): 0 | 1 | 2 {
  if (row.pendingInvitations.length > 0) return 0;
  return isFailedRow(row) ? 1 : 2;
}

export const byProfileRegionService = (a: ServiceRow, b: ServiceRow) =>
  a.profile.localeCompare(b.profile) || a.region.localeCompare(b.region) || a.service.localeCompare(b.service);

/** The rows in attention order, each part by profile, region and service. */
export function inAttentionOrder(rows: readonly ServiceRow[]): ServiceRow[] {
  return [...rows].sort((a, b) => attentionOf(a) - attentionOf(b) || byProfileRegionService(a, b));
}

/** The one line after the table: how many rows, and how many need the user. */
export function statusSummary(rows: readonly ServiceRow[]) {
  const pending = rows.filter((r) => r.pendingInvitations.length > 0).length;
  const failed = rows.filter(isFailedRow).length;
  const notEnabled = rows.filter((r) => r.error?.kind === 'region-not-enabled').length;
  const blocked = rows.filter((r) => r.state === 'blocked').length;
  const parts = [
    `${pending} with a pending invitation`,
    `${failed} failed`,
    ...(notEnabled ? [`${notEnabled} in regions the account has not enabled`] : []),
    ...(blocked ? [`${blocked} blocked by an organization policy`] : []),
  ];
  return {
    rows: rows.length,
    pending,
    failed,
    notEnabled,
    blocked,
    sentence: `${plural(rows.length, 'row')}: ${parts.join(', ')}.`,
  };
}

/** "in every region read", or the regions, the first six named. */
function whereText(group: FailureGroup): string {
  if (group.everyRegion) return '';
  const named = group.regions.slice(0, 6).join(', ');
  const more = group.regions.length - 6;
  return ` in ${named}${more > 0 ? ` and ${more} more regions` : ''}`;
}

/** The sign-in remedy: the command line's own login first, the AWS CLI v2's as the other way. */
function signInRemedy(group: FailureGroup): string {
  if (group.ssoSession !== null) {
    return `sign in: ${PROGRAM} login --sso-session ${group.ssoSession} (or \`aws sso login --sso-session ${group.ssoSession}\`)`;
  }
  return `sign in each: ${PROGRAM} login --profile <name> (or \`aws sso login --profile <name>\`)`;
}

/** A group in three lines: how many and what, the remedy, the profiles. */
export function failureGroupLines(group: FailureGroup): string[] {
  const head = `  ${plural(group.profiles.length, 'profile')}${whereText(group)}`;
  const names = `      ${group.profiles.join(', ')}`;
  if (group.ssoSession !== null) {
    return [
      `${head}: the SSO session ${group.ssoSession} has expired or was never signed in`,
      `      → ${signInRemedy(group)}`,
      names,
    ];
  }
  if (group.legacySignIn) {
    return [
      `${head}: their own SSO sign-in (sso_start_url in the profile) has expired or was never made`,
      `      → ${signInRemedy(group)}`,
      names,
    ];
  }
  // The cause in the first profile's own words: the others' say the same of theirs.
  const such = group.profiles.length > 1 ? `, such as ${group.example.profile}` : '';
  const remedy = [group.remediation, group.command ? `Run: ${group.command}` : null].filter(Boolean).join(' ');
  return [`${head}${such}: ${group.example.message}`, ...(remedy ? [`      → ${remedy}`] : []), names];
}

/** Under the table: what could not be read, by cause, with what to do. */
export function failureLines(groups: readonly FailureGroup[]): string[] {
  if (groups.length === 0) return [];
  const rows = groups.reduce((n, g) => n + g.rows, 0);
  const profiles = new Set(groups.flatMap((g) => g.profiles)).size;
  return [
    `Could not be read: ${plural(rows, 'row')} of ${plural(profiles, 'profile')}, by cause:`,
    ...groups.flatMap(failureGroupLines),
  ];
}

/**
 * The opt-in regions the accounts have not enabled, said once: a state, not a failure, and not asked
 * again for a day (README: "Which regions are read").
 */
export function notEnabledLine(rows: readonly ServiceRow[]): string | null {
  const off = rows.filter((r) => r.error?.kind === 'region-not-enabled');
  if (off.length === 0) return null;
  const regions = [...new Set(off.map((r) => r.region))].sort();
  const accounts = new Set(off.map((r) => r.accountId ?? `profile:${r.profile}`)).size;
  const which =
    regions.length <= 3
      ? regions.join(', ')
      : `${regions.length} opt-in regions (${regions.slice(0, 3).join(', ')}, …)`;
  return `Not enabled by the account, so not read: ${which} in ${plural(accounts, 'account')} (asked again after a day, or now with --recheck-regions).`;
}
