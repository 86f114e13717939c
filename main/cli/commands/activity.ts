/** `activity [--json] [--limit N]`: the actions taken from the app and the command line, newest first. */
import { AppErrorException, appError } from '../../domain/errors';
import type { CliCommand } from '../command';
import { accountName, idWithName, nameCell, namesOf } from '../names';
import { outputFormat, printRows, TABLE_OUTPUT_FLAGS } from '../output';
import { SETTINGS_DIR_FLAG, withSession } from '../session';

export const activityCommand: CliCommand = {
  name: 'activity',
  summary: 'Show the activity log (every accept, decline, disassociate and member change)',
  flags: [
    ...TABLE_OUTPUT_FLAGS,
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
          withNames(e.target),
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
