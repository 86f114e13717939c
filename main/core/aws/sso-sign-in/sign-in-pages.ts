/**
 * Which pages a sign-in may hand to the system's browser — one rule for the window (the shell's
 * openSignInPageChecked) and the command line (cli/open-browser.ts):
 *   - https only, or http to the loopback address (127.0.0.1, [::1]) where an SSO-OIDC endpoint
 *     configured on this machine (an emulator, a local gateway) serves the /authorize page. A file:,
 *     javascript: or custom-scheme URL is never opened: `xdg-open file:///…` opens a local file,
 *     and such URLs all share the origin "null", so an origin list alone cannot tell them apart;
 *   - no user name or password in the URL;
 *   - its origin (scheme, host, port) is one the sign-in named (signInOrigins), compared parsed.
 */

export interface SignInPageCheck {
  allowed: boolean;
  /** Why the page was refused, in one sentence; null when allowed. */
  reason: string | null;
}

const MAX_URL_LENGTH = 2048;
const LOOPBACK_HOSTS = ['127.0.0.1', '[::1]'];

/** A web origin a browser may be sent to for a sign-in: https, or http on the loopback address. */
function isWebUrl(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname));
}

function parse(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/**
 * The origins a sign-in may open: the SSO-OIDC endpoint's (the /authorize page), the portal's (the
 * start URL), and for AWS's own endpoint `oidc.<region>.<suffix>` the device page
 * `device.sso.<region>.<suffix>`, which StartDeviceAuthorization has answered as its verification URL
 * (aws/aws-cli#6670 quotes `https://device.sso.<region>.amazonaws.com/?user_code=…`; newer answers
 * name the portal's `/start/#/device`, covered by the portal's origin). Only web origins: a start URL
 * that is not https adds nothing.
 */
export function signInOrigins(oidcBase: string, startUrl: string): string[] {
  const oidc = parse(oidcBase);
  const portal = parse(startUrl);
  const aws =
    oidc?.protocol === 'https:' ? /^oidc\.([a-z0-9-]+)\.(amazonaws\.com(?:\.cn)?)$/.exec(oidc.hostname) : null;
  const origins = [
    ...(oidc && isWebUrl(oidc) ? [oidc.origin] : []),
    ...(portal && isWebUrl(portal) ? [portal.origin] : []),
    ...(aws ? [`https://device.sso.${aws[1]}.${aws[2]}`] : []),
  ];
  return [...new Set(origins)];
}

/** Pure check of one page against the sign-in's origins; parses the URL (never compares string prefixes). */
export function checkSignInPage(url: unknown, allowedOrigins: readonly string[]): SignInPageCheck {
  const refuse = (reason: string): SignInPageCheck => ({ allowed: false, reason });
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_URL_LENGTH)
    return refuse('The link is not valid.');
  const parsed = parse(url);
  if (!parsed) return refuse('The link is not a valid URL.');
  if (!isWebUrl(parsed)) return refuse('Only https links (or http to this computer) are opened for a sign-in.');
  if (parsed.username !== '' || parsed.password !== '') return refuse('Links that carry a user name are not opened.');
  if (!allowedOrigins.includes(parsed.origin)) return refuse(`Links to ${parsed.host} are not part of this sign-in.`);
  return { allowed: true, reason: null };
}
