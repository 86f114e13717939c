/**
 * Which regions a profile is read in. A profile reaches one AWS partition only (commercial, GovCloud,
 * China, …), so regions of another partition are dropped with a note instead of failing every call.
 */
import { securityHubRegions } from '../../domain/regions';
import type { Settings } from '../../domain/types';

export type Partition = 'aws' | 'aws-us-gov' | 'aws-cn' | 'aws-iso' | 'aws-iso-b' | 'aws-iso-e' | 'aws-iso-f';

/** The partition a region belongs to, from its name prefix. */
export function partitionOfRegion(region: string): Partition {
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  return 'aws';
}

/** The partition named in an ARN (`arn:<partition>:…`), or null when the text is not an ARN. */
export function partitionOfArn(arn: string | null | undefined): Partition | null {
  const match = /^arn:(aws(?:-[a-z-]+)?):/.exec(arn ?? '');
  return (match?.[1] as Partition | undefined) ?? null;
}

export const PARTITION_NAMES: Record<Partition, string> = {
  aws: 'commercial AWS (aws)',
  'aws-us-gov': 'AWS GovCloud (aws-us-gov)',
  'aws-cn': 'AWS China (aws-cn)',
  'aws-iso': 'AWS ISO (aws-iso)',
  'aws-iso-b': 'AWS ISOB (aws-iso-b)',
  'aws-iso-e': 'AWS ISOE (aws-iso-e)',
  'aws-iso-f': 'AWS ISOF (aws-iso-f)',
};

export interface ProfileRegions {
  /** The regions to read, the profile's own region first. */
  regions: string[];
  /** Sentences about regions that were dropped, to show on the profile's rows. */
  notes: string[];
  partition: Partition;
}

/**
 * The profile's own region plus the user's set (its per-profile set when there is one, else the
 * default: every Security Hub region of the profile's partition, or the default list), without
 * duplicates, limited to the partition of the profile's own region.
 */
export function regionsForProfile(
  profile: { name: string; region: string | null },
  settings: Pick<Settings, 'defaultRegionMode' | 'defaultRegions' | 'profileRegions'>,
): ProfileRegions {
  const own = Object.hasOwn(settings.profileRegions, profile.name);
  const everywhere = !own && settings.defaultRegionMode === 'all';
  const listed = own ? (settings.profileRegions[profile.name] ?? []) : settings.defaultRegions;
  const home = partitionOfRegion(profile.region ?? (everywhere ? 'us-east-1' : (listed[0] ?? 'us-east-1')));
  const chosen = everywhere ? securityHubRegions(home) : listed;
  const all = [...(profile.region ? [profile.region] : []), ...chosen];
  const unique = [...new Set(all)];
  const first = unique[0] ?? 'us-east-1';
  const partition = partitionOfRegion(profile.region ?? first);
  const regions: string[] = [];
  const notes: string[] = [];
  for (const region of unique) {
    const p = partitionOfRegion(region);
    if (p === partition) regions.push(region);
    else
      notes.push(
        `${region} was skipped: it belongs to ${PARTITION_NAMES[p]}, and this profile works in ${PARTITION_NAMES[partition]}.`,
      );
  }
  if (regions.length === 0) regions.push(partition === 'aws' ? 'us-east-1' : first);
  return { regions, notes, partition };
}
