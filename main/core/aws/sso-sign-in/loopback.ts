/**
 * The loopback redirect of the authorization code flow (RFC 8252 §7.3): a Node http server on
 * 127.0.0.1 with a port the system picks, answering one path, /oauth/callback (the AWS CLI's
 * AuthCodeFetcher uses the same). It knows the sign-in's `state` from the start, so it takes the
 * redirect whenever it comes — even before the call that opened the browser has returned — and
 * tells the person at the browser what happened: signed in, denied, or an answer that is not this
 * sign-in's (a wrong or missing state, RFC 6749 §10.12: ignored, and the wait goes on).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppErrorException, appError } from '../../../domain/errors';
import { APP_NAME } from '../../../domain/ids';

export const CALLBACK_PATH = '/oauth/callback';
/** What the client registers: loopback redirect URIs match with any port (RFC 8252 §7.3). */
export const REDIRECT_URI_WITHOUT_PORT = `http://127.0.0.1${CALLBACK_PATH}`;

export interface Loopback {
  redirectUri: string;
  /** Resolves with the code of the redirect that carries the expected state (arrived already, or later). */
  code(timeoutMs: number, signal: AbortSignal): Promise<string>;
  close(): void;
}

type Redirect = { code: string } | { error: AppErrorException };

/** OAuth `error` values that mean the client registration was refused (RFC 6749 §4.1.2.1, §5.2). */
const REGISTRATION_ERRORS: Record<string, string> = {
  invalid_client: 'InvalidClientException',
  unauthorized_client: 'UnauthorizedClientException',
};

const page = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><h1>${title}</h1><p>${text}</p>`;

const NOT_OURS = page(
  'Sign-in failed',
  `This answer did not come from the sign-in this app started (its state is wrong or missing), so it was not used. If you are signing in to ${APP_NAME}, finish in the page the app opened.`,
);

function redirectOf(params: URLSearchParams): Redirect {
  const code = params.get('code');
  if (code) return { code };
  const error = params.get('error') ?? '';
  const refused = REGISTRATION_ERRORS[error];
  if (refused) {
    return {
      error: new AppErrorException(
        appError('sign-in-needed', 'IAM Identity Center refused the app’s client registration.', {
          awsCode: refused,
          retryable: true,
        }),
      ),
    };
  }
  const message =
    error === 'access_denied' ? 'The sign-in was denied in the browser.' : 'The browser sign-in did not complete.';
  return { error: new AppErrorException(appError('access-denied', message, { retryable: true })) };
}

function pageOf(redirect: Redirect): string {
  if ('code' in redirect) return page('Signed in', `Signed in. You can close this window and return to ${APP_NAME}.`);
  return page('Sign-in failed', `${redirect.error.appError.message} Return to ${APP_NAME} to try again.`);
}

export async function openLoopback(expectedState: string): Promise<Loopback> {
  let answered: Redirect | null = null;
  let deliver: ((redirect: Redirect) => void) | null = null;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const send = (body: string) =>
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
    if (url.searchParams.get('state') !== expectedState) return send(NOT_OURS);
    if (answered) {
      return send(page('Sign-in already answered', `This sign-in has its answer. Return to ${APP_NAME}.`));
    }
    answered = redirectOf(url.searchParams);
    send(pageOf(answered));
    deliver?.(answered);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const close = () => {
    server.close();
    server.closeAllConnections();
  };
  return {
    redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`,
    close,
    code: (timeoutMs, signal) =>
      new Promise<string>((resolve, reject) => {
        const settle = (redirect: Redirect) => {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          deliver = null;
          if ('code' in redirect) resolve(redirect.code);
          else reject(redirect.error);
        };
        const onAbort = () => settle({ error: cancelled() });
        const timer = setTimeout(
          () =>
            settle({
              error: new AppErrorException(
                appError('timeout', 'The browser sign-in was not completed in time.', {
                  remediation: 'Sign in again, or use a code instead (device code).',
                  retryable: true,
                }),
              ),
            }),
          timeoutMs,
        );
        if (signal.aborted) return onAbort();
        // The redirect may have come while the browser was still being opened.
        if (answered) return settle(answered);
        signal.addEventListener('abort', onAbort, { once: true });
        deliver = settle;
      }),
  };
}

export const cancelled = () =>
  new AppErrorException(appError('cancelled', 'The sign-in was cancelled.', { retryable: true }));
