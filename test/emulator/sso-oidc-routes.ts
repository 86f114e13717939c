/**
 * SSO-OIDC (restJson1, unsigned: RegisterClient, StartDeviceAuthorization and CreateToken have no
 * auth in the @aws-sdk/client-sso-oidc model): POST /client/register, POST /device_authorization and
 * POST /token with the device_code, authorization_code (PKCE) and refresh_token grants. The browser
 * step of the PKCE flow (GET /authorize) is in sso-oidc-authorize.ts. Errors carry the model's
 * status and code (x-amzn-errortype) and the OAuth `error` / `error_description` body fields the
 * model declares. Sources are in README.md.
 */
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { AwsError, type EmulatorRequest, type Outcome, sendErrorBody, sendJson } from './http-util';
import type { SignInState, SsoClientRegistration } from './sso-sign-in';
import type { EmulatorState, SsoRefreshState } from './state';

export const SSO_OIDC_PATHS = {
  '/token': 'CreateToken',
  '/client/register': 'RegisterClient',
  '/device_authorization': 'StartDeviceAuthorization',
} as const;
export type SsoOidcPath = keyof typeof SSO_OIDC_PATHS;
export const isSsoOidcPath = (path: string): path is SsoOidcPath => Object.hasOwn(SSO_OIDC_PATHS, path);

/** The OAuth error names of RFC 6749 §5.2 / RFC 8628 §3.5 for each exception. */
const OAUTH_ERROR: Record<string, string> = {
  AuthorizationPendingException: 'authorization_pending',
  SlowDownException: 'slow_down',
  ExpiredTokenException: 'expired_token',
  AccessDeniedException: 'access_denied',
  InvalidGrantException: 'invalid_grant',
  InvalidClientException: 'invalid_client',
  UnauthorizedClientException: 'unauthorized_client',
  UnsupportedGrantTypeException: 'unsupported_grant_type',
  InvalidRequestException: 'invalid_request',
  InvalidScopeException: 'invalid_scope',
  InvalidRedirectUriException: 'invalid_redirect_uri',
  InvalidClientMetadataException: 'invalid_client_metadata',
  InternalServerException: 'server_error',
};

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

const registerBody = z.object({
  clientName: z.string().min(1),
  clientType: z.string().min(1),
  scopes: z.array(z.string()).optional(),
  redirectUris: z.array(z.string()).optional(),
  grantTypes: z.array(z.string()).optional(),
  issuerUrl: z.string().optional(),
});
const deviceBody = z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1), startUrl: z.string() });
const tokenBody = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  grantType: z.string().min(1),
  deviceCode: z.string().optional(),
  code: z.string().optional(),
  refreshToken: z.string().optional(),
  redirectUri: z.string().optional(),
  codeVerifier: z.string().optional(),
});

function parseBody<T>(r: EmulatorRequest, schema: z.ZodType<T>, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(r.body.toString('utf8') || '{}');
  } catch {
    throw new AwsError(400, 'InvalidRequestException', 'Malformed request body');
  }
  const input = schema.safeParse(json);
  if (!input.success) throw new AwsError(400, 'InvalidRequestException', `${what} are required`);
  return input.data;
}

export function handleSsoOidc(r: EmulatorRequest, res: ServerResponse, state: EmulatorState): Outcome {
  const operation = isSsoOidcPath(r.path) ? SSO_OIDC_PATHS[r.path] : 'CreateToken';
  const outcome: Outcome = { operation, accountId: null, region: null, status: 200, errorCode: null };
  try {
    if (r.method !== 'POST') throw new AwsError(404, 'ResourceNotFoundException', 'Not found');
    const answer =
      operation === 'RegisterClient'
        ? registerClient(r, state.signIn)
        : operation === 'StartDeviceAuthorization'
          ? startDeviceAuthorization(r, state.signIn)
          : createToken(r, state);
    sendJson(res, 200, answer, r.requestId);
  } catch (error) {
    const e = error instanceof AwsError ? error : new AwsError(500, 'InternalServerException', 'Internal error');
    outcome.status = e.status;
    outcome.errorCode = e.code;
    sendOidcError(res, e, r.requestId);
  }
  return outcome;
}

