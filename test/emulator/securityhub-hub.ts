/** The hub itself (DescribeHub, EnableSecurityHub, DisableSecurityHub) and the product catalogue. */
import { AwsError, firstValue } from './http-util';
import type { ShContext } from './securityhub-context';
import { invalidInput, page } from './securityhub-input';

export const hubArn = (region: string, accountId: string) => `arn:aws:securityhub:${region}:${accountId}:hub/default`;

export function describeHub(ctx: ShContext) {
  const own = hubArn(ctx.region, ctx.accountId);
  const asked = firstValue(ctx.query, 'HubArn');
  if (asked && asked !== own) {
    if (!/^arn:aws:securityhub:[a-z0-9-]+:\d{12}:hub\/default$/.test(asked)) {
      throw invalidInput(`Invalid HubArn ${asked}.`);
    }
    throw new AwsError(
      403,
      'AccessDeniedException',
      `User: ${ctx.credential.arn} is not authorized to perform: securityhub:DescribeHub on resource: ${asked}`,
    );
  }
  const subscribedAt = ctx.state.accounts.get(ctx.accountId)?.hubs.get(ctx.region);
  return {
    HubArn: own,
    SubscribedAt: subscribedAt?.toISOString() ?? ctx.now.toISOString(),
    AutoEnableControls: true,
    ControlFindingGenerator: 'SECURITY_CONTROL',
  };
}

export function enableSecurityHub(ctx: ShContext) {
  const account = ctx.state.account(ctx.accountId);
  if (account.hubs.has(ctx.region)) {
    throw new AwsError(
      409,
      'ResourceConflictException',
      `Account ${ctx.accountId} is already subscribed to Security Hub.`,
    );
  }
  const standards = ctx.body.EnableDefaultStandards;
  if (standards !== undefined && typeof standards !== 'boolean') {
    throw invalidInput("Invalid parameter 'EnableDefaultStandards': must be a boolean.");
  }
  account.hubs.set(ctx.region, ctx.now);
  return {};
}

/** Refused while the account still administers members, as AWS refuses it. */
export function disableSecurityHub(ctx: ShContext) {
  const members = ctx.state.membersOf(ctx.accountId, ctx.region);
  for (const m of members?.values() ?? []) {
    if (m.status === 'Enabled' || m.status === 'Invited') {
      throw invalidInput(
        `Account ${ctx.accountId} is an administrator account with members. Remove its members first.`,
      );
    }
  }
  if (ctx.state.memberSide(ctx.accountId, ctx.region).administrator) {
    throw invalidInput(
      `Account ${ctx.accountId} is a member account. Disassociate from the administrator account first.`,
    );
  }
  ctx.state.account(ctx.accountId).hubs.delete(ctx.region);
  return {};
}

export function describeProducts(ctx: ShContext) {
  const all = ctx.state.productsIn(ctx.region);
  const arn = firstValue(ctx.query, 'ProductArn');
  const chosen = arn ? all.filter((p) => p.ProductArn === arn) : all;
  const { items, nextToken } = page(chosen, ctx.query, `DescribeProducts:${arn ?? ''}`, 100, 100);
  return { Products: items, ...(nextToken ? { NextToken: nextToken } : {}) };
}
