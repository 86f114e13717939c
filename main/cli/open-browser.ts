/**
 * Opening a sign-in page from the command line: the system's own opener (open on macOS, the URL
 * protocol handler on Windows, xdg-open elsewhere), only for a page the sign-in's rule allows
 * (core/aws/sso-sign-in/sign-in-pages.ts: https or loopback http, an origin the sign-in named). No
 * shell is involved, so the URL is one argument.
 *
 * Opening is a bonus: the command prints the link and code whatever happens. The answer is whether
 * the opener said it worked — its exit status, waited for briefly (xdg-open without a display exits
 * 3 at once); an opener still running after OPENER_WAIT_MS is taken as a browser that opened.
 */
import { spawn } from 'node:child_process';
import { checkSignInPage } from '../core/backend';

const OPENER_WAIT_MS = 2000;

function opener(url: string): [string, string[]] {
  if (process.platform === 'darwin') return ['open', [url]];
  if (process.platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler', url]];
  return ['xdg-open', [url]];
}

export function openSignInPageFromTerminal(url: string, allowedOrigins: readonly string[]): Promise<boolean> {
  if (!checkSignInPage(url, allowedOrigins).allowed) return Promise.resolve(false);
  const [command, args] = opener(new URL(url).href);
  return new Promise((resolve) => {
    try {
      const child = spawn(command, args, { stdio: 'ignore', detached: true });
      const timer = setTimeout(() => {
        child.unref();
        resolve(true);
      }, OPENER_WAIT_MS);
      child.once('error', () => {
        clearTimeout(timer);
        resolve(false);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code === 0);
      });
    } catch {
      resolve(false);
    }
  });
}
