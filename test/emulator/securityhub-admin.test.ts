import {
  AcceptAdministratorInvitationCommand,
  CreateMembersCommand,
  DeclineInvitationsCommand,
  DeleteMembersCommand,
  DescribeHubCommand,
  DescribeProductsCommand,
  DisableSecurityHubCommand,
  DisassociateFromAdministratorAccountCommand,
  DisassociateMembersCommand,
  EnableSecurityHubCommand,
  GetAdministratorAccountCommand,
  GetMembersCommand,
  InviteMembersCommand,
  ListInvitationsCommand,
  ListMembersCommand,
} from '@aws-sdk/client-securityhub';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from './index';
import { ADMIN, demoScenario, ENABLED, failure, HUB_OFF, ORG, PENDING, PROC, securityHub } from './test-kit';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.stop());
beforeEach(() => emu.loadScenario(demoScenario()));

const statusOf = async (accountId: string, region = 'us-east-1') =>
  (await securityHub(emu, 'admin', region).send(new GetMembersCommand({ AccountIds: [accountId] }))).Members?.[0]
    ?.MemberStatus;

describe('member list', () => {
  it('ListMembers without OnlyAssociated returns only associated members (server default true)', async () => {
    const admin = securityHub(emu, 'admin');
    const byDefault = await admin.send(new ListMembersCommand({}));
    expect(byDefault.Members?.map((m) => m.AccountId)).toEqual([ENABLED, ORG]);
    const all = await admin.send(new ListMembersCommand({ OnlyAssociated: false }));
    expect(all.Members?.map((m) => [m.AccountId, m.MemberStatus])).toEqual([
      [PENDING, 'Invited'],
      [ENABLED, 'Enabled'],
      [ORG, 'Enabled'],
      [HUB_OFF, 'Invited'],
      [PROC, 'Created'],
    ]);
    for (const m of all.Members ?? []) {
      expect(m.AdministratorId).toBe(ADMIN);
      expect(m.MasterId).toBe(ADMIN);
      expect(m.UpdatedAt).toBeInstanceOf(Date);
    }
  });

  it('ListMembers refuses MaxResults out of range', async () => {
    const error = await failure(() => securityHub(emu, 'admin').send(new ListMembersCommand({ MaxResults: 51 })));
    expect(error.name).toBe('InvalidInputException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('GetMembers returns known members and reports the rest as unprocessed', async () => {
    const out = await securityHub(emu, 'admin').send(new GetMembersCommand({ AccountIds: [ENABLED, '123456789012'] }));
    expect(out.Members?.map((m) => m.AccountId)).toEqual([ENABLED]);
    expect(out.Members?.[0]?.Email).toBe('workload-enabled@example.com');
    expect(out.UnprocessedAccounts?.map((u) => u.AccountId)).toEqual(['123456789012']);
  });

  it('CreateMembers adds Created members, reports self and already-invited, and caps a call at 50', async () => {
    const admin = securityHub(emu, 'admin');
    const out = await admin.send(
      new CreateMembersCommand({
        AccountDetails: [
          { AccountId: '123456789012', Email: 'new@example.com' },
          { AccountId: ADMIN },
          { AccountId: PENDING },
        ],
      }),
    );
    expect(out.UnprocessedAccounts?.map((u) => u.AccountId).sort()).toEqual([ADMIN, PENDING]);
    expect(await statusOf('123456789012')).toBe('Created');
    const many = Array.from({ length: 51 }, (_, i) => ({ AccountId: String(200000000000 + i) }));
    const tooMany = await admin.send(new CreateMembersCommand({ AccountDetails: many }));
    // As reported from real runs: the first 50 are processed, the 51st is not.
    expect(tooMany.UnprocessedAccounts).toEqual([
      { AccountId: '200000000050', ProcessingResult: 'Maximum number of results exceeded' },
    ]);
    expect(await statusOf('200000000049')).toBe('Created');
    const malformed = await failure(() =>
      admin.send(new CreateMembersCommand({ AccountDetails: [{ AccountId: '12' }] })),
    );
    expect(malformed.name).toBe('InvalidInputException');
  });

  it('a member account cannot create members of its own', async () => {
    const error = await failure(() =>
      securityHub(emu, 'member-enabled').send(
        new CreateMembersCommand({ AccountDetails: [{ AccountId: '123456789012' }] }),
      ),
    );
    expect(error.name).toBe('InvalidInputException');
    const invite = await failure(() =>
      securityHub(emu, 'member-enabled').send(new InviteMembersCommand({ AccountIds: ['123456789012'] })),
    );
    expect(invite.message).toMatch(/is a member of administrator account 111111111111/);
  });

  it('DeleteMembers removes invited members (their invitation shows Deleted) and refuses Organizations members', async () => {
    const admin = securityHub(emu, 'admin');
    const out = await admin.send(new DeleteMembersCommand({ AccountIds: [PENDING, ORG, '123456789012'] }));
    expect(out.UnprocessedAccounts?.map((u) => u.AccountId).sort()).toEqual(['123456789012', ORG]);
    expect(await statusOf(PENDING)).toBeUndefined();
    const invitations = await securityHub(emu, 'member-pending').send(new ListInvitationsCommand({}));
    expect(invitations.Invitations?.map((i) => i.MemberStatus)).toEqual(['Deleted']);
  });

  it('DisassociateMembers marks members Removed and ends the relationship on the member side', async () => {
    await securityHub(emu, 'admin').send(new DisassociateMembersCommand({ AccountIds: [ENABLED, ORG] }));
    expect(await statusOf(ENABLED)).toBe('Removed');
    expect(await statusOf(ORG)).toBe('Removed');
    const member = await securityHub(emu, 'org-member').send(new GetAdministratorAccountCommand({}));
    expect(member.Administrator).toBeUndefined();
  });
});

describe('full invitation lifecycle across two accounts', () => {
  it('create → invite → accept → disassociate → re-invite → decline → remove', async () => {
    const admin = securityHub(emu, 'admin', 'ap-southeast-2');
    const member = securityHub(emu, 'proc-ops', 'ap-southeast-2');
    await admin.send(new CreateMembersCommand({ AccountDetails: [{ AccountId: PROC, Email: 'ops@example.com' }] }));
    expect(await statusOf(PROC, 'ap-southeast-2')).toBe('Created');
    expect((await member.send(new ListInvitationsCommand({}))).Invitations).toEqual([]);

    expect((await admin.send(new InviteMembersCommand({ AccountIds: [PROC] }))).UnprocessedAccounts).toEqual([]);
    expect(await statusOf(PROC, 'ap-southeast-2')).toBe('Invited');
    const invitation = (await member.send(new ListInvitationsCommand({}))).Invitations?.[0];
    expect(invitation).toMatchObject({ AccountId: ADMIN, MemberStatus: 'Invited' });
    expect(invitation?.InvitedAt).toBeInstanceOf(Date);

    await member.send(
      new AcceptAdministratorInvitationCommand({ AdministratorId: ADMIN, InvitationId: invitation?.InvitationId }),
    );
    expect(await statusOf(PROC, 'ap-southeast-2')).toBe('Enabled');
    expect((await member.send(new GetAdministratorAccountCommand({}))).Administrator?.MemberStatus).toBe('Enabled');
    const associated = await admin.send(new ListMembersCommand({}));
    expect(associated.Members?.map((m) => m.AccountId)).toEqual([PROC]);

    await member.send(new DisassociateFromAdministratorAccountCommand({}));
    expect(await statusOf(PROC, 'ap-southeast-2')).toBe('Resigned');
    expect((await member.send(new ListInvitationsCommand({}))).Invitations?.[0]?.MemberStatus).toBe('Resigned');

    await admin.send(new InviteMembersCommand({ AccountIds: [PROC] }));
    await member.send(new DeclineInvitationsCommand({ AccountIds: [ADMIN] }));
    expect((await member.send(new ListInvitationsCommand({}))).Invitations?.map((i) => i.MemberStatus)).toEqual([
      'Resigned',
    ]);
    expect(await statusOf(PROC, 'ap-southeast-2')).toBe('Resigned');

    await admin.send(new InviteMembersCommand({ AccountIds: [PROC] }));
    const again = (await member.send(new ListInvitationsCommand({}))).Invitations?.[0];
    await member.send(
      new AcceptAdministratorInvitationCommand({ AdministratorId: ADMIN, InvitationId: again?.InvitationId }),
    );
    await admin.send(new DisassociateMembersCommand({ AccountIds: [PROC] }));
    expect(await statusOf(PROC, 'ap-southeast-2')).toBe('Removed');
    expect((await member.send(new GetAdministratorAccountCommand({}))).Administrator).toBeUndefined();
    // The ended invitation stays listed, with the status the administrator sees.
    const ended = (await member.send(new ListInvitationsCommand({}))).Invitations;
    expect(ended?.map((i) => i.MemberStatus)).toEqual(['Removed']);
    // …and it cannot be accepted any more.
    await expect(
      member.send(
        new AcceptAdministratorInvitationCommand({ AdministratorId: ADMIN, InvitationId: again?.InvitationId }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('InviteMembers reports accounts that were never created and those already associated', async () => {
    const out = await securityHub(emu, 'admin').send(
      new InviteMembersCommand({ AccountIds: ['123456789012', ENABLED] }),
    );
    expect(out.UnprocessedAccounts?.map((u) => u.AccountId).sort()).toEqual(['123456789012', ENABLED]);
  });
});

describe('hub and products', () => {
  it('DescribeHub returns the hub ARN and SubscribedAt as a string', async () => {
    const out = await securityHub(emu, 'admin', 'eu-west-1').send(new DescribeHubCommand({}));
    expect(out.HubArn).toBe('arn:aws:securityhub:eu-west-1:111111111111:hub/default');
    expect(typeof out.SubscribedAt).toBe('string');
    expect(out.AutoEnableControls).toBe(true);
    const off = await failure(() => securityHub(emu, 'hub-off', 'ap-southeast-2').send(new DescribeHubCommand({})));
    expect(off.name).toBe('InvalidAccessException');
  });

  it('EnableSecurityHub turns the hub on once and conflicts after', async () => {
    const client = securityHub(emu, 'hub-off', 'eu-west-1');
    await client.send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }));
    expect((await client.send(new DescribeHubCommand({}))).HubArn).toContain(':555555555555:hub/default');
    const again = await failure(() => client.send(new EnableSecurityHubCommand({})));
    expect(again.name).toBe('ResourceConflictException');
    expect(again.$metadata?.httpStatusCode).toBe(409);
  });

  it('DisableSecurityHub is refused for an administrator with members and works for a plain account', async () => {
    const refused = await failure(() => securityHub(emu, 'admin').send(new DisableSecurityHubCommand({})));
    expect(refused.name).toBe('InvalidInputException');
    const client = securityHub(emu, 'hub-off');
    await client.send(new DisableSecurityHubCommand({}));
    expect((await failure(() => client.send(new DescribeHubCommand({})))).name).toBe('InvalidAccessException');
  });

  it('DescribeProducts lists a catalogue with UPDATE_FINDINGS_IN_SECURITY_HUB and varied links', async () => {
    const out = await securityHub(emu, 'admin').send(new DescribeProductsCommand({ MaxResults: 100 }));
    expect(out.Products).toHaveLength(100);
    expect(out.NextToken).toBeTruthy();
    const types = out.Products?.flatMap((p) => p.IntegrationTypes ?? []);
    expect(types).toContain('UPDATE_FINDINGS_IN_SECURITY_HUB');
    const hosts = new Set(
      out.Products?.map((p) => p.MarketplaceUrl && new URL(p.MarketplaceUrl).hostname).filter(Boolean),
    );
    expect(hosts.has('aws.amazon.com')).toBe(true);
    expect([...hosts].some((h) => !String(h).endsWith('amazon.com'))).toBe(true);
    const arn = out.Products?.[10]?.ProductArn;
    const one = await securityHub(emu, 'admin').send(new DescribeProductsCommand({ ProductArn: arn }));
    expect(one.Products?.map((p) => p.ProductArn)).toEqual([arn]);
  });
});
