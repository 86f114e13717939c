/**
 * The lines that settle a write recorded before it was sent, when no answer will come: the process
 * ends while the write is in flight (Ctrl-C, `kill`, the app quitting) — "interrupted" at exit; or it
 * died without its exit running (kill -9, a crash) — found at the next start of the app or the command
 * line. Either way AWS may have applied the write: the outcome is unknown, and the line says how to
 * find out (read the row again), never to send it again.
 */
import type { ActivityEntry } from '../../domain/types';
import type { ActivityInput } from './activity-schema';

/** No write waits this long for AWS (call timeouts are minutes): a pending entry older is left over whatever its pid. */
const LONGEST_WRITE_MS = 60 * 60 * 1000;

const WHO = { app: 'The app', cli: 'The command line' } as const;

/** What ended the process, from its exit code (main/cli/signals.ts: 128 + the signal's number). */
function endedBy(code: number): string {
  if (code === 130) return 'was stopped (Ctrl-C)';
  if (code === 143) return 'was stopped (kill, SIGTERM)';
  if (code === 129) return 'lost its terminal (SIGHUP)';
  if (code === 141) return 'lost its output pipe';
  return `ended (exit code ${code})`;
}

const UNKNOWN = 'the outcome is unknown: AWS may have applied it. Read the row again to see what AWS shows.';

/** The entry's fields a settling line carries over (the same id: read as one entry). */
function carried(entry: ActivityEntry): ActivityInput {
  return {
    id: entry.id,
    service: entry.service,
    profile: entry.profile,
    accountId: entry.accountId,
    region: entry.region,
    action: entry.action,
    target: entry.target,
    outcome: 'interrupted',
    detail: entry.detail,
    requestId: entry.requestId,
    administratorId: entry.administratorId ?? null,
    invitationId: entry.invitationId ?? null,
    counts: entry.counts ?? null,
  };
}

/** The line written at exit for a write this process sent and AWS had not answered. */
export function interruptedLine(
  pending: ActivityEntry,
  source: 'app' | 'cli',
  code: number,
  time: string,
): ActivityEntry {
  return {
    ...pending,
    time,
    source,
    outcome: 'interrupted',
    sentAt: pending.time,
    pid: null,
    detail: `${pending.detail} ${WHO[source]} ${endedBy(code)} before AWS answered, so ${UNKNOWN}`,
  };
}

/** A pending entry no live process will settle: its process is gone, or it is older than any write. */
export function isLeftOver(entry: ActivityEntry, now: Date): boolean {
  if (now.getTime() - Date.parse(entry.time) > LONGEST_WRITE_MS) return true;
  return !isAlive(entry.pid ?? null);
}

function isAlive(pid: number | null): boolean {
  if (pid === null || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** What the next start writes for a write a dead process left pending. */
export function leftOverLine(pending: ActivityEntry, finder: 'app' | 'cli'): ActivityInput {
  const sender = pending.source === 'cli' ? 'the command line' : 'the app';
  return {
    ...carried(pending),
    detail: `${pending.detail} The process of ${sender} that sent it${pending.pid ? ` (pid ${pending.pid})` : ''} ended before AWS answered, without settling it (found when ${finder === 'cli' ? 'the command line' : 'the app'} next started), so ${UNKNOWN}`,
  };
}
