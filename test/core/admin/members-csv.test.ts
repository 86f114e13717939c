/**
 * Member accounts from the console's CSV (parsed in main, per-line errors) and administrator batch
 * operations over more than 50 accounts, against the emulator through the real SDK.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CSV_ACCOUNTS, MAX_LISTED_ERRORS, parseMembersCsv } from '../../../main/core/admin/members-csv';
import { type Harness, startHarness } from '../harness';

describe('parseMembersCsv', () => {
  it('reads the console’s format: header, optional email, BOM, CRLF, quotes, blank lines', async () => {
    const text = '\uFEFFAccount ID,Email\r\n123456789012,a@example.com\r\n\r\n"210987654321",\r\n';
    expect(await parseMembersCsv(text)).toEqual({
      accounts: [{ accountId: '123456789012', email: 'a@example.com' }, { accountId: '210987654321' }],
      errors: [],
      moreErrors: 0,
    });
  });

  it('accepts the columns in any order and the id column alone', async () => {
    expect((await parseMembersCsv('email,account id\nb@example.com,123456789012\n')).accounts).toEqual([
      { accountId: '123456789012', email: 'b@example.com' },
    ]);
    expect((await parseMembersCsv('AccountId\n123456789012\n')).accounts).toEqual([{ accountId: '123456789012' }]);
  });

  it('lists what is wrong per line and keeps the good lines', async () => {
    const text = [
      'Account ID,Email',
      '123456789012,ok@example.com',
      '12345678901,short@example.com',
      '123456789013,not-an-email',
      '123456789012,again@example.com',
      'abc,',
      '123456789014',
    ].join('\n');
    const parsed = await parseMembersCsv(text);
    expect(parsed.accounts.map((a) => a.accountId)).toEqual(['123456789012', '123456789014']);
    expect(parsed.errors).toEqual([
      { line: 3, message: expect.stringMatching(/not a 12-digit AWS account id \(a spreadsheet may have dropped/) },
      { line: 4, message: '"not-an-email" is not a valid email address.' },
      { line: 5, message: 'Account 123456789012 is already on line 2.' },
      { line: 6, message: expect.stringMatching(/"abc" is not a 12-digit/) },
    ]);
  });

  it('refuses a file without the header, an empty file, and broken CSV', async () => {
    expect((await parseMembersCsv('123456789012,a@example.com\n')).errors[0]?.message).toMatch(
      /header "Account ID,Email"/,
    );
    expect((await parseMembersCsv('')).errors).toEqual([{ line: 1, message: 'The file is empty.' }]);
    expect((await parseMembersCsv('Account ID,Email\n"123456789012,a@example.com\n')).errors[0]?.message).toMatch(
      /not valid CSV/,
    );
  });

  it('stops at the per-administrator quota', async () => {
    const lines = Array.from({ length: MAX_CSV_ACCOUNTS + 5 }, (_, i) => String(300000000000 + i));
    const parsed = await parseMembersCsv(`Account ID\n${lines.join('\n')}\n`);
    expect(parsed.accounts).toHaveLength(MAX_CSV_ACCOUNTS);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]?.message).toMatch(/More than 1000 accounts/);
  });
});

describe('a megabyte of bad lines', () => {
  // What an attack run sent: 1 MB of "1" lines, each a short id (and, before, each an error sent over IPC).
  const text = `Account ID,Email\n${'1\n'.repeat(500_000)}`;

  it('lists the first 100 lines and counts the rest, and stops reading where no members list goes on', async () => {
    const parsed = await parseMembersCsv(text);
    expect(parsed.accounts).toEqual([]);
    expect(parsed.errors).toHaveLength(MAX_LISTED_ERRORS + 1);
    expect(parsed.errors[0]).toEqual({
      line: 2,
      message: expect.stringMatching(/"1" is not a 12-digit AWS account id/),
    });
    expect(parsed.errors[MAX_LISTED_ERRORS - 1]?.line).toBe(MAX_LISTED_ERRORS + 1);
    expect(parsed.moreErrors).toBe(900);
    expect(parsed.errors.at(-1)).toEqual({
      line: 1002,
      message: 'More than 1000 lines cannot be used: this line and the rest were not read.',
    });
    // What crosses IPC: a few KB, where it was 60 MB.
    expect(Buffer.byteLength(JSON.stringify(parsed))).toBeLessThan(16 * 1024);
  });

  it('lets the event loop run while it parses', async () => {
    let turns = 0;
    let counting = true;
    const count = () => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    await parseMembersCsv(`Account ID,Email\n${'123456789012,a@example.com\n'.repeat(999)}${'bad\n'.repeat(5000)}`);
    counting = false;
    // The parse is fed in chunks with a turn of the event loop between them (IPC, timers, drawing).
    expect(turns).toBeGreaterThan(5);
  });
});

describe('members:import-csv and batches of 50', () => {
  let h: Harness;
  let chosen: string | null = null;
  beforeAll(async () => {
    h = await startHarness({
      settings: { defaultRegions: ['us-east-1'] },
      deps: { chooseOpenPath: async () => chosen },
    });
  });
  afterAll(() => h?.close());

  it('answers nothing when the dialog is cancelled, and a typed error for a missing file', async () => {
    chosen = null;
    expect(await h.backend.handlers['members:import-csv'](undefined)).toEqual({
      path: null,
      accounts: [],
      errors: [],
      moreErrors: 0,
    });
    chosen = path.join(h.dir, 'missing.csv');
    await expect(h.backend.handlers['members:import-csv'](undefined)).rejects.toMatchObject({
      appError: { kind: 'config', message: expect.stringMatching(/could not be read \(ENOENT\)/) },
    });
  });

  it('imports 120 accounts, creates them in batches of 50, reports unprocessed ones per account, and invites them', async () => {
    const ids = Array.from({ length: 119 }, (_, i) => String(400000000000 + i));
    const csv = [
      'Account ID,Email',
      ...ids.map((id, i) => `${id},${i === 0 ? 'first@example.com' : ''}`),
      // Already an Enabled member of this administrator: AWS leaves it unprocessed.
      '333333333333,',
      'bad-line,',
    ].join('\n');
    chosen = path.join(h.dir, 'members.csv');
    await fs.writeFile(chosen, csv);
    const imported = await h.backend.handlers['members:import-csv'](undefined);
    expect(imported.path).toBe(chosen);
    expect(imported.accounts).toHaveLength(120);
    expect(imported.errors).toEqual([{ line: 122, message: expect.stringMatching(/"bad-line"/) }]);

    h.emulator.clearLog();
    const created = await h.backend.handlers['members:create']({
      profile: 'admin',
      region: 'us-east-1',
      accounts: imported.accounts,
    });
    expect(h.operations('CreateMembers')).toHaveLength(3);
    expect(created.processed).toHaveLength(119);
    expect(created.unprocessed).toEqual([
      { accountId: '333333333333', reason: expect.stringMatching(/already a member or associated member/) },
    ]);
    expect(created.message).toBe('Added 119 accounts in us-east-1; AWS did not process 1 account.');
    expect(created.row?.members?.find((m) => m.accountId === ids[0])?.email).toBe('first@example.com');
    const log = await h.backend.handlers['activity:list']({ limit: 1 });
    // Not reported as done: the entry is partial, with its counts, naming the unprocessed account and why.
    expect(log[0]).toMatchObject({
      action: 'create-members',
      outcome: 'partial',
      counts: { done: 119, skipped: 0, refused: 0, failed: 1 },
    });
    expect(log[0]?.detail).toMatch(
      /333333333333: The request is rejected because the given account ID is already a member/,
    );

    h.emulator.clearLog();
    const invited = await h.backend.handlers['members:invite']({
      profile: 'admin',
      region: 'us-east-1',
      accountIds: [...ids, '121212121212'],
    });
    expect(invited.processed).toHaveLength(119);
    expect(invited.unprocessed.map((u) => u.accountId)).toEqual(['121212121212']);
    expect(h.operations('InviteMembers')).toHaveLength(3);

    const withdrawn = await h.backend.handlers['invitations:delete']({
      profile: 'admin',
      region: 'us-east-1',
      accountIds: ids.slice(0, 60),
    });
    expect(withdrawn.processed).toHaveLength(60);
    const deleted = await h.backend.handlers['members:delete']({
      profile: 'admin',
      region: 'us-east-1',
      accountIds: ids,
    });
    expect(deleted.processed).toHaveLength(119);
    expect(deleted.unprocessed).toEqual([]);
  }, 60_000);
});
