/**
 * Member-side actions: accept an invitation, decline one, leave the administrator. Each runs in
 * the action frame (frame.ts) and refuses, with the reason, what AWS would refuse.
 */
import { type AppError, AppErrorException, appError, isAppErrorException } from '../../domain/errors';
import { isEnabled } from '../../domain/ids';
import type { ActionOutcome } from '../../domain/types';
import type { Identity } from '../aws/identity';
import {
  acceptAdministratorInvitation,
  declineInvitations,
  describeHub,
  disassociateFromAdministrator as disassociateCall,
  type HubContext,
} from '../aws/securityhub';
import { readMemberSide } from '../rows/read-row';
import { type ActionEnv, type ActionWork, performAction, refusal } from './frame';

/** The work of a write whose lost answer the re-read state settled as done (no request id came back). */
function settled(message: string): ActionWork<null> {
  return { value: null, usedDeprecated: false, requestId: null, message };
}

function deprecatedNote(oldOperation: string, newOperation: string): string {
  return ` IAM denied securityhub:${newOperation}, so the deprecated ${oldOperation} was used; grant securityhub:${newOperation} to stop relying on the old name.`;
}

/** Fails with a refusal when Security Hub is off; other read errors pass through. */
async function requireHubOn(ctx: HubContext, identity: Identity, what: string): Promise<void> {
  try {
    await describeHub(ctx);
  } catch (error) {
    if (
      isAppErrorException(error) &&
      (error.appError.kind === 'hub-off' || error.appError.awsCode === 'InvalidAccessException')
    ) {
      // The AWS code stays on the refusal so the window can offer to turn Security Hub on.
      throw new AppErrorException(
        appError(
          'refused',
          `Security Hub is off in ${ctx.region} for account ${identity.accountId}, and AWS refuses to ${what} there.`,
          {
            remediation: `Enable Security Hub in ${ctx.region} first, then try again.`,
            awsCode: 'InvalidAccessException',
          },
        ),
      );
    }
    throw error;
  }
}

export interface AcceptRequest {
  profile: string;
  region: string;
  administratorId: string;
  invitationId: string;
}

export async function acceptInvitation(env: ActionEnv, req: AcceptRequest): Promise<ActionOutcome> {
  const { work, row } = await performAction(
    env,
    { action: 'accept', profile: req.profile, region: req.region, target: req.administratorId },
    async (ctx, identity) => {
      await requireHubOn(ctx, identity, 'accept an invitation');
      const side = await readMemberSide(ctx);
      const current = side.administrator;
      if (current && isEnabled(current.memberStatus)) {
        throw current.accountId === req.administratorId
          ? refusal(
              `Account ${identity.accountId} is already an Enabled member of ${current.accountId} in ${req.region}.`,
              null,
              { alreadyDone: true },
            )
          : refusal(
              `Account ${identity.accountId} already has an administrator in ${req.region} (${current.accountId}, Enabled); an account can have only one.`,
              `Disassociate from ${current.accountId} first, then accept the invitation from ${req.administratorId}.`,
            );
      }
      const fromAdmin = side.pending.filter((i) => i.accountId === req.administratorId);
      if (!fromAdmin.some((i) => i.invitationId === req.invitationId)) {
        const newer = fromAdmin[0];
        throw newer
          ? refusal(
              `The invitation ${req.invitationId} from ${req.administratorId} is no longer pending in ${req.region}; invitation ${newer.invitationId} is.`,
              'Read the row again and accept the current invitation.',
            )
          : refusal(
              `There is no pending invitation from ${req.administratorId} in ${req.region}: it is no longer pending.`,
              'Read the row again to see the current invitations.',
            );
      }
      const result = await acceptAdministratorInvitation(ctx, req.administratorId, req.invitationId);
      return {
        value: null,
        usedDeprecated: result.usedDeprecated,
        requestId: result.requestId,
        message:
          `Accepted the invitation from ${req.administratorId} in ${req.region}.` +
          (result.usedDeprecated ? deprecatedNote(result.operation, 'AcceptAdministratorInvitation') : ''),
      };
    },
    async (ctx) => {
      const admin = (await readMemberSide(ctx)).administrator;
      if (!admin || admin.accountId !== req.administratorId || !isEnabled(admin.memberStatus)) return null;
      return settled(`Accepted the invitation from ${req.administratorId} in ${req.region}.`);
    },
  );
  return { row, message: work.message, usedDeprecated: work.usedDeprecated, requestId: work.requestId };
}

