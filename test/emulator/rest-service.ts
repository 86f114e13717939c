/**
 * The REST/JSON services (Security Hub, GuardDuty, Macie, Detective) share one request pipeline: the
 * route table (method + path -> operation), then the checks every call goes through in this order —
 * signature, opt-in region, throttling, the organization's service control policies, the principal's
 * IAM policy, the service being on — before the operation's handler runs. Each service brings its
 * routes, its error framing and codes, the resource its denials name, and what "off" means for it.
 */
import type { ServerResponse } from 'node:http';
import { type AwsService, identityDenyMessage, scpDenyMessage } from './access';
import type { FaultInjector } from './faults';
import { AwsError, type EmulatorRequest, type Outcome, type Query, sendJson } from './http-util';
import { authError, authenticate, INVALID_TOKEN } from './identity';
import type { RouteTable } from './route-table';
import type { Credential, EmulatorState } from './state';

/** What every handler receives. */
export interface ServiceContext {
  state: EmulatorState;
  credential: Credential;
  accountId: string;
  region: string;
  query: Query;
  body: Record<string, unknown>;
  /** The path labels of the route (`{DetectorId}`, `{id}`). */
  params: Record<string, string>;
  now: Date;
}

export type Handler = (ctx: ServiceContext) => unknown;

export interface Route {
  operation: string;
  handler: Handler;
  /** Answers even when the service is off (EnableSecurityHub, CreateDetector, EnableMacie, …). */
  whenOff?: boolean;
}

export const route = (operation: string, handler: Handler, options: { whenOff?: boolean } = {}): Route => ({
  operation,
  handler,
  ...options,
});

export interface RestServiceDef {
  name: AwsService;
  /** The service's name in texts ("No GuardDuty operation at …"). */
  title: string;
  routes: RouteTable<Route>;
  /** Writes an error the way this service frames it (header, body members). */
  sendError(res: ServerResponse, error: AwsError, requestId: string): void;
  /** The service's answer to a throttled request. */
  throttled(): AwsError;
  /** The service's 500 (an injected fault, a reply lost after the change, a handler bug). */
  internalError(message: string): AwsError;
  /** The resource ARN an IAM or SCP denial of this operation names. */
  resource(ctx: ServiceContext, operation: string): string;
  /** Throws the service's own answer when it is off for the caller here (e.g. Macie not enabled). */
  requireOn?(ctx: ServiceContext, route: Route): void;
  /** Where the service reads a NextToken (the query for GET listings, the body for Detective's POSTs). */
  nextPage(query: Query, body: Record<string, unknown>): boolean;
}

export interface ServiceDeps {
  state: EmulatorState;
  faults: FaultInjector;
}

export function operationOf(def: RestServiceDef, method: string, path: string): string | null {
  return def.routes.match(method, path)?.route.operation ?? null;
}

export async function handleRestService(
  def: RestServiceDef,
  r: EmulatorRequest,
  res: ServerResponse,
  deps: ServiceDeps,
): Promise<Outcome> {
  const found = def.routes.match(r.method, r.path);
  const outcome: Outcome = {
    operation: found?.route.operation ?? 'Unknown',
    accountId: null,
    region: null,
    status: 200,
    errorCode: null,
  };
  try {
    if (!found) {
      throw new AwsError(404, 'UnknownOperationException', `No ${def.title} operation at ${r.method} ${r.path}.`);
    }
    const { operation } = found.route;
    const auth = await authenticate(deps.state, r, def.name);
    if (auth.auth) outcome.region = auth.auth.region;
    if (!auth.ok) throw authError(auth, 'rest-json');
    const { credential } = auth;
    const region = auth.auth.region;
    outcome.accountId = credential.accountId;
    if (!deps.state.regionEnabled(credential.accountId, region)) {
      throw new AwsError(403, 'UnrecognizedClientException', INVALID_TOKEN);
    }
    if (deps.faults.shouldThrottle(def.name, credential.accountId, region)) throw def.throttled();
    const body = parseJsonBody(r.body);
    outcome.nextPage = def.nextPage(r.query, body);
    const ctx: ServiceContext = {
      state: deps.state,
      credential,
      accountId: credential.accountId,
      region,
      query: r.query,
      body,
      params: found.params,
      now: new Date(),
    };
    checkAccess(def, ctx, operation);
    if (!found.route.whenOff) def.requireOn?.(ctx, found.route);
    const lost = deps.faults.lostReply(def.name, operation);
    if (lost === 'drop-unapplied') return dropped(r, outcome, 'RequestLost');
    const answer = found.route.handler(ctx);
    // Applied, then the connection goes: the client cannot tell whether AWS acted.
    if (lost === 'drop') return dropped(r, outcome, 'ReplyLost');
    if (lost === 'internal-error') throw def.internalError('Internal service error (after the change was applied).');
    // Applied, and the answer is slow to come: a client that dies meanwhile never hears of the change.
    const hold = deps.faults.heldReplyMs(def.name, operation);
    if (hold > 0) await new Promise((resolve) => setTimeout(resolve, hold));
    // A member-side read may answer from before the last write (Faults.staleReadsAfterWrite).
    sendJson(
      res,
      200,
      deps.faults.settledAnswer(def.name, operation, credential.accountId, region, answer),
      r.requestId,
    );
  } catch (error) {
    const e = error instanceof AwsError ? error : def.internalError('Internal error');
    if (!(error instanceof AwsError)) console.error(`emulator: ${def.title} handler failed`, error);
    outcome.status = e.status;
    outcome.errorCode = e.code;
    def.sendError(res, e, r.requestId);
  }
  return outcome;
}

function dropped(r: EmulatorRequest, outcome: Outcome, code: 'RequestLost' | 'ReplyLost'): Outcome {
  outcome.errorCode = code;
  outcome.status = 0;
  r.req.socket.destroy();
  return outcome;
}

/**
 * The organization's service control policy first, then the principal's own policy: both are
 * explicit denies (AccessDeniedException 403) whose text names the policy type. STS is not routed
 * here, so a region-deny SCP never blocks it (README, "Service control policies").
 */
function checkAccess(def: RestServiceDef, ctx: ServiceContext, operation: string): void {
  const action = `${def.name}:${operation}`;
  const scp = ctx.state.scpDenial(ctx.accountId, ctx.region, def.name);
  if (scp) {
    const message = scpDenyMessage(ctx.credential.arn, action, def.resource(ctx, operation), scp.policyArn);
    throw new AwsError(403, 'AccessDeniedException', message);
  }
  if (ctx.credential.deniedActions.has(action)) {
    throw new AwsError(
      403,
      'AccessDeniedException',
      identityDenyMessage(ctx.credential.arn, action, def.resource(ctx, operation)),
    );
  }
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
