/**
 * STS over the query protocol: form-encoded POST / (or GET with a query string), XML replies, and
 * XML <ErrorResponse> errors with STS's own codes. GetCallerIdentity, AssumeRole, GetSessionToken.
 */
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { AwsError, type EmulatorRequest, type Outcome, parseQuery, sendXml, xmlEscape } from './http-util';
import { authError, authenticate } from './identity';
import { checkMfaCode, MFA_INVALID_CODE, MFA_UNKNOWN_DEVICE } from './mfa';
import type { Credential, EmulatorState } from './state';
import { assumeRoleWithWebIdentity } from './sts-web-identity';

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

type Params = Record<string, string>;

/** Form body and query string together, the way STS reads them. */
export function stsParams(r: EmulatorRequest): Params {
  const out: Params = {};
  const merge = (q: Record<string, string | string[]>) => {
    for (const [k, v] of Object.entries(q)) out[k] = Array.isArray(v) ? v[0]! : v;
  };
  merge(r.query);
  if (r.body.length) merge(parseQuery(r.body.toString('utf8').replace(/\+/g, '%20')));
  return out;
}

const validation = (field: string, constraint: string) =>
  new AwsError(
    400,
    'ValidationError',
    `1 validation error detected: Value at '${field}' failed to satisfy constraint: ${constraint}`,
  );

const accessDenied = (message: string) => new AwsError(403, 'AccessDenied', message);

function durationSeconds(p: Params, min: number, max: number, fallback: number): number {
  if (p.DurationSeconds === undefined) return fallback;
  const n = Number(p.DurationSeconds);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw validation('durationSeconds', `Member must have value between ${min} and ${max}`);
  }
  return n;
}

/** Validates SerialNumber + TokenCode when given; true when a valid code was presented. */
function presentedMfa(state: EmulatorState, caller: Credential, p: Params): boolean {
  if (p.TokenCode === undefined && p.SerialNumber === undefined) return false;
  if (!p.SerialNumber) throw validation('serialNumber', 'Member must not be null when tokenCode is given');
  if (!p.TokenCode || !/^\d{6}$/.test(p.TokenCode)) {
    throw validation('tokenCode', 'Member must satisfy regular expression pattern: [\\d]*');
  }
  const verdict = checkMfaCode(state, caller.accountId, p.SerialNumber, p.TokenCode);
  if (verdict === 'unknown-device') throw accessDenied(MFA_UNKNOWN_DEVICE);
  if (verdict === 'invalid') throw accessDenied(MFA_INVALID_CODE);
  return true;
}

function credentialsXml(c: Credential): string {
  return `<Credentials><AccessKeyId>${c.accessKeyId}</AccessKeyId><SecretAccessKey>${xmlEscape(c.secretAccessKey)}</SecretAccessKey><SessionToken>${xmlEscape(c.sessionToken ?? '')}</SessionToken><Expiration>${new Date(c.expiresAt ?? Date.now()).toISOString()}</Expiration></Credentials>`;
}

function getCallerIdentity(_state: EmulatorState, caller: Credential): string {
  return `<GetCallerIdentityResult><Arn>${xmlEscape(caller.arn)}</Arn><UserId>${xmlEscape(caller.userId)}</UserId><Account>${caller.accountId}</Account></GetCallerIdentityResult>`;
}

