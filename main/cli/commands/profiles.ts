/**
 * `profiles [--json]`: the AWS profiles of this workstation, as the app sees them.
 * A table by default; with --json an array of profile objects on stdout. Warnings about the config
 * files go to stderr either way, so `--json` output stays machine-readable.
 */

import { listProfiles } from '../../core/aws/profiles';
import type { ProfileSummary } from '../../domain/types';
import type { CliCommand } from '../command';
import { table } from '../session';
import { terminalText } from '../terminal-text';

export const profilesCommand: CliCommand = {
  name: 'profiles',
  summary: 'List the AWS profiles (as `aws configure list-profiles` does) and whether the app can use each one',
  flags: [{ name: 'json', type: 'boolean', description: 'Print a JSON array of profiles instead of a table' }],
  async run({ values }, io) {
    const list = await listProfiles(io.env);
    for (const w of list.warnings)
      io.stderr(`warning: ${terminalText(w.file)}${w.line ? `:${w.line}` : ''}: ${terminalText(w.message)}\n`);
    if (values.json) {
      const rows = list.profiles.map((p) => ({
        name: p.name,
        kind: p.kind,
        region: p.region,
        usable: p.usable,
        reason: p.reason,
        mfa: p.mfa,
        sourceProfile: p.sourceProfile,
        isDefault: p.isDefault,
      }));
      io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    }
    if (list.profiles.length === 0) {
      io.stdout(`No profiles found in ${terminalText(list.configFile)} or ${terminalText(list.credentialsFile)}.\n`);
      return 0;
    }
    io.stdout(profileTable(list.profiles));
    return 0;
  },
};

export function profileTable(profiles: ProfileSummary[]): string {
  const header = ['PROFILE', 'KIND', 'REGION', 'MFA', 'SOURCE', 'USABLE'];
  const rows = profiles.map((p) => [
    `${p.name}${p.isDefault ? ' *' : ''}`,
    p.kind,
    p.region ?? '-',
    p.mfa ? 'yes' : 'no',
    p.sourceProfile ?? '-',
    p.usable ? 'yes' : `no: ${p.reason ?? ''}`,
  ]);
  const note = profiles.some((p) => p.isDefault) ? '\n* the default profile (AWS_PROFILE, or "default")\n' : '';
  return `${table(header, rows)}${note}`;
}
