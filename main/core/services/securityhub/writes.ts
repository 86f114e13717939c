/**
 * Security Hub CSPM's writes: the member side (accept, leave, decline), turning the service on, and
 * the administrator's batches on members (50 accounts per call, unprocessed accounts kept). Accept
 * and leave fall back to the deprecated "master" operations when IAM denies the new ones.
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
  type SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { isAppErrorException } from '../../../domain/errors';
import type { UnprocessedAccount } from '../../../domain/types';
import { sendInCalls } from '../../aws/batch-calls';
import { type Called, call, once, requestIdOf, withFallback } from '../../aws/call';
import type { MemberBatch, WriteContext } from '../service';
import { ACCOUNT_BATCH } from './reads';
import { schemas, toUnprocessed } from './schemas';

type Writer = WriteContext<SecurityHubClient>;

/** Every Security Hub CSPM operation that changes something (the deprecated names included). */
export const WRITE_OPERATIONS: ReadonlySet<string> = new Set([
  'AcceptAdministratorInvitation',
  'AcceptInvitation',
  'DisassociateFromAdministratorAccount',
  'DisassociateFromMasterAccount',
  'DeclineInvitations',
  'EnableSecurityHub',
  'CreateMembers',
  'InviteMembers',
  'DeleteInvitations',
  'DisassociateMembers',
  'DeleteMembers',
]);

export function acceptAdministratorInvitation(
  ctx: Writer,
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

export function disassociateFromAdministrator(ctx: Writer): Promise<Called<null>> {
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
  ctx: Writer,
  administratorIds: string[],
): Promise<Called<UnprocessedAccount[]>> {
  const out = await call(ctx, 'DeclineInvitations', schemas.Batch, (abortSignal) =>
    ctx.writer.send(new DeclineInvitationsCommand({ AccountIds: administratorIds }), { abortSignal }),
  );
  return once(toUnprocessed(out.UnprocessedAccounts), 'DeclineInvitations', requestIdOf(out));
}

export async function enableSecurityHub(ctx: Writer, enableDefaultStandards: boolean): Promise<Called<null>> {
  const out = await call(ctx, 'EnableSecurityHub', schemas.Empty, (abortSignal) =>
    ctx.writer.send(new EnableSecurityHubCommand({ EnableDefaultStandards: enableDefaultStandards }), { abortSignal }),
  );
  return once(null, 'EnableSecurityHub', requestIdOf(out));
}

/** The operation behind each of the administrator's batches. */
export const BATCH_OPERATIONS: Record<MemberBatch, string> = {
  'create-members': 'CreateMembers',
  'invite-members': 'InviteMembers',
  'delete-invitations': 'DeleteInvitations',
  'disassociate-members': 'DisassociateMembers',
  'delete-members': 'DeleteMembers',
};

function batchCommand(batch: MemberBatch, ids: string[], emails: Map<string, string | undefined>) {
  switch (batch) {
    case 'create-members':
      return new CreateMembersCommand({ AccountDetails: ids.map((id) => ({ AccountId: id, Email: emails.get(id) })) });
    case 'invite-members':
      return new InviteMembersCommand({ AccountIds: ids });
    case 'delete-invitations':
      return new DeleteInvitationsCommand({ AccountIds: ids });
    case 'disassociate-members':
      return new DisassociateMembersCommand({ AccountIds: ids });
    case 'delete-members':
      return new DeleteMembersCommand({ AccountIds: ids });
  }
}

/**
 * One batch, 50 accounts a call, one call after another (aws/batch-calls.ts): a refused call stops the
 * rest, which are reported as not sent; a lost answer leaves the action to read AWS's state.
 */
export async function batchMembers(
  ctx: Writer,
  batch: MemberBatch,
  accounts: { accountId: string; email?: string }[],
): Promise<Called<{ unprocessed: UnprocessedAccount[] }>> {
  const operation = BATCH_OPERATIONS[batch];
  const emails = new Map(accounts.map((a) => [a.accountId, a.email]));
  const { unprocessed, requestId } = await sendInCalls(
    accounts.map((a) => a.accountId),
    ACCOUNT_BATCH,
    async (ids) => {
      const out = await call(ctx, operation, schemas.Batch, (abortSignal) =>
        // The union of command types does not narrow for `send`; each is a valid Security Hub command.
        ctx.writer.send(batchCommand(batch, ids, emails) as CreateMembersCommand, { abortSignal }),
      );
      return { unprocessed: toUnprocessed(out.UnprocessedAccounts), requestId: requestIdOf(out) };
    },
    (error) => (isAppErrorException(error) ? error.appError.message : 'AWS refused the call'),
  );
  return once({ unprocessed }, operation, requestId);
}
