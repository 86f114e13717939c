/**
 * Where Detective is read by default ("every region"): the regions of AWS's per-service endpoint data
 * for `api.detective` — checked against the botocore installed here (the AWS CLI's
 * data/endpoints.json), for every region that botocore knows.
 */
import { describe, expect, it } from 'vitest';
import { detective } from '../../../../main/core/services/detective';
import { PARTITION_REGIONS, type PartitionId } from '../../../../main/domain/regions';
import { type Botocore, expectRegionsAsBotocore, installedBotocore } from '../../../helpers/botocore-endpoints';

const botocore = installedBotocore();

describe('Detective regions', () => {
  it('reads the commercial regions with an endpoint and GovCloud, not China, the ISO regions or the newest ones', () => {
    const commercial = detective.regions('aws');
    for (const region of ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'af-south-1', 'il-central-1']) {
      expect(commercial).toContain(region);
    }
    for (const region of ['ca-west-1', 'mx-central-1', 'ap-southeast-7']) expect(commercial).not.toContain(region);
    expect(detective.regions('aws-us-gov')).toEqual(['us-gov-east-1', 'us-gov-west-1']);
    expect(detective.regions('aws-cn')).toEqual([]);
    expect(detective.regions('aws-eusc')).toEqual([]);
    for (const [partition, regions] of Object.entries(PARTITION_REGIONS)) {
      for (const region of detective.regions(partition as PartitionId)) expect(regions).toContain(region);
    }
  });

  it.runIf(botocore !== null)(
    'agrees with AWS’s per-service endpoint data (botocore) wherever botocore knows the region',
    () => {
      expect(
        expectRegionsAsBotocore(botocore as Botocore, 'api.detective', (partition) => detective.regions(partition)),
      ).toBeGreaterThan(20);
    },
  );
});
