/**
 * Detective's writes, each naming its behavior graph: the member side (AcceptInvitation,
 * RejectInvitation, DisassociateMembership), turning Detective on (CreateGraph), and the
 * administrator's batches on the graph's members (CreateMembers is the invitation, DeleteMembers
 * removes; 50 accounts a call, the model's 1–50).
 */
import {
  AcceptInvitationCommand,
  CreateGraphCommand,
  CreateMembersCommand,
  DeleteMembersCommand,
  type DetectiveClient,
  DisassociateMembershipCommand,
  RejectInvitationCommand,
} from '@aws-sdk/client-detective';
import { AppErrorException, appError, isAppErrorException } from '../../../domain/errors';
import type { UnprocessedAccount } from '../../../domain/types';
import { notSent, sendInCalls } from '../../aws/batch-calls';
import { type Called, call, once, requestIdOf } from '../../aws/call';
import type { MemberBatch, WriteContext } from '../service';
import { ACCOUNT_BATCH } from './reads';
import { schemas, toUnprocessed } from './schemas';

type Writer = WriteContext<DetectiveClient>;

/** Every Detective operation the app sends that changes something (the SDK never resends one). */
export const WRITE_OPERATIONS: ReadonlySet<string> = new Set([
  'AcceptInvitation',
  'RejectInvitation',
  'DisassociateMembership',
  'CreateGraph',
  'CreateMembers',
  'DeleteMembers',
]);

type MemberWriteOperation = 'AcceptInvitation' | 'RejectInvitation' | 'DisassociateMembership';

const MEMBER_COMMANDS = {
  AcceptInvitation: (GraphArn: string) => new AcceptInvitationCommand({ GraphArn }),
  RejectInvitation: (GraphArn: string) => new RejectInvitationCommand({ GraphArn }),
  DisassociateMembership: (GraphArn: string) => new DisassociateMembershipCommand({ GraphArn }),
};

/** One member-side write on one behavior graph (each answers an empty body [model]). */
export async function memberWrite(
  ctx: Writer,
  operation: MemberWriteOperation,
  graphArn: string,
): Promise<Called<null>> {
  const out = await call(ctx, operation, schemas.Empty, (abortSignal) =>
    // Each is a valid Detective command; the union of their types does not narrow for `send`.
    ctx.writer.send(MEMBER_COMMANDS[operation](graphArn) as AcceptInvitationCommand, { abortSignal }),
  );
  return once(null, operation, requestIdOf(out));
}

/**
 * Turns Detective on: a behavior graph with this account as its administrator ("The operation also
 * enables Detective for the calling account in the currently selected Region", CreateGraph in the
 * model; called again, it returns the same graph).
 */
export async function createGraph(ctx: Writer): Promise<Called<string>> {
  const out = await call(ctx, 'CreateGraph', schemas.CreateGraph, (abortSignal) =>
    ctx.writer.send(new CreateGraphCommand({}), { abortSignal }),
  );
  if (!out.GraphArn) {
    throw new AppErrorException(
      appError('internal', 'AWS answered CreateGraph without a behavior graph ARN.', { retryable: false }),
    );
  }
  return once(out.GraphArn, 'CreateGraph', requestIdOf(out));
}

/**
 * What Detective has no operation for, said per account and never sent: it invites when it adds a
 * member (CreateMembers), a member answers by graph (RejectInvitation, not a batch of invitations),
 * and an administrator removes a member only by deleting it (DeleteMembers) [model].
 */
const NOT_IN_DETECTIVE: Partial<Record<MemberBatch, string>> = {
  'invite-members':
    'Detective invites an account when it adds it to the behavior graph (CreateMembers): there is no separate invitation to send.',
  'delete-invitations':
    'Detective has no batch of received invitations to delete: each is declined on its own (RejectInvitation).',
  'disassociate-members':
    'Detective removes a member only by deleting it from the behavior graph (DeleteMembers): delete it instead.',
};

/** The operation each batch sends (the first one named where Detective has none of its own). */
export const BATCH_OPERATIONS: Record<MemberBatch, string> = {
  'create-members': 'CreateMembers',
  'invite-members': 'CreateMembers',
  'delete-invitations': 'RejectInvitation',
  'disassociate-members': 'DeleteMembers',
  'delete-members': 'DeleteMembers',
};

/**
 * CreateMembers needs each account's e-mail address (Account's EmailAddress is required in the model:
 * "The Amazon Web Services account root user email address"): an account without one is not sent.
 */
function withoutEmail(accounts: { accountId: string; email?: string }[]) {
  return {
    send: accounts.filter((a) => a.email),
    refused: accounts
      .filter((a) => !a.email)
      .map((a) => ({
        accountId: a.accountId,
        reason:
          'Detective needs the member account’s e-mail address to add it (the address of its root user); none was given, so it was not sent.',
      })),
  };
}

/** One batch on the graph, 50 accounts a call, one call after another: a failure stops the rest. */
export async function batchMembers(
  ctx: Writer,
  graphArn: string,
  batch: MemberBatch,
  accounts: { accountId: string; email?: string }[],
): Promise<Called<{ unprocessed: UnprocessedAccount[] }>> {
  const operation = BATCH_OPERATIONS[batch];
  const absent = NOT_IN_DETECTIVE[batch];
  if (absent)
    return once(
      {
        unprocessed: notSent(
          accounts.map((a) => a.accountId),
          absent,
        ),
      },
      operation,
      null,
    );
  const { send, refused } = batch === 'create-members' ? withoutEmail(accounts) : { send: accounts, refused: [] };
  const emails = new Map(send.map((a) => [a.accountId, a.email ?? '']));
  const sent = await sendInCalls(
    send.map((a) => a.accountId),
    ACCOUNT_BATCH,
    async (ids) => {
      if (batch === 'create-members') {
        const out = await call(ctx, 'CreateMembers', schemas.CreateMembers, (abortSignal) =>
          ctx.writer.send(
            new CreateMembersCommand({
              GraphArn: graphArn,
              Accounts: ids.map((id) => ({ AccountId: id, EmailAddress: emails.get(id) ?? '' })),
            }),
            { abortSignal },
          ),
        );
        return { unprocessed: toUnprocessed(out.UnprocessedAccounts), requestId: requestIdOf(out) };
      }
      const out = await call(ctx, 'DeleteMembers', schemas.DeleteMembers, (abortSignal) =>
        ctx.writer.send(new DeleteMembersCommand({ GraphArn: graphArn, AccountIds: ids }), { abortSignal }),
      );
      return { unprocessed: toUnprocessed(out.UnprocessedAccounts), requestId: requestIdOf(out) };
    },
    (error) => (isAppErrorException(error) ? error.appError.message : 'AWS refused the call'),
  );
  return once({ unprocessed: [...refused, ...sent.unprocessed] }, operation, sent.requestId);
}
