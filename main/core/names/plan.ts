/**
 * Which sources a names pass asks, from the profiles a refresh has just read (each with the account
 * STS confirmed) and what the cache remembers. Least calls, and no call AWS refused within the day:
 *
 * - the IAM Identity Center portal: one ListAccounts per signed-in session (sso-session, or a legacy
 *   SSO profile's own settings), whatever the number of profiles on it;
 * - IAM: one ListAccountAliases per account, whatever the number of profiles reaching it;
 * - AWS Organizations: one ListAccounts per organization. Whether an account may list its
 *   organization is only known by asking, so accounts are asked one after the other, likeliest first
 *   (the one that listed it last time, then accounts that administer members); an account a listing
 *   already holds is never asked (it would answer AccessDenied, a CloudTrail event, or list the same).
 *
 * A source that answered within NAMES_FRESH_MS is not asked again (a refresh of one row after
 * another costs nothing); one that refused (AccessDenied, or not in an organization) is not asked
 * for DENIAL_MS.
 */
import type { NamesState } from '../storage/names-store';

/** A source's answer stands this long: refreshes closer together than this ask it once. */
export const NAMES_FRESH_MS = 5 * 60_000;
/** A refusal stands this long: each one is an AccessDenied event in the account's CloudTrail. */
export const DENIAL_MS = 24 * 60 * 60_000;

/** A profile a refresh read with working credentials. */
export interface ProfileSeen {
  profile: string;
  accountId: string;
  /** A region the refresh read it in (IAM and Organizations answer from any region of the partition). */
  region: string;
  /** The portal session it signs in with (`sso-session` name, or `profile:<name>` for legacy settings); null without SSO. */
  portal: string | null;
  /** Its rows list member accounts: the likeliest to be allowed to list the organization. */
  administers: boolean;
}

export interface NamesPlan {
  portal: ProfileSeen[];
  aliases: ProfileSeen[];
  /** Asked in this order, each skipped once an earlier listing holds its account. */
  organizations: ProfileSeen[];
}

export const sourceKey = {
  portal: (session: string) => `sso:${session}`,
  alias: (accountId: string) => `iam:${accountId}`,
  organizations: (accountId: string) => `organizations:${accountId}`,
  delegated: (accountId: string) => `delegated:${accountId}`,
};

const age = (now: Date, at: string | undefined) => (at ? now.getTime() - Date.parse(at) : Number.POSITIVE_INFINITY);

/** Whether the source may be asked now: not answered within NAMES_FRESH_MS, not refused within DENIAL_MS. */
export function mayAsk(state: NamesState, key: string, now: Date): boolean {
  return age(now, state.answered[key]) >= NAMES_FRESH_MS && age(now, state.denied[key]?.at) >= DENIAL_MS;
}

/** Whether the source refused within DENIAL_MS. */
export function refusedLately(state: NamesState, key: string, now: Date): boolean {
  return age(now, state.denied[key]?.at) < DENIAL_MS;
}

function firstPer<K>(seen: readonly ProfileSeen[], keyOf: (p: ProfileSeen) => K | null): ProfileSeen[] {
  const by = new Map<K, ProfileSeen>();
  for (const p of seen) {
    const key = keyOf(p);
    if (key !== null && !by.has(key)) by.set(key, p);
  }
  return [...by.values()];
}

export function planNames(state: NamesState, seen: readonly ProfileSeen[], now: Date): NamesPlan {
  const portal = firstPer(seen, (p) => p.portal).filter((p) => mayAsk(state, sourceKey.portal(p.portal ?? ''), now));
  const accounts = firstPer(seen, (p) => p.accountId);
  const aliases = accounts.filter((p) => mayAsk(state, sourceKey.alias(p.accountId), now));
  const listers = new Set(state.organizations.map((o) => o.lister));
  const rank = (p: ProfileSeen) => (listers.has(p.accountId) ? 0 : p.administers ? 1 : 2);
  const organizations = accounts
    .filter((p) => !refusedLately(state, sourceKey.organizations(p.accountId), now))
    .sort((a, b) => rank(a) - rank(b));
  return { portal, aliases, organizations };
}

/**
 * The accounts a listing younger than DENIAL_MS holds, by listings whose lister this pass does not
 * ask again: their members are not asked (they would be refused, or list the same organization).
 */
export function coveredBefore(state: NamesState, askedAgain: ReadonlySet<string>, now: Date): Set<string> {
  const covered = new Set<string>();
  for (const listing of state.organizations) {
    if (askedAgain.has(listing.lister) || age(now, listing.at) >= DENIAL_MS) continue;
    for (const id of listing.accounts) covered.add(id);
  }
  return covered;
}
