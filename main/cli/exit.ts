/**
 * The command line's one exit-status contract (README: "Exit statuses"), for every command:
 * 0 everything done, or nothing to do; 1 some rows or the command failed; 2 usage (a flag, a value, a
 * word the command does not take); 3 refused before any AWS write (read-only mode, a confirmation
 * answered no, a write without --yes where nobody can be asked, an invitation from an administrator
 * outside the trusted list without --trust-administrator); 4 `status --fail-on-pending` found a
 * pending invitation. A signal ends a command with 128 + its number (cli/signals.ts).
 */
import type { AppError } from '../domain/errors';

/** `notSent`: refused before any AWS write — not AWS's refusal of a write (that one is `failed`). */
export const EXIT = { ok: 0, failed: 1, usage: 2, notSent: 3, pending: 4 } as const;

export function exitCodeOf(error: AppError): number {
  if (error.kind === 'invalid-request' || error.kind === 'unknown-channel') return EXIT.usage;
  if (error.kind === 'read-only' || error.kind === 'cancelled' || error.kind === 'untrusted-administrator') {
    return EXIT.notSent;
  }
  return EXIT.failed;
}
