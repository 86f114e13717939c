/**
 * The loopback redirect of the authorization code flow (RFC 8252 §7.3): a Node http server on
 * 127.0.0.1 with a port the system picks, answering one path, /oauth/callback (the AWS CLI's
 * AuthCodeFetcher uses the same). It waits for the redirect that carries `code` and `state` (or
 * `error`), checks `state`, and gives up after the timeout or when the sign-in is cancelled.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppErrorException, appError } from '../../../domain/errors';

export const CALLBACK_PATH = '/oauth/callback';
/** What the client registers: loopback redirect URIs match with any port (RFC 8252 §7.3). */
export const REDIRECT_URI_WITHOUT_PORT = `http://127.0.0.1${CALLBACK_PATH}`;

export interface Loopback {
  redirectUri: string;
  /** Resolves with the code once a redirect with the expected state arrives. */
  code(expectedState: string, timeoutMs: number, signal: AbortSignal): Promise<string>;
  close(): void;
}

const page = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><p>${text}</p>`;

export async function openLoopback(): Promise<Loopback> {
  let deliver: ((params: URLSearchParams) => void) | null = null;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const ok = url.searchParams.has('code');
    const body = ok
      ? page('Signed in', 'Signed in. You can close this window and return to Security Hub Invitations.')
      : page('Sign-in not completed', 'The sign-in was not completed. Return to Security Hub Invitations.');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
    deliver?.(url.searchParams);
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
    code: (expectedState, timeoutMs, signal) =>
      new Promise<string>((resolve, reject) => {
        const fail = (error: AppErrorException) => {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          deliver = null;
          reject(error);
        };
        const onAbort = () => fail(cancelled());
        const timer = setTimeout(
          () =>
            fail(
              new AppErrorException(
                appError('timeout', 'The browser sign-in was not completed in time.', {
                  remediation: 'Sign in again, or use a code instead (device code).',
                  retryable: true,
                }),
              ),
            ),
          timeoutMs,
        );
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        deliver = (params) => {
          // A redirect with another state is not ours (CSRF, RFC 6749 §10.12): ignore it and keep waiting.
          if (params.get('state') !== expectedState) return;
          const code = params.get('code');
          if (code) {
            clearTimeout(timer);
            signal.removeEventListener('abort', onAbort);
            deliver = null;
            resolve(code);
            return;
          }
          const denied = params.get('error') === 'access_denied';
          fail(
            new AppErrorException(
              appError(
                'access-denied',
                denied ? 'The sign-in was denied in the browser.' : 'The browser sign-in did not complete.',
                { retryable: true },
              ),
            ),
          );
        };
      }),
  };
}

export const cancelled = () =>
  new AppErrorException(appError('cancelled', 'The sign-in was cancelled.', { retryable: true }));
