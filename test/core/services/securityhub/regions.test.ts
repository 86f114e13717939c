/**
 * Where Security Hub CSPM is read by default ("every region"): the SDK's regions of each partition,
 * but those AWS's own per-service endpoint data does not list for `securityhub` — checked against the
 * botocore installed here (the AWS CLI's data/endpoints.json), for every region that botocore knows.
 */
import { describe, expect, it } from 'vitest';
import { securityHub } from '../../../../main/core/services/securityhub';
import { PARTITION_REGIONS, type PartitionId } from '../../../../main/domain/regions';
import { type Botocore, expectRegionsAsBotocore, installedBotocore } from '../../../helpers/botocore-endpoints';

const botocore = installedBotocore();

describe('Security Hub CSPM regions', () => {
  it('reads the regions AWS added where Security Hub CSPM runs, and the European Sovereign Cloud’s', () => {
    const commercial = securityHub.regions('aws');
    for (const region of ['il-central-1', 'ca-west-1', 'mx-central-1', 'ap-southeast-7', 'ap-east-2']) {
      expect(commercial).toContain(region);
    }
    expect(securityHub.regions('aws-eusc')).toEqual(['eusc-de-east-1']);
    expect(securityHub.regions('aws-us-gov')).toEqual(['us-gov-east-1', 'us-gov-west-1']);
    // Every region read is one of the SDK's regions of that partition.
    for (const [partition, regions] of Object.entries(PARTITION_REGIONS)) {
      for (const region of securityHub.regions(partition as PartitionId)) expect(regions).toContain(region);
    }
  });

  it.runIf(botocore !== null)(
    'agrees with AWS’s per-service endpoint data (botocore) wherever botocore knows the region',
    () => {
      expect(
        expectRegionsAsBotocore(botocore as Botocore, 'securityhub', (partition) => securityHub.regions(partition)),
      ).toBeGreaterThan(20);
    },
  );
});
