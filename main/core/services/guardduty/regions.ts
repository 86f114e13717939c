/**
 * Where GuardDuty has an endpoint: every region of the partition in the AWS SDK's endpoint data
 * (main/domain/regions.ts), but those AWS's per-service endpoint data does not list for `guardduty`
 * (botocore's data/endpoints.json, the AWS CLI's own; read 2026-12-07 from botocore 1.43.11).
 * test/core/services/guardduty/regions.test.ts checks it against the botocore on the machine.
 */
import { PARTITION_REGIONS, type PartitionId } from '../../../domain/regions';

export const NO_GUARDDUTY_ENDPOINT: ReadonlySet<string> = new Set([
  'us-iso-west-1',
  'us-isob-west-1',
  'eu-isoe-west-1',
]);

export function guardDutyRegions(partition: PartitionId): readonly string[] {
  return PARTITION_REGIONS[partition].filter((region) => !NO_GUARDDUTY_ENDPOINT.has(region));
}
