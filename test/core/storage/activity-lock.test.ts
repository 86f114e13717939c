/**
 * The activity lock held by another live process for longer than any wait: the entries of this
 * process are not dropped; they wait, in order, and are written once the lock is free. (The old
 * log gave up after about 12 s of tries and lost the entry of an action AWS had already applied.)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openActivityLog, recordActivity } from '../../../main/core/storage/activity';
import { makeTempDir } from './helpers';

let dir: string;
let cleanup: () => void;
let holder: ChildProcess | null = null;

beforeEach(() => {
  ({ dir, cleanup } = makeTempDir());
});
afterEach(() => {
  holder?.kill('SIGKILL');
  holder = null;
  vi.restoreAllMocks();
  cleanup();
});

const projectRoot = path.resolve(__dirname, '../../..');

/** Starts the holder; resolves once it holds the lock, with a promise of its release. */
function holdLock(ms: number): Promise<{ released: Promise<number> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'lock-holder.ts'), dir, String(ms)], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  holder = child;
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const released = new Promise<number>((resolve, reject) => {
    child.on('exit', (code) =>
      code === 0 ? resolve(Date.now()) : reject(new Error(`holder exited ${code}: ${stderr}`)),
    );
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve({ released });
    });
    child.on('error', reject);
    released.catch(reject);
  });
}

const input = (detail: string) => ({
  service: 'securityhub',
  profile: 'admin',
  accountId: '111111111111',
  region: 'us-east-1',
  action: 'accept' as const,
  target: '222222222222',
  outcome: 'succeeded' as const,
  detail,
  requestId: null,
});

const fileDetails = () =>
  fs.existsSync(path.join(dir, 'activity.jsonl'))
    ? fs
        .readFileSync(path.join(dir, 'activity.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { detail: string }).detail)
    : [];

describe('activity log behind a lock held by a live process', () => {
  it('keeps the entries while the lock is held past the old 12 s limit and writes them, in order, after', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const log = openActivityLog({ cwd: dir, source: 'app' });
    await log.append(input('before'));
    const { released } = await holdLock(15_000);
    const appended = ['first', 'second', 'third'].map((detail) => log.append(input(detail)));

    const releasedAt = await released;
    const results = await Promise.allSettled(appended);
    const writtenAt = Date.now();
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value.detail : String(r.reason)))).toEqual([
      'first',
      'second',
      'third',
    ]);
    expect(fileDetails()).toEqual(['before', 'first', 'second', 'third']);
    // Written soon after the release (the pause between tries is at most 2 s).
    expect(writtenAt - releasedAt).toBeLessThan(5000);
    console.info(`lock held 15 s: entries written ${writtenAt - releasedAt} ms after the holder exited`);
  }, 60_000);

  it('an action answers after a bounded wait; its entry is listed meanwhile and written later', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const log = openActivityLog({ cwd: dir, source: 'cli' });
    const { released } = await holdLock(6000);
    const started = Date.now();
    await recordActivity(log, input('accepted'));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(errors.mock.calls.some((call) => String(call[0]).includes('is busy'))).toBe(true);
    await recordActivity(log, input('declined'));

    // While the lock is held: nothing in the file, both in the listing, newest first.
    expect(fileDetails()).toEqual([]);
    expect(log.pending()).toBe(2);
    expect((await log.list()).map((e) => e.detail)).toEqual(['declined', 'accepted']);

    await released;
    expect(await log.flush(10_000)).toBe(0);
    expect(fileDetails()).toEqual(['accepted', 'declined']);
    expect((await log.list()).map((e) => e.detail)).toEqual(['declined', 'accepted']);
  }, 60_000);

  it('at exit, an entry still waiting for the lock is written anyway (best effort)', async () => {
    const { released } = await holdLock(20_000);
    const script = path.join(__dirname, 'activity-exit-writer.ts');
    const stdout = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', script, dir, 'at-exit', '500'], {
        cwd: projectRoot,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
      });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`writer exited ${code}`))));
    });
    // It left with the entry still queued behind the lock, which is still held…
    expect(stdout.trim()).toBe('1');
    expect(fs.existsSync(path.join(dir, 'activity.jsonl.lock'))).toBe(true);
    // …and the entry is in the file all the same.
    expect(fileDetails()).toEqual(['at-exit']);
    holder?.kill('SIGKILL');
    await released.catch(() => {});
  }, 60_000);

  it.skipIf(process.platform === 'win32')(
    'Ctrl-C on the command line (SIGINT) still writes the waiting entry, and the status says so (130)',
    async () => {
      const { released } = await holdLock(20_000);
      const script = path.join(__dirname, 'activity-exit-writer.ts');
      const child = spawn(process.execPath, ['--import', 'tsx', script, dir, 'interrupted', 'signal'], {
        cwd: projectRoot,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = new Promise<number | null>((resolve, reject) => {
        child.on('error', reject);
        child.on('exit', (code) => resolve(code));
      });
      const waiting = await new Promise<string>((resolve) =>
        child.stdout.once('data', (chunk) => resolve(String(chunk))),
      );
      expect(waiting.trim()).toBe('1');
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(fileDetails()).toEqual(['interrupted']);
      holder?.kill('SIGKILL');
      await released.catch(() => {});
    },
    60_000,
  );
});
