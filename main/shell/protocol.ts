/**
 * The privileged `app://` scheme that serves the built renderer in production, instead of file://.
 * `resolveAppPath` is pure so its path checks are tested without Electron; `createAppProtocolHandler`
 * turns it into the function given to `protocol.handle`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
/** The URL the window loads in production. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;
/** The app's own origin as a URL, for parseTrustedOrigin. */
export const APP_ORIGIN_URL = `${APP_SCHEME}://${APP_HOST}/`;

/** Options for protocol.registerSchemesAsPrivileged, which must run before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

function isAbsoluteAnywhere(p: string): boolean {
  return path.posix.isAbsolute(p) || path.win32.isAbsolute(p);
}

/**
 * Maps an app:// request URL to a file under `rootDir`, or null when the request must be refused:
 * another scheme or host, a `..` or `.` segment (also percent-encoded), a backslash, a NUL, an absolute
 * path, or anything that would resolve outside `rootDir`.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): string | null {
  // Check the raw path too: the URL parser would silently fold `..` and `%2e%2e` into a safe-looking path,
  // and a request that tries them is refused rather than quietly rewritten.
  const rawPath = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(requestUrl)?.[1] ?? '';
  if (!isSafeRelativePath(rawPath.startsWith('/') ? rawPath.slice(1) : rawPath)) return null;
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;

  // The URL parser already folds literal and %2e dot segments; decoding reveals %2f-hidden ones.
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;

  const relative = decoded.startsWith('/') ? decoded.slice(1) : decoded;
  if (isAbsoluteAnywhere(relative)) return null;
  const segments = relative.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return null;

  const file = relative === '' || relative.endsWith('/') ? `${relative}index.html` : relative;
  const root = path.resolve(rootDir);
  const resolved = path.resolve(root, file);
  const inside = path.relative(root, resolved);
  if (inside === '' || inside.startsWith('..') || isAbsoluteAnywhere(inside)) return null;
  return resolved;
}

/** True when a raw (possibly percent-encoded) relative path has no dot segment, backslash, NUL or root. */
export function isSafeRelativePath(rawPath: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return false;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || isAbsoluteAnywhere(decoded)) return false;
  return !decoded.split('/').some((s) => s === '..' || s === '.');
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/** The handler given to protocol.handle('app', …): reads files from `rootDir` only, GET only. */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
    const file = resolveAppPath(rootDir, request.url);
    if (!file) return textResponse(403, 'Forbidden');
    try {
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: { 'content-type': contentTypeFor(file), 'x-content-type-options': 'nosniff' },
      });
    } catch {
      return textResponse(404, 'Not found');
    }
  };
}
