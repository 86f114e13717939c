/** Macie through the real @aws-sdk/client-macie2 against the emulator and the demo scenario. */
import {
  AcceptInvitationCommand,
  CreateInvitationsCommand,
  CreateMemberCommand,
  DeclineInvitationsCommand,
  DeleteInvitationsCommand,
  DeleteMemberCommand,
  DisassociateFromAdministratorAccountCommand,
  DisassociateFromMasterAccountCommand,
  DisassociateMemberCommand,
  EnableMacieCommand,
  GetAdministratorAccountCommand,
  GetInvitationsCountCommand,
  GetMacieSessionCommand,
  GetMasterAccountCommand,
  GetMemberCommand,
  ListInvitationsCommand,
  ListMembersCommand,
  type Macie2Client,
  paginateListMembers,
} from '@aws-sdk/client-macie2';
import { describe, expect, it } from 'vitest';
import { generatedAccessKeyId, generateScenario } from './generate';
import {
  ADMIN,
  demoEmulatorPerFile,
  demoKeys,
  demoScenario,
  ENABLED,
  failure,
  HUB_OFF,
  macie,
  ORG,
  PENDING,
  PROC,
} from './test-kit';

const emu = demoEmulatorPerFile();

const members = async (client: Macie2Client, onlyAssociated?: string) =>
  (await client.send(new ListMembersCommand(onlyAssociated === undefined ? {} : { onlyAssociated }))).members ?? [];

const NOT_ENABLED = 'Macie is not enabled.';

describe('Macie: the session and Macie off', () => {
  it('GetMacieSession answers ENABLED or PAUSED where Macie is on', async () => {
    const on = await macie(emu, 'admin').send(new GetMacieSessionCommand({}));
    expect(on.status).toBe('ENABLED');
    expect(on.createdAt).toBeInstanceOf(Date);
    const paused = await macie(emu, 'member-enabled', 'ap-southeast-2').send(new GetMacieSessionCommand({}));
    expect(paused.status).toBe('PAUSED');
  });

  it('where Macie is off, the member-side reads answer AccessDeniedException "Macie is not enabled." (401)', async () => {
    const off = macie(emu, 'member-pending', 'eu-west-1');
    for (const command of [
      new GetMacieSessionCommand({}),
      new GetAdministratorAccountCommand({}),
      new ListInvitationsCommand({}),
      new GetInvitationsCountCommand({}),
    ]) {
      const error = await failure(() => off.send(command as never));
      expect(error.name).toBe('AccessDeniedException');
      expect(error.message).toBe(NOT_ENABLED);
      expect(error.$metadata?.httpStatusCode).toBe(401);
    }
  });

  it('with invitationsWhileOff, the invitations answer while everything else stays off', async () => {
    const s = demoScenario();
    s.macie!.invitationsWhileOff = true;
    s.macie!.administrators!.push({
      accountId: ADMIN,
      region: 'eu-west-1',
      members: [{ accountId: HUB_OFF, status: 'Invited', viaOrganizations: false }],
    });
    emu.loadScenario(s);
    const off = macie(emu, 'hub-off', 'eu-west-1');
    const { invitations } = await off.send(new ListInvitationsCommand({}));
    expect(invitations?.map((i) => [i.accountId, i.relationshipStatus])).toEqual([[ADMIN, 'Invited']]);
    const accept = await failure(() =>
      off.send(
        new AcceptInvitationCommand({ administratorAccountId: ADMIN, invitationId: invitations![0]!.invitationId! }),
      ),
    );
    expect(accept.message).toBe(NOT_ENABLED);
    await off.send(new EnableMacieCommand({}));
    await off.send(
      new AcceptInvitationCommand({ administratorAccountId: ADMIN, invitationId: invitations![0]!.invitationId! }),
    );
    expect((await off.send(new GetAdministratorAccountCommand({}))).administrator?.relationshipStatus).toBe('Enabled');
  });

  it('EnableMacie turns Macie on once; a second call is a ConflictException', async () => {
    const client = macie(emu, 'member-pending', 'eu-west-1');
    await client.send(new EnableMacieCommand({ status: 'ENABLED' }));
    expect((await client.send(new GetMacieSessionCommand({}))).status).toBe('ENABLED');
    expect((await failure(() => client.send(new EnableMacieCommand({})))).name).toBe('ConflictException');
  });
});

