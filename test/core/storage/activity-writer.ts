/**
 * Child process for the concurrency test: opens the activity log in argv[2] as argv[3] ('app' or
 * 'cli') and appends argv[5] entries whose detail is `<argv[4]>-<n>`, starting at time argv[6]
 * (epoch ms) so that every writer runs at once. (No top-level await: the package is CommonJS.)
 */
import { openActivityLog } from '../../../main/core/storage/activity';

const [cwd, source, label, countText, startText, capText] = process.argv.slice(2);
if (!cwd || (source !== 'app' && source !== 'cli') || !label) {
  console.error('usage: activity-writer <cwd> <app|cli> <label> <count> <startAtMs> [cap]');
  process.exit(2);
}
const count = Number(countText ?? '200');
const log = openActivityLog({ cwd, source, ...(capText ? { cap: Number(capText) } : {}) });

// Half the appends are fired together (the in-process queue orders them), half one by one.
const half = Math.floor(count / 2);
const entry = (n: number) => ({
  service: 'securityhub',
  profile: `profile-${label}`,
  accountId: '111111111111',
  region: 'us-east-1',
  action: 'accept' as const,
  target: '222222222222',
  outcome: 'succeeded' as const,
  detail: `${label}-${n}`,
  requestId: `req-${label}-${n}`,
});

async function main() {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startText ?? 0) - Date.now())));
  await Promise.all(Array.from({ length: half }, (_, n) => log.append(entry(n))));
  for (let n = half; n < count; n++) await log.append(entry(n));
  // The parent reads how long the appends took, start-up excluded.
  process.stdout.write(`${Date.now() - Number(startText ?? 0)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
