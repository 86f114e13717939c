/**
 * AWS's own per-service endpoint data, as the botocore installed here carries it
 * (botocore/data/endpoints.json), to check where a service is read by default against it.
 *
 * A botocore older than the SDK knows fewer regions, and lists a service only where it ran when that
 * botocore was released (Debian 12's python3-botocore 1.29 dates from 2023): such data can show that a
 * service runs in a region, never that it does not. So "botocore lists the service there ⇒ the app
 * reads it" is checked with any botocore, and the converse only with a current one.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { PARTITION_REGIONS, type PartitionId } from '../../main/domain/regions';

interface BotocoreEndpoints {
  partitions: {
    partition: string;
    regions: Record<string, unknown>;
    services: Record<string, { endpoints?: Record<string, unknown> }>;
  }[];
}

/** The botocore release from which its endpoint data is taken as current (2025). */
const CURRENT_FROM = [1, 40];

export interface Botocore {
  version: string;
  current: boolean;
  endpoints: BotocoreEndpoints;
}

export function installedBotocore(): Botocore | null {
  try {
    const [version = '', dir = ''] = execFileSync(
      'python3',
      ['-c', 'import botocore, os; print(botocore.__version__); print(os.path.dirname(botocore.__file__))'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    )
      .trim()
      .split('\n');
    const [major = 0, minor = 0] = version.split('.').map(Number);
    const current = major > (CURRENT_FROM[0] ?? 0) || (major === CURRENT_FROM[0] && minor >= (CURRENT_FROM[1] ?? 0));
    const endpoints = JSON.parse(
      fs.readFileSync(path.join(dir, 'data', 'endpoints.json'), 'utf8'),
    ) as BotocoreEndpoints;
    return { version, current, endpoints };
  } catch {
    return null;
  }
}

/**
 * Compares the regions a service is read in with botocore's endpoints of `endpointKey`, in every
 * region botocore knows; returns how many regions were compared.
 */
export function expectRegionsAsBotocore(
  botocore: Botocore,
  endpointKey: string,
  regionsOf: (partition: PartitionId) => readonly string[],
): number {
  let compared = 0;
  for (const p of botocore.endpoints.partitions) {
    if (!Object.hasOwn(PARTITION_REGIONS, p.partition)) continue;
    const partition = p.partition as PartitionId;
    const withEndpoint = new Set(Object.keys(p.services[endpointKey]?.endpoints ?? {}));
    const ours = new Set(regionsOf(partition));
    for (const region of PARTITION_REGIONS[partition]) {
      // A botocore older than the SDK does not know the newest regions: nothing to compare there.
      if (!Object.hasOwn(p.regions, region)) continue;
      compared++;
      const where = `${partition} ${region} (botocore ${botocore.version})`;
      if (withEndpoint.has(region)) expect(ours.has(region), where).toBe(true);
      else if (botocore.current) expect(ours.has(region), where).toBe(false);
    }
  }
  return compared;
}
