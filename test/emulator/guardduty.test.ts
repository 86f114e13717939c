/** GuardDuty through the real @aws-sdk/client-guardduty against the emulator and the demo scenario. */
import {
  AcceptAdministratorInvitationCommand,
  AcceptInvitationCommand,
  CreateDetectorCommand,
  CreateMembersCommand,
  DeclineInvitationsCommand,
  DeleteDetectorCommand,
  DeleteInvitationsCommand,
  DeleteMembersCommand,
  DisassociateFromAdministratorAccountCommand,
  DisassociateFromMasterAccountCommand,
  DisassociateMembersCommand,
  GetAdministratorAccountCommand,
  GetDetectorCommand,
  GetInvitationsCountCommand,
  GetMasterAccountCommand,
  GetMembersCommand,
  type GuardDutyClient,
  InviteMembersCommand,
  ListDetectorsCommand,
  ListInvitationsCommand,
  ListMembersCommand,
  paginateListMembers,
} from '@aws-sdk/client-guardduty';
import { GetAdministratorAccountCommand as ShGetAdministrator } from '@aws-sdk/client-securityhub';
import { describe, expect, it } from 'vitest';
import { generatedAccessKeyId, generatedAccountId, generateScenario } from './generate';
import { scenarioDetectorId } from './guardduty-state';
import { NO_FAULTS } from './index';
import {
  ADMIN,
  demoEmulatorPerFile,
  demoKeys,
  ENABLED,
  failure,
  guardDuty,
  HUB_OFF,
  ORG,
  PENDING,
  PROC,
  securityHub,
} from './test-kit';

const emu = demoEmulatorPerFile();

async function detectorOf(client: GuardDutyClient): Promise<string> {
  const { DetectorIds } = await client.send(new ListDetectorsCommand({}));
  expect(DetectorIds).toHaveLength(1);
  return DetectorIds![0]!;
}

const membersOf = async (client: GuardDutyClient, onlyAssociated: string | null = 'false') =>
  (
    await client.send(
      new ListMembersCommand({ DetectorId: await detectorOf(client), OnlyAssociated: onlyAssociated ?? undefined }),
    )
  ).Members ?? [];

