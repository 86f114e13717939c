/**
 * Rows that could not be read, grouped by cause and then by profile: forty profiles that fail the
 * same way in thirty regions are one cause naming forty profiles, not 1,200 lines. Profiles of one
 * expired sso-session are one group (one sign-in renews them all); profiles signed in one by one
 * (legacy SSO settings) are one group; every other failure groups by what its message says once the
 * names that differ from row to row are set aside (the profile's own name, account ids, ARNs,
 * regions), so "AWS does not recognise the credentials of profile a" and "… of profile b" are one
 * cause. Imports nothing but types and sibling rules, so every layer may use it.
 */
import type { AppError, AppErrorKind } from './errors';
import type { ServiceRow } from './row';
import { isFailedRow } from './row-rules';
import { ssoLoginCommand } from './sign-in-groups';
import type { ProfileSummary } from './types';

export interface FailureGroup {
  kind: AppErrorKind;
  /** Set when the group is one expired sso-session; `legacySignIn` when it is the profiles signed in one by one. */
  ssoSession: string | null;
  legacySignIn: boolean;
  /** The profiles, each once, sorted. */
  profiles: string[];
  /** The regions the group failed in, sorted; `everyRegion` when each profile failed in every region it was read in. */
  regions: string[];
  everyRegion: boolean;
  /** How many rows (service × profile × region) failed this way. */
  rows: number;
  /** The first profile's message, whole: the cause in AWS's or the app's own words. */
  example: { profile: string; message: string };
  /** What to do, and the command to copy (the first profile's: the AWS CLI's for sign-ins). */
  remediation: string | null;
  command: string | null;
}

const ACCOUNT_ID = /\b\d{12}\b/g;
const ARN = /\barn:[\w-]+:[^\s"',;)]+/g;
const REGION = /\b[a-z]{2}(?:-[a-z]+)+-\d{1,2}\b/g;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What a failure says once the names that differ between rows are set aside. */
function causeOf(row: ServiceRow, error: AppError): string {
  // The profile's name where it stands alone (not inside a longer name or word).
  const own = new RegExp(`(?<![\\w.@+-])${escapeRegExp(row.profile)}(?![\\w.@+-])`, 'g');
  const plain = (text: string | null) =>
    (text ?? '')
      .replace(own, '<profile>')
      .replace(ARN, '<arn>')
      .replace(ACCOUNT_ID, '<account>')
      .replace(REGION, '<region>');
  return [error.kind, error.awsCode ?? '', plain(error.message), plain(error.remediation), plain(error.command)].join(
    '\u0000',
  );
}

interface Building {
  kind: AppErrorKind;
  ssoSession: string | null;
  legacySignIn: boolean;
  /** Each profile's failed regions. */
  byProfile: Map<string, Set<string>>;
  rows: number;
  first: { row: ServiceRow; error: AppError };
}

/**
 * The failed rows of `rows` in groups, largest first (then by first profile). `profiles` gives each
 * profile's sso-session; the regions each profile was read in come from `rows` (to say "every region"
 * rather than list them).
 */
export function groupFailures(rows: readonly ServiceRow[], profiles: readonly ProfileSummary[]): FailureGroup[] {
  const sessionOf = new Map(profiles.map((p) => [p.name, p.ssoSession]));
  const regionsRead = new Map<string, Set<string>>();
  for (const row of rows) {
    const set = regionsRead.get(row.profile) ?? new Set<string>();
    set.add(row.region);
    regionsRead.set(row.profile, set);
  }
  const groups = new Map<string, Building>();
  for (const row of rows) {
    if (!isFailedRow(row) || !row.error) continue;
    const error = row.error;
    const session = error.kind === 'sign-in-needed' ? (sessionOf.get(row.profile) ?? null) : null;
    const legacy = error.kind === 'sign-in-needed' && session === null;
    const key = session !== null ? `session\u0000${session}` : legacy ? 'legacy-sign-in' : causeOf(row, error);
    let group = groups.get(key);
    if (!group) {
      group = {
        kind: error.kind,
        ssoSession: session,
        legacySignIn: legacy,
        byProfile: new Map(),
        rows: 0,
        first: { row, error },
      };
      groups.set(key, group);
    }
    group.rows += 1;
    const regions = group.byProfile.get(row.profile) ?? new Set<string>();
    regions.add(row.region);
    group.byProfile.set(row.profile, regions);
  }
  return [...groups.values()]
    .map((g) => finish(g, regionsRead))
    .sort((a, b) => b.profiles.length - a.profiles.length || b.rows - a.rows || compare(a.profiles[0], b.profiles[0]));
}

function finish(g: Building, regionsRead: Map<string, Set<string>>): FailureGroup {
  const profiles = [...g.byProfile.keys()].sort(compare);
  const regions = new Set<string>();
  let everyRegion = true;
  for (const [profile, failed] of g.byProfile) {
    for (const region of failed) regions.add(region);
    if (failed.size < (regionsRead.get(profile)?.size ?? 0)) everyRegion = false;
  }
  const { row, error } = g.first;
  return {
    kind: g.kind,
    ssoSession: g.ssoSession,
    legacySignIn: g.legacySignIn,
    profiles,
    regions: [...regions].sort(compare),
    everyRegion,
    rows: g.rows,
    example: { profile: row.profile, message: error.message },
    remediation: error.remediation,
    command: g.ssoSession !== null ? ssoLoginCommand({ ssoSession: g.ssoSession }) : error.command,
  };
}

/** Code-point order: the same in every locale. */
function compare(a: string | undefined, b: string | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}