describe('Macie: the member side', () => {
  it('lists the pending invitation (Date timestamps, the model’s statuses) and counts it', async () => {
    const client = macie(emu, 'member-pending');
    const { invitations } = await client.send(new ListInvitationsCommand({}));
    expect(invitations).toHaveLength(1);
    expect(invitations![0]).toMatchObject({ accountId: ADMIN, relationshipStatus: 'Invited' });
    expect(invitations![0]!.invitedAt).toBeInstanceOf(Date);
    expect((await client.send(new GetInvitationsCountCommand({}))).invitationsCount).toBe(1);
    expect((await client.send(new GetAdministratorAccountCommand({}))).administrator).toBeUndefined();
    const tooMany = await failure(() => client.send(new ListInvitationsCommand({ maxResults: 26 })));
    expect(tooMany.name).toBe('ValidationException');
  });

  it('accepts (refusing a wrong invitation id with the real ValidationException), then leaves by the deprecated name', async () => {
    const client = macie(emu, 'member-pending');
    const wrong = await failure(() =>
      client.send(new AcceptInvitationCommand({ administratorAccountId: ADMIN, invitationId: 'not-the-invitation' })),
    );
    expect(wrong.name).toBe('ValidationException');
    expect(wrong.message).toBe(
      'The request is rejected because the current account has no pending invitation from the given master account ID or is already an associated member of another master account.',
    );
    const { invitations } = await client.send(new ListInvitationsCommand({}));
    await client.send(
      new AcceptInvitationCommand({ administratorAccountId: ADMIN, invitationId: invitations![0]!.invitationId! }),
    );
    const admin = macie(emu, 'admin');
    expect((await members(admin)).map((m) => m.accountId).sort()).toEqual([PENDING, ENABLED, ORG].sort());
    const administrator = (await client.send(new GetAdministratorAccountCommand({}))).administrator;
    expect(administrator).toMatchObject({ accountId: ADMIN, relationshipStatus: 'Enabled' });
    expect((await client.send(new GetMasterAccountCommand({}))).master).toEqual(administrator);
    await client.send(new DisassociateFromMasterAccountCommand({}));
    expect((await client.send(new GetAdministratorAccountCommand({}))).administrator).toBeUndefined();
    const listed = (await members(admin, 'false')).find((m) => m.accountId === PENDING);
    expect(listed?.relationshipStatus).toBe('Resigned');
  });

  it('declines and deletes invitations with unprocessedAccounts in the model’s shape', async () => {
    const client = macie(emu, 'member-pending');
    expect((await client.send(new DeclineInvitationsCommand({ accountIds: [ADMIN] }))).unprocessedAccounts).toEqual([]);
    const again = await client.send(new DeclineInvitationsCommand({ accountIds: [ADMIN] }));
    expect(again.unprocessedAccounts?.[0]).toMatchObject({ accountId: ADMIN, errorCode: 'ClientError' });
    expect((await client.send(new DeleteInvitationsCommand({ accountIds: [ADMIN] }))).unprocessedAccounts).toEqual([]);
    expect((await client.send(new ListInvitationsCommand({}))).invitations).toEqual([]);
  });

  it('an Organizations member sees its administrator without an invitation and cannot leave', async () => {
    const client = macie(emu, 'org-member');
    const administrator = (await client.send(new GetAdministratorAccountCommand({}))).administrator;
    expect(administrator).toMatchObject({ accountId: ADMIN, relationshipStatus: 'Enabled' });
    expect(administrator?.invitationId).toBeUndefined();
    const refused = await failure(() => client.send(new DisassociateFromAdministratorAccountCommand({})));
    expect(refused.name).toBe('AccessDeniedException');
    // Not an IAM text: nothing in the account can "grant" this.
    expect(refused.message).not.toContain('is not authorized to perform');
  });

  it('IAM denies legacy-iam GetAdministratorAccount; the deprecated GetMasterAccount answers', async () => {
    const client = macie(emu, demoKeys('legacy-iam'));
    const denied = await failure(() => client.send(new GetAdministratorAccountCommand({})));
    expect(denied.message).toBe(
      'User: arn:aws:iam::333333333333:user/legacy-auditor is not authorized to perform: macie2:GetAdministratorAccount on resource: arn:aws:macie2:us-east-1:333333333333:* with an explicit deny in an identity-based policy',
    );
    expect((await client.send(new GetMasterAccountCommand({}))).master?.accountId).toBe(ADMIN);
  });
});