describe('GuardDuty: detectors and the member side', () => {
  it('lists the detector where GuardDuty is on and none where it is off', async () => {
    expect(await detectorOf(guardDuty(emu, 'member-pending'))).toBe(scenarioDetectorId(PENDING, 'us-east-1'));
    const off = await guardDuty(emu, 'member-pending', 'eu-west-1').send(new ListDetectorsCommand({}));
    expect(off.DetectorIds).toEqual([]);
    const detector = await guardDuty(emu, 'admin').send(
      new GetDetectorCommand({ DetectorId: scenarioDetectorId(ADMIN, 'us-east-1') }),
    );
    expect(detector.Status).toBe('ENABLED');
    expect(typeof detector.CreatedAt).toBe('string');
  });

  it('lists invitations without a detector, with string timestamps and free-text statuses', async () => {
    for (const region of ['us-east-1', 'eu-west-1']) {
      const { Invitations } = await guardDuty(emu, 'member-pending', region).send(new ListInvitationsCommand({}));
      expect(Invitations).toHaveLength(1);
      expect(Invitations![0]).toMatchObject({ AccountId: ADMIN, RelationshipStatus: 'Invited' });
      expect(Invitations![0]!.InvitationId).toMatch(/^[0-9a-f]{32}$/);
      // InvitedAt is a String shape in the model: the SDK hands back the text, not a Date.
      expect(typeof Invitations![0]!.InvitedAt).toBe('string');
      expect(Number.isNaN(Date.parse(Invitations![0]!.InvitedAt!))).toBe(false);
    }
    const count = await guardDuty(emu, 'member-pending').send(new GetInvitationsCountCommand({}));
    expect(count.InvitationsCount).toBe(1);
  });

  it('GetAdministratorAccount: the administrator of a member, an empty 200 for an administrator or a standalone account', async () => {
    const member = guardDuty(emu, 'member-enabled');
    const out = await member.send(new GetAdministratorAccountCommand({ DetectorId: await detectorOf(member) }));
    expect(out.Administrator).toMatchObject({ AccountId: ADMIN, RelationshipStatus: 'Enabled' });
    expect(out.Administrator?.InvitationId).toMatch(/^[0-9a-f]{32}$/);
    const deprecated = await member.send(new GetMasterAccountCommand({ DetectorId: await detectorOf(member) }));
    expect(deprecated.Master).toEqual(out.Administrator);
    for (const profile of ['admin', 'member-pending', 'proc-ops']) {
      const client = guardDuty(emu, profile);
      const empty = await client.send(new GetAdministratorAccountCommand({ DetectorId: await detectorOf(client) }));
      expect(empty.$metadata.httpStatusCode).toBe(200);
      expect(empty.Administrator).toBeUndefined();
    }
  });

  it('refuses a detector id that is not the caller’s, and a malformed one, as BadRequestException', async () => {
    const client = guardDuty(emu, 'member-pending');
    const foreign = await failure(() =>
      client.send(new GetAdministratorAccountCommand({ DetectorId: scenarioDetectorId(ADMIN, 'us-east-1') })),
    );
    expect(foreign.name).toBe('BadRequestException');
    expect(foreign.message).toBe(
      'The request is rejected because the input detectorId is not owned by the current account.',
    );
    expect(foreign.$metadata?.httpStatusCode).toBe(400);
    // A region without a detector: any id is someone else's.
    const elsewhere = await failure(() =>
      guardDuty(emu, 'member-pending', 'eu-west-1').send(
        new GetAdministratorAccountCommand({ DetectorId: scenarioDetectorId(PENDING, 'us-east-1') }),
      ),
    );
    expect(elsewhere.message).toContain('not owned by the current account');
    const malformed = await failure(() => client.send(new GetDetectorCommand({ DetectorId: 'not-a-detector' })));
    expect(malformed.name).toBe('BadRequestException');
    expect(malformed.message).toBe('The request is rejected because the parameter detectorId has an invalid value.');
  });

  it('accepts an invitation with the detector, then leaves; the administrator sees Enabled, then Resigned', async () => {
    const member = guardDuty(emu, 'member-pending');
    const detectorId = await detectorOf(member);
    const invitation = (await member.send(new ListInvitationsCommand({}))).Invitations![0]!;
    const wrong = await failure(() =>
      member.send(
        new AcceptAdministratorInvitationCommand({
          DetectorId: detectorId,
          AdministratorId: ADMIN,
          InvitationId: 'ffffffffffffffffffffffffffffffff',
        }),
      ),
    );
    expect(wrong.message).toBe(
      'The request is rejected because the current account does not have an invitation from the requested master account.',
    );
    await member.send(
      new AcceptAdministratorInvitationCommand({
        DetectorId: detectorId,
        AdministratorId: ADMIN,
        InvitationId: invitation.InvitationId!,
      }),
    );
    const admin = guardDuty(emu, 'admin');
    expect((await membersOf(admin)).find((m) => m.AccountId === PENDING)?.RelationshipStatus).toBe('Enabled');
    const after = await member.send(new GetAdministratorAccountCommand({ DetectorId: detectorId }));
    expect(after.Administrator).toMatchObject({ AccountId: ADMIN, InvitationId: invitation.InvitationId });
    expect((await member.send(new GetInvitationsCountCommand({}))).InvitationsCount).toBe(0);
    await member.send(new DisassociateFromAdministratorAccountCommand({ DetectorId: detectorId }));
    expect((await membersOf(admin)).find((m) => m.AccountId === PENDING)?.RelationshipStatus).toBe('Resigned');
    const gone = await member.send(new GetAdministratorAccountCommand({ DetectorId: detectorId }));
    expect(gone.Administrator).toBeUndefined();
  });

  it('in a region without a detector, accepting needs CreateDetector first; the deprecated names work', async () => {
    const member = guardDuty(emu, 'member-pending', 'eu-west-1');
    const invitation = (await member.send(new ListInvitationsCommand({}))).Invitations![0]!;
    const created = await member.send(new CreateDetectorCommand({ Enable: true }));
    expect(created.DetectorId).toMatch(/^[0-9a-f]{32}$/);
    const again = await failure(() => member.send(new CreateDetectorCommand({ Enable: true })));
    expect(again.message).toBe('The request is rejected because a detector already exists for the current account.');
    await member.send(
      new AcceptInvitationCommand({
        DetectorId: created.DetectorId!,
        MasterId: ADMIN,
        InvitationId: invitation.InvitationId!,
      }),
    );
    const master = await member.send(new GetMasterAccountCommand({ DetectorId: created.DetectorId! }));
    expect(master.Master?.RelationshipStatus).toBe('Enabled');
    await member.send(new DisassociateFromMasterAccountCommand({ DetectorId: created.DetectorId! }));
    expect(
      (await member.send(new GetMasterAccountCommand({ DetectorId: created.DetectorId! }))).Master,
    ).toBeUndefined();
  });

  it('declines and deletes invitations; the administrator sees a declined member Resigned', async () => {
    const member = guardDuty(emu, 'member-pending');
    const declined = await member.send(new DeclineInvitationsCommand({ AccountIds: [ADMIN] }));
    expect(declined.UnprocessedAccounts).toEqual([]);
    expect((await membersOf(guardDuty(emu, 'admin'))).find((m) => m.AccountId === PENDING)?.RelationshipStatus).toBe(
      'Resigned',
    );
    const again = await member.send(new DeclineInvitationsCommand({ AccountIds: [ADMIN] }));
    expect(again.UnprocessedAccounts?.[0]?.AccountId).toBe(ADMIN);
    const eu = guardDuty(emu, 'member-pending', 'eu-west-1');
    expect((await eu.send(new DeleteInvitationsCommand({ AccountIds: [ADMIN] }))).UnprocessedAccounts).toEqual([]);
    expect((await eu.send(new ListInvitationsCommand({}))).Invitations).toEqual([]);
    const unknown = await eu.send(new DeleteInvitationsCommand({ AccountIds: ['123456789012'] }));
    expect(unknown.UnprocessedAccounts?.map((u) => u.AccountId)).toEqual(['123456789012']);
  });

  it('an Organizations member has its administrator, no invitation, and cannot leave', async () => {
    const member = guardDuty(emu, 'org-member');
    expect((await member.send(new ListInvitationsCommand({}))).Invitations).toEqual([]);
    const detectorId = await detectorOf(member);
    const out = await member.send(new GetAdministratorAccountCommand({ DetectorId: detectorId }));
    expect(out.Administrator).toMatchObject({ AccountId: ADMIN, RelationshipStatus: 'Enabled' });
    expect(out.Administrator?.InvitationId).toBeUndefined();
    const refused = await failure(() =>
      member.send(new DisassociateFromAdministratorAccountCommand({ DetectorId: detectorId })),
    );
    expect(refused.name).toBe('BadRequestException');
    const listed = (await membersOf(guardDuty(emu, 'admin'))).find((m) => m.AccountId === ORG);
    expect(listed?.RelationshipStatus).toBe('Enabled');
  });

  it('IAM denies legacy-iam the new names only; an opt-in region it has not enabled answers UnrecognizedClientException', async () => {
    const keys = demoKeys('legacy-iam');
    const client = guardDuty(emu, keys);
    const detectorId = await detectorOf(client);
    const denied = await failure(() => client.send(new GetAdministratorAccountCommand({ DetectorId: detectorId })));
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.message).toBe(
      `User: arn:aws:iam::333333333333:user/legacy-auditor is not authorized to perform: guardduty:GetAdministratorAccount on resource: arn:aws:guardduty:us-east-1:333333333333:detector/${detectorId} with an explicit deny in an identity-based policy`,
    );
    expect((await client.send(new GetMasterAccountCommand({ DetectorId: detectorId }))).Master?.AccountId).toBe(ADMIN);
    const optIn = await failure(() =>
      guardDuty(emu, 'member-pending', 'af-south-1').send(new ListDetectorsCommand({})),
    );
    expect(optIn.name).toBe('UnrecognizedClientException');
    expect(optIn.$metadata?.httpStatusCode).toBe(403);
  });
});

