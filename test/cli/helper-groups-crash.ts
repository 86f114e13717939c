/**
 * Run by helper-groups.test.ts: starts a credential helper (argv[2]), waits until it has written its
 * pids (argv[3]), then ends as argv[4] says: "throw" fails with an error nobody catches, "exit" ends
 * normally (process.exit(0)) while the helper still runs.
 */
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCredentialProcess } from '../../main/core/aws/credential-process';

const [command, pidFile, how] = process.argv.slice(2);
void runCredentialProcess({ profile: 'sleeper', command: command ?? '', signal: new AbortController().signal }).catch(
  () => undefined,
);
void (async () => {
  for (let i = 0; i < 200 && !existsSync(pidFile ?? ''); i++) await sleep(50);
  await sleep(200);
  if (how === 'exit') process.exit(0);
  // Thrown from a timer: an uncaught exception, not a rejection somebody could still handle.
  setTimeout(() => {
    throw new Error('deliberate failure');
  }, 0);
})();
