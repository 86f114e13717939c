/**
 * Where Security Hub CSPM has an endpoint: every region of the partition in the AWS SDK's endpoint
 * data (main/domain/regions.ts, kept equal to the installed SDK's by a test), but those AWS's
 * per-service endpoint data does not list for `securityhub` (botocore's data/endpoints.json, the
 * AWS CLI's own; read 2026-12-07 from botocore 1.43.11). The JS SDK's endpoint rules are
 * partition-wide and list no regions per service, so this is the one place the difference is kept;
 * test/core/services/securityhub/regions.test.ts checks it against the botocore on the machine.
 */
import { PARTITION_REGIONS, type PartitionId } from '../../../domain/regions';

export const NO_SECURITY_HUB_ENDPOINT: ReadonlySet<string> = new Set([
  'me-west-1',
  'sa-west-1',
  'eu-isoe-west-1',
  'us-isof-east-1',
  'us-isof-south-1',
]);

export function securityHubRegions(partition: PartitionId): readonly string[] {
  return PARTITION_REGIONS[partition].filter((region) => !NO_SECURITY_HUB_ENDPOINT.has(region));
}
