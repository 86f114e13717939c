/**
 * A member enrolled through AWS Organizations whose reads do not say so (AWS publishes neither
 * answer for such a member): its leave is refused with the real BadRequestException (quoted in
 * superwerker's tests). The refusal is learnt — the row says "managed by your organization", and the
 * same leave is never sent again, not after a refresh either.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { appErrorOf } from '../core/harness';
import { fixture } from './fixtures';
import { PROFILE, type ReplayHarness, startReplayHarness } from './harness';
import type { Plan } from './server';

let h: ReplayHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const MEMBER: [string, string] = ['123456789012', '123456789111'];
const here = { profile: PROFILE, region: 'us-west-1' };

/** The member of the AWS CLI examples: its administrator 123456789012 with an invitation id. */
const member: Plan = {
  'sts:GetCallerIdentity': { fixture: fixture('sts-get-caller-identity.api-reference'), replace: [MEMBER] },
  'securityhub:GetAdministratorAccount': { fixture: fixture('get-administrator-account.api-reference-key') },
  'securityhub:ListInvitations': { fixture: fixture('list-invitations.aws-cli') },
  'securityhub:ListMembers': { fixture: fixture('list-members.empty') },
  'securityhub:DisassociateFromAdministratorAccount': { fixture: fixture('organizations-member-leave.superwerker') },
};

describe('a leave AWS refused for an Organizations member', () => {
  it('is sent once, then known: refused by the app, the row marked, across refreshes', async () => {
    h = await startReplayHarness(member);
    const before = await h.row('us-west-1');
    expect(before.administrators[0]).toMatchObject({ accountId: '123456789012' });
    expect(before.administrators[0]?.viaOrganization).toBeUndefined();

    const first = await appErrorOf(h.backend.handlers['administrator:disassociate'](here));
    expect(first).toMatchObject({ kind: 'organizations-managed', awsCode: 'BadRequestException' });
    expect(first.message).toMatch(/managed by your organization/);
    expect(h.replay.operations('securityhub:DisassociateFrom')).toEqual([
      'securityhub:DisassociateFromAdministratorAccount',
    ]);

    const second = await appErrorOf(h.backend.handlers['administrator:disassociate'](here));
    expect(second.kind).toBe('organizations-managed');
    expect(second.awsCode).toBeUndefined();
    expect(h.replay.operations('securityhub:DisassociateFrom')).toHaveLength(1);

    // The next read does not say it again; the row keeps what the refusal taught.
    const after = await h.row('us-west-1');
    expect(after.administrators[0]).toMatchObject({ accountId: '123456789012', viaOrganization: true });
    await appErrorOf(h.backend.handlers['administrator:disassociate'](here));
    expect(h.replay.operations('securityhub:DisassociateFrom')).toHaveLength(1);
  });
});