function assumeRole(state: EmulatorState, caller: Credential, p: Params): string {
  const roleArn = p.RoleArn;
  const sessionName = p.RoleSessionName;
  if (!roleArn) throw validation('roleArn', 'Member must not be null');
  if (!sessionName || !/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    throw validation('roleSessionName', 'Member must satisfy regular expression pattern: [\\w+=,.@-]* and length 2-64');
  }
  const seconds = durationSeconds(p, 900, 43_200, 3600);
  const role = state.roles.get(roleArn);
  const denied = accessDenied(
    `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
  );
  if (!role?.trustedAccounts.has(caller.accountId)) throw denied;
  // Role chaining (an assumed-role session assuming another role) is capped at one hour.
  const cap = caller.arn.includes(':assumed-role/') ? 3600 : role.maxSessionSeconds;
  if (seconds > cap) {
    throw new AwsError(
      400,
      'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
  }
  const mfa = presentedMfa(state, caller, p) || caller.mfaAuthenticated;
  if (role.requireMfa && !mfa) throw denied;
  const roleId = `AROA${createHash('sha256').update(role.arn).digest('hex').slice(0, 17).toUpperCase()}`;
  const cred = state.issueTemporary(
    {
      accountId: role.accountId,
      arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${sessionName}`,
      userId: `${roleId}:${sessionName}`,
      mfaAuthenticated: mfa,
      deniedActions: new Set(role.deniedActions),
    },
    seconds,
  );
  return `<AssumeRoleResult><AssumedRoleUser><AssumedRoleId>${xmlEscape(cred.userId)}</AssumedRoleId><Arn>${xmlEscape(cred.arn)}</Arn></AssumedRoleUser>${credentialsXml(cred)}</AssumeRoleResult>`;
}

function getSessionToken(state: EmulatorState, caller: Credential, p: Params): string {
  if (caller.sessionToken !== null) throw accessDenied('Cannot call GetSessionToken with session credentials');
  const seconds = durationSeconds(p, 900, 129_600, 43_200);
  const mfa = presentedMfa(state, caller, p);
  const cred = state.issueTemporary(
    {
      accountId: caller.accountId,
      arn: caller.arn,
      userId: caller.userId,
      mfaAuthenticated: mfa,
      deniedActions: new Set(caller.deniedActions),
    },
    seconds,
  );
  return `<GetSessionTokenResult>${credentialsXml(cred)}</GetSessionTokenResult>`;
}

const ACTIONS: Record<string, (state: EmulatorState, caller: Credential, p: Params) => string> = {
  GetCallerIdentity: getCallerIdentity,
  AssumeRole: assumeRole,
  GetSessionToken: getSessionToken,
};

export function stsOperation(r: EmulatorRequest): string {
  return stsParams(r).Action ?? 'Unknown';
}

export async function handleSts(r: EmulatorRequest, res: ServerResponse, state: EmulatorState): Promise<Outcome> {
  const p = stsParams(r);
  const action = p.Action ?? 'Unknown';
  const outcome: Outcome = { operation: action, accountId: null, region: null, status: 200, errorCode: null };
  try {
    const run = ACTIONS[action];
    if (!run && action !== 'AssumeRoleWithWebIdentity') {
      throw new AwsError(
        400,
        'InvalidAction',
        `Could not find operation ${action} for version ${p.Version ?? 'NO_VERSION_SPECIFIED'}`,
      );
    }
    let result: string;
    if (action === 'AssumeRoleWithWebIdentity') {
      // Unsigned by design: the web identity token is the credential.
      result = assumeRoleWithWebIdentity(state, p, credentialsXml);
    } else {
      const auth = await authenticate(state, r, 'sts');
      if (auth.auth) outcome.region = auth.auth.region;
      if (!auth.ok) throw authError(auth, 'sts');
      outcome.accountId = auth.credential.accountId;
      result = run!(state, auth.credential, p);
    }
    const meta = `<ResponseMetadata><RequestId>${r.requestId}</RequestId></ResponseMetadata>`;
    sendXml(res, 200, `<${action}Response xmlns="${NS}">${result}${meta}</${action}Response>`, r.requestId);
  } catch (error) {
    const e = error instanceof AwsError ? error : new AwsError(500, 'InternalFailure', 'An internal error occurred.');
    if (!(error instanceof AwsError)) console.error('emulator: STS handler failed', error);
    outcome.status = e.status;
    outcome.errorCode = e.code;
    sendStsError(res, e, r.requestId);
  }
  return outcome;
}

/** The query protocol's XML error (STS's namespace unless another service's is given, e.g. IAM's). */
export function sendStsError(res: ServerResponse, e: AwsError, requestId: string, namespace = NS): void {
  const type = e.status >= 500 ? 'Receiver' : 'Sender';
  const xml = `<ErrorResponse xmlns="${namespace}"><Error><Type>${type}</Type><Code>${e.code}</Code><Message>${xmlEscape(e.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  sendXml(res, e.status, xml, requestId);
}
