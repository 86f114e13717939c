/**
 * SSO sign-ins, grouped: when an IAM Identity Center token expires, every profile on the same
 * `[sso-session NAME]` fails at once, and one `aws sso login --sso-session NAME` signs them all in
 * again (the AWS CLI keeps one token per session: "only one login session can be active for a given
 * SSO Session", https://docs.aws.amazon.com/cli/latest/reference/sso/login.html, whose synopsis
 * lists `--sso-session <value>`). Profiles with the legacy settings (sso_start_url in the profile)
 * keep one token per start URL but can only be signed in by profile: `aws sso login --profile P`.
 *
 * Shared by the app (one banner per session) and the command line (one line per session).
 */
import type { ServiceRow } from './row';
import type { ProfileSummary } from './types';

/** Which `aws sso login` signs a profile in: its sso-session, or (legacy settings) an SSO profile. */
export type SsoLogin = { ssoSession: string } | { profile: string };

export function ssoLoginCommand(login: SsoLogin): string {
  return 'ssoSession' in login
    ? `aws sso login --sso-session ${login.ssoSession}`
    : `aws sso login --profile ${login.profile}`;
}

export interface SessionSignIn {
  ssoSession: string;
  /** The profiles of the session whose rows need sign-in, sorted, each once. */
  profiles: string[];
  command: string;
  /** "3 profiles on sso-session corp need sign-in" */
  headline: string;
  /** The headline and the command: "3 profiles on sso-session corp need sign-in: aws sso login --sso-session corp" */
  sentence: string;
}

export interface ProfileSignIn {
  profile: string;
  command: string;
  sentence: string;
}

export interface SignInGroups {
  /** One per sso-session, sorted by session name. */
  sessions: SessionSignIn[];
  /** One per failing profile without an sso-session, sorted by profile. */
  profiles: ProfileSignIn[];
  /** The rows that do not need sign-in, as given. */
  others: ServiceRow[];
}

/**
 * Turns the rows that failed with 'sign-in-needed' into one group per sso-session and one per legacy
 * profile. A profile's session is read from `profiles` (a row names only its profile); a profile not
 * listed there counts as legacy, and its row's own command is kept.
 */
export function groupSignIns(rows: readonly ServiceRow[], profiles: readonly ProfileSummary[]): SignInGroups {
  const sessionOf = new Map(profiles.map((p) => [p.name, p.ssoSession]));
  const bySession = new Map<string, Set<string>>();
  const byProfile = new Map<string, string>();
  const others: ServiceRow[] = [];
  for (const row of rows) {
    if (row.error?.kind !== 'sign-in-needed') {
      others.push(row);
      continue;
    }
    const session = sessionOf.get(row.profile) ?? null;
    if (session !== null) {
      const members = bySession.get(session) ?? new Set<string>();
      members.add(row.profile);
      bySession.set(session, members);
    } else if (!byProfile.has(row.profile)) {
      byProfile.set(row.profile, row.error.command ?? ssoLoginCommand({ profile: row.profile }));
    }
  }
  const sessions = [...bySession.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([ssoSession, members]) => {
      const sorted = [...members].sort(compare);
      const command = ssoLoginCommand({ ssoSession });
      const count = sorted.length === 1 ? '1 profile' : `${sorted.length} profiles`;
      const headline = `${count} on sso-session ${ssoSession} ${sorted.length === 1 ? 'needs' : 'need'} sign-in`;
      return { ssoSession, profiles: sorted, command, headline, sentence: `${headline}: ${command}` };
    });
  const legacy = [...byProfile.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([profile, command]) => ({ profile, command, sentence: `Profile "${profile}" needs sign-in: ${command}` }));
  return { sessions, profiles: legacy, others };
}

/** Code-point order: the same in every locale, so the app and the command line agree. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
