/**
 * Where Macie has an endpoint. Unlike Security Hub CSPM and GuardDuty, Macie runs in a subset of each
 * partition's regions, so this is the list of regions AWS's per-service endpoint data gives for
 * `macie2` (botocore's data/endpoints.json, the AWS CLI's own; read 2026-12-07 from botocore 1.43.11:
 * 22 commercial regions, none in China, GovCloud, the ISO partitions or the European Sovereign Cloud).
 * test/core/services/macie/regions.test.ts checks it against the botocore on the machine.
 */
import { PARTITION_REGIONS, type PartitionId } from '../../../domain/regions';

export const MACIE_ENDPOINTS: ReadonlySet<string> = new Set([
  'af-south-1',
  'ap-east-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
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
]);

export function macieRegions(partition: PartitionId): readonly string[] {
  return PARTITION_REGIONS[partition].filter((region) => MACIE_ENDPOINTS.has(region));
}