describe('Macie: the administrator side', () => {
  it('lists current members by default and all with onlyAssociated "false"', async () => {
    const admin = macie(emu, 'admin');
    expect((await members(admin)).map((m) => m.accountId)).toEqual([ENABLED, ORG]);
    const all = await members(admin, 'false');
    expect(all.map((m) => [m.accountId, m.relationshipStatus])).toEqual([
      [PENDING, 'Invited'],
      [ENABLED, 'Enabled'],
      [ORG, 'Enabled'],
      [HUB_OFF, 'Invited'],
      [PROC, 'Created'],
    ]);
    expect(all[1]).toMatchObject({
      administratorAccountId: ADMIN,
      masterAccountId: ADMIN,
      email: 'workload-enabled@example.com',
      arn: `arn:aws:macie2:us-east-1:${ADMIN}:member/${ENABLED}`,
    });
    expect(all[1]!.updatedAt).toBeInstanceOf(Date);
  });

  it('CreateMember (one account) → CreateInvitations → GetMember → DisassociateMember → DeleteMember', async () => {
    const admin = macie(emu, 'admin', 'eu-west-1');
    const created = await admin.send(
      new CreateMemberCommand({ account: { accountId: ENABLED, email: 'e@example.com' } }),
    );
    expect(created.arn).toBe(`arn:aws:macie2:eu-west-1:${ADMIN}:member/${ENABLED}`);
    const invited = await admin.send(new CreateInvitationsCommand({ accountIds: [ENABLED, PROC] }));
    expect(invited.unprocessedAccounts?.map((u) => [u.accountId, u.errorCode])).toEqual([[PROC, 'ClientError']]);
    const theirs = await macie(emu, 'member-enabled', 'eu-west-1').send(new ListInvitationsCommand({}));
    expect(theirs.invitations?.map((i) => i.accountId)).toEqual([ADMIN]);
    expect((await admin.send(new GetMemberCommand({ id: ENABLED }))).relationshipStatus).toBe('Invited');
    await admin.send(new DisassociateMemberCommand({ id: ENABLED }));
    expect((await admin.send(new GetMemberCommand({ id: ENABLED }))).relationshipStatus).toBe('Removed');
    await admin.send(new DeleteMemberCommand({ id: ENABLED }));
    const gone = await failure(() => admin.send(new GetMemberCommand({ id: ENABLED })));
    expect(gone.name).toBe('ResourceNotFoundException');
    expect(gone.$metadata?.httpStatusCode).toBe(404);
  });

  it('refuses to delete an Organizations member', async () => {
    const error = await failure(() => macie(emu, 'admin').send(new DeleteMemberCommand({ id: ORG })));
    expect(error.name).toBe('ValidationException');
  });

  it('pages ListMembers 25 at a time through the SDK paginator', async () => {
    const s = generateScenario({
      profiles: 1,
      accounts: 1,
      regions: ['us-east-1'],
      administratorMembers: 60,
      services: true,
    });
    emu.loadScenario(s);
    const client = macie(emu, {
      accessKeyId: generatedAccessKeyId(0),
      secretAccessKey: s.principals[0]!.secretAccessKey,
    });
    const sizes: number[] = [];
    for await (const page of paginateListMembers({ client }, { onlyAssociated: 'false' }))
      sizes.push(page.members!.length);
    expect(sizes).toEqual([25, 25, 10]);
  });

  it('throttles with the model’s ThrottlingException (429)', async () => {
    emu.setFaults({ throttleRate: 1, throttleServices: ['macie2'] });
    const error = await failure(() => macie(emu, 'admin').send(new GetMacieSessionCommand({})));
    expect(error.name).toBe('ThrottlingException');
    expect(error.$metadata?.httpStatusCode).toBe(429);
  });
});
