/**
 * `activity [--output table|json|jsonl|csv|tsv] [--limit N]`: the actions taken from the app and the
 * command line, newest first. JSON Lines and CSV are the app's exports (every field whole, JSON Lines
 * oldest first as the log keeps it); a table folds long fields instead of cutting them.
 */
import { activityToCsv, activityToJsonLines } from '../../core/backend';
import { AppErrorException, appError } from '../../domain/errors';
import type { ActivityEntry } from '../../domain/types';
import type { CliCommand } from '../command';
import { accountName, idWithName, nameCell, namesOf } from '../names';
import { JSON_FLAG, OUTPUT_FLAG, outputFormat, printRows, WIDE_FLAG } from '../output';
import { SETTINGS_DIR_FLAG, withSession } from '../session';
import { terminalText } from '../terminal-text';

const ACTIVITY_OUTPUT_FLAG = {
  ...OUTPUT_FLAG,
  choices: [...(OUTPUT_FLAG.choices ?? []), 'jsonl'],
  description: 'table (the default), json, jsonl (JSON Lines, as the app exports it), csv or tsv',
};

/** An entry whose text fields show their controls as escapes (the command line's rule for outside values). */
function visibleEntry(entry: ActivityEntry): ActivityEntry {
  const shown = Object.entries(entry).map(([key, value]) => [
    key,
    typeof value === 'string' ? terminalText(value) : value,
  ]);
  return Object.fromEntries(shown) as ActivityEntry;
}

export const activityCommand: CliCommand = {
  name: 'activity',
  summary: 'Show the activity log (every accept, decline, disassociate and member change)',
  flags: [
    ACTIVITY_OUTPUT_FLAG,
    JSON_FLAG,
    WIDE_FLAG,
    { name: 'limit', type: 'string', valueName: '<n>', description: 'At most this many entries (default 100)' },
    SETTINGS_DIR_FLAG,
  ],
  async run({ values }, io) {
    return withSession(values, io, { progress: false }, async (session) => {
      const raw = typeof values.limit === 'string' ? values.limit : '100';
      const limit = Number(raw);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10000) {
        throw new AppErrorException(
          appError('invalid-request', `--limit must be a whole number from 1 to 10000; got "${raw.slice(0, 20)}".`),
        );
      }
      const entries = await session.call('activity:list', { limit });
      if (values.output === 'jsonl') {
        io.stdout(activityToJsonLines([...entries].reverse()));
        return 0;
      }
      if (values.output === 'csv') {
        io.stdout(activityToCsv(entries.map(visibleEntry)));
        return 0;
      }
      if (entries.length === 0 && outputFormat(values) === 'table') {
        io.stdout('No activity yet.\n');
        return 0;
      }
      const names = await namesOf(session);
      // A target is an account id (an administrator), or several (members), or a session's name.
      const withNames = (target: string | null) =>
        target?.replace(/\b\d{12}\b/g, (id) => idWithName(names, id)) ?? null;
      printRows(io, values, {
        header: ['TIME', 'SOURCE', 'PROFILE', 'ACCOUNT', 'NAME', 'REGION', 'ACTION', 'TARGET', 'OUTCOME', 'DETAIL'],
        rows: entries.map((e) => [
          e.time,
          e.source,
          e.profile,
          e.accountId,
          nameCell(names, e.accountId),
          e.region,
          e.action,
          withNames(e.target ?? e.administratorId ?? null),
          e.outcome,
          e.requestId ? `${e.detail} (request id ${e.requestId})` : e.detail,
        ]),
        json: entries.map((e) => ({
          ...e,
          accountName: accountName(names, e.accountId),
          targetName: e.target && /^\d{12}$/.test(e.target) ? accountName(names, e.target) : null,
        })),
      });
      return 0;
    });
  },
};
