/**
 * The one status vocabulary over the spellings AWS's security services use for the same
 * relationship: Security Hub CSPM and Macie in PascalCase (`Enabled`, `EmailVerificationFailed`),
 * GuardDuty as free text (`RelationshipStatus` is a plain string in its model), Detective in
 * UPPER_CASE (`ACCEPTED_BUT_DISABLED`). A status is compared by its kind; it is always shown as AWS
 * sent it, and a value none of these spellings name has no kind (`null`): shown, never guessed.
 * Imports nothing, so every layer (the window included) may use it.
 */

export const STATUS_KINDS = [
  'created',
  'invited',
  'enabled',
  'paused',
  'disabled',
  'accepted-but-disabled',
  'verification-in-progress',
  'verification-failed',
  'removed',
  'resigned',
  'deleted',
  'region-disabled',
  'suspended',
] as const;
export type StatusKind = (typeof STATUS_KINDS)[number];

/**
 * Each kind and the spellings that mean it, written without case, spaces, `_` or `-`. "Associated"
 * is Enabled's older name (the AWS CLI's own get-administrator-account and list-members examples
 * still print ASSOCIATED); Detective's VERIFICATION_* and GuardDuty's/Macie's EmailVerification*
 * are the same step of an invitation.
 */
const SPELLINGS: Record<StatusKind, readonly string[]> = {
  created: ['created'],
  invited: ['invited'],
  enabled: ['enabled', 'associated'],
  paused: ['paused'],
  disabled: ['disabled'],
  'accepted-but-disabled': ['acceptedbutdisabled'],
  'verification-in-progress': ['verificationinprogress', 'emailverificationinprogress'],
  'verification-failed': ['verificationfailed', 'emailverificationfailed'],
  removed: ['removed'],
  resigned: ['resigned'],
  deleted: ['deleted'],
  'region-disabled': ['regiondisabled'],
  suspended: ['accountsuspended', 'suspended'],
};

const KIND_OF = new Map<string, StatusKind>(
  (Object.entries(SPELLINGS) as [StatusKind, readonly string[]][]).flatMap(([kind, words]) =>
    words.map((word) => [word, kind] as [string, StatusKind]),
  ),
);

/** The kind of a status as any service spells it; null for a value no service is known to send. */
export function statusKind(status: string | null | undefined): StatusKind | null {
  if (typeof status !== 'string') return null;
  return KIND_OF.get(status.replace(/[\s_-]+/g, '').toLowerCase()) ?? null;
}

/** Two statuses say the same thing (an unknown one equals only itself, ignoring case). */
export function sameStatus(a: string, b: string): boolean {
  const kind = statusKind(a);
  return kind !== null ? kind === statusKind(b) : a.toLowerCase() === b.toLowerCase();
}

/** The status has this kind (or, for a name no spelling lists, this very name, ignoring case). */
export function hasMemberStatus(status: string | null | undefined, expected: StatusKind | string): boolean {
  if (typeof status !== 'string') return false;
  return sameStatus(status, expected);
}

/** An active relationship: Enabled (or its older name, Associated). */
export const isEnabled = (status: string | null | undefined) => statusKind(status) === 'enabled';

/**
 * A membership the account holds, active or not: Enabled, or Paused — Macie's relationship while
 * Macie is suspended in the member, which keeps its administrator (Macie's ListMembers counts Enabled
 * and Paused as its "current" members; botocore macie2 2020-01-01 RelationshipStatus). An account in
 * one counts as having that administrator: where a service allows one, another is not accepted.
 */
export const holdsMembership = (status: string | null | undefined) => {
  const kind = statusKind(status);
  return kind === 'enabled' || kind === 'paused';
};

/** A held membership's status as sentences name it: "Enabled" for every spelling of it, else as AWS sent it. */
export const membershipLabel = (status: string) => (isEnabled(status) ? 'Enabled' : status);

/** "an Enabled member", "a Paused member": a held membership in a sentence. */
export const memberOfStatus = (status: string) => {
  const label = membershipLabel(status);
  return `${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label} member`;
};

/**
 * An invitation still waiting for an answer. ListInvitations also lists invitations that are no
 * longer pending (the AWS CLI's list-invitations example shows one with MemberStatus "ASSOCIATED";
 * after a member leaves or is removed its invitation shows Resigned or Removed), so the invitation's
 * own status decides.
 */
export const isInvited = (status: string | null | undefined) => statusKind(status) === 'invited';

/** A member relationship that is over (Removed, Resigned, Deleted): the account no longer counts as a member. */
export const isMembershipOver = (status: string | null | undefined) => {
  const kind = statusKind(status);
  return kind === 'removed' || kind === 'resigned' || kind === 'deleted';
};