export async function declineInvitation(
  env: ActionEnv,
  req: { profile: string; region: string; administratorId: string },
): Promise<ActionOutcome> {
  const { work, row } = await performAction(
    env,
    { action: 'decline', profile: req.profile, region: req.region, target: req.administratorId },
    async (ctx, identity) => {
      const side = await readMemberSide(ctx).catch((error: unknown) => {
        if (isAppErrorException(error) && error.appError.kind === 'hub-off') {
          // The user guide: declining needs Security Hub on in that region, so say so before trying.
          throw new AppErrorException(
            appError(
              'refused',
              `Security Hub is off in ${req.region} for account ${identity.accountId}, and AWS takes a decline only where it is on.`,
              {
                remediation: `Leave the invitation unanswered (it has no effect while Security Hub is off), or enable Security Hub in ${req.region}, decline, and disable it again.`,
                awsCode: 'InvalidAccessException',
              },
            ),
          );
        }
        // IAM may deny the reads and still allow the decline: try it.
        if (isAppErrorException(error) && error.appError.kind === 'access-denied') return null;
        throw error;
      });
      if (side) {
        const current = side.administrator;
        if (current && current.accountId === req.administratorId && isEnabled(current.memberStatus)) {
          throw refusal(
            `${req.administratorId} is the current administrator of ${identity.accountId} in ${req.region}; its invitation was already accepted.`,
            'Disassociate from the administrator instead.',
          );
        }
        if (!side.pending.some((i) => i.accountId === req.administratorId)) {
          throw refusal(
            `There is no pending invitation from ${req.administratorId} in ${req.region}.`,
            'Read the row again to see its current state.',
          );
        }
      }
      const result = await declineInvitations(ctx, [req.administratorId]);
      const unprocessed = result.value;
      if (unprocessed.length > 0) {
        const reason = unprocessed.map((u) => `${u.accountId}: ${u.reason}`).join('; ');
        throw new AppErrorException(
          appError('conflict', `AWS did not decline the invitation from ${req.administratorId}: ${reason}.`, {
            ...(result.requestId ? { requestId: result.requestId } : {}),
          }),
        );
      }
      return {
        value: null,
        usedDeprecated: false,
        requestId: result.requestId,
        message: `Declined the invitation from ${req.administratorId} in ${req.region}.`,
      };
    },
    async (ctx) => {
      const side = await readMemberSide(ctx);
      if (side.pending.some((i) => i.accountId === req.administratorId)) return null;
      return settled(`Declined the invitation from ${req.administratorId} in ${req.region}.`);
    },
  );
  return { row, message: work.message, usedDeprecated: work.usedDeprecated, requestId: work.requestId };
}

/** AWS's refusal for an account enrolled through Organizations, in whichever words it arrives. */
function isOrganizationsRefusal(error: AppError): boolean {
  return error.kind === 'organizations-managed' || /organi[sz]ation/i.test(error.message);
}

export async function disassociateFromAdministrator(
  env: ActionEnv,
  req: { profile: string; region: string },
): Promise<ActionOutcome> {
  const { work, row } = await performAction(
    env,
    { action: 'disassociate', profile: req.profile, region: req.region, target: null },
    async (ctx, identity) => {
      const admin = await readMemberSide(ctx).then(
        (side) => side.administrator,
        (error: unknown) => {
          if (isAppErrorException(error) && error.appError.kind === 'hub-off') {
            throw refusal(
              `Security Hub is off in ${req.region} for account ${identity.accountId}: there is no administrator to leave.`,
            );
          }
          throw error;
        },
      );
      if (!admin) throw refusal(`Account ${identity.accountId} has no administrator in ${req.region}.`);
      try {
        const result = await disassociateCall(ctx);
        return {
          value: null,
          usedDeprecated: result.usedDeprecated,
          requestId: result.requestId,
          message:
            `Disassociated account ${identity.accountId} from administrator ${admin.accountId} in ${req.region}.` +
            (result.usedDeprecated ? deprecatedNote(result.operation, 'DisassociateFromAdministratorAccount') : ''),
        };
      } catch (error) {
        if (isAppErrorException(error) && isOrganizationsRefusal(error.appError)) {
          throw new AppErrorException(
            appError(
              'organizations-managed',
              `Account ${identity.accountId} is enrolled in Security Hub through AWS Organizations, so it cannot disassociate itself from ${admin.accountId} in ${req.region}.`,
              {
                remediation: `Only the delegated administrator ${admin.accountId} can remove it: sign in to the Organizations management account or the delegated administrator account ${admin.accountId} and disassociate the member there.`,
                ...(error.appError.awsCode ? { awsCode: error.appError.awsCode } : {}),
                ...(error.appError.requestId ? { requestId: error.appError.requestId } : {}),
              },
            ),
          );
        }
        throw error;
      }
    },
    async (ctx, identity) => {
      if ((await readMemberSide(ctx)).administrator) return null;
      return settled(`Disassociated account ${identity.accountId} from its administrator in ${req.region}.`);
    },
  );
  return { row, message: work.message, usedDeprecated: work.usedDeprecated, requestId: work.requestId };
}
