/**
 * Detective's administrator side: its behavior graph (ListGraphs, CreateGraph) and the graph's
 * members (CreateMembers = the invitation, ListMembers, GetMembers, DeleteMembers).
 */
import { accountIdList, graphOf, invalidBody, memberDetail, page } from './detective-wire';
import { AwsError } from './http-util';
import type { ServiceContext } from './rest-service';

/** "…the results always contain a single behavior graph" (ListGraphs in the model); [] when Detective is off. */
export function listGraphs(ctx: ServiceContext) {
  const graph = ctx.state.detective.graphOf(ctx.accountId, ctx.region);
  const list = graph ? [{ Arn: graph.arn, CreatedTime: graph.createdAt.toISOString() }] : [];
  const { items, nextToken } = page(ctx, list, 'ListGraphs');
  return { GraphList: items, ...(nextToken ? { NextToken: nextToken } : {}) };
}

/** "If the same account calls CreateGraph with the same administrator account, it always returns the same behavior graph ARN." */
export function createGraph(ctx: ServiceContext) {
  const graph =
    ctx.state.detective.graphOf(ctx.accountId, ctx.region) ??
    ctx.state.detective.createGraph(ctx.accountId, ctx.region, ctx.now);
  return { GraphArn: graph.arn };
}

export function listMembers(ctx: ServiceContext) {
  const graph = graphOf(ctx, true);
  const all = [...graph.members.values()].map((m) => memberDetail(graph, m));
  const { items, nextToken } = page(ctx, all, `ListMembers:${graph.arn}`);
  return { MemberDetails: items, ...(nextToken ? { NextToken: nextToken } : {}) };
}

export function getMembers(ctx: ServiceContext) {
  const graph = graphOf(ctx, true);
  const found: ReturnType<typeof memberDetail>[] = [];
  const unprocessed: { AccountId: string; Reason: string }[] = [];
  for (const id of accountIdList(ctx)) {
    const m = graph.members.get(id);
    if (m) found.push(memberDetail(graph, m));
    else unprocessed.push({ AccountId: id, Reason: 'The account is not a member of the behavior graph.' });
  }
  return { MemberDetails: found, UnprocessedAccounts: unprocessed };
}

/** "Amazon Detective … 1,200 member accounts" per behavior graph (ServiceQuotaExceededException in the model). */
export const DETECTIVE_MEMBER_QUOTA = 1200;

/**
 * CreateMembers is the invitation: each new account is INVITED at once (AWS verifies first and may
 * show VERIFICATION_IN_PROGRESS for a while, the AWS CLI's create-members example; the emulator skips
 * that step). "…accounts that were already invited to be member accounts" come back unprocessed.
 */
export function createMembers(ctx: ServiceContext) {
  const graph = graphOf(ctx, true);
  const accounts = ctx.body.Accounts;
  if (!Array.isArray(accounts) || accounts.length === 0 || accounts.length > 50) {
    throw invalidBody('The request failed because Accounts must list 1 to 50 accounts.');
  }
  const wanted = accounts.map((a) => {
    const entry = (a ?? {}) as { AccountId?: unknown; EmailAddress?: unknown };
    if (typeof entry.AccountId !== 'string' || !/^\d{12}$/.test(entry.AccountId)) {
      throw invalidBody('The request failed because an AccountId is not a 12-digit account ID.');
    }
    if (typeof entry.EmailAddress !== 'string' || !entry.EmailAddress.includes('@')) {
      throw invalidBody(`The request failed because account ${entry.AccountId} has no valid EmailAddress.`);
    }
    return { accountId: entry.AccountId, email: entry.EmailAddress };
  });
  const added = wanted.filter((w) => !graph.members.has(w.accountId)).length;
  if (graph.members.size + added > DETECTIVE_MEMBER_QUOTA) {
    throw new AwsError(
      402,
      'ServiceQuotaExceededException',
      `The request failed because a behavior graph can have at most ${DETECTIVE_MEMBER_QUOTA} member accounts.`,
    );
  }
  const members: ReturnType<typeof memberDetail>[] = [];
  const unprocessed: { AccountId: string; Reason: string }[] = [];
  for (const w of wanted) {
    if (w.accountId === ctx.accountId) {
      unprocessed.push({
        AccountId: w.accountId,
        Reason: 'The administrator account cannot be invited to its own behavior graph.',
      });
    } else if (graph.members.has(w.accountId)) {
      unprocessed.push({ AccountId: w.accountId, Reason: 'The account is already a member of the behavior graph.' });
    } else {
      const member = {
        accountId: w.accountId,
        email: w.email,
        status: 'INVITED',
        invitationType: 'INVITATION' as const,
        disabledReason: null,
        invitedAt: ctx.now,
        updatedAt: ctx.now,
      };
      graph.members.set(w.accountId, member);
      members.push(memberDetail(graph, member));
    }
  }
  return { Members: members, UnprocessedAccounts: unprocessed };
}

/** "An administrator account cannot use DeleteMembers to remove their own account from the behavior graph." */
export function deleteMembers(ctx: ServiceContext) {
  const graph = graphOf(ctx, true);
  const deleted: string[] = [];
  const unprocessed: { AccountId: string; Reason: string }[] = [];
  for (const id of accountIdList(ctx)) {
    if (id === ctx.accountId) {
      unprocessed.push({
        AccountId: id,
        Reason: 'The administrator account cannot be removed from its behavior graph.',
      });
    } else if (!graph.members.delete(id)) {
      unprocessed.push({ AccountId: id, Reason: 'The account is not a member of the behavior graph.' });
    } else deleted.push(id);
  }
  return { AccountIds: deleted, UnprocessedAccounts: unprocessed };
}
