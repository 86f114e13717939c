/**
 * Which URLs the app hands to the operating system's browser. Used by the window-open handler and by
 * the `external:open` channel, so a link in the page and a link built by the backend obey one rule:
 * https only, no credentials or custom port, and a host on a short explicit list of AWS sites.
 */
import { checkSignInPage } from '../../core/aws/sso-sign-in/sign-in-pages';

/** Hosts allowed exactly as written. */
const EXACT_HOSTS: readonly string[] = [
  'console.aws.amazon.com', // the AWS console
  'docs.aws.amazon.com', // documentation linked from error remediations
  'aws.amazon.com', // AWS Marketplace lives under aws.amazon.com/marketplace
];

/** Regional console hosts, e.g. us-east-1.console.aws.amazon.com. Matched as a dot-separated suffix. */
const SUFFIX_HOSTS: readonly string[] = ['.console.aws.amazon.com'];

const MAX_URL_LENGTH = 2048;

export interface ExternalUrlCheck {
  allowed: boolean;
  /** Why the URL was refused, in one sentence; null when allowed. */
  reason: string | null;
}

function refuse(reason: string): ExternalUrlCheck {
  return { allowed: false, reason };
}

export function isAllowedExternalHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (EXACT_HOSTS.includes(host)) return true;
  return SUFFIX_HOSTS.some((suffix) => {
    if (!host.endsWith(suffix)) return false;
    const label = host.slice(0, -suffix.length);
    // One DNS label in front of the suffix: letters, digits and hyphens only.
    return /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label);
  });
}

/** Pure check; parses the URL (never compares string prefixes). */
export function checkExternalUrl(url: unknown): ExternalUrlCheck {
  if (typeof url !== 'string' || url.length === 0) return refuse('The link is empty.');
  if (url.length > MAX_URL_LENGTH) return refuse('The link is too long to open.');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse('The link is not a valid URL.');
  }
  if (parsed.protocol !== 'https:') return refuse('Only https links can be opened.');
  if (parsed.username !== '' || parsed.password !== '') return refuse('Links that carry a user name are not opened.');
  if (parsed.port !== '') return refuse('Links to a non-standard port are not opened.');
  if (!isAllowedExternalHost(parsed.hostname)) {
    return refuse(
      `Links to ${parsed.hostname} are not opened; only AWS console, documentation and Marketplace links are.`,
    );
  }
  return { allowed: true, reason: null };
}

/** The normalised form of an allowed URL, the string actually handed to the OS. */
export function normalizeExternalUrl(url: string): string {
  return new URL(url).href;
}

export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

/** Opens the URL in the default browser when the check allows it. Never throws. */
export async function openExternalChecked(
  shell: ShellLike,
  url: string,
): Promise<{ opened: boolean; reason: string | null }> {
  const check = checkExternalUrl(url);
  if (!check.allowed) return { opened: false, reason: check.reason };
  try {
    await shell.openExternal(normalizeExternalUrl(url));
    return { opened: true, reason: null };
  } catch {
    return { opened: false, reason: 'The system could not open the link in a browser.' };
  }
}

/**
 * A sign-in page (IAM Identity Center), checked by the sign-in's own rule (https, or http to this
 * computer; only the origins that sign-in named): core/aws/sso-sign-in/sign-in-pages.ts, which the
 * command line's opener uses too.
 */
export async function openSignInPageChecked(shell: ShellLike, url: string, allowedOrigins: readonly string[]) {
  if (!checkSignInPage(url, allowedOrigins).allowed) return false;
  try {
    await shell.openExternal(new URL(url).href);
    return true;
  } catch {
    return false;
  }
}
