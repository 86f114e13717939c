/**
 * GuardDuty's writes: the member side (accept, leave, decline), turning GuardDuty on (CreateDetector),
 * and the administrator's batches on members (50 accounts per call; CreateMembers refuses more whole).
 * Accept and leave fall back to the deprecated "master" operations when IAM denies the new ones.
 */
import {
  AcceptAdministratorInvitationCommand,
  AcceptInvitationCommand,
  CreateDetectorCommand,
  CreateMembersCommand,
  DeclineInvitationsCommand,
  DeleteInvitationsCommand,
  DeleteMembersCommand,
  DisassociateFromAdministratorAccountCommand,
  DisassociateFromMasterAccountCommand,
  DisassociateMembersCommand,
  type GuardDutyClient,
  InviteMembersCommand,
} from '@aws-sdk/client-guardduty';
import { AppErrorException, appError, isAppErrorException } from '../../../domain/errors';
import type { UnprocessedAccount } from '../../../domain/types';
import { sendInCalls } from '../../aws/batch-calls';
import { type Called, call, once, requestIdOf, withFallback } from '../../aws/call';
import type { MemberBatch, WriteContext } from '../service';
import { keepDetector, writeOnDetector } from './detectors';
import { ACCOUNT_BATCH } from './reads';
import { schemas, toUnprocessed } from './schemas';

type Writer = WriteContext<GuardDutyClient>;

/** Every GuardDuty operation the app sends that changes something (the deprecated names included). */
export const WRITE_OPERATIONS: ReadonlySet<string> = new Set([
  'AcceptAdministratorInvitation',
  'AcceptInvitation',
  'DisassociateFromAdministratorAccount',
  'DisassociateFromMasterAccount',
  'DeclineInvitations',
  'CreateDetector',
  'CreateMembers',
  'InviteMembers',
  'DeleteInvitations',
  'DisassociateMembers',
  'DeleteMembers',
]);

export function acceptAdministratorInvitation(
  ctx: Writer,
  detectorId: string,
  administratorId: string,
  invitationId: string,
): Promise<Called<null>> {
  return writeOnDetector(ctx, detectorId, (DetectorId) =>
    withFallback(
      async () => {
        const out = await call(ctx, 'AcceptAdministratorInvitation', schemas.Empty, (abortSignal) =>
          ctx.writer.send(
            new AcceptAdministratorInvitationCommand({
              DetectorId,
              AdministratorId: administratorId,
              InvitationId: invitationId,
            }),
            { abortSignal },
          ),
        );
        return once(null, 'AcceptAdministratorInvitation', requestIdOf(out));
      },
      async () => {
        const out = await call(ctx, 'AcceptInvitation', schemas.Empty, (abortSignal) =>
          ctx.writer.send(
            new AcceptInvitationCommand({ DetectorId, MasterId: administratorId, InvitationId: invitationId }),
            {
              abortSignal,
            },
          ),
        );
        return once(null, 'AcceptInvitation', requestIdOf(out));
      },
    ),
  );
}

export function disassociateFromAdministrator(ctx: Writer, detectorId: string): Promise<Called<null>> {
  return writeOnDetector(ctx, detectorId, (DetectorId) =>
    withFallback(
      async () => {
        const out = await call(ctx, 'DisassociateFromAdministratorAccount', schemas.Empty, (abortSignal) =>
          ctx.writer.send(new DisassociateFromAdministratorAccountCommand({ DetectorId }), { abortSignal }),
        );
        return once(null, 'DisassociateFromAdministratorAccount', requestIdOf(out));
      },
      async () => {
        const out = await call(ctx, 'DisassociateFromMasterAccount', schemas.Empty, (abortSignal) =>
          ctx.writer.send(new DisassociateFromMasterAccountCommand({ DetectorId }), { abortSignal }),
        );
        return once(null, 'DisassociateFromMasterAccount', requestIdOf(out));
      },
    ),
  );
}

/** Declines the invitations sent by these administrator accounts (no detector needed [model]). */
export async function declineInvitations(
  ctx: Writer,
  administratorIds: string[],
): Promise<Called<UnprocessedAccount[]>> {
  const out = await call(ctx, 'DeclineInvitations', schemas.Batch, (abortSignal) =>
    ctx.writer.send(new DeclineInvitationsCommand({ AccountIds: administratorIds }), { abortSignal }),
  );
  return once(toUnprocessed(out.UnprocessedAccounts), 'DeclineInvitations', requestIdOf(out));
}

