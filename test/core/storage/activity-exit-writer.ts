/**
 * Child process for the exit-flush tests: appends one entry whose detail is argv[3] to the activity
 * log in argv[2] and leaves with process.exit after argv[4] ms, whether or not it was written. With
 * argv[4] = "signal" it ends as the command line does on a signal (cli/signals.ts): it prints how
 * many entries wait and waits to be sent one.
 */
import { exitCleanlyOnSignals } from '../../../main/cli/signals';
import { openActivityLog } from '../../../main/core/storage/activity';

const [cwd, detail, afterText] = process.argv.slice(2);
if (!cwd || !detail) {
  console.error('usage: activity-exit-writer <settings dir> <detail> <exit after ms>');
  process.exit(2);
}
const log = openActivityLog({ cwd, source: 'cli' });
void log.append({
  service: 'securityhub',
  profile: 'admin',
  accountId: '111111111111',
  region: 'us-east-1',
  action: 'accept',
  target: '222222222222',
  outcome: 'succeeded',
  detail,
  requestId: null,
});
if (afterText === 'signal') {
  exitCleanlyOnSignals();
  // The entry is queued behind the held lock by now (the drain's first attempt waits for it).
  setTimeout(() => process.stdout.write(`${log.pending()}\n`), 300);
  setInterval(() => {}, 1000);
} else
  setTimeout(
    () => {
      process.stdout.write(`${log.pending()}\n`);
      process.exit(0);
    },
    Number(afterText ?? '300'),
  );
