/**
 * An account id as the window shows it: the id, its name beside it (where the name came from on
 * hover), or "not one of your accounts" for an account no profile here reaches and no source names;
 * and the mark on an invitation from an administrator outside the trusted list. The words are the
 * command line's (main/domain/account-names.ts, main/domain/trust.ts).
 */
import Badge from '@cloudscape-design/components/badge';
import Box from '@cloudscape-design/components/box';
import { accountNote, namesTitle } from '../../../main/domain/account-names';
import { isTrusted, UNTRUSTED } from '../../../main/domain/trust';
import { type KnownNames, useAccountNames, useSettings } from '../data/queries';
import { visible } from '../lib/visible';

/** What is said beside the id, or null (nothing until main has answered). */
export function accountNoteOf(known: KnownNames | undefined, accountId: string | null | undefined): string | null {
  return known ? accountNote(known.names, accountId, known.own) : null;
}

/**
 * `111111111111 Security Tooling`, the name in secondary text; `prefix` goes before the id ("from ").
 * `stacked` puts the name on a line of its own, for a table's cell: a cell cuts what does not fit,
 * and it must never be the id.
 */
export function AccountId({
  id,
  prefix = '',
  stacked = false,
}: {
  id: string | null | undefined;
  prefix?: string;
  stacked?: boolean;
}) {
  const known = useAccountNames().data;
  if (!id) return <>-</>;
  const note = accountNoteOf(known, id);
  return (
    <span title={known && note ? visibleLines(namesTitle(known.names, id, known.own)) : undefined}>
      <span>{`${prefix}${visible(id)}`}</span>
      {note && (
        <Box
          variant="span"
          display={stacked ? 'block' : undefined}
          fontSize={stacked ? 'body-s' : undefined}
          color="text-body-secondary"
          data-testid={`account-name-${id}`}
        >
          {` ${visible(note)}`}
        </Box>
      )}
    </span>
  );
}

/** A title of several lines, each line's outside values escaped (the line breaks are the app's own). */
const visibleLines = (text: string) => text.split('\n').map(visible).join('\n');

/** Whether an invitation's administrator is on the trusted list for the row's service (true until the settings are in). */
export function useIsTrusted(): (service: string, accountId: string) => boolean {
  const list = useSettings().data?.trustedAdministrators;
  return (service, accountId) => !list || isTrusted(list, service, accountId);
}

/** The mark on an invitation from an administrator outside the trusted list; nothing for a trusted one. */
export function UntrustedMark({ service, accountId }: { service: string; accountId: string }) {
  const trusted = useIsTrusted()(service, accountId);
  if (trusted) return null;
  return (
    <span title={`The invitation is ${UNTRUSTED}: accepting asks you to trust ${visible(accountId)} first.`}>
      <Badge color="red" data-testid={`untrusted-${accountId}`}>
        not trusted
      </Badge>
    </span>
  );
}
