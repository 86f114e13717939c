/**
 * The watch's news as the person reads it (a desktop notification, the command line): the other
 * account with its name (or "not one of your accounts"), and a new invitation from an administrator
 * outside the trusted list said to be so — the moment it matters most, before anyone accepts it.
 */
import { type AccountNames, accountLabel } from '../../domain/account-names';
import { isTrusted, type TrustedAdministrator, UNTRUSTED } from '../../domain/trust';
import type { WatchChange } from '../../domain/types';

export function newsWithTrust(
  changes: readonly WatchChange[],
  trusted: readonly TrustedAdministrator[],
  names: AccountNames,
): WatchChange[] {
  const own = new Set(names.own);
  return changes.map((change) => {
    const label = accountLabel(names, change.otherAccountId, own);
    const message = change.message.replace(change.otherAccountId, () => label);
    if (change.kind !== 'new-invitation' || isTrusted(trusted, change.service, change.otherAccountId)) {
      return { ...change, message };
    }
    return { ...change, untrusted: true, message: `${message} It is ${UNTRUSTED}.` };
  });
}
