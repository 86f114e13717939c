import { PARTITION_REGIONS } from '../../../main/domain/regions';

/** Commercial regions offered in Settings (the AWS SDK's list); others can be typed in (validated with REGION_PATTERN). */
export const COMMERCIAL_REGIONS = PARTITION_REGIONS.aws;

/** The same rule main applies to a region in a request (one home: main/domain/ids.ts). */
export { REGION_PATTERN } from '../../../main/domain/ids';
