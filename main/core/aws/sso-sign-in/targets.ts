/**
 * Which sign-in a request means, read from the config the way `aws sso login` reads it: an
 * `[sso-session NAME]` (sso_start_url, sso_region, sso_registration_scopes split on commas), or a
 * profile — its sso_session when it names one (one login serves the whole session), else its own
 * legacy sso_start_url / sso_region (awscli/customizations/sso/utils.py BaseSSOCommand._get_sso_config).
 */
import { AppErrorException, appError } from '../../../domain/errors';
import { type LoadedProfiles, profileKind, ssoLoginOf } from '../profiles';
import type { CacheIdentity } from './cache';

export type SignInRequest = { ssoSession: string } | { profile: string };

export interface SignInTarget extends CacheIdentity {
  /** The profile whose endpoint settings route the SSO-OIDC and portal calls (the first one it unlocks). */
  endpointProfile: string;
  /** Every profile this sign-in unlocks, sorted. */
  profiles: string[];
  /** How to name it to a person: "sso-session corp" or "profile dev". */
  label: string;
}

const configError = (message: string) =>
  new AppErrorException(appError('config', message, { remediation: 'Fix the AWS config file, then try again.' }));

/** sso_registration_scopes as the AWS CLI parses it (parse_sso_registration_scopes): comma-separated, trimmed. */
export function parseScopes(raw: string | undefined): string[] | null {
  if (raw === undefined) return null;
  const scopes = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return scopes.length > 0 ? scopes : null;
}

export function signInTarget(request: SignInRequest, loaded: LoadedProfiles): SignInTarget {
  if ('profile' in request) {
    const values = loaded.sdk[request.profile];
    if (!values) throw configError(`There is no profile named "${request.profile}".`);
    if (values.sso_session) return sessionTarget(values.sso_session, loaded);
    if (profileKind(values) !== 'sso' || !values.sso_start_url || !values.sso_region) {
      throw configError(
        `Profile "${request.profile}" has no IAM Identity Center settings (sso_start_url, sso_region).`,
      );
    }
    const startUrl = values.sso_start_url;
    const profiles = unlocked(
      loaded,
      (login) => 'profile' in login && loaded.sdk[login.profile]?.sso_start_url === startUrl,
    );
    return {
      ssoSession: null,
      startUrl,
      region: values.sso_region,
      scopes: null,
      endpointProfile: request.profile,
      profiles: profiles.length > 0 ? profiles : [request.profile],
      label: `profile ${request.profile}`,
    };
  }
  return sessionTarget(request.ssoSession, loaded);
}

function sessionTarget(name: string, loaded: LoadedProfiles): SignInTarget {
  const section = loaded.files.configFile[`sso-session.${name}`];
  if (!section) throw configError(`There is no [sso-session ${name}] section in the AWS config file.`);
  if (!section.sso_start_url || !section.sso_region) {
    throw configError(`[sso-session ${name}] needs sso_start_url and sso_region.`);
  }
  const profiles = unlocked(loaded, (login) => 'ssoSession' in login && login.ssoSession === name);
  return {
    ssoSession: name,
    startUrl: section.sso_start_url,
    region: section.sso_region,
    scopes: parseScopes(section.sso_registration_scopes),
    endpointProfile: profiles[0] ?? 'default',
    profiles,
    label: `sso-session ${name}`,
  };
}

function unlocked(loaded: LoadedProfiles, matches: (login: NonNullable<ReturnType<typeof ssoLoginOf>>) => boolean) {
  return Object.keys(loaded.sdk)
    .filter((name) => {
      const login = ssoLoginOf(name, loaded.sdk);
      return login !== null && matches(login);
    })
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Every sign-in the config offers: each [sso-session] any profile uses, then each legacy SSO profile. */
export function ssoTargets(loaded: LoadedProfiles): SignInTarget[] {
  const sessions = new Set<string>();
  const legacy: string[] = [];
  for (const name of Object.keys(loaded.sdk).sort()) {
    const values = loaded.sdk[name];
    if (!values || profileKind(values) !== 'sso') continue;
    if (values.sso_session) sessions.add(values.sso_session);
    else if (values.sso_start_url && values.sso_region) legacy.push(name);
  }
  const targets: SignInTarget[] = [];
  for (const request of [
    ...[...sessions].sort().map((ssoSession) => ({ ssoSession })),
    ...legacy.map((profile) => ({ profile })),
  ]) {
    try {
      targets.push(signInTarget(request, loaded));
    } catch {
      // A session without its section is reported on the profile (profiles.ts usabilityProblem).
    }
  }
  return targets;
}
