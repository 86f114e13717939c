/**
 * The regions of each AWS partition, as the AWS SDK's own endpoint data lists them
 * (@aws-sdk/core: submodules/client/util-endpoints/lib/aws/partitions.js, without the "-global"
 * pseudo-regions). test/domain/regions.test.ts compares this list with the installed SDK's, so an SDK
 * upgrade that adds a region fails the tests until it is added here. Used where a region typed by a
 * person must be real (the command line's --region); stored settings keep the looser REGION_PATTERN
 * so a region newer than this list is never lost.
 */
import { closest } from './closest';

export const PARTITION_REGIONS = {
  aws: [
    'af-south-1',
    'ap-east-1',
    'ap-east-2',
    'ap-northeast-1',
    'ap-northeast-2',
    'ap-northeast-3',
    'ap-south-1',
    'ap-south-2',
    'ap-southeast-1',
    'ap-southeast-2',
    'ap-southeast-3',
    'ap-southeast-4',
    'ap-southeast-5',
    'ap-southeast-6',
    'ap-southeast-7',
    'ca-central-1',
    'ca-west-1',
    'eu-central-1',
    'eu-central-2',
    'eu-north-1',
    'eu-south-1',
    'eu-south-2',
    'eu-west-1',
    'eu-west-2',
    'eu-west-3',
    'il-central-1',
    'me-central-1',
    'me-south-1',
    'me-west-1',
    'mx-central-1',
    'sa-east-1',
    'sa-west-1',
    'us-east-1',
    'us-east-2',
    'us-west-1',
    'us-west-2',
  ],
  'aws-cn': ['cn-north-1', 'cn-northwest-1'],
  'aws-eusc': ['eusc-de-east-1'],
  'aws-iso': ['us-iso-east-1', 'us-iso-west-1'],
  'aws-iso-b': ['us-isob-east-1', 'us-isob-west-1'],
  'aws-iso-e': ['eu-isoe-west-1'],
  'aws-iso-f': ['us-isof-east-1', 'us-isof-south-1'],
  'aws-us-gov': ['us-gov-east-1', 'us-gov-west-1'],
} as const;

export type PartitionId = keyof typeof PARTITION_REGIONS;

/**
 * How the SDK's endpoint data tells a region's partition when the region is not in its lists: each
 * partition's `regionRegex` (the same file). Checked in order after the lists; `aws` last, as the
 * SDK falls back to it.
 */
const PARTITION_PATTERNS: [PartitionId, RegExp][] = [
  ['aws-us-gov', /^us-gov-\w+-\d+$/],
  ['aws-cn', /^cn-\w+-\d+$/],
  ['aws-eusc', /^eusc-(de)-\w+-\d+$/],
  ['aws-iso', /^us-iso-\w+-\d+$/],
  ['aws-iso-b', /^us-isob-\w+-\d+$/],
  ['aws-iso-e', /^eu-isoe-\w+-\d+$/],
  ['aws-iso-f', /^us-isof-\w+-\d+$/],
  ['aws', /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/],
];

const PARTITION_OF_LISTED = new Map<string, PartitionId>(
  (Object.entries(PARTITION_REGIONS) as [PartitionId, readonly string[]][]).flatMap(([id, regions]) =>
    regions.map((region) => [region, id] as [string, PartitionId]),
  ),
);

/**
 * The partition a region belongs to, as the SDK decides it: its lists first, then each partition's
 * pattern, and commercial AWS for anything else (so `eusc-de-east-1` is the European Sovereign
 * Cloud's, never commercial AWS's).
 */
export function partitionOfRegion(region: string): PartitionId {
  const listed = PARTITION_OF_LISTED.get(region);
  if (listed) return listed;
  return PARTITION_PATTERNS.find(([, pattern]) => pattern.test(region))?.[0] ?? 'aws';
}

/** The partition named in an ARN (`arn:<partition>:…`), or null when it is not an ARN of a known partition. */
export function partitionOfArn(arn: string | null | undefined): PartitionId | null {
  const match = /^arn:(aws(?:-[a-z-]+)?):/.exec(arn ?? '');
  const id = match?.[1];
  return id !== undefined && Object.hasOwn(PARTITION_REGIONS, id) ? (id as PartitionId) : null;
}

export const PARTITION_NAMES: Record<PartitionId, string> = {
  aws: 'commercial AWS (aws)',
  'aws-us-gov': 'AWS GovCloud (aws-us-gov)',
  'aws-cn': 'AWS China (aws-cn)',
  'aws-eusc': 'the AWS European Sovereign Cloud (aws-eusc)',
  'aws-iso': 'AWS ISO (aws-iso)',
  'aws-iso-b': 'AWS ISOB (aws-iso-b)',
  'aws-iso-e': 'AWS ISOE (aws-iso-e)',
  'aws-iso-f': 'AWS ISOF (aws-iso-f)',
};

/**
 * Regions an account must enable before use (AWS General Reference, "Enable or disable AWS Regions
 * in your account": the regions introduced after 20 March 2019 are disabled by default). A row in
 * one of them is probed with one call first, and not read again for a day once it says "not enabled".
 */
export const OPT_IN_REGIONS: ReadonlySet<string> = new Set([
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
]);

const KNOWN = new Set<string>(Object.values(PARTITION_REGIONS).flat());

export function isKnownRegion(value: string): boolean {
  return KNOWN.has(value);
}

/** The known region closest to a mistyped one (at most 3 edits away), or null. */
export function closestRegion(value: string): string | null {
  return closest(value, KNOWN);
}

/**
 * A region's name as AWS forms them: a partition prefix, an optional isolated-partition word, a
 * direction and a number (the SDK's partition regexes, with the direction words every region uses).
 * A region newer than PARTITION_REGIONS still matches; a typo such as "us-est-1" does not.
 */
const REGION_SHAPE =
  /^(us|eu|ap|sa|ca|me|af|il|mx|cn|eusc)-(gov-|iso-|isob-|isoe-|isof-|de-)?(east|west|north|south|central|northeast|northwest|southeast|southwest)-\d{1,2}$/;

/**
 * Why a region read from a profile cannot be one ("us-est-1" is not an AWS region (did you mean
 * us-east-1?)), or null for a known region or one shaped like a newer region than this list.
 */
export function regionProblem(value: string): string | null {
  if (isKnownRegion(value) || REGION_SHAPE.test(value)) return null;
  const meant = closestRegion(value);
  return `"${value}" is not an AWS region${meant ? ` (did you mean ${meant}?)` : ''}`;
}
