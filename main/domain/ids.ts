/**
 * Names, identifiers and the small comparisons every layer shares. No imports, so every layer may
 * use them: the contract's schemas, the command line's flags and the renderer's forms all check
 * against these.
 */

export const APP_NAME = 'Security Hub Invitations';

/** An AWS region name such as us-east-1 or us-gov-west-1. */
export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
/** A 12-digit AWS account id. */
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;

/** One key per profile × region row (NUL cannot occur in either name). */
export function rowKey(row: { profile: string; region: string }): string {
  return `${row.profile}\u0000${row.region}`;
}

/** AWS's MemberStatus is a free string: compare case-insensitively. */
export function hasMemberStatus(status: string | null | undefined, expected: string): boolean {
  return typeof status === 'string' && status.toLowerCase() === expected.toLowerCase();
}

/**
 * An active relationship. "Associated" is the status's older name: the AWS CLI's own examples for
 * get-administrator-account and list-members still print MemberStatus "ASSOCIATED".
 */
export const isEnabled = (status: string | null | undefined) =>
  hasMemberStatus(status, 'Enabled') || hasMemberStatus(status, 'Associated');

/**
 * An invitation still waiting for an answer. ListInvitations also lists invitations that are no
 * longer pending (the AWS CLI's list-invitations example shows one with MemberStatus "ASSOCIATED";
 * after a member leaves or is removed its invitation shows Resigned or Removed), so the invitation's
 * own status decides.
 */
export const isInvited = (status: string | null | undefined) => hasMemberStatus(status, 'Invited');
