/**
 * The Organizations reads the app needs for account names and delegated administrators, with who may
 * call them (organizations/2016-11-28):
 * - DescribeOrganization: "You can call this operation from any account in a organization."
 * - ListAccounts, DescribeAccount, ListDelegatedAdministrators: "You can only call this operation from
 *   the management account or a member account that is a delegated administrator." Any other account
 *   gets AccessDeniedException "You don't have permissions to access this resource." — the real answer
 *   (aws-samples/aws-iam-access-key-auto-rotation#10 for ListAccounts; prowler-cloud/prowler#2133 for
 *   ListDelegatedAdministrators).
 * Every error is HTTP 400, as JSON 1.1 services answer client errors (AWSOrganizationsNotInUseException
 * came with "status code: 400", nozaq/terraform-aws-secure-baseline#70); the others' status is not
 * published.
 */
import { AwsError } from './http-util';
import type { DelegatedAdministrator, OrganizationAccount, OrganizationState } from './organization-state';
import { decodeToken, encodeToken } from './paging';
import type { Credential, EmulatorState } from './state';

export interface OrgContext {
  state: EmulatorState;
  org: OrganizationState;
  credential: Credential;
  accountId: string;
  body: Record<string, unknown>;
  now: Date;
}

/** An Organizations error, with the InvalidInputException `Reason` member where there is one. */
export function orgError(code: string, message: string, reason?: string): AwsError {
  return Object.assign(new AwsError(400, code, message), reason ? { reason } : {});
}

export const NO_PERMISSION = "You don't have permissions to access this resource.";

/**
 * An explicit IAM deny of `organizations:<Operation>` (the principal's deniedActions). What text
 * Organizations sends then is not published; its one observed AccessDeniedException sentence is chosen.
 */
function refuseIfDenied(ctx: OrgContext, operation: string): void {
  if (ctx.credential.deniedActions.has(`organizations:${operation}`)) {
    throw orgError('AccessDeniedException', NO_PERMISSION);
  }
}

function requireManagementOrDelegated(ctx: OrgContext): void {
  if (ctx.accountId === ctx.org.managementAccountId || ctx.org.isDelegatedAdministrator(ctx.accountId)) return;
  throw orgError('AccessDeniedException', NO_PERMISSION);
}

/** Timestamps are epoch seconds on the wire (JSON 1.1; the AWS CLI examples print e.g. 1481830215.45). */
const epoch = (d: Date) => d.getTime() / 1000;

/** Account: Status (to be retired, the model says) and its successor State, which here carry the same value. */
function accountOut(org: OrganizationState, a: OrganizationAccount) {
  return {
    Id: a.id,
    Arn: org.accountArn(a.id),
    Email: a.email,
    Name: a.name,
    Status: a.status,
    State: a.status,
    JoinedMethod: a.joinedMethod,
    JoinedTimestamp: epoch(a.joinedAt),
  };
}

/**
 * MaxResults 1–20 (the model's MaxResults shape); absent, 20 (chosen: AWS says only that a
 * default "specific to the operation" applies). Out of range: InvalidInputException with the model's
 * reasons MAX_VALUE_EXCEEDED / MIN_VALUE_EXCEEDED; a token that is not this operation's:
 * INVALID_NEXT_TOKEN (message chosen).
 */
function pageOf<T>(ctx: OrgContext, items: T[], operation: string) {
  const raw = ctx.body.MaxResults;
  const size = raw === undefined ? 20 : Number(raw);
  if (!Number.isInteger(size) || size > 20) {
    throw orgError(
      'InvalidInputException',
      'You provided a numeric parameter that has a larger value than allowed.',
      'MAX_VALUE_EXCEEDED',
    );
  }
  if (size < 1) {
    throw orgError(
      'InvalidInputException',
      'You provided a numeric parameter that has a smaller value than allowed.',
      'MIN_VALUE_EXCEEDED',
    );
  }
  const token = ctx.body.NextToken;
  const offset = typeof token === 'string' && token ? decodeToken(token, operation) : 0;
  if (offset === null) {
    throw orgError('InvalidInputException', 'The NextToken is not valid for this operation.', 'INVALID_NEXT_TOKEN');
  }
  const slice = items.slice(offset, offset + size);
  const next = offset + size < items.length ? encodeToken(offset + size, operation) : undefined;
  return { items: slice, nextToken: next };
}

