import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activityEntrySchema } from '../../../main/core/storage/activity-schema';
import { makeTempDir } from './helpers';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = makeTempDir());
});
afterEach(() => cleanup());

const writerScript = path.join(__dirname, 'activity-writer.ts');
const projectRoot = path.resolve(__dirname, '../..');

function runWriter(source: 'app' | 'cli', label: string, count: number, startAt: number, cap?: number) {
  const args = ['--import', 'tsx', writerScript, dir, source, label, String(count), String(startAt)];
  if (cap !== undefined) args.push(String(cap));
  return new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(Number(stdout.trim())) : reject(new Error(`writer ${label} exited ${code}: ${stderr}`)),
    );
  });
}

function readLines(): unknown[] {
  const text = fs.readFileSync(path.join(dir, 'activity.jsonl'), 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line));
}

describe('activity log with several writing processes', () => {
  it('loses nothing when the app and the command line append at once', async () => {
    const writers = [
      ['app', 'a'],
      ['cli', 'b'],
      ['cli', 'c'],
      ['app', 'd'],
    ] as const;
    // Every child starts appending at the same moment, after all have loaded.
    const startAt = Date.now() + 2500;
    const durations = await Promise.all(writers.map(([source, label]) => runWriter(source, label, 200, startAt)));

    const entries = readLines().map((line) => activityEntrySchema.parse(line));
    expect(entries).toHaveLength(800);
    const details = entries.map((e) => e.detail);
    expect(new Set(details).size).toBe(800);
    expect(new Set(entries.map((e) => e.id)).size).toBe(800);
    for (const [source, label] of writers) {
      const own = entries.filter((e) => e.profile === `profile-${label}`);
      expect(own).toHaveLength(200);
      expect(own.every((e) => e.source === source)).toBe(true);
      for (let n = 0; n < 200; n++) expect(details).toContain(`${label}-${n}`);
    }
    // The writers really overlapped: their lines are interleaved, not one block after another.
    const switches = entries.filter((e, i) => i > 0 && entries[i - 1]?.profile !== e.profile).length;
    expect(switches).toBeGreaterThan(3);
    console.info(`4 processes x 200 appends at once: ${Math.max(...durations)} ms, ${switches} interleavings`);
  }, 60_000);

  it('trims to the cap under concurrent writers without tearing or duplicating lines', async () => {
    const startAt = Date.now() + 2500;
    const cap = 150;
    await Promise.all(['a', 'b', 'c'].map((label) => runWriter('cli', label, 200, startAt, cap)));

    const entries = readLines().map((line) => activityEntrySchema.parse(line));
    expect(entries.length).toBeGreaterThanOrEqual(cap);
    expect(entries.length).toBeLessThanOrEqual(cap + cap / 10);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    // A trim drops only from the old end: in file order, each writer's kept entries are its last
    // ones, one after another (a writer that finished early may have none left), and the newest
    // line is some writer's final append.
    for (const label of ['a', 'b', 'c']) {
      const numbers = entries
        .filter((e) => e.profile === `profile-${label}`)
        .map((e) => Number(e.detail.split('-')[1]));
      expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => 200 - numbers.length + i));
    }
    expect(entries.at(-1)?.detail).toMatch(/-199$/);
  }, 60_000);
});
