/**
 * `profiles [--json]`: the AWS profiles of this workstation, as the app sees them.
 * A table by default; with --json an array of profile objects on stdout. Warnings about the config
 * files go to stderr either way, so `--json` output stays machine-readable. Each SSO profile shows
 * whether it is signed in (from the token cache: its state and expiry, never the token), legacy SSO
 * settings are told from an sso-session, and a region that is not a region is flagged.
 */

import { loadProfiles, type ProfileSignIn, profileSignIns } from '../../core/backend';
import { closestRegion, regionProblem } from '../../domain/regions';
import { ssoLoginCommand } from '../../domain/sign-in-groups';
import type { ProfileSummary } from '../../domain/types';
import type { CliCommand } from '../command';
import { outputFormat, printRows, TABLE_OUTPUT_FLAGS } from '../output';
import { terminalText } from '../terminal-text';

export const profilesCommand: CliCommand = {
  name: 'profiles',
  summary: 'List the AWS profiles (as `aws configure list-profiles` does) and whether the app can use each one',
  flags: [...TABLE_OUTPUT_FLAGS],
  async run({ values }, io) {
    const loaded = await loadProfiles(io.env);
    const list = loaded.list;
    const signIns = await profileSignIns(loaded, io.env, Date.now());
    for (const w of list.warnings)
      io.stderr(`warning: ${terminalText(w.file)}${w.line ? `:${w.line}` : ''}: ${terminalText(w.message)}\n`);
    if (list.profiles.length === 0 && outputFormat(values) === 'table') {
      io.stdout(`No profiles found in ${terminalText(list.configFile)} or ${terminalText(list.credentialsFile)}.\n`);
      return 0;
    }
    const json = list.profiles.map((p) => {
      const signIn = signIns.get(p.name) ?? null;
      return {
        name: p.name,
        kind: p.kind,
        region: p.region,
        regionProblem: p.region === null ? null : regionProblem(p.region),
        usable: p.usable,
        reason: p.reason,
        mfa: p.mfa,
        sourceProfile: p.sourceProfile,
        isDefault: p.isDefault,
        ssoSession: p.ssoSession,
        ssoStyle: signIn ? (signIn.ssoSession !== null ? 'sso-session' : 'legacy') : null,
        signIn: signIn
          ? { ssoSession: signIn.ssoSession, profile: signIn.profile, state: signIn.state, expiresAt: signIn.expiresAt }
          : null,
      };
    });
    const note = list.profiles.some((p) => p.isDefault) ? '* the default profile (AWS_PROFILE, or "default")' : '';
    printRows(io, values, { ...profileTable(list.profiles, signIns), json, ...(note ? { footer: ['', note] } : {}) });
    return 0;
  },
};

export function profileTable(
  profiles: ProfileSummary[],
  signIns: ReadonlyMap<string, ProfileSignIn> = new Map(),
): { header: string[]; rows: (string | null)[][] } {
  return {
    header: ['PROFILE', 'KIND', 'REGION', 'MFA', 'SOURCE', 'SIGN-IN', 'USABLE'],
    rows: profiles.map((p) => {
      const signIn = signIns.get(p.name) ?? null;
      return [
        `${p.name}${p.isDefault ? ' *' : ''}`,
        kindText(p, signIn),
        regionText(p.region),
        p.mfa ? 'yes' : 'no',
        p.sourceProfile,
        signIn ? signInText(signIn) : null,
        p.usable ? 'yes' : `no: ${p.reason ?? ''}`,
      ];
    }),
  };
}

/** An SSO profile's kind says which sign-in it has: an sso-session's, or the legacy settings'. */
function kindText(p: ProfileSummary, signIn: ProfileSignIn | null): string {
  if (p.kind !== 'sso' || !signIn) return p.kind;
  return signIn.ssoSession !== null ? `sso-session ${signIn.ssoSession}` : 'sso (legacy)';
}

function regionText(region: string | null): string | null {
  if (region === null) return null;
  if (!regionProblem(region)) return region;
  const meant = closestRegion(region);
  return `${region} (not a region${meant ? `: ${meant}?` : ''})`;
}

/** "2026-05-01 14:03 UTC" */
const minute = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

function signInText(signIn: ProfileSignIn): string {
  const login = ssoLoginCommand(
    signIn.ssoSession !== null ? { ssoSession: signIn.ssoSession } : { profile: signIn.profile ?? '' },
  );
  switch (signIn.state) {
    case 'signed-in':
      return `signed in until ${minute(signIn.expiresAt ?? '')}`;
    case 'expired':
      return signIn.renewable
        ? `expired ${minute(signIn.expiresAt ?? '')}, renewed at next use`
        : `expired ${minute(signIn.expiresAt ?? '')}: ${login}`;
    case 'signed-out':
      return `not signed in: ${login}`;
    case 'unreadable':
      return `token file unreadable: ${login}`;
  }
}
