/**
 * A profile's last known account starts its rows before STS answers; STS still decides. A profile
 * whose keys now reach another account gets that account's row, read again with the right account.
 */
import fs from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createKnownAccounts } from '../../../main/core/rows/known-accounts';
import { type Harness, startHarness } from '../harness';

const ADMIN = '111111111111';
const MEMBER = '222222222222';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const answeredAt = (h: Harness, service: string, operation: string, accountId: string) =>
  h.emulator
    .requestLog()
    .filter((e) => e.service === service && e.operation === operation && e.accountId === accountId)
    .map((e) => Date.parse(e.time));

describe('the last known account of a profile', () => {
  it('starts the row’s reads beside the STS call, so the row takes one round trip', async () => {
    const latencyMs = 400;
    h = await startHarness({ emulator: { faults: { latencyMs } } });
    await h.row('admin', 'us-east-1'); // first read: the account is learnt from STS
    const firstSts = answeredAt(h, 'sts', 'GetCallerIdentity', ADMIN)[0] ?? 0;
    const firstReads = answeredAt(h, 'securityhub', 'ListMembers', ADMIN)[0] ?? 0;
    // Without a known account the reads wait for STS: a round trip later.
    expect(firstReads - firstSts).toBeGreaterThanOrEqual(latencyMs - 50);

    h.emulator.clearLog();
    const row = await h.row('admin', 'us-east-1');
    expect(row).toMatchObject({ accountId: ADMIN, state: 'on', error: null });
    const sts = answeredAt(h, 'sts', 'GetCallerIdentity', ADMIN);
    const reads = answeredAt(h, 'securityhub', 'ListMembers', ADMIN);
    expect(sts).toHaveLength(1);
    expect(reads).toHaveLength(1);
    expect(Math.abs((reads[0] ?? 0) - (sts[0] ?? 0))).toBeLessThan(latencyMs / 2);
  });

  it('reads the rows again with the right accounts when STS names others, sharing only confirmed reads', async () => {
    h = await startHarness({ settings: { defaultRegions: ['us-east-1'] } });
    const both = [
      { profile: 'admin', region: 'us-east-1' },
      { profile: 'member-pending', region: 'us-east-1' },
    ];
    await h.refresh({ kind: 'rows', rows: both });
    // The two profiles' keys are swapped: each now reaches the account the other one reached, so
    // each one's early read lands on the account the other one is about to be confirmed in.
    const file = h.env.AWS_SHARED_CREDENTIALS_FILE as string;
    const text = await fs.readFile(file, 'utf8');
    const section = (name: string) => new RegExp(`\\[${name}\\]\\n([^[]*)`).exec(text)?.[1] ?? '';
    const [admin, member] = [section('admin'), section('member-pending')];
    expect(admin).not.toBe('');
    await fs.writeFile(file, text.replace(admin, '@ADMIN@').replace(member, admin).replace('@ADMIN@', member));

    h.emulator.clearLog();
    const started = await h.backend.handlers['refresh:start']({ scope: { kind: 'rows', rows: both }, reload: true });
    await h.backend.refresh.wait(started.refreshId);
    const rows = h.rowsOf(started.refreshId);
    const adminRow = rows.find((r) => r.profile === 'admin');
    const memberRow = rows.find((r) => r.profile === 'member-pending');
    // admin is now account 222222222222: pending invitations from 111111111111, no members.
    expect(adminRow).toMatchObject({ accountId: MEMBER, state: 'on', error: null, members: [] });
    expect(adminRow?.pendingInvitations.map((i) => i.accountId)).toEqual([ADMIN]);
    // member-pending is now the administrator 111111111111 with its five members.
    expect(memberRow).toMatchObject({ accountId: ADMIN, state: 'on', error: null, administrators: [] });
    expect(memberRow?.members).toHaveLength(5);
    expect(memberRow?.pendingInvitations).toEqual([]);
    // A wrong guess costs a read: at most the early one and the one after STS, per account.
    const reads = [ADMIN, MEMBER].map((a) => answeredAt(h as Harness, 'securityhub', 'ListMembers', a).length);
    expect(reads.every((n) => n >= 1 && n <= 2)).toBe(true);
    expect(reads[0]! + reads[1]!).toBeGreaterThan(2);
  });
});

describe('createKnownAccounts', () => {
  it('takes each profile’s newest stored account and learns from rows with an identity', () => {
    const known = createKnownAccounts([
      { profile: 'a', accountId: ADMIN, fetchedAt: '2026-01-02T00:00:00.000Z' },
      { profile: 'a', accountId: MEMBER, fetchedAt: '2026-01-01T00:00:00.000Z' },
      { profile: 'b', accountId: null, fetchedAt: '2026-01-03T00:00:00.000Z' },
    ]);
    expect(known.get('a')).toBe(ADMIN);
    expect(known.get('b')).toBeNull();
    known.learn({ profile: 'a', accountId: MEMBER });
    known.learn({ profile: 'a', accountId: null });
    expect(known.get('a')).toBe(MEMBER);
  });
});
