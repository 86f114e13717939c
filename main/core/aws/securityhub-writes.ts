/**
 * Security Hub writes: the member side (accept, leave, decline), turning the hub on, and the
 * administrator's batch operations on members (50 accounts per call, unprocessed accounts kept).
 * Accept and leave fall back to the deprecated "master" operations when IAM denies the new ones.
 */
import {
  AcceptAdministratorInvitationCommand,
  AcceptInvitationCommand,
  CreateMembersCommand,
  DeclineInvitationsCommand,
  DeleteInvitationsCommand,
  DeleteMembersCommand,
  DisassociateFromAdministratorAccountCommand,
  DisassociateFromMasterAccountCommand,
  DisassociateMembersCommand,
  EnableSecurityHubCommand,
  InviteMembersCommand,
} from '@aws-sdk/client-securityhub';
import { isAppErrorException } from '../../domain/errors';
import type { UnprocessedAccount } from '../../domain/types';
import {
  type Called,
  call,
  chunks,
  once,
  requestIdOf,
  schemas,
  toUnprocessed,
  UnclearWriteError,
  type WriteContext,
  withFallback,
} from './securityhub-core';

// ---------------------------------------------------------------------------------------------
// Member-side writes
// ---------------------------------------------------------------------------------------------

export function acceptAdministratorInvitation(
  ctx: WriteContext,
  administratorId: string,
  invitationId: string,
): Promise<Called<null>> {
  return withFallback(
    async () => {
      const out = await call(ctx, 'AcceptAdministratorInvitation', schemas.Empty, (abortSignal) =>
        ctx.writer.send(
          new AcceptAdministratorInvitationCommand({ AdministratorId: administratorId, InvitationId: invitationId }),
          { abortSignal },
        ),
      );
      return once(null, 'AcceptAdministratorInvitation', requestIdOf(out));
    },
    async () => {
      const out = await call(ctx, 'AcceptInvitation', schemas.Empty, (abortSignal) =>
        ctx.writer.send(new AcceptInvitationCommand({ MasterId: administratorId, InvitationId: invitationId }), {
          abortSignal,
        }),
      );
      return once(null, 'AcceptInvitation', requestIdOf(out));
    },
  );
}

export function disassociateFromAdministrator(ctx: WriteContext): Promise<Called<null>> {
  return withFallback(
    async () => {
      const out = await call(ctx, 'DisassociateFromAdministratorAccount', schemas.Empty, (abortSignal) =>
        ctx.writer.send(new DisassociateFromAdministratorAccountCommand({}), { abortSignal }),
      );
      return once(null, 'DisassociateFromAdministratorAccount', requestIdOf(out));
    },
    async () => {
      const out = await call(ctx, 'DisassociateFromMasterAccount', schemas.Empty, (abortSignal) =>
        ctx.writer.send(new DisassociateFromMasterAccountCommand({}), { abortSignal }),
      );
      return once(null, 'DisassociateFromMasterAccount', requestIdOf(out));
    },
  );
}

/** Declines the invitations sent by these administrator accounts. */
export async function declineInvitations(
  ctx: WriteContext,
  administratorIds: string[],
): Promise<Called<UnprocessedAccount[]>> {
  const out = await call(ctx, 'DeclineInvitations', schemas.Batch, (abortSignal) =>
    ctx.writer.send(new DeclineInvitationsCommand({ AccountIds: administratorIds }), { abortSignal }),
  );
  return once(toUnprocessed(out.UnprocessedAccounts), 'DeclineInvitations', requestIdOf(out));
}

export async function enableSecurityHub(ctx: WriteContext, enableDefaultStandards: boolean): Promise<Called<null>> {
  const out = await call(ctx, 'EnableSecurityHub', schemas.Empty, (abortSignal) =>
    ctx.writer.send(new EnableSecurityHubCommand({ EnableDefaultStandards: enableDefaultStandards }), { abortSignal }),
  );
  return once(null, 'EnableSecurityHub', requestIdOf(out));
}

// ---------------------------------------------------------------------------------------------
// Administrator-side batch writes: 50 accounts per call, unprocessed accounts collected.
// ---------------------------------------------------------------------------------------------

export type BatchOperation =
  | 'CreateMembers'
  | 'InviteMembers'
  | 'DeleteInvitations'
  | 'DisassociateMembers'
  | 'DeleteMembers';

function batchCommand(operation: BatchOperation, ids: string[], emails: Map<string, string | undefined>) {
  switch (operation) {
    case 'CreateMembers':
      return new CreateMembersCommand({ AccountDetails: ids.map((id) => ({ AccountId: id, Email: emails.get(id) })) });
    case 'InviteMembers':
      return new InviteMembersCommand({ AccountIds: ids });
    case 'DeleteInvitations':
      return new DeleteInvitationsCommand({ AccountIds: ids });
    case 'DisassociateMembers':
      return new DisassociateMembersCommand({ AccountIds: ids });
    case 'DeleteMembers':
      return new DeleteMembersCommand({ AccountIds: ids });
  }
}

export async function batchMembers(
  ctx: WriteContext,
  operation: BatchOperation,
  accounts: { accountId: string; email?: string }[],
): Promise<Called<{ unprocessed: UnprocessedAccount[] }>> {
  const emails = new Map(accounts.map((a) => [a.accountId, a.email]));
  const unprocessed: UnprocessedAccount[] = [];
  let requestId: string | null = null;
  // One chunk after another: a failure stops the rest, and every account not sent is reported.
  const batches = chunks(accounts.map((a) => a.accountId));
  for (const [index, ids] of batches.entries()) {
    try {
      const out = await call(ctx, operation, schemas.Batch, (abortSignal) =>
        // The union of command types does not narrow for `send`; each is a valid Security Hub command.
        ctx.writer.send(batchCommand(operation, ids, emails) as CreateMembersCommand, { abortSignal }),
      );
      requestId = requestIdOf(out) ?? requestId;
      unprocessed.push(...toUnprocessed(out.UnprocessedAccounts));
    } catch (error) {
      // An unclear answer stops here too: the action re-reads which accounts AWS changed.
      if (index === 0 || error instanceof UnclearWriteError) throw error;
      const reason = isAppErrorException(error) ? error.appError.message : 'Not sent';
      for (const rest of batches.slice(index)) for (const id of rest) unprocessed.push({ accountId: id, reason });
      break;
    }
  }
  return once({ unprocessed }, operation, requestId);
}
