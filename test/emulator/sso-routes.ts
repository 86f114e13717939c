/**
 * The SSO portal's GetRoleCredentials: GET /federation/credentials?account_id=&role_name=, unsigned,
 * authorised by the `x-amz-sso_bearer_token` header (the access token from the SSO cache); its
 * ListAccounts and ListAccountRoles (sso-portal-lists.ts) and Logout.
 */
import type { ServerResponse } from 'node:http';
import { AwsError, type EmulatorRequest, firstValue, type Outcome, sendJson, sendJsonError } from './http-util';
import { listAccountRoles, listAccounts, SSO_ACCOUNTS_PATH, SSO_ROLES_PATH } from './sso-portal-lists';
import type { EmulatorState, SsoTokenState } from './state';

export const SSO_PATH = '/federation/credentials';
/** Every path the portal answers (the routing table sends them all here). */
export const SSO_PORTAL_PATHS = new Set([SSO_PATH, '/logout', SSO_ACCOUNTS_PATH, SSO_ROLES_PATH]);

/** The operation a portal path names (for the request log). */
export function ssoOperation(path: string): string {
  if (path === SSO_ACCOUNTS_PATH) return 'ListAccounts';
  if (path === SSO_ROLES_PATH) return 'ListAccountRoles';
  return path === SSO_LOGOUT_PATH ? 'Logout' : 'GetRoleCredentials';
}

function sessionOf(r: EmulatorRequest, state: EmulatorState): SsoTokenState {
  const header = r.req.headers['x-amz-sso_bearer_token'];
  const session = typeof header === 'string' ? state.ssoTokens.get(header) : undefined;
  if (!session || session.expiresAt <= Date.now()) {
    throw new AwsError(401, 'UnauthorizedException', 'Session token not found or invalid');
  }
  return session;
}
/** The portal's Logout (POST /logout, the same bearer header; @aws-sdk/client-sso's model). */
export const SSO_LOGOUT_PATH = '/logout';
const ROLE_CREDENTIALS_SECONDS = 3600;

export function handleSso(r: EmulatorRequest, res: ServerResponse, state: EmulatorState): Outcome {
  const outcome: Outcome = {
    operation: ssoOperation(r.path),
    accountId: null,
    region: null,
    status: 200,
    errorCode: null,
  };
  try {
    if (r.path === SSO_LOGOUT_PATH) return logout(r, res, state, outcome);
    if (r.method !== 'GET') throw new AwsError(404, 'ResourceNotFoundException', 'Not found');
    if (r.path === SSO_ACCOUNTS_PATH || r.path === SSO_ROLES_PATH) {
      const session = sessionOf(r, state);
      outcome.nextPage = Boolean(firstValue(r.query, 'next_token'));
      const body = r.path === SSO_ACCOUNTS_PATH ? listAccounts(r, state, session) : listAccountRoles(r, session);
      sendJson(res, 200, body, r.requestId);
      return outcome;
    }
    const accountId = firstValue(r.query, 'account_id');
    const roleName = firstValue(r.query, 'role_name');
    if (!accountId || !/^\d{12}$/.test(accountId)) {
      throw new AwsError(400, 'InvalidRequestException', 'account_id is required');
    }
    if (!roleName) throw new AwsError(400, 'InvalidRequestException', 'role_name is required');
    const session = sessionOf(r, state);
    outcome.accountId = accountId;
    if (!session.grants.has(`${accountId}/${roleName}`)) {
      throw new AwsError(403, 'ForbiddenException', 'No access');
    }
    const cred = state.issueTemporary(
      {
        accountId,
        arn: `arn:aws:sts::${accountId}:assumed-role/AWSReservedSSO_${roleName}_0123456789abcdef/sso-user`,
        userId: `AROASSO${accountId}:sso-user`,
        mfaAuthenticated: true,
        deniedActions: new Set(),
      },
      ROLE_CREDENTIALS_SECONDS,
    );
    sendJson(
      res,
      200,
      {
        roleCredentials: {
          accessKeyId: cred.accessKeyId,
          secretAccessKey: cred.secretAccessKey,
          sessionToken: cred.sessionToken,
          expiration: cred.expiresAt,
        },
      },
      r.requestId,
    );
  } catch (error) {
    const e = error instanceof AwsError ? error : new AwsError(500, 'InternalException', 'Internal error');
    outcome.status = e.status;
    outcome.errorCode = e.code;
    sendJsonError(res, e, r.requestId);
  }
  return outcome;
}

/**
 * Logout ends the portal session of the token: the token (and every token of that session's
 * refresh grant) stops working. A bad or expired token → UnauthorizedException 401, as for
 * GetRoleCredentials (the Logout API reference lists UnauthorizedException).
 */
function logout(r: EmulatorRequest, res: ServerResponse, state: EmulatorState, outcome: Outcome): Outcome {
  outcome.operation = 'Logout';
  const header = r.req.headers['x-amz-sso_bearer_token'];
  const token = typeof header === 'string' ? header : '';
  const session = state.ssoTokens.get(token);
  if (r.method !== 'POST' || !session || session.expiresAt <= Date.now()) {
    const e =
      r.method !== 'POST'
        ? new AwsError(404, 'ResourceNotFoundException', 'Not found')
        : new AwsError(401, 'UnauthorizedException', 'Session token not found or invalid');
    outcome.status = e.status;
    outcome.errorCode = e.code;
    sendJsonError(res, e, r.requestId);
    return outcome;
  }
  state.ssoTokens.delete(token);
  res.writeHead(200, { 'content-length': 0, 'x-amzn-requestid': r.requestId });
  res.end();
  return outcome;
}
