/**
 * Where a member may have several administrators at once (Detective: one per behavior graph), one
 * administrator may stand behind two invitations: the pending rule and the accept's choice tell them
 * apart by the invitation reference, not by the administrator. AWS allows one graph per administrator
 * and region today, so the emulator cannot hold this case: it is checked on the rules themselves.
 */
import { describe, expect, it } from 'vitest';
import { chooseInvitation } from '../../../main/core/actions/accept-choice';
import { detective } from '../../../main/core/services/detective';
import { guardDuty } from '../../../main/core/services/guardduty';
import { memberSideOf, pendingInvitations } from '../../../main/core/services/row-parts';
import { isAppErrorException } from '../../../main/domain/errors';

const A = '111111111111';
const graph = (n: number) => `arn:aws:detective:us-east-1:${A}:graph:${String(n).repeat(32)}`;
const invited = (n: number) => ({ accountId: A, invitationId: graph(n), invitedAt: null, memberStatus: 'INVITED' });
const member = (n: number) => ({ accountId: A, invitationId: graph(n), invitedAt: null, memberStatus: 'ENABLED' });
const side = (administrators: ReturnType<typeof member>[], invitations: ReturnType<typeof invited>[]) =>
  memberSideOf(
    { administrators, invitations, off: false, notes: [], usedDeprecated: false, carry: {} },
    detective.member.maxAdministrators,
  );
const request = (invitationId: string | null) => ({
  service: detective,
  profile: 'p',
  region: 'us-east-1',
  administratorId: A,
  invitationId,
});

function errorOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (isAppErrorException(error)) return error.appError;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('one administrator, two invitations', () => {
  it('keeps the second invitation pending while the first is a membership (by reference, not administrator)', () => {
    expect(pendingInvitations([invited(1), invited(2)], [member(1)], 20)).toEqual([invited(2)]);
    // With one administrator at most (GuardDuty, Security Hub CSPM), the administrator says it.
    expect(pendingInvitations([invited(2)], [member(1)], guardDuty.member.maxAdministrators)).toEqual([]);
  });

  it('accepts the pending one of an administrator already a member through another graph', () => {
    expect(chooseInvitation(request(null), side([member(1)], [invited(1), invited(2)]), '222222222222')).toBe(graph(2));
  });

  it('needs the reference named where the administrator has two pending, and lists them', () => {
    const error = errorOf(() => chooseInvitation(request(null), side([], [invited(1), invited(2)]), '222222222222'));
    expect(error.kind).toBe('invalid-request');
    expect(error.message).toContain(`${graph(1)}, ${graph(2)}`);
    expect(chooseInvitation(request(graph(2)), side([], [invited(1), invited(2)]), '222222222222')).toBe(graph(2));
  });

  it('says a named graph already accepted is done', () => {
    const error = errorOf(() => chooseInvitation(request(graph(1)), side([member(1)], [invited(2)]), '222222222222'));
    expect(error).toMatchObject({ kind: 'refused', alreadyDone: true });
  });
});
