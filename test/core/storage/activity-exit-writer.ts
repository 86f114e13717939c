/**
 * Child process for the exit-flush test: appends one entry whose detail is argv[3] to the activity
 * log in argv[2] and leaves with process.exit after argv[4] ms, whether or not it was written.
 */
import { openActivityLog } from '../../../main/core/storage/activity';

const [cwd, detail, afterText] = process.argv.slice(2);
if (!cwd || !detail) {
  console.error('usage: activity-exit-writer <settings dir> <detail> <exit after ms>');
  process.exit(2);
}
const log = openActivityLog({ cwd, source: 'cli' });
void log.append({
  profile: 'admin',
  accountId: '111111111111',
  region: 'us-east-1',
  action: 'accept',
  target: '222222222222',
  outcome: 'succeeded',
  detail,
  requestId: null,
});
setTimeout(
  () => {
    process.stdout.write(`${log.pending()}\n`);
    process.exit(0);
  },
  Number(afterText ?? '300'),
);
