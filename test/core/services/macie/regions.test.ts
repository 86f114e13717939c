/**
 * Where Macie is read by default ("every region"): the regions AWS's own per-service endpoint data
 * lists for `macie2` — checked against the botocore installed here (the AWS CLI's data/endpoints.json),
 * for every region that botocore knows.
 */
import { describe, expect, it } from 'vitest';
import { macie } from '../../../../main/core/services/macie';
import { PARTITION_REGIONS, type PartitionId } from '../../../../main/domain/regions';
import { type Botocore, expectRegionsAsBotocore, installedBotocore } from '../../../helpers/botocore-endpoints';

const botocore = installedBotocore();

describe('Macie regions', () => {
  it('reads the commercial regions Macie runs in, and no partition where it has no endpoint', () => {
    const commercial = macie.regions('aws');
    for (const region of ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'af-south-1', 'il-central-1']) {
      expect(commercial).toContain(region);
    }
    // Not every commercial region has Macie (botocore 1.43.11 lists 22).
    expect(commercial).not.toContain('ca-west-1');
    expect(commercial).not.toContain('mx-central-1');
    for (const partition of ['aws-cn', 'aws-us-gov', 'aws-iso', 'aws-eusc'] as const) {
      expect(macie.regions(partition)).toEqual([]);
    }
    for (const [partition, regions] of Object.entries(PARTITION_REGIONS)) {
      for (const region of macie.regions(partition as PartitionId)) expect(regions).toContain(region);
    }
  });

  it.runIf(botocore !== null)(
    'agrees with AWS’s per-service endpoint data (botocore) wherever botocore knows the region',
    () => {
      expect(
        expectRegionsAsBotocore(botocore as Botocore, 'macie2', (partition) => macie.regions(partition)),
      ).toBeGreaterThan(20);
    },
  );
});
