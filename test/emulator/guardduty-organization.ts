/**
 * GuardDuty's organization reads (guardduty/2017-11-28):
 * - ListOrganizationAdminAccounts, GET /admin: "Only the organization's management account can run
 *   this API operation" → adminAccounts [{ adminAccountId, adminStatus }].
 * - DescribeOrganizationConfiguration, GET /detector/{DetectorId}/admin: for the delegated
 *   administrator → autoEnableOrganizationMembers (NEW | ALL | NONE; NEW chosen, the console's
 *   default for new organizations), autoEnable (deprecated, true unless NONE), memberAccountLimitReached
 *   (GuardDuty's 5,000 members, its user guide).
 * Any other caller: BadRequestException "The request failed because you do not have required AWS
 * Organization master permission." — the real answer to UpdateOrganizationConfiguration from a
 * non-administrator (aws-samples/aws-security-reference-architecture-examples#141); the same for these
 * reads is an inference.
 */
import { GUARDDUTY_MEMBER_QUOTA } from './guardduty-admin';
import { badRequest, book, ownDetector, page } from './guardduty-wire';
import type { ServiceContext } from './rest-service';

const NOT_PERMITTED = 'The request failed because you do not have required AWS Organization master permission.';

export function listOrganizationAdminAccounts(ctx: ServiceContext) {
  const org = ctx.state.organization;
  if (!org || org.managementAccountId !== ctx.accountId) throw badRequest(NOT_PERMITTED);
  const delegated = org.delegatedAdministratorOf('guardduty');
  const admins = delegated ? [{ adminAccountId: delegated, adminStatus: 'ENABLED' }] : [];
  const { items, nextToken } = page(ctx, admins, 'ListOrganizationAdminAccounts');
  return { adminAccounts: items, ...(nextToken ? { nextToken } : {}) };
}

export function describeOrganizationConfiguration(ctx: ServiceContext) {
  ownDetector(ctx);
  if (ctx.state.organization?.delegatedAdministratorOf('guardduty') !== ctx.accountId) throw badRequest(NOT_PERMITTED);
  let enrolled = 0;
  for (const m of book(ctx).membersOf(ctx.accountId, ctx.region)?.values() ?? []) if (m.viaOrganizations) enrolled++;
  return {
    autoEnable: true,
    autoEnableOrganizationMembers: 'NEW',
    memberAccountLimitReached: enrolled >= GUARDDUTY_MEMBER_QUOTA,
  };
}
