/**
 * A batch of 120 accounts whose first call's answer is lost after AWS applied it (the emulator drops
 * the connection): the call is sent once, AWS's state read again says the first 50 were added, and
 * the 70 accounts of the two calls never sent are reported as not sent — not as "reply lost" — by the
 * backend, in the activity log and on the command line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_SENT_AFTER_LOST } from '../../../main/core/aws/batch-calls';
import { type CliFixture, startCliFixture } from '../../helpers/cli-process';
import { type Harness, startHarness } from '../harness';

const IDS = Array.from({ length: 120 }, (_, i) => String(300_000_000_000 + i));

describe('a batch whose first call’s answer was lost', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ settings: { defaultRegions: ['us-east-1'] } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('reports the accounts of the calls never sent as not sent', async () => {
    h.emulator.setFaults({ loseReplies: ['CreateMembers'], loseRepliesAs: 'drop' });
    h.emulator.clearLog();
    const outcome = await h.backend.handlers['members:create']({
      profile: 'admin',
      region: 'us-east-1',
      accounts: IDS.map((accountId) => ({ accountId })),
    });
    h.emulator.setFaults({ loseReplies: [] });
    expect(h.operations('CreateMembers')).toHaveLength(1);
    expect(outcome.processed).toEqual(IDS.slice(0, 50));
    expect(outcome.unprocessed).toHaveLength(70);
    for (const u of outcome.unprocessed)
      expect(u).toEqual({ accountId: u.accountId, reason: NOT_SENT_AFTER_LOST, notSent: true });
    expect(outcome.message).toBe(
      "Added 50 accounts in us-east-1; 70 accounts not sent. (AWS's reply was lost; the state read again shows which accounts it changed.)",
    );
    const log = await h.backend.handlers['activity:list'](undefined);
    expect(log.at(-1)).toMatchObject({ action: 'create-members', outcome: 'partial' });
    expect(log.at(-1)?.detail).toMatch(/70 accounts not sent\. .*Not sent: the answer to an earlier call/);
    expect(log.at(-1)?.detail).not.toMatch(/reply was lost and its state shows no change/);
  });
});

describe('the command line, a batch whose first call’s answer was lost', () => {
  let fixture: CliFixture;
  beforeAll(async () => {
    fixture = await startCliFixture('shi-unsent-');
  }, 60_000);
  afterAll(async () => {
    await fixture?.close();
  });

  it('lists the accounts never sent as "not sent", with why', async () => {
    fixture.emulator.setFaults({ loseReplies: ['DeleteMembers'], loseRepliesAs: 'drop' });
    const args = ['delete-members', '--profile', 'admin', '--region', 'us-east-1', '--yes'];
    for (const id of IDS) args.push('--account', id);
    const result = await fixture.cli(...args, '--json');
    fixture.emulator.setFaults({ loseReplies: [] });
    expect(result.code).toBe(1);
    const out = JSON.parse(result.stdout) as {
      results: { accountId: string; result: string; message: string }[];
      message: string;
    };
    const by = Object.fromEntries(out.results.map((r) => [r.accountId, r]));
    // The first call's 50 accounts: the state read again shows them not members, which is what
    // DeleteMembers leaves (whether or not they were members before).
    expect(by[IDS[0] as string]?.result).toBe('done');
    expect(by[IDS[119] as string]).toEqual({ accountId: IDS[119], result: 'not sent', message: NOT_SENT_AFTER_LOST });
    expect(out.results.filter((r) => r.result === 'not sent')).toHaveLength(70);
    expect(out.message).toMatch(/; 70 accounts not sent\./);
  }, 120_000);
});
