/**
 * Where Detective has an endpoint (`api.detective` in botocore's data/endpoints.json, the AWS CLI's
 * own; read 2026-12-07 from botocore 1.43.11): far fewer regions than the partitions hold — no China,
 * ISO or European Sovereign Cloud endpoint, and none in several newer commercial regions — so the
 * regions are listed, not subtracted. test/core/services/detective/regions.test.ts checks the list
 * against the botocore on the machine.
 */
import { PARTITION_REGIONS, type PartitionId } from '../../../domain/regions';

export const DETECTIVE_ENDPOINTS: ReadonlySet<string> = new Set([
  'af-south-1',
  'ap-east-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-south-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-south-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'us-gov-east-1',
  'us-gov-west-1',
]);

export function detectiveRegions(partition: PartitionId): readonly string[] {
  return PARTITION_REGIONS[partition].filter((region) => DETECTIVE_ENDPOINTS.has(region));
}