export function sendOidcError(res: ServerResponse, error: AwsError, requestId: string): void {
  const body = { error: OAUTH_ERROR[error.code] ?? 'invalid_request', error_description: error.message };
  sendErrorBody(res, error, body, requestId);
}

function registerClient(r: EmulatorRequest, signIn: SignInState) {
  const input = parseBody(r, registerBody, 'clientName and clientType');
  if (input.clientType !== 'public') {
    throw new AwsError(400, 'InvalidClientMetadataException', 'clientType must be public');
  }
  const grantTypes = input.grantTypes ?? [DEVICE_GRANT, 'refresh_token'];
  const redirectUris = input.redirectUris ?? [];
  if (grantTypes.includes('authorization_code')) {
    // The AWS CLI registers http://127.0.0.1/oauth/callback without a port and then redirects to
    // a random port: loopback redirect URIs match on everything but the port (RFC 8252 §7.3).
    if (redirectUris.length === 0 || !redirectUris.every(isLoopbackUri)) {
      throw new AwsError(400, 'InvalidRedirectUriException', 'Redirect URIs must be loopback http URIs');
    }
    if (!input.issuerUrl) throw new AwsError(400, 'InvalidRequestException', 'issuerUrl is required');
  }
  const registration = signIn.register({
    clientName: input.clientName,
    scopes: input.scopes ?? [],
    grantTypes,
    redirectUris,
    issuerUrl: input.issuerUrl ?? null,
  });
  return {
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    clientIdIssuedAt: Math.floor(Date.now() / 1000),
    clientSecretExpiresAt: Math.floor(registration.expiresAt / 1000),
  };
}

function isLoopbackUri(uri: string): boolean {
  try {
    const u = new URL(uri);
    return u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === '[::1]');
  } catch {
    return false;
  }
}

/** The registration a request names, with its secret checked; InvalidClientException otherwise. */
export function clientOf(signIn: SignInState, clientId: string, clientSecret: string | null): SsoClientRegistration {
  const client = signIn.clients.get(clientId);
  if (!client || (clientSecret !== null && client.clientSecret !== clientSecret)) {
    throw new AwsError(401, 'InvalidClientException', 'Invalid client provided');
  }
  if (client.expiresAt <= Date.now())
    throw new AwsError(401, 'InvalidClientException', 'Client registration has expired');
  return client;
}

function startDeviceAuthorization(r: EmulatorRequest, signIn: SignInState) {
  const input = parseBody(r, deviceBody, 'clientId, clientSecret and startUrl');
  const client = clientOf(signIn, input.clientId, input.clientSecret);
  if (!client.grantTypes.includes(DEVICE_GRANT)) {
    // Why the AWS CLI never reuses an authorization_code registration for the device flow.
    throw new AwsError(400, 'UnauthorizedClientException', 'Client is not authorized for the device code grant');
  }
  const device = signIn.startDevice(client.clientId, input.startUrl);
  const base = input.startUrl.replace(/\/+$/, '');
  return {
    deviceCode: device.deviceCode,
    userCode: device.userCode,
    verificationUri: `${base}/#/device`,
    verificationUriComplete: `${base}/#/device?user_code=${device.userCode}`,
    expiresIn: signIn.settings.deviceCodeSeconds,
    interval: signIn.settings.intervalSeconds,
  };
}

function createToken(r: EmulatorRequest, state: EmulatorState) {
  const input = parseBody(r, tokenBody, 'clientId, clientSecret and grantType');
  const client = clientOf(state.signIn, input.clientId, input.clientSecret);
  if (!client.grantTypes.includes(input.grantType)) {
    if ([DEVICE_GRANT, 'authorization_code', 'refresh_token'].includes(input.grantType)) {
      throw new AwsError(400, 'UnauthorizedClientException', 'Client is not authorized for this grant type');
    }
    throw new AwsError(400, 'UnsupportedGrantTypeException', 'Unsupported grant type');
  }
  if (input.grantType === DEVICE_GRANT) return deviceToken(input.deviceCode, client, state);
  if (input.grantType === 'authorization_code') return codeToken(input, client, state);
  return refreshToken(input.refreshToken, client, state);
}

