/**
 * Security Hub CSPM inside AWS Organizations: the delegated administrator enrolling organization
 * accounts (CreateMembers enables them at once), the member quotas, central configuration's refusals,
 * and the organization reads (DescribeOrganizationConfiguration, ListOrganizationAdminAccounts).
 * Sources beside each rule; README "Security Hub CSPM and AWS Organizations" lists them with the choices.
 */
import { AwsError } from './http-util';
import type { OrganizationAccount } from './organization-state';
import { INVITATION_MEMBER_QUOTA, ORGANIZATION_MEMBER_QUOTA } from './scenario-schema';
import type { ShContext } from './securityhub-context';
import { page } from './securityhub-input';
import type { MemberRecord } from './state';

/**
 * The organization account a delegated administrator's CreateMembers enrols through Organizations,
 * or null when the call is an ordinary (invitation-based) one: the caller is not the organization's
 * Security Hub delegated administrator, or the account is not in the organization.
 */
export function organizationAccountFor(ctx: ShContext, accountId: string): OrganizationAccount | null {
  const org = ctx.state.organization;
  if (!org || org.delegatedAdministratorOf('securityhub') !== ctx.accountId) return null;
  return org.accounts.get(accountId) ?? null;
}

/**
 * "AccessDeniedException: You don't have permissions to access this resource." — CreateMembers from
 * an organization account that is not the organization's Security Hub delegated administrator, for
 * organization accounts (the real answer LZA met when its audit account was not the existing
 * delegated administrator: awslabs/landing-zone-accelerator-on-aws#673). The whole request is refused.
 */
export function refuseIfNotTheDelegatedAdministrator(ctx: ShContext, accountIds: string[]): void {
  const org = ctx.state.organization;
  const delegated = org?.delegatedAdministratorOf('securityhub');
  if (!org || !delegated || delegated === ctx.accountId || !org.has(ctx.accountId)) return;
  // The caller itself is left to CreateMembers' own answer ("cannot be its own member").
  if (accountIds.some((id) => id !== ctx.accountId && org.has(id))) {
    throw new AwsError(403, 'AccessDeniedException', "You don't have permissions to access this resource.");
  }
}

/**
 * Quotas per administrator and Region: 1,000 invitation-based members and 10,000 through
 * Organizations (F8, the user guide's restrictions page). AWS's LimitExceededException text for them
 * is not published: these sentences are chosen to name the limit (LimitExceededException also means
 * "throttling limits" in the model, and a client tells them apart by the words).
 */
export function checkQuotas(members: Map<string, MemberRecord>, adding: { organization: number; invited: number }) {
  let organization = 0;
  for (const m of members.values()) if (m.viaOrganizations) organization++;
  const invited = members.size - organization;
  if (invited + adding.invited > INVITATION_MEMBER_QUOTA) {
    throw new AwsError(
      429,
      'LimitExceededException',
      `An administrator account can have at most ${INVITATION_MEMBER_QUOTA} invitation-based members per Region.`,
    );
  }
  if (organization + adding.organization > ORGANIZATION_MEMBER_QUOTA) {
    throw new AwsError(
      429,
      'LimitExceededException',
      `A delegated administrator account can have at most ${ORGANIZATION_MEMBER_QUOTA} organization members per Region.`,
    );
  }
}

/**
 * Enrols an organization account (the CreateMembers doc in the model): no invitation, the account is
 * a member at once, and "If the organization account does not have Security Hub CSPM enabled, then
 * Security Hub CSPM and the default standards are automatically enabled". A suspended (or closing)
 * account gets MemberStatus AccountSuspended: "an organization account was suspended from AWS at the
 * same time that the administrator account tried to enable the organization account as a member".
 * Returns the unprocessed reason, or null.
 */
export function enrolOrganizationAccount(
  ctx: ShContext,
  members: Map<string, MemberRecord>,
  account: OrganizationAccount,
): string | null {
  const org = ctx.state.organization!;
  const hub = ctx.state.account(account.id);
  // "Security Hub CSPM cannot be enabled automatically for the organization management account. The
  // organization management account must enable Security Hub CSPM before the administrator account
  // enables it as a member account" (the CreateMembers doc). AWS's unprocessed text is not published;
  // this one follows GuardDuty's published answer for the same case ("Operation failed because your
  // organization master must first enable GuardDuty to be added as a member",
  // cloudposse/terraform-aws-components#822).
  if (account.id === org.managementAccountId && !hub.hubs.has(ctx.region)) {
    return 'Operation failed because your organization management account must first enable Security Hub CSPM to be added as a member';
  }
  const active = account.status === 'ACTIVE';
  members.set(account.id, {
    accountId: account.id,
    email: null,
    status: active ? 'Enabled' : 'AccountSuspended',
    // Whether AWS reports an InvitedAt for an Organizations member is not published; the enrolment
    // time is kept (see README: "Organizations members on the wire").
    invitedAt: ctx.now,
    updatedAt: ctx.now,
    viaOrganizations: true,
    invitationId: null,
  });
  if (!active) return null;
  if (!hub.hubs.has(ctx.region)) {
    hub.hubs.set(ctx.region, ctx.now);
    hub.defaultStandards.add(ctx.region);
  }
  const side = ctx.state.memberSide(account.id, ctx.region);
  side.administrator = { accountId: ctx.accountId, invitationId: null, invitedAt: ctx.now, viaOrganizations: true };
  return null;
}

