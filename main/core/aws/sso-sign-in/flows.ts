/**
 * The two sign-in flows, each ending in CreateToken, with the SDK's own SSO-OIDC client:
 *   - browser: authorization code with PKCE (RFC 7636, S256) and a loopback redirect, the AWS CLI
 *     v2's default (botocore SSOTokenFetcherAuth): the /authorize URL is the SSO-OIDC endpoint +
 *     "/authorize" with response_type, client_id, redirect_uri, state, code_challenge_method, scopes
 *     (space-separated) and code_challenge;
 *   - device-code: StartDeviceAuthorization, then CreateToken every `interval` seconds until the
 *     user approves, with 5 s more after each slow_down (RFC 8628 §3.5), until `expiresIn`. Neither
 *     number is taken as it comes: the interval is never under 5 s and the wait never over 15 minutes
 *     (MIN_INTERVAL_S, MAX_CODE_WAIT_S), so a server that answers 0 or "thirty years" cannot make the
 *     app poll in a tight loop or keep a sign-in open for ever.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { CreateTokenCommand, type SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { AppErrorException, appError } from '../../../domain/errors';
import { cancelled, openLoopback } from './loopback';
import { DEFAULT_SCOPE, type Registration } from './registration';
import { signInOrigins } from './sign-in-pages';
import type { SignInTarget } from './targets';

/**
 * The wait between two polls of a code sign-in (every 5 s or more, for up to 10 minutes). Node's own
 * abortable timer: it lets go of its abort listener when the time is up, where a listener added per
 * poll stayed on the sign-in's signal until the sign-in ended.
 */
export const pollWait = (ms: number, signal: AbortSignal): Promise<void> => delay(ms, undefined, { signal });

export type PendingSignIn =
  | { flow: 'browser'; url: string; opened: boolean }
  | {
      flow: 'device-code';
      userCode: string;
      verificationUri: string;
      verificationUriComplete: string;
      expiresAt: string;
      opened: boolean;
    };

export interface SignInPorts {
  now(): number;
  /** Waits; rejects when the signal aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Opens the page in the user's browser if its origin is one of `allowedOrigins`; false when it did not. */
  openBrowser(url: string, allowedOrigins: readonly string[]): Promise<boolean>;
  /** The sign-in waits for the user: show the code, or "continue in your browser". */
  onPending(pending: PendingSignIn): void;
}

export interface FlowContext {
  target: SignInTarget;
  registration: Registration;
  oidc: SSOOIDCClient;
  /** The SSO-OIDC endpoint the client calls; the /authorize page lives there. */
  oidcBase: string;
  ports: SignInPorts;
  openBrowser: boolean;
  browserTimeoutMs: number;
  signal: AbortSignal;
}

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
  refreshToken: string | null;
}

/**
 * The least time between two polls: 5 s, the AWS CLI's default when the answer names no interval
 * (botocore SSOTokenFetcher._DEFAULT_INTERVAL) and RFC 8628 §3.2's. A server answering 0 made the
 * app poll thousands of times in seconds.
 */
const MIN_INTERVAL_S = 5;
const SLOW_DOWN_S = 5;
/** What AWS answers as expiresIn (10 minutes: the AWS CLI's note on _authorize_client), used when absent. */
const DEFAULT_CODE_LIFETIME_S = 600;
/**
 * The longest a code sign-in waits for its approval: 15 minutes, AWS's own 10 with room to spare
 * should AWS lengthen it, and still an end: a code nobody approved in a quarter of an hour is a
 * sign-in abandoned, and a server claiming years would otherwise keep the polling alive until the
 * app is closed.
 */
const MAX_CODE_WAIT_S = 15 * 60;
/** RFC 7636 §4.1: 43–128 characters of [A-Za-z0-9-._~]; 64 as the AWS CLI uses. */
const verifier = () => randomBytes(48).toString('base64url');

