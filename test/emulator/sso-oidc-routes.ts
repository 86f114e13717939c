/**
 * SSO-OIDC CreateToken with the refresh_token grant: POST /token, restJson1, unsigned (the
 * @aws-sdk/client-sso-oidc model: CreateToken has no auth). The SDK's fromSso token provider sends it
 * when the cached token is within 5 minutes of expiry (or past it). Sources are in README.md.
 */
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { AwsError, type EmulatorRequest, sendJson, sendJsonError } from './http-util';
import type { Outcome } from './securityhub-routes';
import type { EmulatorState } from './state';

export const SSO_OIDC_PATH = '/token';
/** Lifetime of a refreshed access token (not documented; chosen as the 1 hour `aws sso login` tokens show). */
const ACCESS_TOKEN_SECONDS = 3600;

const body = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  grantType: z.string().min(1),
  refreshToken: z.string().optional(),
});

export function handleSsoOidc(r: EmulatorRequest, res: ServerResponse, state: EmulatorState): Outcome {
  const outcome: Outcome = { operation: 'CreateToken', accountId: null, region: null, status: 200, errorCode: null };
  try {
    if (r.method !== 'POST') throw new AwsError(404, 'ResourceNotFoundException', 'Not found');
    let json: unknown;
    try {
      json = JSON.parse(r.body.toString('utf8') || '{}');
    } catch {
      throw new AwsError(400, 'InvalidRequestException', 'Malformed request body');
    }
    const input = body.safeParse(json);
    if (!input.success)
      throw new AwsError(400, 'InvalidRequestException', 'clientId, clientSecret and grantType are required');
    const { clientId, clientSecret, grantType, refreshToken } = input.data;
    if (grantType !== 'refresh_token')
      throw new AwsError(400, 'UnsupportedGrantTypeException', 'Unsupported grant type');
    const grant = refreshToken ? state.ssoRefreshTokens.get(refreshToken) : undefined;
    if (!grant || grant.clientId !== clientId)
      throw new AwsError(400, 'InvalidGrantException', 'Invalid grant provided');
    if (grant.clientSecret !== clientSecret)
      throw new AwsError(401, 'InvalidClientException', 'Invalid client provided');
    if (grant.registrationExpiresAt <= Date.now()) {
      throw new AwsError(401, 'InvalidClientException', 'Client registration has expired');
    }
    // Rotate: the old refresh token is spent (not documented; chosen because the SDK writes back
    // whatever refreshToken the answer carries, so rotation is the stricter case to test).
    state.ssoRefreshTokens.delete(refreshToken!);
    const suffix = Number(refreshToken!.split('-').pop()) + 1;
    const nextRefresh = `emulator-refresh-${grant.session}-${Number.isFinite(suffix) ? suffix : 1}`;
    state.ssoRefreshTokens.set(nextRefresh, grant);
    const accessToken = `emulator-access-${grant.session}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    state.ssoTokens.set(accessToken, {
      session: grant.session,
      expiresAt: Date.now() + ACCESS_TOKEN_SECONDS * 1000,
      grants: grant.grants,
    });
    sendJson(
      res,
      200,
      { accessToken, tokenType: 'Bearer', expiresIn: ACCESS_TOKEN_SECONDS, refreshToken: nextRefresh },
      r.requestId,
    );
  } catch (error) {
    const e = error instanceof AwsError ? error : new AwsError(500, 'InternalServerException', 'Internal error');
    outcome.status = e.status;
    outcome.errorCode = e.code;
    sendJsonError(res, e, r.requestId);
  }
  return outcome;
}
