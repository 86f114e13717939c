/**
 * Security Hub's REST/JSON protocol: the route table (method + path -> operation, as the
 * securityhub/2018-10-26 model gives them), its error framing, and "hub not subscribed" as its
 * answer when the service is off. The checks every call goes through are in rest-service.ts.
 */
import type { ServerResponse } from 'node:http';
import { AwsError, sendJsonError } from './http-util';
import { type RestServiceDef, type Route, route } from './rest-service';
import { RouteTable } from './route-table';
import * as admin from './securityhub-admin';
import * as hub from './securityhub-hub';
import * as member from './securityhub-member';
import * as organization from './securityhub-organization';

const ROUTES = new RouteTable<Route>([
  ['GET /administrator', route('GetAdministratorAccount', member.getAdministratorAccount)],
  ['POST /administrator', route('AcceptAdministratorInvitation', member.acceptAdministratorInvitation)],
  [
    'POST /administrator/disassociate',
    route('DisassociateFromAdministratorAccount', member.disassociateFromAdministrator),
  ],
  ['GET /master', route('GetMasterAccount', member.getMasterAccount)],
  ['POST /master', route('AcceptInvitation', member.acceptInvitation)],
  ['POST /master/disassociate', route('DisassociateFromMasterAccount', member.disassociateFromAdministrator)],
  ['GET /invitations', route('ListInvitations', member.listInvitations)],
  ['GET /invitations/count', route('GetInvitationsCount', member.getInvitationsCount)],
  ['POST /invitations/decline', route('DeclineInvitations', member.declineInvitations)],
  ['POST /invitations/delete', route('DeleteInvitations', member.deleteInvitations)],
  ['GET /members', route('ListMembers', admin.listMembers)],
  ['POST /members/get', route('GetMembers', admin.getMembers)],
  ['POST /members', route('CreateMembers', admin.createMembers)],
  ['POST /members/invite', route('InviteMembers', admin.inviteMembers)],
  ['POST /members/disassociate', route('DisassociateMembers', admin.disassociateMembers)],
  ['POST /members/delete', route('DeleteMembers', admin.deleteMembers)],
  ['GET /products', route('DescribeProducts', hub.describeProducts)],
  ['GET /accounts', route('DescribeHub', hub.describeHub)],
  ['POST /accounts', route('EnableSecurityHub', hub.enableSecurityHub, { whenOff: true })],
  ['DELETE /accounts', route('DisableSecurityHub', hub.disableSecurityHub)],
  ['PATCH /accounts', route('UpdateSecurityHubConfiguration', hub.updateSecurityHubConfiguration)],
  [
    'GET /organization/configuration',
    route('DescribeOrganizationConfiguration', organization.describeOrganizationConfiguration),
  ],
  // An Organizations-level read of the management account, which need not run Security Hub CSPM itself (chosen).
  [
    'GET /organization/admin',
    route('ListOrganizationAdminAccounts', organization.listOrganizationAdminAccounts, { whenOff: true }),
  ],
]);

export const SECURITY_HUB: RestServiceDef = {
  name: 'securityhub',
  title: 'Security Hub',
  routes: ROUTES,
  sendError: (res: ServerResponse, error: AwsError, requestId: string) => sendJsonError(res, error, requestId),
  // Real Security Hub throttling, as quoted from live runs: prowler-cloud/prowler#5004 ("An error
  // occurred (TooManyRequestsException) when calling the GetFindings operation: Too Many
  // Requests"), aws-samples/aws-secure-environment-accelerator#1024 (UpdateStandardsControl).
  throttled: () => new AwsError(429, 'TooManyRequestsException', 'Too Many Requests'),
  internalError: (message) => new AwsError(500, 'InternalException', message),
  resource: (ctx) => hub.hubArn(ctx.region, ctx.accountId),
  requireOn: (ctx) => {
    if (!ctx.state.hubOn(ctx.accountId, ctx.region)) {
      throw new AwsError(
        401,
        'InvalidAccessException',
        `Account ${ctx.accountId} is not subscribed to AWS Security Hub`,
      );
    }
  },
  // Every paginated Security Hub read takes its NextToken from the query (securityhub-input.ts).
  nextPage: (query) => Boolean([query.NextToken ?? []].flat()[0]),
};