/**
 * Turns GuardDuty on: a detector, enabled. Without `Features`, AWS turns on every optional protection
 * plan but Runtime Monitoring (the CreateDetector API reference), which README.md's costs section says.
 */
export async function createDetector(ctx: Writer): Promise<Called<string>> {
  const out = await call(ctx, 'CreateDetector', schemas.CreateDetector, (abortSignal) =>
    ctx.writer.send(new CreateDetectorCommand({ Enable: true }), { abortSignal }),
  );
  if (!out.DetectorId) {
    throw new AppErrorException(
      appError('internal', 'AWS answered CreateDetector without a detector id.', { retryable: false }),
    );
  }
  keepDetector(ctx, out.DetectorId);
  return once(out.DetectorId, 'CreateDetector', requestIdOf(out));
}

/** The operation behind each of the administrator's batches. */
export const BATCH_OPERATIONS: Record<MemberBatch, string> = {
  'create-members': 'CreateMembers',
  'invite-members': 'InviteMembers',
  'delete-invitations': 'DeleteInvitations',
  'disassociate-members': 'DisassociateMembers',
  'delete-members': 'DeleteMembers',
};

function batchCommand(batch: MemberBatch, detectorId: string, ids: string[], emails: Map<string, string | undefined>) {
  const DetectorId = detectorId;
  switch (batch) {
    case 'create-members':
      return new CreateMembersCommand({
        DetectorId,
        AccountDetails: ids.map((id) => ({ AccountId: id, Email: emails.get(id) })),
      });
    case 'invite-members':
      return new InviteMembersCommand({ DetectorId, AccountIds: ids });
    case 'delete-invitations':
      // DeleteInvitations names no detector: "invitations sent to the current member account" [model].
      return new DeleteInvitationsCommand({ AccountIds: ids });
    case 'disassociate-members':
      return new DisassociateMembersCommand({ DetectorId, AccountIds: ids });
    case 'delete-members':
      return new DeleteMembersCommand({ DetectorId, AccountIds: ids });
  }
}

/**
 * CreateMembers needs each member's e-mail address (AccountDetail.Email is required in the model, and
 * an invitation to a wrong one ends in EmailVerificationFailed): an account given without one is not
 * sent, and says why.
 */
function withoutEmail(batch: MemberBatch, accounts: { accountId: string; email?: string }[]) {
  if (batch !== 'create-members') return { send: accounts, refused: [] as UnprocessedAccount[] };
  return {
    send: accounts.filter((a) => a.email),
    refused: accounts
      .filter((a) => !a.email)
      .map((a) => ({
        accountId: a.accountId,
        reason:
          'GuardDuty needs the member account’s e-mail address to add it (the address of its root user); none was given, so it was not sent.',
      })),
  };
}

/** One batch, 50 accounts a call, one call after another: a failure stops the rest, reported per account. */
export async function batchMembers(
  ctx: Writer,
  detectorId: string,
  batch: MemberBatch,
  accounts: { accountId: string; email?: string }[],
): Promise<Called<{ unprocessed: UnprocessedAccount[] }>> {
  const operation = BATCH_OPERATIONS[batch];
  const { send, refused } = withoutEmail(batch, accounts);
  const emails = new Map(send.map((a) => [a.accountId, a.email]));
  // One generic sender for every service's batches (aws/batch-calls.ts): the accounts a call never
  // reached are reported as not sent, and a lost answer stops the batch for the action to settle.
  const sent = await sendInCalls(
    send.map((a) => a.accountId),
    ACCOUNT_BATCH,
    async (ids) => {
      const out = await writeOnDetector(ctx, detectorId, (id) =>
        call(ctx, operation, schemas.Batch, (abortSignal) =>
          // The union of command types does not narrow for `send`; each is a valid GuardDuty command.
          ctx.writer.send(batchCommand(batch, id, ids, emails) as CreateMembersCommand, { abortSignal }),
        ),
      );
      return { unprocessed: toUnprocessed(out.UnprocessedAccounts), requestId: requestIdOf(out) };
    },
    (error) => (isAppErrorException(error) ? error.appError.message : 'AWS refused the call'),
  );
  const unprocessed: UnprocessedAccount[] = [...refused, ...sent.unprocessed];
  const requestId = sent.requestId;
  return once({ unprocessed }, operation, requestId);
}
