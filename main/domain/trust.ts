/**
 * Trusted administrators: the accounts whose invitations the user expects. Accepting an invitation
 * hands the account's findings to the inviting account, so an invitation from an account outside
 * the list is marked wherever it appears, and accepting it takes an explicit "trust it" (the window's
 * confirmation, the command line's --trust-administrator), which adds it to the list.
 *
 * The list lives in the settings (`trustedAdministrators`); each entry trusts one account for one
 * service, or for every service (`*`). It is seeded from what the workstation already knows
 * (main/core/names/seed-trust.ts): administrators the user's accounts already belong to, and the
 * organization's delegated administrators.
 */

/** An entry that trusts the account for every service. */
export const EVERY_SERVICE = '*';

/**
 * How an entry came to be: the user's own choice; an administrator one of the user's accounts already
 * had (an Enabled relationship); the organization's delegated administrator for the service.
 */
export const TRUST_ORIGINS = ['you', 'administrator', 'delegated-administrator'] as const;
export type TrustOrigin = (typeof TRUST_ORIGINS)[number];

export interface TrustedAdministrator {
  accountId: string;
  /** A service id, or EVERY_SERVICE. */
  service: string;
  origin: TrustOrigin;
  /** When it was added (ISO 8601). */
  since: string;
}

/** The most entries the list holds (a large organization has a few administrators, not thousands). */
export const TRUSTED_MAX = 1000;

/** The words every door uses for an invitation from outside the list. */
export const UNTRUSTED = 'from an account you have not trusted';

export function isTrusted(list: readonly TrustedAdministrator[], service: string, accountId: string): boolean {
  return list.some((t) => t.accountId === accountId && (t.service === service || t.service === EVERY_SERVICE));
}

/** The list with the entry added (nothing changes when it is already trusted for that service). */
export function withTrusted(
  list: readonly TrustedAdministrator[],
  entry: TrustedAdministrator,
): { list: TrustedAdministrator[]; added: boolean } {
  if (isTrusted(list, entry.service, entry.accountId)) return { list: [...list], added: false };
  return { list: [...list, entry], added: true };
}

const ORIGIN_TEXT: Record<TrustOrigin, string> = {
  you: 'added by you',
  administrator: 'already the administrator of one of your accounts',
  'delegated-administrator': 'the organization’s delegated administrator',
};

export function trustOriginText(origin: TrustOrigin): string {
  return ORIGIN_TEXT[origin];
}

/**
 * The command line's spelling of one entry: `111111111111` (every service) or
 * `111111111111:securityhub`; null when the text is not one.
 */
export function parseTrustSpec(text: string): { accountId: string; service: string } | null {
  const match = /^(\d{12})(?::([a-z][a-z0-9-]{1,31}|\*))?$/.exec(text.trim());
  if (!match) return null;
  return { accountId: match[1] as string, service: match[2] ?? EVERY_SERVICE };
}

export function trustSpec(entry: Pick<TrustedAdministrator, 'accountId' | 'service'>): string {
  return entry.service === EVERY_SERVICE ? entry.accountId : `${entry.accountId}:${entry.service}`;
}
