/**
 * What the window says of the accounts a batch left: AWS's reason for each it did not process
 * (escaped), and the accounts the app never sent named once with why — never as AWS's refusal or a
 * lost reply.
 */
import { describe, expect, it } from 'vitest';
import { leftOver } from '../../../renderer/src/data/member-actions';

describe('leftOver', () => {
  it('tells the accounts AWS did not process from those never sent', () => {
    const text = leftOver([
      { accountId: '222222222222', reason: 'Already a member.\u202e' },
      {
        accountId: '333333333333',
        reason:
          'Not sent: the answer to an earlier call of this batch was lost, so the app stopped before sending this one.',
        notSent: true,
      },
      {
        accountId: '444444444444',
        reason:
          'Not sent: the answer to an earlier call of this batch was lost, so the app stopped before sending this one.',
        notSent: true,
      },
    ]);
    expect(text).toBe(
      'Not processed: 222222222222: Already a member.\\u202e Not sent: 333333333333, 444444444444 (the answer to an earlier call of this batch was lost, so the app stopped before sending this one.)',
    );
  });

  it('says nothing of unsent accounts when every account was sent', () => {
    expect(leftOver([{ accountId: '222222222222', reason: 'Invalid email.' }])).toBe(
      'Not processed: 222222222222: Invalid email.',
    );
  });
});
