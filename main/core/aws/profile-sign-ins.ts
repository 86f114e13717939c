/**
 * Whether each SSO profile is signed in, read from the token cache without using the token: a
 * token present and unexpired is "signed-in" (until its expiry), an expired one "expired" (it may
 * still be renewed at the next use, when it carries a refresh token), no file "signed-out", and a
 * file that is not a regular file, too large or not a token "unreadable". Nothing of the token
 * leaves this module but its state and expiry.
 *
 * A profile's sign-in is the one behind it (profiles.ts ssoLoginOf): its sso-session's token, or for
 * the legacy settings (sso_start_url in the profile) the start URL's; a role over an SSO profile is
 * signed in by its source's.
 */
import path from 'node:path';
import { readRegularFile } from '../storage/regular-file';
import { type LoadedProfiles, ssoLoginOf } from './profiles';
import { TOKEN_FILE_MAX_BYTES } from './sso-credentials';
import { cacheDir, cachedToken, tokenFileName } from './sso-sign-in/cache';

export type SignInState = 'signed-in' | 'expired' | 'signed-out' | 'unreadable';

export interface ProfileSignIn {
  /** The sso-session signed in, or null for the legacy settings. */
  ssoSession: string | null;
  /** The legacy SSO profile signed in (`aws sso login --profile` names it), or null. */
  profile: string | null;
  state: SignInState;
  /** When the token expires (or expired); null without a readable token. */
  expiresAt: string | null;
  /** An expired token that the next use renews (it carries a registration and a refresh token). */
  renewable: boolean;
}

/** The sign-in of every profile with an SSO sign-in behind it, by profile name. */
export async function profileSignIns(
  loaded: LoadedProfiles,
  env: NodeJS.ProcessEnv,
  now: number,
): Promise<Map<string, ProfileSignIn>> {
  const byFile = new Map<string, Promise<Omit<ProfileSignIn, 'ssoSession' | 'profile'>>>();
  const result = new Map<string, ProfileSignIn>();
  for (const name of loaded.details.keys()) {
    const login = ssoLoginOf(name, loaded.sdk);
    if (!login) continue;
    const ssoSession = 'ssoSession' in login ? login.ssoSession : null;
    const legacy = 'profile' in login ? login.profile : null;
    const startUrl =
      ssoSession !== null
        ? loaded.files.configFile[`sso-session.${ssoSession}`]?.sso_start_url
        : loaded.sdk[legacy ?? '']?.sso_start_url;
    const base = { ssoSession, profile: legacy };
    if (!startUrl && ssoSession === null) {
      result.set(name, { ...base, state: 'signed-out', expiresAt: null, renewable: false });
      continue;
    }
    const file = path.join(cacheDir(env), tokenFileName({ ssoSession, startUrl: startUrl ?? '' }));
    let state = byFile.get(file);
    if (!state) {
      state = tokenState(file, now);
      byFile.set(file, state);
    }
    const found = await state;
    // Only an sso-session's token is renewed (legacy tokens are not, by the SDK or the AWS CLI).
    result.set(name, { ...base, ...found, renewable: found.renewable && ssoSession !== null });
  }
  return result;
}

async function tokenState(file: string, now: number): Promise<Omit<ProfileSignIn, 'ssoSession' | 'profile'>> {
  const read = await readRegularFile(file, TOKEN_FILE_MAX_BYTES);
  if (!read.ok) {
    return { state: read.reason === 'missing' ? 'signed-out' : 'unreadable', expiresAt: null, renewable: false };
  }
  let parsed: ReturnType<typeof cachedToken.safeParse>;
  try {
    parsed = cachedToken.safeParse(JSON.parse(read.bytes.toString('utf8')));
  } catch {
    return { state: 'unreadable', expiresAt: null, renewable: false };
  }
  if (!parsed.success) return { state: 'unreadable', expiresAt: null, renewable: false };
  const token = parsed.data;
  const expiresAt = new Date(Date.parse(token.expiresAt));
  if (expiresAt.getTime() > now) return { state: 'signed-in', expiresAt: expiresAt.toISOString(), renewable: false };
  const registrationValid = token.registrationExpiresAt === undefined || Date.parse(token.registrationExpiresAt) > now;
  const renewable = Boolean(token.clientId && token.clientSecret && token.refreshToken) && registrationValid;
  return { state: 'expired', expiresAt: expiresAt.toISOString(), renewable };
}
