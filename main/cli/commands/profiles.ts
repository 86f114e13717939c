/**
 * `profiles [--json]`: the AWS profiles of this workstation, as the app sees them.
 * A table by default; with --json an array of profile objects on stdout. Warnings about the config
 * files go to stderr either way, so `--json` output stays machine-readable.
 */

import { listProfiles } from '../../core/aws/profiles';
import type { ProfileSummary } from '../../domain/types';
import type { CliCommand } from '../command';
import { outputFormat, printRows, TABLE_OUTPUT_FLAGS } from '../output';
import { terminalText } from '../terminal-text';

export const profilesCommand: CliCommand = {
  name: 'profiles',
  summary: 'List the AWS profiles (as `aws configure list-profiles` does) and whether the app can use each one',
  flags: [...TABLE_OUTPUT_FLAGS],
  async run({ values }, io) {
    const list = await listProfiles(io.env);
    for (const w of list.warnings)
      io.stderr(`warning: ${terminalText(w.file)}${w.line ? `:${w.line}` : ''}: ${terminalText(w.message)}\n`);
    if (list.profiles.length === 0 && outputFormat(values) === 'table') {
      io.stdout(`No profiles found in ${terminalText(list.configFile)} or ${terminalText(list.credentialsFile)}.\n`);
      return 0;
    }
    const json = list.profiles.map((p) => ({
      name: p.name,
      kind: p.kind,
      region: p.region,
      usable: p.usable,
      reason: p.reason,
      mfa: p.mfa,
      sourceProfile: p.sourceProfile,
      isDefault: p.isDefault,
      ssoSession: p.ssoSession,
    }));
    const note = list.profiles.some((p) => p.isDefault) ? '* the default profile (AWS_PROFILE, or "default")' : '';
    printRows(io, values, { ...profileTable(list.profiles), json, ...(note ? { footer: ['', note] } : {}) });
    return 0;
  },
};

export function profileTable(profiles: ProfileSummary[]): { header: string[]; rows: (string | null)[][] } {
  return {
    header: ['PROFILE', 'KIND', 'REGION', 'MFA', 'SOURCE', 'USABLE'],
    rows: profiles.map((p) => [
      `${p.name}${p.isDefault ? ' *' : ''}`,
      p.kind,
      p.region,
      p.mfa ? 'yes' : 'no',
      p.sourceProfile,
      p.usable ? 'yes' : `no: ${p.reason ?? ''}`,
    ]),
  };
}
