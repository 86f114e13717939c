/**
 * Rules every service's reads share: a read's outcome as a part of the row (its value or its
 * error), the probe that reads one call first, the answer one part gives for the whole row (the
 * service off, a region not enabled, an organization's policy blocking the service), which denials
 * depend on who asked, the pending rule over the one status vocabulary, and the note a deprecated
 * read leaves.
 */
import { type AppError, errorOf, PRINCIPAL_DENIALS, ROW_READ_FAILED } from '../../domain/errors';
import type { AdministratorInfo, InvitationInfo, RowState } from '../../domain/row';
import { holdsMembership, isInvited } from '../../domain/statuses';
import type { MemberSide, MemberSideRead } from './service';

/** A read's outcome within a row: its value, or its error (the rest of the row stays usable). */
export type Part<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const errorOfRead = (error: unknown): AppError => errorOf(error, ROW_READ_FAILED);

/** A read as a Part: it never rejects. */
export function partOf<T>(read: Promise<T>): Promise<Part<T>> {
  return read.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error: errorOfRead(error) }),
  );
}

/**
 * The answer every part of a row shares, when one part gives it: the service off (which every
 * read of it answers), a region the account has not enabled, or — when every part was refused by
 * it — an organization's policy that blocks the service there (a service control policy denying
 * the service in the region: no read of it gets through). Null when the parts answered for
 * themselves; one part refused by an organization's policy beside parts that answered is that
 * part's error, not the row's.
 */
export function rowWideAnswer(
  parts: Part<unknown>[],
): { state: Extract<RowState, 'off' | 'region-not-enabled' | 'blocked'>; error: AppError | null } | null {
  for (const p of parts) {
    if (!p.ok && p.error.kind === 'service-off') return { state: 'off', error: null };
  }
  for (const p of parts) {
    if (!p.ok && p.error.kind === 'region-not-enabled') return { state: 'region-not-enabled', error: p.error };
  }
  const first = parts[0];
  if (first && !first.ok && first.error.kind === 'organization-policy') {
    if (parts.every((p) => !p.ok && p.error.kind === 'organization-policy'))
      return { state: 'blocked', error: first.error };
  }
  return null;
}

/** The read failed because of who asked (another profile of the same account may be allowed). */
export function deniedToPrincipal(part: Part<unknown>): boolean {
  return !part.ok && PRINCIPAL_DENIALS.has(part.error.kind);
}

/**
 * Whether a service's reader should send one call first and stop on its row-wide answer: in an
 * opt-in region, and wherever the account-region has not answered this service yet (an
 * organization's policy may deny the service there, and every call it denies is an AccessDenied
 * event in the account's CloudTrail). `ServiceContext.probeFirst` carries it.
 */
export async function probe<T>(
  probeFirst: boolean,
  read: () => Promise<T>,
): Promise<{
  part: Part<T> | null;
  wide: ReturnType<typeof rowWideAnswer>;
}> {
  if (!probeFirst) return { part: null, wide: null };
  const part = await partOf(read());
  return { part, wide: rowWideAnswer([part]) };
}

/**
 * An invitation is pending only while its own status is Invited, and it is not the one behind a
 * current relationship (the same invitation reference, or — where a member has one administrator at
 * most — the same administrator while that relationship is held: Enabled or Paused). Where a member may have several
 * (`maxAdministrators` above 1: Detective's behavior graphs), one administrator may stand behind
 * several invitations, so only the invitation reference tells them apart.
 */
export function pendingInvitations(
  invitations: InvitationInfo[],
  administrators: readonly AdministratorInfo[],
  maxAdministrators = 1,
): InvitationInfo[] {
  return invitations.filter(
    (inv) => isInvited(inv.memberStatus) && !administrators.some((a) => isCurrent(inv, a, maxAdministrators)),
  );
}

function isCurrent(inv: InvitationInfo, administrator: AdministratorInfo, maxAdministrators: number): boolean {
  if (administrator.invitationId !== null && inv.invitationId === administrator.invitationId) return true;
  if (maxAdministrators > 1 && administrator.invitationId !== null) return false;
  return holdsMembership(administrator.memberStatus) && inv.accountId === administrator.accountId;
}

/** A member side with both parts read, the pending rule applied (`maxAdministrators`: the service's). */
export function memberSideOf(read: MemberSideRead, maxAdministrators = 1): MemberSide {
  const administrators = read.administrators ?? [];
  const invitations = read.invitations ?? [];
  return {
    ...read,
    administrators,
    invitations,
    pending: pendingInvitations(invitations, administrators, maxAdministrators),
  };
}

/** `before` with the parts `after` read again. */
export function reread(before: MemberSide, after: MemberSideRead, maxAdministrators = 1): MemberSide {
  return memberSideOf(
    {
      administrators: after.administrators ?? before.administrators,
      invitations: after.invitations ?? before.invitations,
      off: after.administrators !== null ? after.off : before.off,
      notes: [...before.notes, ...after.notes.filter((n) => !before.notes.includes(n))],
      usedDeprecated: before.usedDeprecated || after.usedDeprecated,
      carry: { ...before.carry, ...after.carry },
    },
    maxAdministrators,
  );
}

/** The row's note when a deprecated operation answered because IAM denied the new one. */
export function deprecatedReadNote(iamPrefix: string, operation: string, newOperation: string): string {
  return `IAM denied ${iamPrefix}:${newOperation}, so this was read with the deprecated ${operation}. Grant ${iamPrefix}:${newOperation} to stop relying on the old name.`;
}
