/**
 * The one home of string limits. The contract's request schemas (contract/api.ts), the stored-row
 * schemas (main/core/storage/settings-schema.ts) and the command line's flag checks all use these
 * numbers, so storage always accepts what a door accepted: a value that passed IPC or a flag can
 * never make a later save fail.
 */
import { REGION_PATTERN } from './ids';

/**
 * Profile names. AWS sets no limit on a profile name in the config files, and SSO tools build them
 * from account and role names (an account name may be 50 characters, a role or permission set name
 * 64, plus the tool's separators). 1024 leaves room for any generated name and keeps one row small.
 */
export const PROFILE_NAME_MAX = 1024;

/**
 * Region names. The longest today are 14 characters (ap-southeast-5, ap-northeast-3); 32 leaves
 * room for new partitions and keeps a mistyped or pasted value out of the settings and the rows.
 */
export const REGION_MAX = 32;

/** Invitation ids are UUID-like (the AWS CLI's list-invitations example shows 32 hex digits). */
export const INVITATION_ID_MAX = 256;

/** Stored AWS messages and notes of a snapshot row. */
export const MESSAGE_MAX = 10_000;

/** What an over-long value ends with once cut, so nobody mistakes it for the whole value. */
export const TRUNCATED_SUFFIX = '… (truncated)';

/** A region name the app accepts: the shape of an AWS region and not longer than REGION_MAX. */
export function isRegion(value: unknown): value is string {
  return typeof value === 'string' && value.length <= REGION_MAX && REGION_PATTERN.test(value);
}

/**
 * The text itself when it fits in `max` characters, else its start followed by TRUNCATED_SUFFIX,
 * `max` characters in all. A surrogate pair is never cut in half.
 */
export function truncateVisibly(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - TRUNCATED_SUFFIX.length);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}${TRUNCATED_SUFFIX}`;
}
