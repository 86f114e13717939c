/**
 * Macie's routes (macie2/2020-01-01) and its "off": without a Macie session in the region every
 * operation but EnableMacie answers AccessDeniedException "Macie is not enabled." (macie-wire.ts).
 * Whether ListInvitations answers while Macie is off is not documented; the scenario chooses
 * (`macie.invitationsWhileOff`, default false).
 */
import { AwsError } from './http-util';
import * as admin from './macie-admin';
import * as member from './macie-member';
import { macieNotEnabled, sendMacieError } from './macie-wire';
import { type RestServiceDef, type Route, route } from './rest-service';
import { RouteTable } from './route-table';

const INVITATION_READS = new Set(['ListInvitations', 'GetInvitationsCount']);

const ROUTES = new RouteTable<Route>([
  ['GET /macie', route('GetMacieSession', member.getMacieSession)],
  ['POST /macie', route('EnableMacie', member.enableMacie, { whenOff: true })],
  ['GET /administrator', route('GetAdministratorAccount', member.getAdministratorAccount)],
  ['GET /master', route('GetMasterAccount', member.getMasterAccount)],
  ['GET /invitations', route('ListInvitations', member.listInvitations)],
  ['GET /invitations/count', route('GetInvitationsCount', member.getInvitationsCount)],
  ['POST /invitations/accept', route('AcceptInvitation', member.acceptInvitation)],
  ['POST /invitations/decline', route('DeclineInvitations', member.declineInvitations)],
  ['POST /invitations/delete', route('DeleteInvitations', member.deleteInvitations)],
  [
    'POST /administrator/disassociate',
    route('DisassociateFromAdministratorAccount', member.disassociateFromAdministrator),
  ],
  ['POST /master/disassociate', route('DisassociateFromMasterAccount', member.disassociateFromAdministrator)],
  ['POST /members', route('CreateMember', admin.createMember)],
  ['POST /invitations', route('CreateInvitations', admin.createInvitations)],
  ['GET /members', route('ListMembers', admin.listMembers)],
  ['GET /members/{id}', route('GetMember', admin.getMember)],
  ['POST /members/disassociate/{id}', route('DisassociateMember', admin.disassociateMember)],
  ['DELETE /members/{id}', route('DeleteMember', admin.deleteMember)],
]);

export const MACIE: RestServiceDef = {
  name: 'macie2',
  title: 'Macie',
  routes: ROUTES,
  sendError: sendMacieError,
  // The model's throttling error; its text is not published ("Rate exceeded" is chosen).
  throttled: () => new AwsError(429, 'ThrottlingException', 'Rate exceeded'),
  internalError: (message) => new AwsError(500, 'InternalServerException', message),
  // "…is not authorized to perform: macie2:EnableMacie on resource: arn:aws:macie2:eu-west-2:***:*
  // because no identity-based policy allows…" (ministryofjustice/modernisation-platform#12672).
  resource: (ctx) => `arn:aws:macie2:${ctx.region}:${ctx.accountId}:*`,
  requireOn: (ctx, r) => {
    if (ctx.state.macie.sessionOf(ctx.accountId, ctx.region)) return;
    if (ctx.state.macie.invitationsWhileOff && INVITATION_READS.has(r.operation)) return;
    throw macieNotEnabled();
  },
  nextPage: (query) => Boolean([query.nextToken ?? []].flat()[0]),
};
