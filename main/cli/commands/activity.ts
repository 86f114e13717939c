/** `activity [--json] [--limit N]`: the actions taken from the app and the command line, newest first. */
import { AppErrorException, appError } from '../../domain/errors';
import type { CliCommand } from '../command';
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
      printRows(io, values, {
        header: ['TIME', 'SOURCE', 'PROFILE', 'ACCOUNT', 'REGION', 'ACTION', 'TARGET', 'OUTCOME', 'DETAIL'],
        rows: entries.map((e) => [
          e.time,
          e.source,
          e.profile,
          e.accountId,
          e.region,
          e.action,
          e.target,
          e.outcome,
          e.requestId ? `${e.detail} (request id ${e.requestId})` : e.detail,
        ]),
        json: entries,
      });
      return 0;
    });
  },
};
