/** Region lists: the ordinary regions load scenarios draw from, and the ones AWS made opt-in. */

/** Regions enabled in every account, in the order generated scenarios use them. */
export const STANDARD_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-south-1',
  'ca-central-1',
  'sa-east-1',
  // Osaka began as a Local Region in 2018, before AWS made new regions opt-in (March 20, 2019:
  // "Regions launched before March 20, 2019 are enabled by default", AWS Account Management guide,
  // manage-acct-regions); Security Hub has an endpoint there (AWS General Reference, sechub.html).
  // Last in the list so that scenarios of up to 16 regions stay as they were.
  'ap-northeast-3',
];

/** Regions AWS launched as opt-in (disabled until the account enables them). */
export const AWS_OPT_IN_REGIONS = new Set([
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
