/**
 * Which regions a profile is read in, for one service. A profile reaches one AWS partition only
 * (commercial, GovCloud, China, the European Sovereign Cloud, …), so regions of another partition are
 * dropped with a note instead of failing every call.
 */
import { PARTITION_NAMES, type PartitionId, partitionOfRegion } from '../../domain/regions';
import type { Settings } from '../../domain/types';

export interface ProfileRegions {
  /** The regions to read, the profile's own region first. */
  regions: string[];
  /** Sentences about regions that were dropped, to show on the profile's rows. */
  notes: string[];
  partition: PartitionId;
}

/**
 * The profile's own region plus the user's set (its per-profile set when there is one, else the
 * default: every region of the profile's partition where the service has an endpoint, or the
 * default list), without duplicates, limited to the partition of the profile's own region.
 */
export function regionsForProfile(
  profile: { name: string; region: string | null },
  settings: Pick<Settings, 'defaultRegionMode' | 'defaultRegions' | 'profileRegions'>,
  serviceRegions: (partition: PartitionId) => readonly string[],
): ProfileRegions {
  const own = Object.hasOwn(settings.profileRegions, profile.name);
  const everywhere = !own && settings.defaultRegionMode === 'all';
  const listed = own ? (settings.profileRegions[profile.name] ?? []) : settings.defaultRegions;
  const home = partitionOfRegion(profile.region ?? (everywhere ? 'us-east-1' : (listed[0] ?? 'us-east-1')));
  const chosen = everywhere ? serviceRegions(home) : listed;
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
