/**
 * The browser step of the authorization code flow with PKCE: GET /authorize?response_type=code&
 * client_id=&redirect_uri=&state=&code_challenge_method=S256&code_challenge=&scopes= on the SSO-OIDC
 * host, as the AWS CLI v2 builds it (botocore SSOTokenFetcherAuth._get_authorization_uri: the
 * endpoint of the sso-oidc client + "/authorize"). On AWS this page signs the user in to the portal
 * and asks for consent; here the answer comes from the control API (or at once, with autoApprove),
 * and the held request then redirects to redirect_uri with `code` and `state`, or with
 * `error=access_denied` and `state` on denial (RFC 6749 §4.1.2 and §4.1.2.1).
 */
import type { ServerResponse } from 'node:http';
import { AwsError, type EmulatorRequest, firstValue, type Outcome } from './http-util';
import { clientOf } from './sso-oidc-routes';
import type { BrowserAuthorization } from './sso-sign-in';
import type { EmulatorState } from './state';

export const AUTHORIZE_PATH = '/authorize';

export function handleAuthorize(r: EmulatorRequest, res: ServerResponse, state: EmulatorState): Outcome {
  const outcome: Outcome = { operation: 'Authorize', accountId: null, region: null, status: 302, errorCode: null };
  try {
    if (r.method !== 'GET') throw new AwsError(404, 'ResourceNotFoundException', 'Not found');
    const value = (key: string) => firstValue(r.query, key) ?? '';
    if (value('response_type') !== 'code')
      throw new AwsError(400, 'InvalidRequestException', 'response_type must be code');
    if (value('code_challenge_method') !== 'S256' || !/^[\w-]{43}$/.test(value('code_challenge'))) {
      throw new AwsError(400, 'InvalidRequestException', 'A S256 code_challenge is required');
    }
    if (!value('state')) throw new AwsError(400, 'InvalidRequestException', 'state is required');
    const client = clientOf(state.signIn, value('client_id'), null);
    const redirectUri = value('redirect_uri');
    if (!client.redirectUris.some((registered) => sameButPort(registered, redirectUri))) {
      throw new AwsError(400, 'InvalidRedirectUriException', 'redirect_uri was not registered');
    }
    const browser = state.signIn.startBrowser({
      clientId: client.clientId,
      startUrl: client.issuerUrl ?? '',
      redirectUri,
      state: value('state'),
      codeChallenge: value('code_challenge'),
      scopes: value('scopes').split(' ').filter(Boolean),
    });
    if (browser.answer !== 'pending') redirect(res, browser, browser.answer, state);
    else browser.settle = (answer) => redirect(res, browser, answer, state);
  } catch (error) {
    const e = error instanceof AwsError ? error : new AwsError(500, 'InternalServerException', 'Internal error');
    outcome.status = e.status;
    outcome.errorCode = e.code;
    // A browser page, not an API answer: the user reads it.
    const text = `<!doctype html><title>Sign-in failed</title><p>${e.code}: ${e.message}</p>`;
    res.writeHead(e.status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }
  return outcome;
}

/** Loopback redirect URIs match with any port (RFC 8252 §7.3); everything else must be equal. */
function sameButPort(registered: string, actual: string): boolean {
  try {
    const a = new URL(registered);
    const b = new URL(actual);
    return a.protocol === b.protocol && a.hostname === b.hostname && a.pathname === b.pathname && a.search === b.search;
  } catch {
    return false;
  }
}

function redirect(
  res: ServerResponse,
  browser: BrowserAuthorization,
  answer: 'approved' | 'denied',
  state: EmulatorState,
) {
  if (res.writableEnded || res.destroyed) return;
  const target = new URL(browser.redirectUri);
  if (answer === 'approved') target.searchParams.set('code', state.signIn.issueCode(browser));
  else {
    target.searchParams.set('error', 'access_denied');
    target.searchParams.set('error_description', 'The user denied the authorization request');
  }
  target.searchParams.set('state', browser.state);
  res.writeHead(302, { location: target.href, 'content-length': 0 });
  res.end();
}
