import {
  AcceptAdministratorInvitationCommand,
  AcceptInvitationCommand,
  DeclineInvitationsCommand,
  DeleteInvitationsCommand,
  DisassociateFromAdministratorAccountCommand,
  DisassociateFromMasterAccountCommand,
  GetAdministratorAccountCommand,
  GetInvitationsCountCommand,
  GetMasterAccountCommand,
  GetMembersCommand,
  ListInvitationsCommand,
} from '@aws-sdk/client-securityhub';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from './index';
import { ADMIN, demoScenario, ENABLED, failure, PENDING, securityHub } from './test-kit';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.stop());
beforeEach(() => emu.loadScenario(demoScenario()));

async function pendingInvitationId(profile = 'member-pending', region = 'us-east-1') {
  const out = await securityHub(emu, profile, region).send(new ListInvitationsCommand({}));
  return out.Invitations?.find((i) => i.AccountId === ADMIN)?.InvitationId ?? '';
}

describe('administrator relationship (member side)', () => {
  it('GetAdministratorAccount returns {} without an administrator and the relationship when there is one', async () => {
    const none = await securityHub(emu, 'member-pending').send(new GetAdministratorAccountCommand({}));
    expect(none.Administrator).toBeUndefined();
    const some = await securityHub(emu, 'member-enabled').send(new GetAdministratorAccountCommand({}));
    expect(some.Administrator).toMatchObject({ AccountId: ADMIN, MemberStatus: 'Enabled' });
    expect(some.Administrator?.InvitedAt).toBeInstanceOf(Date);
    expect(some.Administrator?.InvitationId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('GetMasterAccount (deprecated) answers {Master} and {} the same way', async () => {
    const some = await securityHub(emu, 'member-enabled').send(new GetMasterAccountCommand({}));
    expect(some.Master).toMatchObject({ AccountId: ADMIN, MemberStatus: 'Enabled' });
    const none = await securityHub(emu, 'admin').send(new GetMasterAccountCommand({}));
    expect(none.Master).toBeUndefined();
  });

  it('accepting makes both sides Enabled; the count excludes the accepted invitation but the list keeps it', async () => {
    const client = securityHub(emu, 'member-pending');
    expect((await client.send(new GetInvitationsCountCommand({}))).InvitationsCount).toBe(1);
    const InvitationId = await pendingInvitationId();
    await client.send(new AcceptAdministratorInvitationCommand({ AdministratorId: ADMIN, InvitationId }));
    const admin = await client.send(new GetAdministratorAccountCommand({}));
    expect(admin.Administrator).toMatchObject({ AccountId: ADMIN, InvitationId, MemberStatus: 'Enabled' });
    expect((await client.send(new GetInvitationsCountCommand({}))).InvitationsCount).toBe(0);
    expect((await client.send(new ListInvitationsCommand({}))).Invitations?.map((i) => i.InvitationId)).toEqual([
      InvitationId,
    ]);
    const members = await securityHub(emu, 'admin').send(new GetMembersCommand({ AccountIds: [PENDING] }));
    expect(members.Members?.[0]).toMatchObject({
      AccountId: PENDING,
      MemberStatus: 'Enabled',
      AdministratorId: ADMIN,
      MasterId: ADMIN,
    });
  });

  it('AcceptInvitation (deprecated, MasterId) works like the new operation', async () => {
    const client = securityHub(emu, 'member-pending');
    const InvitationId = await pendingInvitationId();
    await client.send(new AcceptInvitationCommand({ MasterId: ADMIN, InvitationId }));
    const master = await client.send(new GetMasterAccountCommand({}));
    expect(master.Master?.AccountId).toBe(ADMIN);
  });

  it('refuses an unknown invitation, a malformed account id, and a second administrator', async () => {
    const client = securityHub(emu, 'member-pending');
    const unknown = await failure(() =>
      client.send(new AcceptAdministratorInvitationCommand({ AdministratorId: ADMIN, InvitationId: 'nope' })),
    );
    expect(unknown.name).toBe('ResourceNotFoundException');
    const malformed = await failure(() =>
      client.send(new AcceptAdministratorInvitationCommand({ AdministratorId: '12345', InvitationId: 'x' })),
    );
    expect(malformed.name).toBe('InvalidInputException');
    // 333333333333 is Enabled under 111111111111: give it a second invitation from another administrator.
    const s = demoScenario();
    s.administrators.push({
      accountId: PENDING,
      region: 'us-east-1',
      members: [{ accountId: ENABLED, status: 'Invited' }],
    } as never);
    emu.loadScenario(s);
    const member = securityHub(emu, 'member-enabled');
    const invitations = await member.send(new ListInvitationsCommand({}));
    const second = invitations.Invitations?.find((i) => i.AccountId === PENDING);
    const refused = await failure(() =>
      member.send(
        new AcceptAdministratorInvitationCommand({ AdministratorId: PENDING, InvitationId: second?.InvitationId }),
      ),
    );
    expect(refused.name).toBe('InvalidInputException');
    expect(refused.message).toContain('already has an administrator');
  });

  it('disassociating leaves Resigned on the administrator side; a second call finds no administrator', async () => {
    const client = securityHub(emu, 'member-enabled');
    await client.send(new DisassociateFromAdministratorAccountCommand({}));
    expect((await client.send(new GetAdministratorAccountCommand({}))).Administrator).toBeUndefined();
    const members = await securityHub(emu, 'admin').send(new GetMembersCommand({ AccountIds: [ENABLED] }));
    expect(members.Members?.[0]?.MemberStatus).toBe('Resigned');
    const again = await failure(() => client.send(new DisassociateFromMasterAccountCommand({})));
    expect(again.name).toBe('ResourceNotFoundException');
  });

  it('DisassociateFromMasterAccount (deprecated) disassociates too', async () => {
    const client = securityHub(emu, 'legacy-iam');
    await client.send(new DisassociateFromMasterAccountCommand({}));
    expect((await client.send(new GetMasterAccountCommand({}))).Master).toBeUndefined();
  });

  it('refuses the Organizations member its own disassociation', async () => {
    const error = await failure(() =>
      securityHub(emu, 'org-member').send(new DisassociateFromAdministratorAccountCommand({})),
    );
    expect(error.name).toBe('BadRequestException');
    expect(error.message).toContain('member cannot disassociate from Organization administrator');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('IAM-denied new operations answer AccessDeniedException naming the action; old names still work', async () => {
    const client = securityHub(emu, 'legacy-iam');
    const denied = await failure(() => client.send(new GetAdministratorAccountCommand({})));
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.message).toContain(
      'User: arn:aws:iam::333333333333:user/legacy-auditor is not authorized to perform: securityhub:GetAdministratorAccount',
    );
    expect(denied.$metadata?.httpStatusCode).toBe(403);
    const old = await client.send(new GetMasterAccountCommand({}));
    expect(old.Master?.AccountId).toBe(ADMIN);
  });
});

describe('invitations (member side)', () => {
  it('declining ends the invitation (still listed, Resigned, still counted) and shows Resigned to the administrator', async () => {
    const client = securityHub(emu, 'member-pending', 'eu-west-1');
    const out = await client.send(new DeclineInvitationsCommand({ AccountIds: [ADMIN, '123456789012'] }));
    expect(out.UnprocessedAccounts?.map((u) => u.AccountId)).toEqual(['123456789012']);
    expect((await client.send(new ListInvitationsCommand({}))).Invitations?.map((i) => i.MemberStatus)).toEqual([
      'Resigned',
    ]);
    expect((await client.send(new GetInvitationsCountCommand({}))).InvitationsCount).toBe(1);
    const again = await client.send(new DeclineInvitationsCommand({ AccountIds: [ADMIN] }));
    expect(again.UnprocessedAccounts?.[0]?.ProcessingResult).toMatch(/no longer pending/);
    const members = await securityHub(emu, 'admin', 'eu-west-1').send(new GetMembersCommand({ AccountIds: [PENDING] }));
    expect(members.Members?.[0]?.MemberStatus).toBe('Resigned');
    // The us-east-1 invitation is untouched: Security Hub is regional.
    expect(await pendingInvitationId()).not.toBe('');
  });

  it('declining the accepted invitation is reported as unprocessed', async () => {
    const out = await securityHub(emu, 'member-enabled').send(new DeclineInvitationsCommand({ AccountIds: [ADMIN] }));
    expect(out.UnprocessedAccounts?.[0]?.ProcessingResult).toContain('already accepted');
  });

  it('DeleteInvitations from the member side deletes the received invitation', async () => {
    const client = securityHub(emu, 'member-pending');
    const out = await client.send(new DeleteInvitationsCommand({ AccountIds: [ADMIN] }));
    expect(out.UnprocessedAccounts).toEqual([]);
    expect((await client.send(new GetInvitationsCountCommand({}))).InvitationsCount).toBe(0);
  });

  it('DeleteInvitations from the administrator withdraws a sent invitation (member back to Created)', async () => {
    const admin = securityHub(emu, 'admin');
    const out = await admin.send(new DeleteInvitationsCommand({ AccountIds: [PENDING, ENABLED, '123456789012'] }));
    expect(out.UnprocessedAccounts?.map((u) => u.AccountId).sort()).toEqual(['123456789012', ENABLED]);
    expect(await pendingInvitationId()).toBe('');
    const members = await admin.send(new GetMembersCommand({ AccountIds: [PENDING] }));
    expect(members.Members?.[0]?.MemberStatus).toBe('Created');
  });

  it('ListInvitations refuses MaxResults out of range', async () => {
    const error = await failure(() =>
      securityHub(emu, 'member-pending').send(new ListInvitationsCommand({ MaxResults: 0 })),
    );
    expect(error.name).toBe('InvalidInputException');
  });

  it('rejects a malformed account id in DeclineInvitations', async () => {
    const error = await failure(() =>
      securityHub(emu, 'member-pending').send(new DeclineInvitationsCommand({ AccountIds: ['abc'] })),
    );
    expect(error.name).toBe('InvalidInputException');
  });
});

describe('hub state and regions', () => {
  it('answers InvalidAccessException where the hub is off', async () => {
    const error = await failure(() => securityHub(emu, 'hub-off', 'eu-west-1').send(new ListInvitationsCommand({})));
    expect(error.name).toBe('InvalidAccessException');
    expect(error.message).toBe('Account 555555555555 is not subscribed to AWS Security Hub');
    expect(error.$metadata?.httpStatusCode).toBe(401);
  });

  it('answers UnrecognizedClientException in an opt-in region the account has not enabled', async () => {
    const error = await failure(() =>
      securityHub(emu, 'member-pending', 'af-south-1').send(new GetAdministratorAccountCommand({})),
    );
    expect(error.name).toBe('UnrecognizedClientException');
    expect(error.message).toContain('The security token included in the request is invalid');
    // The administrator enabled af-south-1 but has no hub there.
    const off = await failure(() =>
      securityHub(emu, 'admin', 'af-south-1').send(new GetAdministratorAccountCommand({})),
    );
    expect(off.name).toBe('InvalidAccessException');
  });

  it('treats regions the scenario does not list as ordinary (hub off) unless AWS makes them opt-in', async () => {
    const ordinary = await failure(() =>
      securityHub(emu, 'admin', 'us-west-2').send(new GetAdministratorAccountCommand({})),
    );
    expect(ordinary.name).toBe('InvalidAccessException');
    const optIn = await failure(() =>
      securityHub(emu, 'admin', 'me-south-1').send(new GetAdministratorAccountCommand({})),
    );
    expect(optIn.name).toBe('UnrecognizedClientException');
  });

  it('every response carries x-amzn-requestid', async () => {
    const ok = await securityHub(emu, 'admin').send(new GetAdministratorAccountCommand({}));
    expect(ok.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const error = await failure(() => securityHub(emu, 'hub-off', 'eu-west-1').send(new ListInvitationsCommand({})));
    expect((error as { $metadata?: { requestId?: string } }).$metadata?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
