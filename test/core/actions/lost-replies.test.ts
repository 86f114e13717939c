/**
 * A write whose answer is lost (the connection drops after AWS applied it, or AWS answers 500) is
 * sent once, never again; the action reads AWS's state and reports what it shows. Every write the
 * app makes is covered.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { ActionOutcome, BatchOutcome } from '../../../main/domain/types';
import { appErrorOf, type Harness, startHarness } from '../harness';

const ADMIN = '111111111111';
let h: Harness | undefined;
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h?.close();
  h = await startHarness();
});

interface Case {
  operation: string;
  run: (h: Harness) => Promise<ActionOutcome | BatchOutcome>;
  /** AWS's state shows the write applied. */
  applied: (h: Harness) => Promise<boolean>;
}

const memberStatus = async (harness: Harness, id: string) =>
  (await harness.row('admin', 'us-east-1')).members?.find((m) => m.accountId === id)?.memberStatus;

const CASES: Case[] = [
  {
    operation: 'AcceptAdministratorInvitation',
    run: async (harness) => {
      const row = await harness.row('member-pending', 'us-east-1');
      const invitationId = row.pendingInvitations[0]!.invitationId;
      harness.emulator.clearLog();
      return harness.backend.handlers['invitation:accept']({
        profile: 'member-pending',
        region: 'us-east-1',
        administratorId: ADMIN,
        invitationId,
      });
    },
    applied: async (harness) =>
      (await harness.row('member-pending', 'us-east-1')).administrators[0]?.accountId === ADMIN,
  },
  {
    operation: 'DeclineInvitations',
    run: (harness) =>
      harness.backend.handlers['invitation:decline']({
        profile: 'member-pending',
        region: 'us-east-1',
        administratorId: ADMIN,
      }),
    applied: async (harness) => (await harness.row('member-pending', 'us-east-1')).pendingInvitations.length === 0,
  },
  {
    operation: 'DisassociateFromAdministratorAccount',
    run: (harness) =>
      harness.backend.handlers['administrator:disassociate']({ profile: 'member-enabled', region: 'us-east-1' }),
    applied: async (harness) => (await harness.row('member-enabled', 'us-east-1')).administrators.length === 0,
  },
  {
    operation: 'EnableSecurityHub',
    run: (harness) =>
      harness.backend.handlers['service:enable']({
        profile: 'hub-off',
        region: 'eu-west-1',
        enableDefaultStandards: false,
      }),
    applied: async (harness) => (await harness.row('hub-off', 'eu-west-1')).state === 'on',
  },
  {
    operation: 'CreateMembers',
    run: (harness) =>
      harness.backend.handlers['members:create']({
        profile: 'admin',
        region: 'us-east-1',
        accounts: [{ accountId: '123456789012' }],
      }),
    applied: async (harness) => (await memberStatus(harness, '123456789012')) === 'Created',
  },
  {
    operation: 'InviteMembers',
    run: (harness) =>
      harness.backend.handlers['members:invite']({
        profile: 'admin',
        region: 'us-east-1',
        accountIds: ['999999999999'],
      }),
    applied: async (harness) => (await memberStatus(harness, '999999999999')) === 'Invited',
  },
  {
    operation: 'DeleteInvitations',
    run: (harness) =>
      harness.backend.handlers['invitations:delete']({
        profile: 'admin',
        region: 'us-east-1',
        accountIds: ['222222222222'],
      }),
    applied: async (harness) => (await memberStatus(harness, '222222222222')) === 'Created',
  },
  {
    operation: 'DisassociateMembers',
    run: (harness) =>
      harness.backend.handlers['members:disassociate']({
        profile: 'admin',
        region: 'us-east-1',
        accountIds: ['333333333333'],
      }),
    applied: async (harness) => (await memberStatus(harness, '333333333333')) === 'Removed',
  },
  {
    operation: 'DeleteMembers',
    run: (harness) =>
      harness.backend.handlers['members:delete']({
        profile: 'admin',
        region: 'us-east-1',
        accountIds: ['555555555555'],
      }),
    applied: async (harness) => (await memberStatus(harness, '555555555555')) === undefined,
  },
];

describe.each(CASES)('$operation', ({ operation, run, applied }) => {
  it.each(['drop', 'internal-error'] as const)(
    'reply lost (%s) after AWS applied it: sent once, reported done',
    async (as) => {
      const harness = h!;
      harness.emulator.setFaults({ loseReplies: [operation], loseRepliesAs: as });
      const outcome = await run(harness);
      expect(harness.operations(operation)).toHaveLength(1);
      expect(outcome.message).toMatch(/reply was lost; the state read again shows it went through/);
      if ('unprocessed' in outcome) expect(outcome.unprocessed).toEqual([]);
      harness.emulator.setFaults({ loseReplies: [] });
      expect(await applied(harness)).toBe(true);
      const log = await harness.backend.handlers['activity:list'](undefined);
      expect(log.at(-1)).toMatchObject({ outcome: 'succeeded' });
    },
  );

  it('request lost before AWS applied it: sent once, reported as not applied', async () => {
    const harness = h!;
    harness.emulator.setFaults({ loseReplies: [operation], loseRepliesAs: 'drop-unapplied' });
    const outcome = await run(harness).catch(async (error: unknown) => ({
      error: await appErrorOf(Promise.reject(error)),
    }));
    expect(harness.operations(operation)).toHaveLength(1);
    if ('error' in outcome) {
      expect(outcome.error.message).toMatch(/state read again shows nothing changed/);
      expect(outcome.error.retryable).toBe(true);
    } else {
      // Batches report per account.
      expect('unprocessed' in outcome && outcome.unprocessed.map((u) => u.reason)).toEqual([
        expect.stringMatching(/reply was lost and its state shows no change/),
      ]);
    }
    harness.emulator.setFaults({ loseReplies: [] });
    expect(await applied(harness)).toBe(false);
  });
});
