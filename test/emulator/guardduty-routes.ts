/**
 * GuardDuty's routes (guardduty/2017-11-28: method + requestUri of each operation), its detectors,
 * and how it frames errors. There is no "GuardDuty off" error: an account without a detector in a
 * region lists no detector, and every detector-scoped call then meets "not owned".
 */
import * as admin from './guardduty-admin';
import * as member from './guardduty-member';
import * as organization from './guardduty-organization';
import { badRequest, book, INVALID_INPUT, iso, ownDetector, page, sendGuardDutyError } from './guardduty-wire';
import { AwsError } from './http-util';
import { type RestServiceDef, type Route, route, type ServiceContext } from './rest-service';
import { RouteTable } from './route-table';

function listDetectors(ctx: ServiceContext) {
  const detector = ctx.state.guardduty.detectorOf(ctx.accountId, ctx.region);
  const { items, nextToken } = page(ctx, detector ? [detector.id] : [], 'ListDetectors');
  return { detectorIds: items, ...(nextToken ? { nextToken } : {}) };
}

/**
 * Turns GuardDuty on in the region. A second detector is refused with the real answer "The request is
 * rejected because a detector already exists for the current account."
 * (nozaq/terraform-aws-secure-baseline#35).
 */
function createDetector(ctx: ServiceContext) {
  if (typeof ctx.body.enable !== 'boolean') throw badRequest(INVALID_INPUT);
  if (ctx.state.guardduty.detectorOf(ctx.accountId, ctx.region)) {
    throw badRequest('The request is rejected because a detector already exists for the current account.');
  }
  return { detectorId: ctx.state.guardduty.createDetector(ctx.accountId, ctx.region, ctx.body.enable, ctx.now).id };
}

/** The fields of the AWS CLI's get-detector example (awscli/examples/guardduty/get-detector.rst). */
function getDetector(ctx: ServiceContext) {
  const d = ownDetector(ctx);
  return {
    createdAt: iso(d.createdAt),
    findingPublishingFrequency: 'SIX_HOURS',
    serviceRole: `arn:aws:iam::${ctx.accountId}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
    status: d.status,
    updatedAt: iso(d.updatedAt),
    tags: {},
  };
}

/** Refused while it has members, as quoted in aws-samples/amazon-guardduty-multiaccount-scripts#3. */
function deleteDetector(ctx: ServiceContext) {
  ownDetector(ctx);
  for (const m of book(ctx).membersOf(ctx.accountId, ctx.region)?.values() ?? []) {
    if (m.status === 'Invited' || m.status === 'Enabled' || m.status === 'Disabled') {
      throw badRequest(
        'The request is rejected because the current account cannot delete detector while it has invited or associated members.',
      );
    }
  }
  ctx.state.guardduty.detectors.delete(`${ctx.accountId}:${ctx.region}`);
  return {};
}

const D = '/detector/{DetectorId}';

const ROUTES = new RouteTable<Route>([
  ['GET /detector', route('ListDetectors', listDetectors)],
  ['POST /detector', route('CreateDetector', createDetector)],
  [`GET ${D}`, route('GetDetector', getDetector)],
  [`DELETE ${D}`, route('DeleteDetector', deleteDetector)],
  [`GET ${D}/administrator`, route('GetAdministratorAccount', member.getAdministratorAccount)],
  [`GET ${D}/master`, route('GetMasterAccount', member.getMasterAccount)],
  [`POST ${D}/administrator`, route('AcceptAdministratorInvitation', member.acceptAdministratorInvitation)],
  [`POST ${D}/master`, route('AcceptInvitation', member.acceptInvitation)],
  [
    `POST ${D}/administrator/disassociate`,
    route('DisassociateFromAdministratorAccount', member.disassociateFromAdministrator),
  ],
  [`POST ${D}/master/disassociate`, route('DisassociateFromMasterAccount', member.disassociateFromAdministrator)],
  ['GET /invitation', route('ListInvitations', member.listInvitations)],
  ['GET /invitation/count', route('GetInvitationsCount', member.getInvitationsCount)],
  ['POST /invitation/decline', route('DeclineInvitations', member.declineInvitations)],
  ['POST /invitation/delete', route('DeleteInvitations', member.deleteInvitations)],
  [`POST ${D}/member`, route('CreateMembers', admin.createMembers)],
  [`POST ${D}/member/invite`, route('InviteMembers', admin.inviteMembers)],
  [`GET ${D}/member`, route('ListMembers', admin.listMembers)],
  [`POST ${D}/member/get`, route('GetMembers', admin.getMembers)],
  [`POST ${D}/member/disassociate`, route('DisassociateMembers', admin.disassociateMembers)],
  [`POST ${D}/member/delete`, route('DeleteMembers', admin.deleteMembers)],
  ['GET /admin', route('ListOrganizationAdminAccounts', organization.listOrganizationAdminAccounts)],
  [`GET ${D}/admin`, route('DescribeOrganizationConfiguration', organization.describeOrganizationConfiguration)],
]);

export const GUARDDUTY: RestServiceDef = {
  name: 'guardduty',
  title: 'GuardDuty',
  routes: ROUTES,
  sendError: sendGuardDutyError,
  // GuardDuty models no throttling error. Its answers come through API Gateway (x-amz-apigw-id in
  // boto/boto3#3890), whose throttling answer is 429 "Too Many Requests", as Security Hub's is; the
  // code is chosen as Security Hub's (not verified for GuardDuty).
  throttled: () => new AwsError(429, 'TooManyRequestsException', 'Too Many Requests'),
  internalError: (message) => new AwsError(500, 'InternalServerErrorException', message),
  // "…on resource: arn:aws:guardduty:ap-southeast-1:xxx:detector/*" for ListDetectors
  // (RhinoSecurityLabs/pacu#74); a detector-scoped call names its detector (chosen).
  resource: (ctx) => `arn:aws:guardduty:${ctx.region}:${ctx.accountId}:detector/${ctx.params.DetectorId ?? '*'}`,
  nextPage: (query) => Boolean([query.nextToken ?? []].flat()[0]),
};