describe('GuardDuty: the administrator side', () => {
  it('lists associated members by default and every member with OnlyAssociated "false"', async () => {
    const admin = guardDuty(emu, 'admin');
    const associated = await membersOf(admin, null);
    expect(associated.map((m) => m.AccountId).sort()).toEqual([ENABLED, ORG]);
    expect(await membersOf(admin, 'true')).toEqual(associated);
    const all = await membersOf(admin);
    expect(all.map((m) => [m.AccountId, m.RelationshipStatus])).toEqual([
      [PENDING, 'Invited'],
      [ENABLED, 'Enabled'],
      [ORG, 'Enabled'],
      [HUB_OFF, 'Invited'],
      [PROC, 'Created'],
    ]);
    const enabled = all.find((m) => m.AccountId === ENABLED)!;
    expect(enabled).toMatchObject({ MasterId: ADMIN, AdministratorId: ADMIN, Email: 'workload-enabled@example.com' });
    expect(enabled.DetectorId).toBe(scenarioDetectorId(ENABLED, 'us-east-1'));
    expect(typeof enabled.UpdatedAt).toBe('string');
    expect(all.find((m) => m.AccountId === PROC)?.InvitedAt).toBeUndefined();
    const bad = await failure(() =>
      admin.send(
        new ListMembersCommand({ DetectorId: scenarioDetectorId(ADMIN, 'us-east-1'), OnlyAssociated: 'maybe' }),
      ),
    );
    expect(bad.name).toBe('BadRequestException');
  });

  it('create → invite → the member sees it → get → disassociate → delete', async () => {
    const admin = guardDuty(emu, 'admin', 'eu-west-1');
    const detectorId = await detectorOf(admin);
    const created = await admin.send(
      new CreateMembersCommand({
        DetectorId: detectorId,
        AccountDetails: [
          { AccountId: ENABLED, Email: 'workload-enabled@example.com' },
          { AccountId: PENDING, Email: 'workload-pending@example.com' },
        ],
      }),
    );
    expect(created.UnprocessedAccounts).toEqual([
      {
        AccountId: PENDING,
        Result:
          'The request is rejected because the current account has already invited or is already the GuardDuty master of the given member account ID.',
      },
    ]);
    const invited = await admin.send(new InviteMembersCommand({ DetectorId: detectorId, AccountIds: [ENABLED] }));
    expect(invited.UnprocessedAccounts).toEqual([]);
    const theirs = await guardDuty(emu, 'member-enabled', 'eu-west-1').send(new ListInvitationsCommand({}));
    expect(theirs.Invitations?.map((i) => [i.AccountId, i.RelationshipStatus])).toEqual([[ADMIN, 'Invited']]);
    const got = await admin.send(new GetMembersCommand({ DetectorId: detectorId, AccountIds: [ENABLED, PROC] }));
    expect(got.Members?.map((m) => m.RelationshipStatus)).toEqual(['Invited']);
    expect(got.UnprocessedAccounts?.map((u) => u.AccountId)).toEqual([PROC]);
    await admin.send(new DisassociateMembersCommand({ DetectorId: detectorId, AccountIds: [ENABLED] }));
    expect((await membersOf(admin)).find((m) => m.AccountId === ENABLED)?.RelationshipStatus).toBe('Removed');
    await admin.send(new DeleteMembersCommand({ DetectorId: detectorId, AccountIds: [ENABLED] }));
    expect((await membersOf(admin)).map((m) => m.AccountId)).toEqual([PENDING]);
  });

  it('refuses more than 50 accounts in one CreateMembers call with the real message', async () => {
    const admin = guardDuty(emu, 'admin');
    const details = Array.from({ length: 64 }, (_, i) => ({
      AccountId: String(400000000000 + i),
      Email: `m${i}@example.com`,
    }));
    const error = await failure(() =>
      admin.send(
        new CreateMembersCommand({ DetectorId: scenarioDetectorId(ADMIN, 'us-east-1'), AccountDetails: details }),
      ),
    );
    expect(error.name).toBe('BadRequestException');
    expect(error.message).toBe(
      'The request failed because the length provided for the accountDetails array was 64. Max allowed length is 50.',
    );
  });

  it('refuses to delete a detector that still has members', async () => {
    const error = await failure(() =>
      guardDuty(emu, 'admin').send(new DeleteDetectorCommand({ DetectorId: scenarioDetectorId(ADMIN, 'us-east-1') })),
    );
    expect(error.message).toBe(
      'The request is rejected because the current account cannot delete detector while it has invited or associated members.',
    );
    const standalone = guardDuty(emu, 'proc-ops');
    await standalone.send(new DeleteDetectorCommand({ DetectorId: await detectorOf(standalone) }));
    expect((await standalone.send(new ListDetectorsCommand({}))).DetectorIds).toEqual([]);
  });

  it('pages ListMembers 50 at a time through the SDK paginator, with tokens bound to the listing', async () => {
    const s = generateScenario({
      profiles: 1,
      accounts: 1,
      regions: ['us-east-1'],
      administratorMembers: 120,
      services: true,
    });
    emu.loadScenario(s);
    const keys = { accessKeyId: generatedAccessKeyId(0), secretAccessKey: s.principals[0]!.secretAccessKey };
    const client = guardDuty(emu, keys);
    const detectorId = await detectorOf(client);
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateListMembers({ client }, { DetectorId: detectorId, OnlyAssociated: 'false' })) {
      pages++;
      expect(page.Members!.length).toBeLessThanOrEqual(50);
      seen.push(...page.Members!.map((m) => m.AccountId!));
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(120);
    expect(seen).toContain(generatedAccountId(120));
    const first = await client.send(new ListMembersCommand({ DetectorId: detectorId, OnlyAssociated: 'false' }));
    const otherFilter = await failure(() =>
      client.send(
        new ListMembersCommand({ DetectorId: detectorId, OnlyAssociated: 'true', NextToken: first.NextToken }),
      ),
    );
    expect(otherFilter.name).toBe('BadRequestException');
    expect(emu.requestLog().filter((e) => e.service === 'guardduty' && e.nextPage)).not.toHaveLength(0);
  });
});

