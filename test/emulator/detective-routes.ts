/**
 * Detective's routes (detective/2018-10-26). Detective has no "off" answer: a member needs no graph
 * to see its invitations, and an account without a graph lists none ("returns [] against an account
 * with Detective disabled", mondoohq/mql#7609).
 */
import * as admin from './detective-admin';
import * as member from './detective-member';
import { sendDetectiveError } from './detective-wire';
import { AwsError } from './http-util';
import { type RestServiceDef, type Route, route } from './rest-service';
import { RouteTable } from './route-table';

const ROUTES = new RouteTable<Route>([
  ['POST /invitations/list', route('ListInvitations', member.listInvitations)],
  ['PUT /invitation', route('AcceptInvitation', member.acceptInvitation)],
  ['POST /invitation/removal', route('RejectInvitation', member.rejectInvitation)],
  ['POST /membership/removal', route('DisassociateMembership', member.disassociateMembership)],
  ['POST /graphs/list', route('ListGraphs', admin.listGraphs)],
  ['POST /graph', route('CreateGraph', admin.createGraph)],
  ['POST /graph/members', route('CreateMembers', admin.createMembers)],
  ['POST /graph/members/list', route('ListMembers', admin.listMembers)],
  ['POST /graph/members/get', route('GetMembers', admin.getMembers)],
  ['POST /graph/members/removal', route('DeleteMembers', admin.deleteMembers)],
]);

export const DETECTIVE: RestServiceDef = {
  name: 'detective',
  title: 'Detective',
  routes: ROUTES,
  sendError: sendDetectiveError,
  // The model's TooManyRequestsException (429); its text is not published (chosen).
  throttled: () => new AwsError(429, 'TooManyRequestsException', 'Too Many Requests'),
  internalError: (message) => new AwsError(500, 'InternalServerException', message),
  // "…not authorized to perform: detective:ListGraphs on resource: *" and "…detective:ListMembers on
  // resource: arn:aws:detective:eu-west-1:ACCOUNT:graph:…" (aws-samples/amazon-detective-multiaccount-scripts#1).
  resource: (ctx) => (typeof ctx.body.GraphArn === 'string' ? ctx.body.GraphArn : '*'),
  nextPage: (_query, body) => typeof body.NextToken === 'string' && body.NextToken.length > 0,
};