export async function browserFlow(ctx: FlowContext): Promise<IssuedToken> {
  const state = randomUUID();
  const loopback = await openLoopback(state);
  try {
    const codeVerifier = verifier();
    const url = new URL(`${ctx.oidcBase.replace(/\/+$/, '')}/authorize`);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', ctx.registration.clientId);
    url.searchParams.set('redirect_uri', loopback.redirectUri);
    url.searchParams.set('state', state);
    url.searchParams.set('code_challenge_method', 'S256');
    url.searchParams.set('scopes', (ctx.target.scopes ?? [DEFAULT_SCOPE]).join(' '));
    url.searchParams.set('code_challenge', createHash('sha256').update(codeVerifier).digest('base64url'));
    const opened =
      ctx.openBrowser && (await ctx.ports.openBrowser(url.href, signInOrigins(ctx.oidcBase, ctx.target.startUrl)));
    ctx.ports.onPending({ flow: 'browser', url: url.href, opened });
    const code = await loopback.code(ctx.browserTimeoutMs, ctx.signal);
    const answer = await ctx.oidc.send(
      new CreateTokenCommand({
        clientId: ctx.registration.clientId,
        clientSecret: ctx.registration.clientSecret,
        grantType: 'authorization_code',
        code,
        redirectUri: loopback.redirectUri,
        codeVerifier,
      }),
      { abortSignal: ctx.signal },
    );
    return issued(answer);
  } finally {
    loopback.close();
  }
}

export async function deviceFlow(ctx: FlowContext): Promise<IssuedToken> {
  const { ports, signal } = ctx;
  const start = await ctx.oidc.send(
    new StartDeviceAuthorizationCommand({
      clientId: ctx.registration.clientId,
      clientSecret: ctx.registration.clientSecret,
      startUrl: ctx.target.startUrl,
    }),
    { abortSignal: signal },
  );
  if (!start.deviceCode || !start.userCode || !start.verificationUri) {
    throw new Error('StartDeviceAuthorization answered without a device code, user code or verification URL.');
  }
  const lifetimeS = start.expiresIn && start.expiresIn > 0 ? start.expiresIn : DEFAULT_CODE_LIFETIME_S;
  const expiresAt = ports.now() + Math.min(lifetimeS, MAX_CODE_WAIT_S) * 1000;
  const complete = start.verificationUriComplete ?? start.verificationUri;
  const opened =
    ctx.openBrowser && (await ports.openBrowser(complete, signInOrigins(ctx.oidcBase, ctx.target.startUrl)));
  ports.onPending({
    flow: 'device-code',
    userCode: start.userCode,
    verificationUri: start.verificationUri,
    verificationUriComplete: complete,
    expiresAt: new Date(expiresAt).toISOString(),
    opened,
  });
  let intervalS = Math.max(start.interval ?? MIN_INTERVAL_S, MIN_INTERVAL_S);
  for (;;) {
    if (signal.aborted) throw cancelled();
    if (ports.now() >= expiresAt) throw expired();
    try {
      const answer = await ctx.oidc.send(
        new CreateTokenCommand({
          clientId: ctx.registration.clientId,
          clientSecret: ctx.registration.clientSecret,
          grantType: 'urn:ietf:params:oauth:grant-type:device_code',
          deviceCode: start.deviceCode,
        }),
        { abortSignal: signal },
      );
      return issued(answer);
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (signal.aborted) throw cancelled();
      if (name === 'SlowDownException') intervalS += SLOW_DOWN_S;
      else if (name === 'ExpiredTokenException') throw expired();
      else if (name === 'AccessDeniedException') throw denied();
      else if (name !== 'AuthorizationPendingException') throw error;
    }
    // Never past the end: an interval longer than the time left ends the sign-in when the code does.
    const wait = Math.min(intervalS * 1000, Math.max(0, expiresAt - ports.now()));
    await ports.sleep(wait, signal).catch(() => {
      throw cancelled();
    });
  }
}

function issued(answer: { accessToken?: string; expiresIn?: number; refreshToken?: string }): IssuedToken {
  if (!answer.accessToken || !answer.expiresIn) throw new Error('CreateToken answered without an access token.');
  return { accessToken: answer.accessToken, expiresIn: answer.expiresIn, refreshToken: answer.refreshToken ?? null };
}

const expired = () =>
  new AppErrorException(
    appError('sign-in-needed', 'The sign-in code expired before it was approved.', {
      remediation: 'Sign in again and approve the request within the time shown.',
      retryable: true,
    }),
  );
const denied = () => new AppErrorException(appError('access-denied', 'The sign-in was denied.', { retryable: true }));
