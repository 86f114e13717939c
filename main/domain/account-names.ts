/**
 * Account names: what the workstation's own sources call an AWS account, shown beside its id
 * everywhere an id appears. Three sources, read by main/core/names/ (never more than the workstation
 * already may): AWS Organizations' account names (ListAccounts, where a profile may list its
 * organization), the IAM Identity Center portal's account list (ListAccounts, for each signed-in
 * SSO session) and each account's IAM alias (ListAccountAliases, one per account).
 *
 * Plain data (it crosses IPC and is stored as JSON); no imports, so every layer may use it: the
 * command line, the window and the core's notifications say an account the same way.
 */

/** The sources, best first: an Organizations name wins over the portal's (the same name), an alias comes last. */
export const NAME_SOURCES = ['organizations', 'sso-portal', 'iam-alias'] as const;
export type NameSource = (typeof NAME_SOURCES)[number];

export interface AccountName {
  name: string;
  source: NameSource;
  /** The profile (Organizations, IAM) or sso-session (the portal) whose credentials read it. */
  via: string;
  /** When it was read (ISO 8601). */
  at: string;
}

export interface AccountNames {
  /** Each account's names, one per source, best first. */
  accounts: Record<string, AccountName[]>;
  /**
   * The accounts "of yours": one a profile here reaches, or one the IAM Identity Center portal lists
   * for a signed-in session. An account outside these that no source names is "not one of your accounts".
   */
  own: string[];
}

export const NO_NAMES: AccountNames = { accounts: {}, own: [] };

/** What an administrator nobody here can name is called: it matters before accepting its invitation. */
export const NOT_YOURS = 'not one of your accounts';

/** The name an account is shown with (the best source's), or null. */
export function nameOf(names: AccountNames, accountId: string | null | undefined): AccountName | null {
  if (!accountId || !Object.hasOwn(names.accounts, accountId)) return null;
  return names.accounts[accountId]?.[0] ?? null;
}

/**
 * What is said beside an id: its name; "not one of your accounts" when no source names it and no
 * profile here reaches it; nothing for an account of yours without a name. Before any account of
 * yours is known (a first start, nothing read yet) no account is called a stranger.
 */
export function accountNote(
  names: AccountNames,
  accountId: string | null | undefined,
  own?: ReadonlySet<string>,
): string | null {
  if (!accountId) return null;
  const named = nameOf(names, accountId);
  if (named) return named.name;
  const known = own ? own.size > 0 : names.own.length > 0;
  const yours = own ? own.has(accountId) : names.own.includes(accountId);
  return yours || !known ? null : NOT_YOURS;
}

/** `111111111111 (Security Tooling)`, `999999999999 (not one of your accounts)`, or the id alone. */
export function accountLabel(names: AccountNames, accountId: string, own?: ReadonlySet<string>): string {
  const note = accountNote(names, accountId, own);
  return note ? `${accountId} (${note})` : accountId;
}

const SOURCE_TEXT: Record<NameSource, (via: string) => string> = {
  organizations: (via) => `AWS Organizations account name, listed by profile ${via}`,
  'sso-portal': (via) => `IAM Identity Center portal, sso-session ${via}`,
  'iam-alias': (via) => `IAM account alias, read by profile ${via}`,
};

/** Where a name came from, for a person (the window's hover, the command line's JSON). */
export function sourceText(entry: AccountName): string {
  return `${SOURCE_TEXT[entry.source](entry.via)}, ${entry.at.slice(0, 16).replace('T', ' ')} UTC`;
}

/** Every name of the account with its source, one per line; "not one of your accounts" said why. */
export function namesTitle(names: AccountNames, accountId: string, own?: ReadonlySet<string>): string {
  const entries = Object.hasOwn(names.accounts, accountId) ? (names.accounts[accountId] ?? []) : [];
  if (entries.length > 0) return entries.map((e) => `${e.name}: ${sourceText(e)}`).join('\n');
  const note = accountNote(names, accountId, own);
  return note
    ? `${accountId}: ${note} (no profile here reaches it, and neither AWS Organizations, IAM Identity Center nor an IAM alias names it)`
    : `${accountId}: no name (no alias, and no organization or IAM Identity Center list here names it)`;
}
