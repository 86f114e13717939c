/**
 * Where GuardDuty is read by default ("every region"): the SDK's regions of each partition, but those
 * AWS's own per-service endpoint data does not list for `guardduty` — checked against the botocore
 * installed here (the AWS CLI's data/endpoints.json), for every region that botocore knows.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { guardDuty } from '../../../../main/core/services/guardduty';
import { PARTITION_REGIONS, type PartitionId } from '../../../../main/domain/regions';

interface BotocoreEndpoints {
  partitions: {
    partition: string;
    regions: Record<string, unknown>;
    services: Record<string, { endpoints?: Record<string, unknown> }>;
  }[];
}

function botocoreEndpoints(): BotocoreEndpoints | null {
  try {
    const dir = execFileSync('python3', ['-c', 'import botocore, os; print(os.path.dirname(botocore.__file__))'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return JSON.parse(fs.readFileSync(path.join(dir, 'data', 'endpoints.json'), 'utf8')) as BotocoreEndpoints;
  } catch {
    return null;
  }
}

const botocore = botocoreEndpoints();

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
      let compared = 0;
      for (const p of (botocore as BotocoreEndpoints).partitions) {
        if (!Object.hasOwn(PARTITION_REGIONS, p.partition)) continue;
        const partition = p.partition as PartitionId;
        const withEndpoint = new Set(Object.keys(p.services.guardduty?.endpoints ?? {}));
        const ours = new Set(guardDuty.regions(partition));
        for (const region of PARTITION_REGIONS[partition]) {
          // A botocore older than the SDK does not know the newest regions: nothing to compare there.
          if (!Object.hasOwn(p.regions, region)) continue;
          compared++;
          expect(ours.has(region), `${partition} ${region}`).toBe(withEndpoint.has(region));
        }
      }
      expect(compared).toBeGreaterThan(20);
    },
  );
});
