/**
 * AccessDenied benchmark: the demo scenario under a region-deny service control policy (every demo
 * account allowed only us-east-1, as the control AWS publishes and Control Tower applies), read by
 * the app's own refresh of every profile, three times: the first refresh, a second minutes later,
 * and a third after "Re-check regions". Prints one JSON object.
 *
 *   npm run bench:scp [-- --allowed us-east-1 --minutes 5 --every-service]
 *
 * --every-service       reads every service the app has (Security Hub CSPM, GuardDuty, Macie, Detective),
 *                       not Security Hub CSPM alone
 *
 * accessDeniedAnswers   answers the emulator gave as AccessDeniedException during that refresh
 *                       (emu.answersByCode(): every one is an AccessDenied event in the account's
 *                       CloudTrail — an SCP's, an IAM deny's, a service that is off), all services
 * accessDeniedByService the same, by service signing name (the request log)
 * calls                 requests the emulator received during that refresh
 * answersByCode         the emulator's counts by error code (successes under OK)
 * rows, blockedRows     rows read, and those shown as blocked by an organization policy
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startHarness } from '../core/harness';
import { DEMO_SCENARIO_PATH, type Scenario } from '../emulator/index';

const { values } = parseArgs({
  options: {
    allowed: { type: 'string', multiple: true, default: ['us-east-1'] },
    minutes: { type: 'string', default: '5' },
    'every-service': { type: 'boolean', default: false },
  },
});

async function main(): Promise<void> {
  const demo = JSON.parse(await readFile(DEMO_SCENARIO_PATH, 'utf8')) as Scenario;
  const accountIds = demo.accounts.map((a) => a.id);
  let now = new Date('2026-06-01T08:00:00.000Z');
  const h = await startHarness({
    emulator: { scenario: { ...demo, scpDenials: [{ accountIds, allowedRegions: values.allowed }] } },
    deps: { clock: () => now },
    ...(values['every-service'] ? { settings: { serviceMode: 'all' as const } } : {}),
  });

  async function measure(start: () => Promise<string | null>) {
    h.emulator.clearLog();
    const refreshId = await start();
    const summary = refreshId ? await h.backend.refresh.wait(refreshId) : null;
    const rows = refreshId ? h.rowsOf(refreshId) : [];
    const answersByCode = h.emulator.answersByCode();
    const log = h.emulator.requestLog();
    const accessDeniedByService: Record<string, number> = {};
    for (const e of log.filter((entry) => entry.errorCode === 'AccessDeniedException')) {
      accessDeniedByService[e.service] = (accessDeniedByService[e.service] ?? 0) + 1;
      if (process.env.SCP_BENCH_DETAIL)
        process.stderr.write(`${e.accountId} ${e.region} ${e.service}:${e.operation}\n`);
    }
    return {
      accessDeniedAnswers: answersByCode.AccessDeniedException ?? 0,
      accessDeniedByService,
      calls: log.length,
      answersByCode,
      rows: rows.length,
      blockedRows: rows.filter((r) => r.state === 'blocked').length,
      failedRows: summary?.failed ?? null,
    };
  }

  const refreshAll = async () =>
    (await h.backend.handlers['refresh:start']({ scope: { kind: 'all' } })).refreshId as string | null;

  try {
    const first = await measure(refreshAll);
    now = new Date(now.getTime() + Number(values.minutes) * 60_000);
    const second = await measure(refreshAll);
    const recheck = await measure(async () => (await h.backend.handlers['regions:recheck']({})).refreshId);
    console.log(
      JSON.stringify(
        { scenario: 'demo', allowedRegions: values.allowed, accounts: accountIds.length, first, second, recheck },
        null,
        2,
      ),
    );
  } finally {
    await h.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
