/**
 * The administrator's member commands as real processes against the emulator: the list with its
 * breakdown, and the three batches with the write rules and one result per account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinedBy, memberBreakdown } from '../../main/cli/commands/members';
import type { MemberInfo } from '../../main/domain/types';
import { type CliFixture, startCliFixture } from '../helpers/cli-process';

let fixture: CliFixture;
beforeAll(async () => {
  fixture = await startCliFixture('shi-cli-members-');
});
afterAll(() => fixture?.close());
const admin = ['--profile', 'admin', '--region', 'us-east-1'];
const sent = (operation: string) => fixture.emulator.requestLog().filter((e) => e.operation === operation).length;

describe('members', () => {
  it('lists every member with how it joined, from documented evidence only, and the breakdown', async () => {
    const result = await fixture.cli('members', ...admin, '--json');
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout) as { members: (MemberInfo & { joinedBy: string })[]; breakdown: string };
    const by = Object.fromEntries(body.members.map((m) => [m.accountId, m]));
    expect(by['222222222222']).toMatchObject({ memberStatus: 'Invited', joinedBy: 'invitation' });
    expect(by['333333333333']).toMatchObject({ memberStatus: 'Enabled', joinedBy: 'invitation' });
    expect(by['999999999999']).toMatchObject({ memberStatus: 'Created', joinedBy: 'invitation' });
    // The demo's Organizations member: Enabled, no e-mail, an InvitedAt kept by the emulator (AWS's is
    // not published). Nothing documented says how it joined, so it is not guessed as "invitation".
    expect(by['444444444444']).toMatchObject({ memberStatus: 'Enabled', email: null, joinedBy: 'unknown' });
    expect(body.breakdown).toMatch(/^5 members: .*2 Invited.*2 Enabled.*1 Created/);
    expect(body.breakdown).toMatch(/4 by invitation, 0 through AWS Organizations, 1 not known/);
    const table = await fixture.cli('members', ...admin);
    expect(table.stdout.trim().split('\n').at(-1)).toBe(body.breakdown);
    expect(table.stdout).toMatch(/444444444444 .* unknown/);
  }, 60_000);

  it('shows the answer of the service, and "unknown" where it has none', () => {
    const member = (joined: MemberInfo['joinedBy']): MemberInfo => ({
      accountId: '444455556666',
      email: null,
      administratorId: '111111111111',
      masterId: null,
      memberStatus: 'Enabled',
      invitedAt: '2026-01-01T00:00:00Z',
      updatedAt: null,
      ...(joined === undefined ? {} : { joinedBy: joined }),
    });
    expect(joinedBy(member('organizations'))).toBe('organizations');
    expect(joinedBy(member(null))).toBe('unknown');
    // A row stored before members said how they joined.
    expect(joinedBy(member(undefined))).toBe('unknown');
    expect(memberBreakdown([member('organizations'), member(null)])).toBe(
      "2 members: 2 Enabled; 0 by invitation, 1 through AWS Organizations, 1 not known (AWS's answer does not say).",
    );
  });
});

describe('member batches', () => {
  it('withdraw asks first (exit 3 without --yes), then withdraws the pending invitation', async () => {
    fixture.emulator.clearLog();
    const unconfirmed = await fixture.cli('withdraw', ...admin, '--account', '222222222222');
    expect(unconfirmed.code).toBe(3);
    expect(unconfirmed.stderr).toContain('DeleteInvitations: 222222222222');
    expect(sent('DeleteInvitations')).toBe(0);
    const done = await fixture.cli('withdraw', ...admin, '--account', '222222222222', '--yes', '--json');
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({
      ok: true,
      results: [{ accountId: '222222222222', result: 'done' }],
    });
    expect(sent('DeleteInvitations')).toBe(1);
  }, 60_000);

  it('disassociate-members and delete-members take --dry-run and refuse a malformed account', async () => {
    fixture.emulator.clearLog();
    const dry = await fixture.cli('disassociate-members', ...admin, '--account', '333333333333', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain('DisassociateMembers: 333333333333');
    expect(sent('DisassociateMembers')).toBe(0);
    const bad = await fixture.cli('delete-members', ...admin, '--account', '12', '--yes');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/12-digit/);
    const none = await fixture.cli('delete-members', ...admin, '--yes');
    expect(none.code).toBe(2);
    expect(fixture.emulator.requestLog()).toHaveLength(0);
  }, 60_000);
});