function deviceToken(deviceCode: string | undefined, client: SsoClientRegistration, state: EmulatorState) {
  const device = deviceCode ? state.signIn.devices.get(deviceCode) : undefined;
  if (!device || device.clientId !== client.clientId || device.used) {
    throw new AwsError(400, 'InvalidGrantException', 'Invalid grant provided');
  }
  const now = Date.now();
  if (device.expiresAt <= now) throw new AwsError(400, 'ExpiredTokenException', 'Device code has expired');
  if (device.answer === 'denied') throw new AwsError(400, 'AccessDeniedException', 'Authorization was denied');
  const tooSoon = device.lastPollAt !== null && now - device.lastPollAt < device.intervalMs;
  device.lastPollAt = now;
  // RFC 8628 §3.5: polling faster than the interval gets slow_down (before any other answer).
  if (tooSoon) throw new AwsError(400, 'SlowDownException', 'Client is polling too fast');
  if (device.answer === 'pending') {
    throw new AwsError(400, 'AuthorizationPendingException', 'Authorization is still pending');
  }
  device.used = true;
  return issueToken(device.startUrl, client, state);
}

function codeToken(input: z.infer<typeof tokenBody>, client: SsoClientRegistration, state: EmulatorState) {
  const grant = input.code ? state.signIn.codes.get(input.code) : undefined;
  if (!grant || grant.clientId !== client.clientId)
    throw new AwsError(400, 'InvalidGrantException', 'Invalid grant provided');
  // An authorization code is used once (RFC 6749 §4.1.2), whatever happens next.
  state.signIn.codes.delete(input.code!);
  if (grant.expiresAt <= Date.now()) throw new AwsError(400, 'InvalidGrantException', 'Authorization code has expired');
  if (input.redirectUri !== grant.redirectUri) {
    throw new AwsError(400, 'InvalidGrantException', 'redirectUri does not match the authorization request');
  }
  // PKCE S256 (RFC 7636 §4.6): BASE64URL(SHA256(code_verifier)) without padding = code_challenge.
  const challenge = createHash('sha256')
    .update(input.codeVerifier ?? '')
    .digest('base64url');
  if (!input.codeVerifier || challenge !== grant.codeChallenge) {
    throw new AwsError(400, 'InvalidGrantException', 'Code verifier does not match the code challenge');
  }
  return issueToken(grant.startUrl, client, state);
}

function refreshToken(token: string | undefined, client: SsoClientRegistration | null, state: EmulatorState) {
  const grant = token ? state.ssoRefreshTokens.get(token) : undefined;
  if (!grant || (client && grant.clientId !== client.clientId)) {
    throw new AwsError(400, 'InvalidGrantException', 'Invalid grant provided');
  }
  // Rotate: the old refresh token is spent (not documented; chosen because the SDK writes back
  // whatever refreshToken the answer carries, so rotation is the stricter case to test).
  state.ssoRefreshTokens.delete(token!);
  return mintToken(grant, state, true);
}

function issueToken(startUrl: string, client: SsoClientRegistration, state: EmulatorState) {
  const portal = state.grantsOfStartUrl(startUrl);
  if (!portal) throw new AwsError(400, 'InvalidGrantException', 'Unknown start URL');
  // A refresh token comes with a registration that has scopes or the refresh_token grant: the
  // AWS CLI gets none for legacy profiles (no sso_registration_scopes), so their sign-in expires.
  const refreshable = client.scopes.length > 0 || client.grantTypes.includes('authorization_code');
  const grant: SsoRefreshState = {
    session: portal.session,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    registrationExpiresAt: client.expiresAt,
    grants: portal.grants,
  };
  return mintToken(grant, state, refreshable);
}

function mintToken(grant: SsoRefreshState, state: EmulatorState, refreshable: boolean) {
  const seconds = state.signIn.settings.accessTokenSeconds;
  const accessToken = `emulator-access-${grant.session}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  state.ssoTokens.set(accessToken, {
    session: grant.session,
    expiresAt: Date.now() + seconds * 1000,
    grants: grant.grants,
  });
  const answer: Record<string, unknown> = { accessToken, tokenType: 'Bearer', expiresIn: seconds };
  if (refreshable) {
    const next = `emulator-refresh-${grant.session}-${Math.random().toString(36).slice(2)}`;
    state.ssoRefreshTokens.set(next, grant);
    answer.refreshToken = next;
  }
  return answer;
}
