import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openActivityLog } from '../../../main/core/storage/activity';
import { activityToCsv, activityToJson } from '../../../main/core/storage/activity-export';
import { AppErrorException } from '../../../main/domain/errors';
import type { ActivityEntry } from '../../../main/domain/types';
import { makeTempDir } from './helpers';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = makeTempDir());
});
afterEach(() => cleanup());

const input = (detail: string, extra: Partial<ActivityEntry> = {}) => ({
  service: 'securityhub',
  profile: 'admin',
  accountId: '111111111111',
  region: 'us-east-1',
  action: 'invite-members' as const,
  target: '222222222222',
  outcome: 'succeeded' as const,
  detail,
  requestId: 'req-1',
  ...extra,
});

function tickingClock(start = Date.parse('2026-11-25T08:00:00.000Z')) {
  let n = 0;
  return () => new Date(start + 1000 * n++);
}

describe('openActivityLog', () => {
  it('appends entries with id, time and source, and lists them newest first', async () => {
    const log = openActivityLog({ cwd: dir, source: 'app', clock: tickingClock() });
    expect(await log.list()).toEqual([]);
    const first = await log.append(input('one'));
    await log.append(input('two', { outcome: 'failed', requestId: null }));
    await log.append(input('three', { action: 'accept', accountId: null, target: null }));

    expect(first).toMatchObject({ source: 'app', time: '2026-11-25T08:00:00.000Z', detail: 'one' });
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    const listed = await log.list();
    expect(listed.map((e) => e.detail)).toEqual(['three', 'two', 'one']);
    expect(listed[2]).toEqual(first);
    expect((await log.list(2)).map((e) => e.detail)).toEqual(['three', 'two']);

    // Another process (here: another instance) sees the same log.
    const cli = openActivityLog({ cwd: dir, source: 'cli' });
    await cli.append(input('from cli'));
    expect((await log.list(1))[0]).toMatchObject({ source: 'cli', detail: 'from cli' });
  });

  it('keeps at most `cap` entries, dropping the oldest', async () => {
    const log = openActivityLog({ cwd: dir, source: 'app', cap: 20 });
    for (let i = 0; i < 75; i++) await log.append(input(`entry-${i}`));
    const listed = await log.list(1000);
    expect(listed).toHaveLength(20);
    expect(listed[0]?.detail).toBe('entry-74');
    expect(listed[19]?.detail).toBe('entry-55');
    // The file itself is trimmed too (it may run a tenth over the cap between trims).
    const lines = fs.readFileSync(log.path, 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(20);
    expect(lines.length).toBeLessThanOrEqual(22);
  });

  it('reads past a torn last line and writes the next entry on a line of its own', async () => {
    const log = openActivityLog({ cwd: dir, source: 'app' });
    await log.append(input('whole'));
    fs.appendFileSync(log.path, '{"id":"torn","time":"2026-');
    expect((await log.list()).map((e) => e.detail)).toEqual(['whole']);
    await log.append(input('after'));
    expect((await log.list()).map((e) => e.detail)).toEqual(['after', 'whole']);
    fs.appendFileSync(log.path, 'not json at all\n{"id": 5}\n');
    expect(await log.list()).toHaveLength(2);
  });

  it('takes over the lock of a writer that died holding it', async () => {
    const log = openActivityLog({ cwd: dir, source: 'cli' });
    const lockDir = `${log.path}.lock`;
    fs.mkdirSync(lockDir);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lockDir, old, old);
    await log.append(input('after a crash'));
    expect((await log.list()).map((e) => e.detail)).toEqual(['after a crash']);
    expect(fs.existsSync(lockDir)).toBe(false);
  });

  it('refuses a malformed entry with a typed error', async () => {
    const log = openActivityLog({ cwd: dir, source: 'cli' });
    await expect(log.append({ ...input('x'), action: 'explode' as never })).rejects.toBeInstanceOf(AppErrorException);
    await expect(log.append({ ...input('x'), profile: '' })).rejects.toThrow(/profile/);
    expect(await log.list()).toEqual([]);
  });

  it('never writes an access key id that an error text echoes', async () => {
    const log = openActivityLog({ cwd: dir, source: 'app' });
    await log.append(input('The key AKIAABCDEFGHIJKLMNOP is not valid'));
    const text = fs.readFileSync(log.path, 'utf8');
    expect(text).not.toContain('AKIAABCDEFGHIJKLMNOP');
    expect(text).toContain('AKIA****************');
  });
});

