/**
 * Where GuardDuty is read by default ("every region"): the SDK's regions of each partition, but those
 * AWS's own per-service endpoint data does not list for `guardduty` — checked against the botocore
 * installed here (the AWS CLI's data/endpoints.json), for every region that botocore knows.
 */
import { describe, expect, it } from 'vitest';
import { guardDuty } from '../../../../main/core/services/guardduty';
import { PARTITION_REGIONS, type PartitionId } from '../../../../main/domain/regions';
import { type Botocore, expectRegionsAsBotocore, installedBotocore } from '../../../helpers/botocore-endpoints';

const botocore = installedBotocore();

describe('GuardDuty regions', () => {
  it('reads every commercial region, GovCloud, China and the European Sovereign Cloud, not the ISO regions without it', () => {
    const commercial = guardDuty.regions('aws');
    for (const region of ['us-east-1', 'il-central-1', 'ca-west-1', 'mx-central-1', 'ap-southeast-7']) {
      expect(commercial).toContain(region);
    }
    expect(guardDuty.regions('aws-us-gov')).toEqual(['us-gov-east-1', 'us-gov-west-1']);
    expect(guardDuty.regions('aws-eusc')).toEqual(['eusc-de-east-1']);
    expect(guardDuty.regions('aws-iso')).not.toContain('us-iso-west-1');
    for (const [partition, regions] of Object.entries(PARTITION_REGIONS)) {
      for (const region of guardDuty.regions(partition as PartitionId)) expect(regions).toContain(region);
    }
  });

  it.runIf(botocore !== null)(
    'agrees with AWS’s per-service endpoint data (botocore) wherever botocore knows the region',
    () => {
      expect(
        expectRegionsAsBotocore(botocore as Botocore, 'guardduty', (partition) => guardDuty.regions(partition)),
      ).toBeGreaterThan(20);
    },
  );
});
