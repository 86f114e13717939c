/**
 * Macie's member side: the administrator (GetAdministratorAccount) and the invitations
 * (ListInvitations), read together before an action; after a write, the part it changes is read
 * again. Macie off answers both "Macie is not enabled.": the read is then a service-off error (the
 * action says Macie must be turned on first). Should ListInvitations answer while Macie is off (AWS
 * does not say whether it does), the invitations are shown and accepting one turns Macie on first
 * (EnableMacie, billed) — only when the person agreed, as GuardDuty's detector.
 */
import type { Macie2Client } from '@aws-sdk/client-macie2';
import { AppErrorException, appError } from '../../../domain/errors';
import type { AdministratorInfo } from '../../../domain/row';
import { type Called, UnclearWriteError } from '../../aws/call';
import { deprecatedReadNote, partOf } from '../row-parts';
import type { MemberSideOf, WriteContext } from '../service';
import { getAdministrator, listInvitations } from './reads';
import { acceptInvitation, declineInvitations, disassociateFromAdministrator, enableMacie } from './writes';

export const memberSide: MemberSideOf<Macie2Client> = {
  // "A member account can be associated with only one Macie administrator account at a time" (the
  // Macie user guide, accounts-mgmt-invitations-notes).
  maxAdministrators: 1,
  async read(ctx, parts) {
    const [admin, invitations] = await Promise.all([
      parts.includes('administrators') ? partOf(getAdministrator(ctx)) : null,
      parts.includes('invitations') ? partOf(listInvitations(ctx)) : null,
    ]);
    // A failure that is not Macie off is the read's failure.
    for (const p of [admin, invitations]) {
      if (p && !p.ok && p.error.kind !== 'service-off') throw new AppErrorException(p.error);
    }
    const off = admin !== null && !admin.ok ? admin.error : null;
    // Macie off and its invitations not read (not asked, or not answered): the read is Macie off.
    if (off && !invitations?.ok) throw new AppErrorException(off);
    if (invitations && !invitations.ok) throw new AppErrorException(invitations.error);
    const called: Called<AdministratorInfo | null> | null = admin?.ok ? admin.value : null;
    const usedDeprecated = called?.usedDeprecated ?? false;
    return {
      administrators: admin === null ? null : called?.value ? [called.value] : [],
      invitations: invitations?.ok ? invitations.value.value : null,
      off: off !== null,
      notes:
        called && usedDeprecated ? [deprecatedReadNote('macie2', called.operation, 'GetAdministratorAccount')] : [],
      usedDeprecated,
      carry: {},
    };
  },
  changes: { accept: ['administrators'], decline: ['invitations'], leave: ['administrators'] },
  async accept(ctx, side, invitation, options) {
    if (!side.off) return acceptInvitation(ctx, invitation.administratorId, invitation.invitationId);
    // The action asks the person before this (actions/accept-choice.ts); never turn Macie on unasked.
    if (!options.turnOn) {
      throw new AppErrorException(
        appError('refused', `Macie is off in ${ctx.region}: accepting needs it on, and turning it on was not agreed.`),
      );
    }
    await enableMacie(ctx);
    return acceptAfterTurnOn(ctx, invitation);
  },
  decline: (ctx, _side, administratorId) => declineInvitations(ctx, [administratorId]),
  leave(ctx, side) {
    if (side.off) {
      throw new AppErrorException(
        appError('refused', `Macie is off in ${ctx.region}: there is no administrator to leave.`),
      );
    }
    return disassociateFromAdministrator(ctx);
  },
};

/** The accept after EnableMacie: a failure says Macie stays on (and billed), so nobody is surprised. */
async function acceptAfterTurnOn(
  ctx: WriteContext<Macie2Client>,
  invitation: { administratorId: string; invitationId: string },
): Promise<Called<null>> {
  try {
    return await acceptInvitation(ctx, invitation.administratorId, invitation.invitationId);
  } catch (error) {
    // A lost answer is settled by the action's re-read, as any accept's.
    if (!(error instanceof AppErrorException) || error instanceof UnclearWriteError) throw error;
    throw new AppErrorException({
      ...error.appError,
      message: `Macie was turned on in ${ctx.region} (billed from now on), but accepting the invitation failed: ${error.appError.message}`,
    });
  }
}