describe('the log file itself', () => {
  it('replaces a symbolic link at its name by a regular file and never writes through it', async () => {
    const outside = makeTempDir();
    try {
      const target = path.join(outside.dir, 'elsewhere.jsonl');
      const first = openActivityLog({ cwd: dir, source: 'app' });
      await first.append(input('before the link'));
      fs.copyFileSync(first.path, target);
      fs.rmSync(first.path);
      fs.symlinkSync(target, first.path);
      const targetBefore = fs.readFileSync(target, 'utf8');
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});

      const log = openActivityLog({ cwd: dir, source: 'app' });
      await log.append(input('after the link'));
      expect(fs.lstatSync(log.path).isSymbolicLink()).toBe(false);
      expect(fs.readFileSync(target, 'utf8')).toBe(targetBefore);
      expect((await log.list()).map((e) => e.detail)).toEqual(['after the link', 'before the link']);
      expect(warn.mock.calls[0]?.[0]).toMatch(/was a symbolic link; it is now a regular file/);
    } finally {
      vi.restoreAllMocks();
      outside.cleanup();
    }
  });

  it.skipIf(process.platform === 'win32')(
    'never writes into a FIFO at its name: the entry waits for a file',
    async () => {
      const log = openActivityLog({ cwd: dir, source: 'app' });
      execFileSync('mkfifo', [log.path]);
      const error = vi.spyOn(console, 'error').mockImplementation(() => {});
      try {
        let written = false;
        const appended = log.append(input('kept')).then(() => {
          written = true;
        });
        await vi.waitFor(() => expect(error).toHaveBeenCalled());
        expect(String(error.mock.calls[0]?.[0])).toMatch(/is a FIFO, not a regular file/);
        expect(written).toBe(false);
        expect(log.pending()).toBe(1);
        // Once a file can be written, the waiting entry goes in.
        fs.rmSync(log.path);
        await appended;
        expect((await log.list()).map((e) => e.detail)).toEqual(['kept']);
      } finally {
        vi.restoreAllMocks();
      }
    },
  );
});

describe('activity export', () => {
  const entry = (extra: Partial<ActivityEntry>): ActivityEntry => ({
    id: 'e1',
    time: '2026-11-25T08:00:00.000Z',
    source: 'app',
    ...input('ok'),
    ...extra,
  });

  it('writes RFC 4180 CSV: header, CRLF, quoted commas, quotes and line breaks', () => {
    const csv = activityToCsv([
      entry({ detail: 'He said "no", twice' }),
      entry({ id: 'e2', detail: 'line one\nline two', requestId: null, target: null }),
    ]);
    const lines = csv.split('\r\n');
    // The columns exported before keep their places; the administrator, invitation, sending time and
    // a batch's counts follow.
    expect(lines[0]).toBe(
      'time,source,profile,accountId,region,action,target,outcome,detail,requestId,id,service,administratorId,invitationId,sentAt,done,skipped,refused,failed',
    );
    expect(lines[1]).toBe(
      '2026-11-25T08:00:00.000Z,app,admin,111111111111,us-east-1,invite-members,222222222222,succeeded,"He said ""no"", twice",req-1,e1,securityhub,,,,,,,',
    );
    expect(lines[2]).toBe(
      '2026-11-25T08:00:00.000Z,app,admin,111111111111,us-east-1,invite-members,,succeeded,"line one\nline two",,e2,securityhub,,,,,,,',
    );
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('guards against formula injection with a leading single quote', () => {
    const csv = activityToCsv([
      entry({ profile: '=HYPERLINK("http://evil")', detail: '+1+1', target: '-2+3', requestId: '@SUM(A1)' }),
    ]);
    const row = csv.split('\r\n')[1] as string;
    expect(row).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(row).toContain(",'+1+1,");
    expect(row).toContain(",'-2+3,");
    expect(row).toContain(",'@SUM(A1),");
    expect(activityToCsv([entry({ detail: 'a = b' })])).toContain(',a = b,');
    // A plain negative number evaluates to itself: left as it is (main/domain/csv.ts).
    expect(activityToCsv([entry({ detail: '-2' })])).toContain(',-2,');
  });

  it('guards a cell that starts with a line feed', () => {
    expect(activityToCsv([entry({ detail: '\n=1+1' })])).toContain(`"'\n=1+1"`);
  });

  it('exports JSON that parses back to the same entries', () => {
    const entries = [entry({}), entry({ id: 'e2', outcome: 'refused' })];
    expect(JSON.parse(activityToJson(entries))).toEqual(entries);
  });
});
