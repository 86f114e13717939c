/** Which rows a refresh reads: the chosen profiles, each in its regions from the settings. */
import { AppErrorException, appError } from '../../domain/errors';
import type { ProfileSummary, Settings } from '../../domain/types';
import { regionsForProfile } from './regions';

export type RefreshScope =
  | { kind: 'all' }
  | { kind: 'profile'; profile: string }
  | { kind: 'row'; profile: string; region: string }
  /** Several rows in one refresh (the command line's --region), so their reads are shared. */
  | { kind: 'rows'; rows: { profile: string; region: string }[] };

export interface RowPlan {
  profile: string;
  region: string;
  stsRegion: string;
  notes: string[];
  /** Set when the row cannot be read at all (unusable profile). */
  unusable: string | null;
}

export function planRows(profiles: ProfileSummary[], settings: Settings, scope: RefreshScope): RowPlan[] {
  const byName = new Map(profiles.map((p) => [p.name, p]));
  const find = (name: string) => {
    const profile = byName.get(name);
    if (!profile) {
      throw new AppErrorException(
        appError('not-found', `There is no profile named ${name} in the AWS config files.`, {
          remediation: 'Check the name against the AWS config files (profile names are case-sensitive).',
        }),
      );
    }
    return profile;
  };
  // Each chosen profile with the regions to read (null: the profile's regions from the settings).
  let chosen: [ProfileSummary, string[] | null][];
  if (scope.kind === 'all') {
    const hidden = new Set(settings.hiddenProfiles);
    chosen = profiles.filter((p) => !hidden.has(p.name)).map((p) => [p, null]);
  } else if (scope.kind === 'profile') chosen = [[find(scope.profile), null]];
  else if (scope.kind === 'row') chosen = [[find(scope.profile), [scope.region]]];
  else {
    const grouped = new Map<string, string[]>();
    for (const row of scope.rows) grouped.set(row.profile, [...(grouped.get(row.profile) ?? []), row.region]);
    chosen = [...grouped].map(([name, regions]) => [find(name), [...new Set(regions)]]);
  }
  const plans: RowPlan[] = [];
  for (const [profile, asked] of chosen) {
    const { regions, notes } = regionsForProfile(profile, settings);
    const rows = asked ?? regions;
    const stsRegion = profile.region ?? rows[0] ?? 'us-east-1';
    for (const region of rows) {
      plans.push({
        profile: profile.name,
        region,
        stsRegion,
        notes,
        unusable: profile.usable ? null : (profile.reason ?? 'The AWS SDK cannot use this profile.'),
      });
    }
  }
  return plans;
}
