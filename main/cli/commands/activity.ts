/** `activity [--json] [--limit N]`: the actions taken from the app and the command line, newest first. */
import { AppErrorException, appError } from '../../domain/errors';
import type { CliCommand } from '../command';
import { JSON_FLAG, SETTINGS_DIR_FLAG, table, withSession } from '../session';

export const activityCommand: CliCommand = {
  name: 'activity',
  summary: 'Show the activity log (every accept, decline, disassociate and member change)',
  flags: [
    JSON_FLAG,
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
      if (values.json) {
        io.stdout(`${JSON.stringify(entries, null, 2)}\n`);
        return 0;
      }
      if (entries.length === 0) {
        io.stdout('No activity yet.\n');
        return 0;
      }
      io.stdout(
        table(
          ['TIME', 'SOURCE', 'PROFILE', 'ACCOUNT', 'REGION', 'ACTION', 'TARGET', 'OUTCOME', 'DETAIL'],
          entries.map((e) => [
            e.time,
            e.source,
            e.profile,
            e.accountId ?? '-',
            e.region,
            e.action,
            e.target ?? '-',
            e.outcome,
            e.requestId ? `${e.detail} (request id ${e.requestId})` : e.detail,
          ]),
        ),
      );
      return 0;
    });
  },
};
