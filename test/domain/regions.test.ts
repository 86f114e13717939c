/** The region list against the installed AWS SDK's endpoint data, and the "did you mean" for a typo. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closestRegion, isKnownRegion, PARTITION_REGIONS, regionProblem } from '../../main/domain/regions';

const root = path.resolve(__dirname, '../..');
const partitionsFile = path.join(
  root,
  'node_modules/@aws-sdk/core/dist-es/submodules/client/util-endpoints/lib/aws/partitions.js',
);

/** The SDK's partitions as data: the file is `export const partitionsInfo = { … };` (JSON inside). */
function sdkPartitions(): { id: string; regions: Record<string, unknown> }[] {
  const text = readFileSync(partitionsFile, 'utf8');
  const json = text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1);
  return (JSON.parse(json) as { partitions: { id: string; regions: Record<string, unknown> }[] }).partitions;
}

describe('PARTITION_REGIONS', () => {
  it('is the installed SDK’s region list, partition by partition', () => {
    const fromSdk = Object.fromEntries(
      sdkPartitions().map((p) => [
        p.id,
        Object.keys(p.regions)
          .filter((r) => !r.endsWith('-global'))
          .sort(),
      ]),
    );
    const ours = Object.fromEntries(Object.entries(PARTITION_REGIONS).map(([id, list]) => [id, [...list].sort()]));
    expect(ours).toEqual(fromSdk);
  });

  it('knows real regions, refuses made-up ones and suggests the closest', () => {
    expect(isKnownRegion('us-gov-west-1')).toBe(true);
    expect(isKnownRegion('us-east-9')).toBe(false);
    expect(closestRegion('us-esat-1')).toBe('us-east-1');
    expect(closestRegion('eu-west-7')).toMatch(/^eu-west-[123]$/);
    expect(closestRegion('mars-north-1')).toBeNull();
  });

  it('tells a region from a typo, and lets a newer region than the list pass', () => {
    for (const region of Object.values(PARTITION_REGIONS).flat()) expect(regionProblem(region)).toBeNull();
    expect(regionProblem('ap-southeast-9')).toBeNull();
    expect(regionProblem('us-est-1')).toBe('"us-est-1" is not an AWS region (did you mean us-east-1?)');
    expect(regionProblem('useast1')).toBe('"useast1" is not an AWS region (did you mean us-east-1?)');
    expect(regionProblem('mars-north-1')).toBe('"mars-north-1" is not an AWS region');
  });
});
