/**
 * node --import tsx test/emulator/members-bench.ts [-- --members 10000 --regions 1 --runs 3]
 *
 * What the emulator costs a client that reads a delegated administrator's whole member list: one
 * administrator with N Organizations members (generateScenario, up to 10,000 per region), read with
 * the SDK's ListMembers paginator (OnlyAssociated=false, 50 per page — 200 pages for 10,000), one page
 * after the other as a row refresh reads them. The emulator runs as its own process (its CLI), the
 * client in this one; the figures are the wall time per full read, the emulator's CPU time per page
 * (from /proc) and its resident memory. Prints one JSON line.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { paginateListMembers, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { generatedAccessKeyId, generateScenario } from './generate';

const root = join(__dirname, '..', '..');

/** CPU time (user + system, ms) of a process so far, from /proc (Linux); null elsewhere. */
function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

function rssMb(pid: number | undefined): number | null {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : null;
}

function waitForLine(child: ChildProcess, match: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for the emulator')), timeoutMs);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (match.test(line)) {
        clearTimeout(timer);
        resolve(line);
      }
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited early with ${code}`)));
  });
}

async function readAll(client: SecurityHubClient): Promise<{ pages: number; members: number }> {
  let pages = 0;
  let members = 0;
  for await (const page of paginateListMembers({ client, pageSize: 50 }, { OnlyAssociated: false })) {
    pages++;
    members += page.Members?.length ?? 0;
  }
  return { pages, members };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      members: { type: 'string', default: '10000' },
      regions: { type: 'string', default: '1' },
      runs: { type: 'string', default: '3' },
    },
  });
  const members = Number(values.members);
  const regions = Number(values.regions);
  const runs = Number(values.runs);
  const dir = mkdtempSync(join(tmpdir(), 'members-bench-'));
  const file = join(dir, 'scenario.json');
  const scenario = generateScenario({ profiles: 1, accounts: 1, regions, administratorMembers: members });
  writeFileSync(file, JSON.stringify(scenario));
  const started = performance.now();
  const emulator = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/emulator/cli.ts', '--port', '0', '--scenario', file],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    const url = (await waitForLine(emulator, /^emulator listening on /, 120_000)).split(' ').pop()!;
    const startMs = Math.round(performance.now() - started);
    const key = scenario.principals[0]!;
    const client = new SecurityHubClient({
      region: scenario.regions[0],
      endpoint: url,
      credentials: { accessKeyId: generatedAccessKeyId(0), secretAccessKey: key.secretAccessKey },
      maxAttempts: 1,
    });
    await readAll(client); // warm-up: the SDK's and the emulator's first calls load code
    const wall: number[] = [];
    const cpuBefore = cpuMs(emulator.pid);
    let last = { pages: 0, members: 0 };
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      last = await readAll(client);
      wall.push(Math.round(performance.now() - t));
    }
    const cpuAfter = cpuMs(emulator.pid);
    const pagesRead = last.pages * runs;
    const emulatorCpuMsPerPage =
      cpuBefore === null || cpuAfter === null ? null : Number(((cpuAfter - cpuBefore) / pagesRead).toFixed(3));
    process.stdout.write(
      `${JSON.stringify({
        members,
        regions,
        pages: last.pages,
        membersRead: last.members,
        emulatorStartMs: startMs,
        fullReadMs: wall,
        emulatorCpuMsPerPage,
        emulatorCpuMsPerFullRead: emulatorCpuMsPerPage === null ? null : Math.round(emulatorCpuMsPerPage * last.pages),
        emulatorRssMb: rssMb(emulator.pid),
      })}\n`,
    );
  } finally {
    emulator.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`members bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
