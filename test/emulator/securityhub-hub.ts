/** The hub itself (DescribeHub, EnableSecurityHub, DisableSecurityHub) and the product catalogue. */
import { AwsError, firstValue } from './http-util';
import type { ShContext } from './securityhub-context';
import { invalidInput, page } from './securityhub-input';
import { refuseIfCentrallyManaged } from './securityhub-organization';

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

/**
 * Turns Security Hub CSPM on; the default standards too unless EnableDefaultStandards is false (the
 * model). Refused in a centrally managed account (securityhub-organization.ts).
 */
export function enableSecurityHub(ctx: ShContext) {
  refuseIfCentrallyManaged(ctx);
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
  if (standards !== false) account.defaultStandards.add(ctx.region);
  return {};
}

/**
 * Refused while the account still administers members, as AWS refuses it, and for a member account:
 * InvalidInputException "Member account cannot disable Security Hub" — the real answer
 * (superwerker/superwerker tests/securityhub_test.py; a disable-across-the-organization script quotes
 * the same text). Refused in a centrally managed account too.
 */
export function disableSecurityHub(ctx: ShContext) {
  refuseIfCentrallyManaged(ctx);
  const members = ctx.state.membersOf(ctx.accountId, ctx.region);
  for (const m of members?.values() ?? []) {
    if (m.status === 'Enabled' || m.status === 'Invited') {
      throw invalidInput(
        `Account ${ctx.accountId} is an administrator account with members. Remove its members first.`,
      );
    }
  }
  if (ctx.state.memberSide(ctx.accountId, ctx.region).administrator) {
    throw invalidInput('Member account cannot disable Security Hub');
  }
  const account = ctx.state.account(ctx.accountId);
  account.hubs.delete(ctx.region);
  account.defaultStandards.delete(ctx.region);
  return {};
}

const FINDING_GENERATORS = new Set(['STANDARD_CONTROL', 'SECURITY_CONTROL']);

/**
 * UpdateSecurityHubConfiguration (PATCH /accounts): AutoEnableControls and ControlFindingGenerator
 * (the model). A centrally managed account is refused with AWS's own sentence
 * (hashicorp/terraform-provider-aws#39687). The values are checked, not kept: DescribeHub answers as before.
 */
export function updateSecurityHubConfiguration(ctx: ShContext) {
  refuseIfCentrallyManaged(ctx);
  const { AutoEnableControls: auto, ControlFindingGenerator: generator } = ctx.body;
  if (auto !== undefined && typeof auto !== 'boolean') {
    throw invalidInput("Invalid parameter 'AutoEnableControls': must be a boolean.");
  }
  if (generator !== undefined && !FINDING_GENERATORS.has(String(generator))) {
    throw invalidInput("Invalid parameter 'ControlFindingGenerator': must be STANDARD_CONTROL or SECURITY_CONTROL.");
  }
  return {};
}

export function describeProducts(ctx: ShContext) {
  const all = ctx.state.productsIn(ctx.region);
  const arn = firstValue(ctx.query, 'ProductArn');
  const chosen = arn ? all.filter((p) => p.ProductArn === arn) : all;
  const { items, nextToken } = page(chosen, ctx.query, `DescribeProducts:${arn ?? ''}`, 100, 100);
  return { Products: items, ...(nextToken ? { NextToken: nextToken } : {}) };
}
