/**
 * Security Hub's REST/JSON protocol: the route table (method + path -> operation), then the checks
 * every call goes through in AWS's order — signature, opt-in region, throttling, IAM, hub subscribed —
 * before the operation's handler runs.
 */
import type { ServerResponse } from 'node:http';
import type { FaultInjector } from './faults';
import { AwsError, type EmulatorRequest, sendJson, sendJsonError } from './http-util';
import { authError, authenticate, INVALID_TOKEN } from './identity';
import * as admin from './securityhub-admin';
import type { ShContext, ShHandler } from './securityhub-context';
import * as hub from './securityhub-hub';
import * as member from './securityhub-member';
import { type EmulatorState, key } from './state';

export interface Outcome {
  operation: string;
  accountId: string | null;
  region: string | null;
  status: number;
  errorCode: string | null;
}

interface Route {
  operation: string;
  handler: ShHandler;
  /** Everything but EnableSecurityHub needs the hub on. */
  needsHub: boolean;
}

const route = (operation: string, handler: ShHandler, needsHub = true): Route => ({ operation, handler, needsHub });

const ROUTES = new Map<string, Route>([
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
  ['POST /accounts', route('EnableSecurityHub', hub.enableSecurityHub, false)],
  ['DELETE /accounts', route('DisableSecurityHub', hub.disableSecurityHub)],
]);

/** Trailing slashes are ignored, as API Gateway-fronted services do. */
const routeOf = (method: string, path: string) => ROUTES.get(`${method} ${path.replace(/\/+$/, '') || '/'}`);

export function securityHubOperation(method: string, path: string): string | null {
  return routeOf(method, path)?.operation ?? null;
}

export interface ShDeps {
  state: EmulatorState;
  faults: FaultInjector;
}

export async function handleSecurityHub(r: EmulatorRequest, res: ServerResponse, deps: ShDeps): Promise<Outcome> {
  const found = routeOf(r.method, r.path);
  const outcome: Outcome = {
    operation: found?.operation ?? 'Unknown',
    accountId: null,
    region: null,
    status: 200,
    errorCode: null,
  };
  try {
    if (!found) {
      throw new AwsError(404, 'UnknownOperationException', `No Security Hub operation at ${r.method} ${r.path}.`);
    }
    const auth = await authenticate(deps.state, r, 'securityhub');
    if (auth.auth) outcome.region = auth.auth.region;
    if (!auth.ok) throw authError(auth, 'securityhub');
    const { credential } = auth;
    const region = auth.auth.region;
    outcome.accountId = credential.accountId;
    if (!deps.state.regionEnabled(credential.accountId, region)) {
      throw new AwsError(403, 'UnrecognizedClientException', INVALID_TOKEN);
    }
    if (deps.faults.shouldThrottle(key(credential.accountId, region))) {
      // Real Security Hub throttling, as quoted from live runs: prowler-cloud/prowler#5004 ("An error
      // occurred (TooManyRequestsException) when calling the GetFindings operation: Too Many
      // Requests"), aws-samples/aws-secure-environment-accelerator#1024 (UpdateStandardsControl).
      throw new AwsError(429, 'TooManyRequestsException', 'Too Many Requests');
    }
    if (credential.deniedActions.has(`securityhub:${found.operation}`)) {
      throw new AwsError(
        403,
        'AccessDeniedException',
        `User: ${credential.arn} is not authorized to perform: securityhub:${found.operation} on resource: ${hub.hubArn(region, credential.accountId)} with an explicit deny in an identity-based policy`,
      );
    }
    if (found.needsHub && !deps.state.hubOn(credential.accountId, region)) {
      throw new AwsError(
        401,
        'InvalidAccessException',
        `Account ${credential.accountId} is not subscribed to AWS Security Hub`,
      );
    }
    const ctx: ShContext = {
      state: deps.state,
      credential,
      accountId: credential.accountId,
      region,
      query: r.query,
      body: parseJsonBody(r.body),
      now: new Date(),
    };
    const lost = deps.faults.lostReply(found.operation);
    if (lost === 'drop-unapplied') {
      outcome.errorCode = 'RequestLost';
      outcome.status = 0;
      r.req.socket.destroy();
      return outcome;
    }
    const answer = found.handler(ctx);
    if (lost === 'drop') {
      // Applied, then the connection goes: the client cannot tell whether AWS acted.
      outcome.errorCode = 'ReplyLost';
      outcome.status = 0;
      r.req.socket.destroy();
      return outcome;
    }
    if (lost === 'internal-error')
      throw new AwsError(500, 'InternalException', 'Internal service error (after the change was applied).');
    sendJson(res, 200, answer, r.requestId);
  } catch (error) {
    const e = error instanceof AwsError ? error : new AwsError(500, 'InternalException', 'Internal error');
    if (!(error instanceof AwsError)) console.error('emulator: Security Hub handler failed', error);
    outcome.status = e.status;
    outcome.errorCode = e.code;
    sendJsonError(res, e, r.requestId);
  }
  return outcome;
}

function parseJsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AwsError(400, 'SerializationException', 'The request body is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AwsError(400, 'SerializationException', 'The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}