function describeOrganization(ctx: OrgContext) {
  refuseIfDenied(ctx, 'DescribeOrganization');
  const { org } = ctx;
  const management = org.accounts.get(org.managementAccountId)!;
  return {
    Organization: {
      Id: org.id,
      Arn: org.arn,
      FeatureSet: 'ALL',
      MasterAccountArn: org.accountArn(management.id),
      MasterAccountId: management.id,
      MasterAccountEmail: management.email,
      // Deprecated ("Do not use", the model) but still sent; as the AWS CLI's describe-organization example shows it.
      AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
    },
  };
}

function listAccounts(ctx: OrgContext) {
  refuseIfDenied(ctx, 'ListAccounts');
  requireManagementOrDelegated(ctx);
  const { items, nextToken } = pageOf(ctx, [...ctx.org.accounts.values()], 'ListAccounts');
  return { Accounts: items.map((a) => accountOut(ctx.org, a)), ...(nextToken ? { NextToken: nextToken } : {}) };
}

/** An account outside the organization: AccountNotFoundException (its text as moto words it; AWS's is not published). */
function describeAccount(ctx: OrgContext) {
  refuseIfDenied(ctx, 'DescribeAccount');
  requireManagementOrDelegated(ctx);
  const id = ctx.body.AccountId;
  if (typeof id !== 'string' || !/^\d{12}$/.test(id)) {
    throw orgError('InvalidInputException', 'You must include a value for all required parameters.', 'INPUT_REQUIRED');
  }
  const account = ctx.org.accounts.get(id);
  if (!account) throw orgError('AccountNotFoundException', "You specified an account that doesn't exist.");
  return { Account: accountOut(ctx.org, account) };
}

/**
 * One entry per delegated administrator account (for several services: once, with the earliest
 * DelegationEnabledDate). A ServicePrincipal filter lists those of that service; a principal that is
 * not an AWS service's (`*.amazonaws.com`) → InvalidInputException UNRECOGNIZED_SERVICE_PRINCIPAL
 * (a reason of the model; the text is moto's), a valid one without administrators → an empty list.
 */
function listDelegatedAdministrators(ctx: OrgContext) {
  refuseIfDenied(ctx, 'ListDelegatedAdministrators');
  requireManagementOrDelegated(ctx);
  const principal = ctx.body.ServicePrincipal;
  if (principal !== undefined) {
    if (typeof principal !== 'string' || !/^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/.test(principal)) {
      throw orgError(
        'InvalidInputException',
        'You specified an unrecognized service principal.',
        'UNRECOGNIZED_SERVICE_PRINCIPAL',
      );
    }
  }
  const chosen = ctx.org.delegated.filter((d) => principal === undefined || d.servicePrincipal === principal);
  const byAccount = new Map<string, DelegatedAdministrator>();
  for (const d of chosen) {
    const seen = byAccount.get(d.accountId);
    if (!seen || d.enabledAt < seen.enabledAt) byAccount.set(d.accountId, d);
  }
  const admins = [...byAccount.values()].map((d) => ({
    ...accountOut(ctx.org, ctx.org.accounts.get(d.accountId)!),
    DelegationEnabledDate: epoch(d.enabledAt),
  }));
  const { items, nextToken } = pageOf(ctx, admins, `ListDelegatedAdministrators:${principal ?? ''}`);
  return { DelegatedAdministrators: items, ...(nextToken ? { NextToken: nextToken } : {}) };
}

export const ORGANIZATIONS_READS: Record<string, (ctx: OrgContext) => unknown> = {
  DescribeOrganization: describeOrganization,
  ListAccounts: listAccounts,
  DescribeAccount: describeAccount,
  ListDelegatedAdministrators: listDelegatedAdministrators,
};
