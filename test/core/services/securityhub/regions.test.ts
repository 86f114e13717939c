/**
 * Where Security Hub CSPM is read by default ("every region"): the SDK's regions of each partition,
 * but those AWS's own per-service endpoint data does not list for `securityhub` — checked against the
 * botocore installed here (the AWS CLI's data/endpoints.json), for every region that botocore knows.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { securityHub } from '../../../../main/core/services/securityhub';
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
      let compared = 0;
      for (const p of (botocore as BotocoreEndpoints).partitions) {
        if (!Object.hasOwn(PARTITION_REGIONS, p.partition)) continue;
        const partition = p.partition as PartitionId;
        const withEndpoint = new Set(Object.keys(p.services.securityhub?.endpoints ?? {}));
        const ours = new Set(securityHub.regions(partition));
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
