/**
 * Names, identifiers and the small comparisons every layer shares. No imports, so every layer may
 * use them: the contract's schemas, the command line's flags and the renderer's forms all check
 * against these.
 */

export const APP_NAME = 'Security Hub Invitations';

/** An AWS region name such as us-east-1 or us-gov-west-1. */
export const REGION_PATTERN = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;
/** A 12-digit AWS account id. */
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;
/** A security service's id in the app (`securityhub`, `guardduty`, …): the registry's key. */
export const SERVICE_ID_PATTERN = /^[a-z][a-z0-9-]{1,31}$/;

/** The service of every row and request written before the app read more than Security Hub CSPM. */
export const FIRST_SERVICE = 'securityhub';

/** What names one row: a service read for one profile in one region. */
export interface RowKey {
  service: string;
  profile: string;
  region: string;
}

/** One key per service × profile × region row (NUL cannot occur in any of the three names). */
export function rowKey(row: RowKey): string {
  return `${row.service}\u0000${row.profile}\u0000${row.region}`;
}