export const CENTRAL_CONFIGURATION_REFUSAL =
  'This account is currently associated with a central configuration policy, so only the administrator can access this operation.';

/**
 * A centrally managed account cannot change its own Security Hub CSPM in the home and linked Regions:
 * "only the delegated administrator can configure the member account" (central-configuration-intro).
 * The answer to UpdateSecurityHubConfiguration is real (AccessDeniedException with this sentence,
 * hashicorp/terraform-provider-aws#39687); that EnableSecurityHub and DisableSecurityHub get the same
 * answer is an inference (not published).
 */
export function refuseIfCentrallyManaged(ctx: ShContext): void {
  if (ctx.state.organization?.isCentrallyManaged(ctx.accountId, ctx.region)) {
    throw new AwsError(403, 'AccessDeniedException', CENTRAL_CONFIGURATION_REFUSAL);
  }
}

/**
 * Only the Security Hub administrator account can call it (the model). A caller that is not the
 * delegated administrator gets InvalidAccessException "Account <id> is not an administrator for this
 * organization" — the real answer to UpdateOrganizationConfiguration (hashicorp/terraform#30285,
 * HTTP 401; awslabs/landing-zone-accelerator-on-aws#413); that DescribeOrganizationConfiguration
 * answers the same is an inference. Under central configuration (home and linked Regions)
 * ConfigurationType is CENTRAL and AutoEnable false ("If the ConfigurationType of your organization is
 * set to CENTRAL, then this field is set to false"); MemberAccountLimitReached reports the 10,000
 * Organizations members.
 */
export function describeOrganizationConfiguration(ctx: ShContext) {
  const org = ctx.state.organization;
  if (!org || org.delegatedAdministratorOf('securityhub') !== ctx.accountId) {
    throw new AwsError(
      401,
      'InvalidAccessException',
      `Account ${ctx.accountId} is not an administrator for this organization`,
    );
  }
  const central = org.usesCentralConfiguration(ctx.region);
  let enrolled = 0;
  for (const m of ctx.state.membersOf(ctx.accountId, ctx.region)?.values() ?? []) if (m.viaOrganizations) enrolled++;
  return {
    AutoEnable: central ? false : org.securityHub.autoEnable,
    MemberAccountLimitReached: enrolled >= ORGANIZATION_MEMBER_QUOTA,
    AutoEnableStandards: central ? 'NONE' : org.securityHub.autoEnableStandards,
    OrganizationConfiguration: {
      ConfigurationType: central ? 'CENTRAL' : 'LOCAL',
      Status: 'ENABLED',
      // The AWS CLI example's message (describe-organization-configuration.rst).
      ...(central ? { StatusMessage: 'Central configuration has been enabled successfully' } : {}),
    },
  };
}

/**
 * "Can only be called by the organization management account" (the model). Others get
 * InvalidAccessException; its text is not published (chosen). `Feature` defaults to SecurityHub
 * (CSPM); the emulator has no delegated administrator for the new Security Hub (SecurityHubV2).
 */
export function listOrganizationAdminAccounts(ctx: ShContext) {
  const org = ctx.state.organization;
  if (!org || org.managementAccountId !== ctx.accountId) {
    throw new AwsError(
      401,
      'InvalidAccessException',
      `Account ${ctx.accountId} is not the management account of an organization.`,
    );
  }
  const feature = [ctx.query.Feature ?? []].flat()[0] || 'SecurityHub';
  const delegated = org.delegatedAdministratorOf('securityhub');
  const admins = feature === 'SecurityHub' && delegated ? [{ AccountId: delegated, Status: 'ENABLED' }] : [];
  const { items, nextToken } = page(admins, ctx.query, `ListOrganizationAdminAccounts:${feature}`, 10, 10);
  return { AdminAccounts: items, Feature: feature, ...(nextToken ? { NextToken: nextToken } : {}) };
}

/**
 * "If your account is an administrator account, you can't accept an invitation to become a member
 * account" (user guide, securityhub-accounts-add-invite). AWS's error is not published: an
 * InvalidInputException naming the members is chosen. An administrator is the organization's Security
 * Hub delegated administrator or an account with members not ended (Removed, Resigned, Deleted).
 */
export function refuseIfAdministrator(ctx: ShContext): void {
  const delegated = ctx.state.organization?.delegatedAdministratorOf('securityhub') === ctx.accountId;
  let members = 0;
  for (const m of ctx.state.membersOf(ctx.accountId, ctx.region)?.values() ?? []) {
    if (m.status !== 'Removed' && m.status !== 'Resigned' && m.status !== 'Deleted') members++;
  }
  if (!delegated && members === 0) return;
  throw new AwsError(
    400,
    'InvalidInputException',
    `Account ${ctx.accountId} is an administrator account in ${ctx.region} (${members} member${members === 1 ? '' : 's'}) and cannot accept an invitation to become a member account.`,
  );
}
