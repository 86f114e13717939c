/**
 * Macie's writes: the member side (accept, decline, leave), turning Macie on (EnableMacie, billed),
 * and the administrator's batches. Macie adds and removes members one account a call (CreateMember,
 * DisassociateMember, DeleteMember: one account in the request, the model), so those batches are
 * calls of one account through the shared batch sender (aws/batch-calls.ts): a refusal about that
 * one account is its own outcome and the batch goes on; a refusal of the call itself (IAM, Macie
 * off, throttling) stops the rest, which are reported as not sent. Leaving falls back to the
 * deprecated "master" operation only when IAM denies the new one.
 */
import {
  AcceptInvitationCommand,
  CreateInvitationsCommand,
  CreateMemberCommand,
  DeclineInvitationsCommand,
  DeleteInvitationsCommand,
  DeleteMemberCommand,
  DisassociateFromAdministratorAccountCommand,
  DisassociateFromMasterAccountCommand,
  DisassociateMemberCommand,
  EnableMacieCommand,
  type Macie2Client,
} from '@aws-sdk/client-macie2';
import { isAppErrorException } from '../../../domain/errors';
import type { UnprocessedAccount } from '../../../domain/types';
import { sendInCalls } from '../../aws/batch-calls';
import { type Called, call, once, requestIdOf, UnclearWriteError, withFallback } from '../../aws/call';
import type { MemberBatch, WriteContext } from '../service';
import { schemas, toUnprocessed } from './schemas';

type Writer = WriteContext<Macie2Client>;

/** Every Macie operation the app sends that changes something (the deprecated names included). */
export const WRITE_OPERATIONS: ReadonlySet<string> = new Set([
  'AcceptInvitation',
  'DeclineInvitations',
  'DeleteInvitations',
  'DisassociateFromAdministratorAccount',
  'DisassociateFromMasterAccount',
  'EnableMacie',
  'CreateMember',
  'CreateInvitations',
  'DisassociateMember',
  'DeleteMember',
]);

/**
 * AcceptInvitation names the administrator with `administratorAccountId` (the deprecated
 * `masterAccount` is the same field under its old name, not another operation: nothing to fall
 * back to). `invitationId` is required [model]; an empty one is refused (hashicorp/terraform-provider-aws#40587).
 */
export async function acceptInvitation(
  ctx: Writer,
  administratorId: string,
  invitationId: string,
): Promise<Called<null>> {
  const out = await call(ctx, 'AcceptInvitation', schemas.Empty, (abortSignal) =>
    ctx.writer.send(new AcceptInvitationCommand({ administratorAccountId: administratorId, invitationId }), {
      abortSignal,
    }),
  );
  return once(null, 'AcceptInvitation', requestIdOf(out));
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
    ctx.writer.send(new DeclineInvitationsCommand({ accountIds: administratorIds }), { abortSignal }),
  );
  return once(toUnprocessed(out.unprocessedAccounts), 'DeclineInvitations', requestIdOf(out));
}

/**
 * Turns Macie on: status ENABLED ("To enable Amazon Macie and start all Macie activities for the
 * account, set this value to ENABLED", the model). The SDK fills in the idempotency token
 * (`clientToken`); the write is sent once all the same.
 */
export async function enableMacie(ctx: Writer): Promise<Called<null>> {
  const out = await call(ctx, 'EnableMacie', schemas.Empty, (abortSignal) =>
    ctx.writer.send(new EnableMacieCommand({ status: 'ENABLED' }), { abortSignal }),
  );
  return once(null, 'EnableMacie', requestIdOf(out));
}

/** The operation behind each of the administrator's batches. */
export const BATCH_OPERATIONS: Record<MemberBatch, string> = {
  'create-members': 'CreateMember',
  'invite-members': 'CreateInvitations',
  'delete-invitations': 'DeleteInvitations',
  'disassociate-members': 'DisassociateMember',
  'delete-members': 'DeleteMember',
};

/** Most accounts per call: CreateInvitations and DeleteInvitations take a list (the model sets no bound; 50 as the others). */
const LIST_BATCH = 50;
const PER_CALL: Record<MemberBatch, number> = {
  'create-members': 1,
  'invite-members': LIST_BATCH,
  'delete-invitations': LIST_BATCH,
  'disassociate-members': 1,
  'delete-members': 1,
};

/** A refusal about the one account of a one-account call (it is that account's outcome, the batch goes on). */
const ACCOUNT_REFUSALS = new Set(['invalid-input', 'conflict', 'not-found']);

function reasonOf(error: unknown): string {
  return isAppErrorException(error) ? error.appError.message : 'AWS refused the call';
}

/**
 * CreateMember takes `account: { accountId, email }`, both required in the model's AccountDetail: an
 * account given without its e-mail address is not sent, and says why.
 */
function withoutEmail(batch: MemberBatch, accounts: { accountId: string; email?: string }[]) {
  if (batch !== 'create-members') return { send: accounts, refused: [] as UnprocessedAccount[] };
  return {
    send: accounts.filter((a) => a.email),
    refused: accounts
      .filter((a) => !a.email)
      .map((a) => ({
        accountId: a.accountId,
        reason: 'Macie needs the member account’s e-mail address to add it; none was given, so it was not sent.',
      })),
  };
}

function command(batch: MemberBatch, ids: string[], emails: Map<string, string | undefined>) {
  const [id = ''] = ids;
  switch (batch) {
    case 'create-members':
      return new CreateMemberCommand({ account: { accountId: id, email: emails.get(id) ?? '' } });
    case 'invite-members':
      return new CreateInvitationsCommand({ accountIds: ids });
    case 'delete-invitations':
      return new DeleteInvitationsCommand({ accountIds: ids });
    case 'disassociate-members':
      return new DisassociateMemberCommand({ id });
    case 'delete-members':
      return new DeleteMemberCommand({ id });
  }
}

/** One batch: one account a call where Macie takes one, one call after another. */
export async function batchMembers(
  ctx: Writer,
  batch: MemberBatch,
  accounts: { accountId: string; email?: string }[],
): Promise<Called<{ unprocessed: UnprocessedAccount[] }>> {
  const operation = BATCH_OPERATIONS[batch];
  const perCall = PER_CALL[batch];
  const { send, refused } = withoutEmail(batch, accounts);
  const emails = new Map(send.map((a) => [a.accountId, a.email]));
  const sent = await sendInCalls(
    send.map((a) => a.accountId),
    perCall,
    async (ids) => {
      try {
        const out = await call(ctx, operation, schemas.Batch, (abortSignal) =>
          // The union of command types does not narrow for `send`; each is a valid Macie command.
          ctx.writer.send(command(batch, ids, emails) as CreateInvitationsCommand, { abortSignal }),
        );
        return { unprocessed: toUnprocessed(out.unprocessedAccounts), requestId: requestIdOf(out) };
      } catch (error) {
        const aboutAccount =
          perCall === 1 &&
          isAppErrorException(error) &&
          !(error instanceof UnclearWriteError) &&
          ACCOUNT_REFUSALS.has(error.appError.kind);
        if (aboutAccount) {
          return { unprocessed: ids.map((accountId) => ({ accountId, reason: reasonOf(error) })), requestId: null };
        }
        throw error;
      }
    },
    reasonOf,
  );
  return once({ unprocessed: [...refused, ...sent.unprocessed] }, operation, sent.requestId);
}