describe('GuardDuty: faults', () => {
  it('throttles per service: GuardDuty answers 429 while Security Hub keeps answering', async () => {
    emu.setFaults({ throttleRate: 1, throttleServices: ['guardduty'] });
    const error = await failure(() => guardDuty(emu, 'admin').send(new ListDetectorsCommand({})));
    expect(error.name).toBe('TooManyRequestsException');
    expect(error.$metadata?.httpStatusCode).toBe(429);
    await securityHub(emu, 'admin').send(new ShGetAdministrator({}));
    emu.setFaults({ throttleRate: 0, throttling: true });
    const client = guardDuty(emu, 'admin');
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, () => client.send(new ListDetectorsCommand({}))),
    );
    expect(results.filter((r) => r.status === 'rejected').length).toBeGreaterThanOrEqual(5);
    // Security Hub's bucket of the same account and region is its own.
    await securityHub(emu, 'admin').send(new ShGetAdministrator({}));
  });

  it('answers an injected 500 as InternalServerErrorException and loses a reply after applying it', async () => {
    emu.setFaults({ errorRate: 1 });
    const error = await failure(() => guardDuty(emu, 'admin').send(new ListDetectorsCommand({})));
    expect(error.name).toBe('InternalServerErrorException');
    emu.setFaults({ errorRate: 0, loseReplies: ['guardduty:DeclineInvitations'], loseRepliesAs: 'drop' });
    await failure(() => guardDuty(emu, 'member-pending').send(new DeclineInvitationsCommand({ AccountIds: [ADMIN] })));
    emu.setFaults(NO_FAULTS);
    const invitations = await guardDuty(emu, 'member-pending').send(new ListInvitationsCommand({}));
    expect(invitations.Invitations?.[0]?.RelationshipStatus).toBe('Resigned');
    expect(emu.requestLog().some((e) => e.service === 'guardduty' && e.errorCode === 'ReplyLost')).toBe(true);
  });
});
