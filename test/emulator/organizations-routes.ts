/**
 * AWS Organizations (organizations/2016-11-28): the JSON 1.1 protocol — every call is `POST /` with
 * `X-Amz-Target: AWSOrganizationsV20161128.<Operation>` and an `application/x-amz-json-1.1` body,
 * errors as `{ "__type": code, "Message": … }` (the model's metadata: protocol json, jsonVersion 1.1,
 * targetPrefix). A global service: botocore's endpoints.json gives one endpoint,
 * organizations.us-east-1.amazonaws.com, signed for us-east-1; the emulator accepts any region in the
 * credential scope, because an SDK given an endpoint signs with its own region. Service control
 * policies are not applied here (the region-deny SCP AWS publishes exempts organizations:*), nor
 * throttling. Read operations: DescribeOrganization, ListAccounts, DescribeAccount,
 * ListDelegatedAdministrators (organizations-reads.ts).
 */
import type { ServerResponse } from 'node:http';
import { AwsError, type EmulatorRequest, type Outcome } from './http-util';
import { authError, authenticate } from './identity';
import { ORGANIZATIONS_READS, type OrgContext, orgError } from './organizations-reads';
import type { EmulatorState } from './state';

export const ORGANIZATIONS_TARGET_PREFIX = 'AWSOrganizationsV20161128.';
const JSON_11 = 'application/x-amz-json-1.1';

/** The operation an X-Amz-Target names, or null when the header is not Organizations'. */
export function organizationsOperation(r: EmulatorRequest): string | null {
  const target = r.req.headers['x-amz-target'];
  return typeof target === 'string' && target.startsWith(ORGANIZATIONS_TARGET_PREFIX)
    ? target.slice(ORGANIZATIONS_TARGET_PREFIX.length)
    : null;
}

function send(res: ServerResponse, status: number, body: unknown, requestId: string, errorCode?: string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': JSON_11,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
    ...(errorCode ? { 'x-amzn-errortype': errorCode } : {}),
  });
  res.end(text);
}

/** An error in JSON 1.1's framing: the code in `__type` (and X-Amzn-ErrorType), Organizations' `Message` member. */
export function sendOrganizationsError(res: ServerResponse, e: AwsError, requestId: string): void {
  const reason = (e as AwsError & { reason?: string }).reason;
  send(res, e.status, { __type: e.code, Message: e.message, ...(reason ? { Reason: reason } : {}) }, requestId, e.code);
}

function parseBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new AwsError(400, 'SerializationException', 'The request body is not a JSON object.');
}

export async function handleOrganizations(
  r: EmulatorRequest,
  res: ServerResponse,
  state: EmulatorState,
): Promise<Outcome> {
  const operation = organizationsOperation(r) ?? 'Unknown';
  const outcome: Outcome = { operation, accountId: null, region: null, status: 200, errorCode: null };
  try {
    const run = Object.hasOwn(ORGANIZATIONS_READS, operation) ? ORGANIZATIONS_READS[operation] : undefined;
    if (r.method !== 'POST' || !run) {
      throw new AwsError(400, 'UnknownOperationException', `No Organizations operation ${operation}.`);
    }
    const auth = await authenticate(state, r, 'organizations');
    if (auth.auth) outcome.region = auth.auth.region;
    if (!auth.ok) throw authError(auth, 'rest-json');
    const { credential } = auth;
    outcome.accountId = credential.accountId;
    const body = parseBody(r.body);
    outcome.nextPage = typeof body.NextToken === 'string' && body.NextToken.length > 0;
    const org = state.organization;
    // "Your account isn't a member of an organization" (the model); the text as real runs print it:
    // "AWSOrganizationsNotInUseException … Your account is not a member of an organization."
    // (cloud-custodian/cloud-custodian#8106; ListAccounts too, duo-labs/cloudmapper#733; HTTP 400,
    // nozaq/terraform-aws-secure-baseline#70).
    if (!org?.has(credential.accountId)) {
      throw orgError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
    }
    const ctx: OrgContext = { state, org, credential, accountId: credential.accountId, body, now: new Date() };
    send(res, 200, run(ctx), r.requestId);
  } catch (error) {
    const e = error instanceof AwsError ? error : new AwsError(500, 'ServiceException', 'Internal error');
    if (!(error instanceof AwsError)) console.error('emulator: Organizations handler failed', error);
    outcome.status = e.status;
    outcome.errorCode = e.code;
    sendOrganizationsError(res, e, r.requestId);
  }
  return outcome;
}
