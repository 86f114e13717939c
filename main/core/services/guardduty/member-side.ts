/**
 * GuardDuty's member side: the administrator (GetAdministratorAccount, on the account's detector) and
 * the invitations (ListInvitations, which needs no detector), read together before an action. Without
 * a detector GuardDuty is off: the account has no administrator, its invitations are still listed, and
 * accepting one turns GuardDuty on first (CreateDetector, billed) — only when the person agreed.
 */
import type { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { AppErrorException, appError } from '../../../domain/errors';
import type { AdministratorInfo } from '../../../domain/row';
import { type Called, UnclearWriteError } from '../../aws/call';
import { deprecatedReadNote } from '../row-parts';
import type { MemberSideOf } from '../service';
import { readOnDetector } from './detectors';
import { getAdministrator, listInvitations } from './reads';
import {
  acceptAdministratorInvitation,
  createDetector,
  declineInvitations,
  disassociateFromAdministrator,
} from './writes';

/** What an accept or a leave needs again from the read before it. */
const DETECTOR = 'detectorId';

async function readAdministrator(ctx: Parameters<MemberSideOf<GuardDutyClient>['read']>[0]) {
  const read = await readOnDetector(ctx, (detectorId) => getAdministrator(ctx, detectorId));
  return read && { detectorId: read.detectorId, admin: read.value };
}

export const memberSide: MemberSideOf<GuardDutyClient> = {
  // "A member account can have only one administrator account" per region (GuardDuty user guide).
  maxAdministrators: 1,
  async read(ctx, parts) {
    const [admin, invitations] = await Promise.all([
      parts.includes('administrators') ? readAdministrator(ctx) : undefined,
      parts.includes('invitations') ? listInvitations(ctx) : null,
    ]);
    const called: Called<AdministratorInfo | null> | null = admin ? admin.admin : null;
    const usedDeprecated = called?.usedDeprecated ?? false;
    const carry: Record<string, string> = admin ? { [DETECTOR]: admin.detectorId } : {};
    return {
      // No detector (null): no administrator, GuardDuty off. Not asked (undefined): not read.
      administrators: admin === undefined ? null : called?.value ? [called.value] : [],
      invitations: invitations?.value ?? null,
      off: admin === null,
      notes:
        called && usedDeprecated ? [deprecatedReadNote('guardduty', called.operation, 'GetAdministratorAccount')] : [],
      usedDeprecated,
      carry,
    };
  },
  changes: { accept: ['administrators'], decline: ['invitations'], leave: ['administrators'] },
  async accept(ctx, side, invitation, options) {
    let detectorId = side.carry[DETECTOR];
    if (!detectorId) {
      // The action asks the person before this (actions/member.ts); never turn GuardDuty on unasked.
      if (!options.turnOn) {
        throw new AppErrorException(
          appError(
            'refused',
            `GuardDuty is off in ${ctx.region}: accepting needs it on, and turning it on was not agreed.`,
          ),
        );
      }
      detectorId = (await createDetector(ctx)).value;
      return acceptAfterTurnOn(ctx, detectorId, invitation);
    }
    return acceptAdministratorInvitation(ctx, detectorId, invitation.administratorId, invitation.invitationId);
  },
  decline: (ctx, _side, administratorId) => declineInvitations(ctx, [administratorId]),
  leave(ctx, side) {
    const detectorId = side.carry[DETECTOR];
    if (!detectorId) {
      throw new AppErrorException(
        appError('refused', `GuardDuty is off in ${ctx.region}: there is no administrator to leave.`),
      );
    }
    return disassociateFromAdministrator(ctx, detectorId);
  },
};

/** The accept after CreateDetector: a failure says GuardDuty stays on (and billed), so nobody is surprised. */
async function acceptAfterTurnOn(
  ctx: Parameters<MemberSideOf<GuardDutyClient>['accept']>[0],
  detectorId: string,
  invitation: { administratorId: string; invitationId: string },
): Promise<Called<null>> {
  try {
    return await acceptAdministratorInvitation(ctx, detectorId, invitation.administratorId, invitation.invitationId);
  } catch (error) {
    // A lost answer is settled by the action's re-read, as any accept's.
    if (!(error instanceof AppErrorException) || error instanceof UnclearWriteError) throw error;
    const e = error.appError;
    throw new AppErrorException({
      ...e,
      message: `GuardDuty was turned on in ${ctx.region} (detector ${detectorId}, billed from now on), but accepting the invitation failed: ${e.message}`,
    });
  }
}
