/**
 * Account names on the command line: beside each id in a table (`111111111111 Security Tooling`, or
 * "not one of your accounts" for an account no profile here reaches and no source names), and as
 * `accountName` in JSON. The names are the backend's (`names:get`: the cache, and what the refresh
 * that just ran read).
 */
import { type AccountNames, accountNote, NOT_YOURS, nameOf } from '../domain/account-names';
import { isTrusted, type TrustedAdministrator } from '../domain/trust';
import type { Session } from './session';

/** The names with the lookups a table needs. */
export interface Names {
  names: AccountNames;
  own: ReadonlySet<string>;
}

export async function namesOf(session: Pick<Session, 'call'>): Promise<Names> {
  const names = await session.call('names:get', undefined);
  return { names, own: new Set(names.own) };
}

/** The name shown beside an id (or "not one of your accounts"), or null. */
export function nameCell(n: Names, accountId: string | null): string | null {
  return accountNote(n.names, accountId, n.own);
}

/** An id with its name after it: `111111111111 Security Tooling`. */
export function idWithName(n: Names, accountId: string): string {
  const note = nameCell(n, accountId);
  return note ? `${accountId} ${note}` : accountId;
}

/** The name of the account for JSON (null when no source names it). */
export function accountName(n: Names, accountId: string | null): string | null {
  return nameOf(n.names, accountId)?.name ?? null;
}

/** An inviting administrator in a table: its name, and "not trusted" when it is outside the list. */
export function inviterCell(
  n: Names,
  service: string,
  accountId: string,
  trusted: readonly TrustedAdministrator[],
): string {
  const notes = [nameCell(n, accountId), isTrusted(trusted, service, accountId) ? null : 'not trusted'].filter(
    (note) => note !== null,
  );
  return notes.length ? `${accountId} (${notes.join('; ')})` : accountId;
}

export { NOT_YOURS };
