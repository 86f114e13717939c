import Alert from '@cloudscape-design/components/alert';
import type { ActivityEntry } from '../../../contract/api';
import { visible } from '../lib/visible';

/**
 * Writes an earlier run of the app or the command line sent and never settled (it ended before AWS
 * answered): found when the app started and logged as interrupted. AWS may have applied them, so
 * the user is told once, with what to do: read the rows again (never send again).
 */
export function UnsettledWrites({ entries }: { entries: readonly ActivityEntry[] }) {
  if (entries.length === 0) return null;
  const n = entries.length;
  return (
    <Alert
      type="warning"
      header={`${n === 1 ? '1 write was' : `${n} writes were`} sent but never settled`}
      data-testid="unsettled-writes"
    >
      The process that sent {n === 1 ? 'it' : 'them'} ended before AWS answered, so AWS may have applied{' '}
      {n === 1 ? 'it' : 'them'}. Refresh those rows to see what AWS shows; the Activity page calls{' '}
      {n === 1 ? 'it' : 'them'} interrupted.
      <ul>
        {entries.map((e) => (
          <li key={e.id}>
            {visible(
              `${e.action}${e.administratorId || e.target ? ` ${e.administratorId ?? e.target}` : ''} for ${e.profile} in ${e.region} (${e.source === 'cli' ? 'command line' : 'app'}, sent ${e.sentAt ?? e.time})`,
            )}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
