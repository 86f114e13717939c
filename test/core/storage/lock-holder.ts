/**
 * Child process for the held-lock test: takes the activity log's lock in argv[2] the way the log
 * does (proper-lockfile, the same lock folder), says "locked" on stdout, holds it for argv[3] ms
 * while staying alive (its mtime kept fresh, so it is never stale), then releases it and exits.
 */
import path from 'node:path';
import lockfile from 'proper-lockfile';

const [cwd, holdText] = process.argv.slice(2);
if (!cwd) {
  console.error('usage: lock-holder <settings dir> <hold ms>');
  process.exit(2);
}

async function main() {
  const release = await lockfile.lock(path.join(cwd as string, 'activity.jsonl'), {
    realpath: false,
    stale: 10_000,
    onCompromised: () => {},
  });
  process.stdout.write('locked\n');
  await new Promise((resolve) => setTimeout(resolve, Number(holdText ?? '1000')));
  await release();
  process.stdout.write('released\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
