/**
 * Opening a sign-in page from the command line: the system's own opener (open on macOS, the URL
 * protocol handler on Windows, xdg-open elsewhere), only for an origin the sign-in named. No shell
 * is involved, so the URL is one argument. Where no opener runs (a server without a desktop) the
 * link is printed instead, as `aws sso login` does.
 */
import { spawn } from 'node:child_process';

function opener(url: string): [string, string[]] {
  if (process.platform === 'darwin') return ['open', [url]];
  if (process.platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler', url]];
  return ['xdg-open', [url]];
}

export function openSignInPageFromTerminal(url: string, allowedOrigins: readonly string[]): Promise<boolean> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.resolve(false);
  }
  if (!allowedOrigins.includes(parsed.origin) || parsed.username || parsed.password) return Promise.resolve(false);
  const [command, args] = opener(parsed.href);
  return new Promise((resolve) => {
    try {
      const child = spawn(command, args, { stdio: 'ignore', detached: true });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
