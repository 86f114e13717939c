/**
 * A command line killed while its writes are in flight: AWS (the emulator) has applied three accepts
 * and holds its answers; the process is killed. Every write was recorded before it was sent, so the
 * log shows each one — settled as interrupted at exit (SIGTERM), or left pending by a process that
 * could not settle it (SIGKILL) and found by the next command, which says so once. A real process, a
 * real kill, the emulator over 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../../main/domain/types';
import { DEMO_SCENARIO_PATH, type Scenario } from '../emulator/index';
import { type CliFixture, startCliFixture } from '../helpers/cli-process';

const ROOT = path.resolve(__dirname, '../..');
let fixture: CliFixture;
const activityFile = () => path.join(fixture.env.SHI_SETTINGS_DIR as string, 'activity.jsonl');
const lines = (): ActivityEntry[] => {
  try {
    return readFileSync(activityFile(), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as ActivityEntry);
  } catch {
    return [];
  }
};
// Three accepts: member-pending in us-east-1 and eu-west-1, hub-off in us-east-1.
const BULK = [
  'accept',
  '--from',
  '111111111111',
  '--profile',
  'member-pending',
  '--profile',
  'hub-off',
  '--region',
  'us-east-1',
  '--region',
  'eu-west-1',
  '--yes',
];

beforeAll(async () => {
  fixture = await startCliFixture('shi-cli-kill-');
});
afterAll(() => fixture?.close());
beforeEach(async () => {
  fixture.emulator.loadScenario(JSON.parse(readFileSync(DEMO_SCENARIO_PATH, 'utf8')) as Scenario);
  // AWS applies the accept, then takes 60 s to say so: the kill comes in between.
  fixture.emulator.setFaults({ holdReplies: ['AcceptAdministratorInvitation'], holdReplyMs: 60_000 });
});

/** How many of the three accepts AWS has applied (the member sides that now name 111111111111). */
function applied(): number {
  const { memberSides } = fixture.emulator.state() as unknown as {
    memberSides: { accountId: string; region: string; administrator: { accountId: string } | null }[];
  };
  const three = ['222222222222 us-east-1', '222222222222 eu-west-1', '555555555555 us-east-1'];
  return memberSides.filter(
    (m) => three.includes(`${m.accountId} ${m.region}`) && m.administrator?.accountId === '111111111111',
  ).length;
}

/** Runs the bulk accept, waits until AWS has applied its three writes (the answers held), then kills it. */
async function killMidWrite(signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/main.ts', ...BULK], {
    cwd: ROOT,
    env: fixture.env,
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  while (applied() < 3) {
    if (Date.now() > deadline) throw new Error(`the writes never went out: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill(signal);
  return { code: await exited, stderr };
}

const entries = () => {
  const byId = new Map<string, ActivityEntry>();
  for (const line of lines()) byId.set(line.id, { ...line, sentAt: line.sentAt ?? byId.get(line.id)?.time ?? null });
  // The accepts sent (hub-off's eu-west-1 row, where Security Hub is off, is refused before any write).
  return [...byId.values()].filter((e) => e.action === 'accept' && e.outcome !== 'refused');
};

describe('a command line killed mid-write', () => {
  it('SIGTERM: each write sent is in the log, settled as interrupted with its administrator and invitation', async () => {
    const { code } = await killMidWrite('SIGTERM');
    expect(code).toBe(143);
    const accepts = entries();
    expect(accepts).toHaveLength(3);
    for (const entry of accepts) {
      expect(entry).toMatchObject({ outcome: 'interrupted', administratorId: '111111111111', source: 'cli' });
      expect(entry.invitationId).toMatch(/^[0-9a-f]{32}$/);
      expect(entry.sentAt).toBeTruthy();
      expect(entry.detail).toMatch(
        /^AcceptAdministratorInvitation was sent\. The command line was stopped \(kill, SIGTERM\) before AWS answered, so the outcome is unknown/,
      );
    }
    // Each write has its pending line and its settling line: the file is the trail.
    expect(
      lines()
        .filter((l) => l.action === 'accept' && l.outcome !== 'refused')
        .map((l) => l.outcome)
        .sort(),
    ).toEqual(['interrupted', 'interrupted', 'interrupted', 'pending', 'pending', 'pending']);
    // The rerun finds them done, and the log says "already done", as the command does.
    fixture.emulator.setFaults({ holdReplies: [] });
    // (member-pending's two rows: hub-off's eu-west-1 row is refused on every run, Security Hub being off there.)
    const rerun = await fixture.cli(
      'accept',
      '--from',
      '111111111111',
      '--profile',
      'member-pending',
      '--region',
      'us-east-1',
      '--region',
      'eu-west-1',
      '--yes',
    );
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toMatch(/Already an Enabled member of 111111111111 in us-east-1/);
    expect(lines().at(-1)).toMatchObject({ action: 'bulk-accept', outcome: 'already-done', counts: { done: 0 } });
    // Nothing was left pending: the next command has nothing to say about it.
    expect(rerun.stderr).not.toMatch(/never settled/);
  }, 120_000);

  it('SIGKILL: the writes stay pending, and the next command finds them, says so once and settles them', async () => {
    const before = lines().length;
    const { code } = await killMidWrite('SIGKILL');
    expect(code).toBeNull();
    const fresh = lines().slice(before);
    expect(fresh.filter((l) => l.outcome === 'pending')).toHaveLength(3);
    expect(fresh.filter((l) => l.outcome !== 'pending' && l.outcome !== 'refused')).toEqual([]);

    const next = await fixture.cli('activity', '--output', 'jsonl', '--limit', '3');
    expect(next.code).toBe(0);
    expect(next.stderr).toMatch(
      /^Warning: 3 writes were sent but never settled: the process that sent them ended before AWS answered/,
    );
    expect(
      next.stderr.match(
        / {2}\S+ {2}accept 111111111111 for (member-pending|hub-off) in (us-east-1|eu-west-1) \(command line\)/g,
      ),
    ).toHaveLength(3);
    const listed = next.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ActivityEntry);
    expect(listed.map((e) => e.outcome)).toEqual(['interrupted', 'interrupted', 'interrupted']);
    expect(listed[0]?.detail).toMatch(
      /ended before AWS answered, without settling it \(found when the command line next started\)/,
    );

    const again = await fixture.cli('activity', '--limit', '1');
    expect(again.stderr).not.toMatch(/never settled/);
  }, 120_000);
});
