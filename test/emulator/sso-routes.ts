/**
 * The SSO portal's GetRoleCredentials: GET /federation/credentials?account_id=&role_name=, unsigned,
 * authorised by the `x-amz-sso_bearer_token` header (the access token from the SSO cache).
 */
import type { ServerResponse } from 'node:http';
import { AwsError, type EmulatorRequest, firstValue, sendJson, sendJsonError } from './http-util';
import type { Outcome } from './securityhub-routes';
import type { EmulatorState } from './state';

export const SSO_PATH = '/federation/credentials';
const ROLE_CREDENTIALS_SECONDS = 3600;

export function handleSso(r: EmulatorRequest, res: ServerResponse, state: EmulatorState): Outcome {
  const outcome: Outcome = {
    operation: 'GetRoleCredentials',
    accountId: null,
    region: null,
    status: 200,
    errorCode: null,
  };
  try {
    if (r.method !== 'GET') throw new AwsError(404, 'ResourceNotFoundException', 'Not found');
    const accountId = firstValue(r.query, 'account_id');
    const roleName = firstValue(r.query, 'role_name');
    if (!accountId || !/^\d{12}$/.test(accountId)) {
      throw new AwsError(400, 'InvalidRequestException', 'account_id is required');
    }
    if (!roleName) throw new AwsError(400, 'InvalidRequestException', 'role_name is required');
    const header = r.req.headers['x-amz-sso_bearer_token'];
    const session = typeof header === 'string' ? state.ssoTokens.get(header) : undefined;
    if (!session || session.expiresAt <= Date.now()) {
      throw new AwsError(401, 'UnauthorizedException', 'Session token not found or invalid');
    }
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
