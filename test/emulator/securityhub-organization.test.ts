/**
 * Security Hub CSPM with AWS Organizations, through @aws-sdk/client-securityhub: the delegated
 * administrator enrolling organization accounts, Organizations members on the wire, the quotas,
 * AccountSuspended and Associated, central configuration, the organization reads, and an
 * administrator accepting an invitation.
 */
import {
  AcceptAdministratorInvitationCommand,
  CreateMembersCommand,
  DescribeOrganizationConfigurationCommand,
  DisableSecurityHubCommand,
  EnableSecurityHubCommand,
  GetAdministratorAccountCommand,
  GetMembersCommand,
  InviteMembersCommand,
  ListInvitationsCommand,
  ListMembersCommand,
  ListOrganizationAdminAccountsCommand,
  UpdateSecurityHubConfigurationCommand,
} from '@aws-sdk/client-securityhub';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generatedAccountId, generateScenario, type RunningEmulator, startEmulator } from './index';
import type { ParsedScenario } from './scenario-schema';
import {
  ADMIN,
  demoScenario,
  ENABLED,
  failure,
  MANAGEMENT,
  ORG,
  PROC,
  RETIRED,
  SSO_DEV,
  securityHub,
} from './test-kit';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.stop());
beforeEach(() => emu.loadScenario(demoScenario()));

const CENTRAL =
  'This account is currently associated with a central configuration policy, so only the administrator can access this operation.';
// Functions, not constants: the SDK marks the credentials object it is given.
const MANAGEMENT_KEYS = () => ({
  accessKeyId: 'AKIAEMULMANAGEMENT01',
  secretAccessKey: 'emulatorManagementSecretKey/000000000001',
});
const DEV_KEYS = () => ({
  accessKeyId: 'AKIAEMULSSODEVSTATIC',
  secretAccessKey: 'emulatorSsoDevStaticSecretKey/00000000008',
});

/** The demo plus static keys for the management account (hub on where given) and for 888888888888. */
function withKeys(managementHubRegions: string[] = [], edit: (s: ParsedScenario) => void = () => {}) {
  const s = demoScenario();
  s.accounts.push({ id: MANAGEMENT, hubRegions: managementHubRegions, optInRegions: [] });
  s.principals.push(
    {
      ...MANAGEMENT_KEYS(),
      accountId: MANAGEMENT,
      arn: `arn:aws:iam::${MANAGEMENT}:user/org-admin`,
      deniedActions: [],
    },
    { ...DEV_KEYS(), accountId: SSO_DEV, arn: `arn:aws:iam::${SSO_DEV}:user/dev`, deniedActions: [] },
  );
  edit(s);
  emu.loadScenario(s);
}

const member = (id: string, region = 'us-east-1') =>
  emu
    .state()
    .administrators.find((a) => a.accountId === ADMIN && a.region === region)
    ?.members.find((m) => m.accountId === id);
const side = (id: string, region = 'us-east-1') =>
  emu.state().memberSides.find((x) => x.accountId === id && x.region === region);
const account = (id: string) => emu.state().accounts.find((a) => a.id === id);

describe('the delegated administrator’s CreateMembers for organization accounts', () => {
  it('enables the account at once: Enabled, no invitation, no Email, the administrator on its side', async () => {
    const admin = securityHub(emu, 'admin');
    const out = await admin.send(
      new CreateMembersCommand({ AccountDetails: [{ AccountId: SSO_DEV, Email: 'dev@example.com' }] }),
    );
    expect(out.UnprocessedAccounts).toEqual([]);
    const { Members } = await admin.send(new GetMembersCommand({ AccountIds: [SSO_DEV] }));
    expect(Members?.[0]).toMatchObject({ AccountId: SSO_DEV, MemberStatus: 'Enabled', AdministratorId: ADMIN });
    expect(Members?.[0]?.Email).toBeUndefined();
    expect(side(SSO_DEV)).toMatchObject({
      administrator: { accountId: ADMIN, invitationId: null, viaOrganizations: true },
      invitations: [],
    });
    // Its hub was on already: nothing else changes in it.
    expect(account(SSO_DEV)?.defaultStandards).toEqual([]);
    const listed = await admin.send(new ListMembersCommand({}));
    expect(listed.Members?.map((m) => m.AccountId)).toEqual([ENABLED, ORG, SSO_DEV]);
  });

  it('turns Security Hub CSPM and its default standards on in an account where it is off', async () => {
    withKeys([], (s) => {
      s.accounts.find((a) => a.id === SSO_DEV)!.hubRegions = ['us-east-1'];
    });
    const out = await securityHub(emu, 'admin', 'eu-west-1').send(
      new CreateMembersCommand({ AccountDetails: [{ AccountId: SSO_DEV }] }),
    );
    expect(out.UnprocessedAccounts).toEqual([]);
    expect(Object.keys(account(SSO_DEV)?.hubs ?? {}).sort()).toEqual(['eu-west-1', 'us-east-1']);
    expect(account(SSO_DEV)?.defaultStandards).toEqual(['eu-west-1']);
    const own = await securityHub(emu, DEV_KEYS(), 'eu-west-1').send(new GetAdministratorAccountCommand({}));
    expect(own.Administrator).toMatchObject({ AccountId: ADMIN, MemberStatus: 'Enabled' });
    expect(own.Administrator?.InvitationId).toBeUndefined();
    const invitations = await failure(() =>
      securityHub(emu, DEV_KEYS(), 'eu-west-1').send(new ListInvitationsCommand({})),
    );
    expect([invitations.name, invitations.message]).toEqual([
      'BadRequestException',
      'Only accounts that are managed by invitation can use this operation.',
    ]);
  });

  it('cannot turn it on for the management account, which must enable it first', async () => {
    withKeys();
    const out = await securityHub(emu, 'admin').send(
      new CreateMembersCommand({ AccountDetails: [{ AccountId: MANAGEMENT }] }),
    );
    expect(out.UnprocessedAccounts).toEqual([
      {
        AccountId: MANAGEMENT,
        ProcessingResult:
          'Operation failed because your organization management account must first enable Security Hub CSPM to be added as a member',
      },
    ]);
    expect(member(MANAGEMENT)).toBeUndefined();
    withKeys(['us-east-1']);
    const again = await securityHub(emu, 'admin').send(
      new CreateMembersCommand({ AccountDetails: [{ AccountId: MANAGEMENT }] }),
    );
    expect(again.UnprocessedAccounts).toEqual([]);
    expect(member(MANAGEMENT)?.status).toBe('Enabled');
  });

  it('gives a suspended organization account MemberStatus AccountSuspended and leaves it alone', async () => {
    const admin = securityHub(emu, 'admin');
    await admin.send(new CreateMembersCommand({ AccountDetails: [{ AccountId: RETIRED }] }));
    const { Members } = await admin.send(new GetMembersCommand({ AccountIds: [RETIRED] }));
    expect(Members?.[0]?.MemberStatus).toBe('AccountSuspended');
    expect(account(RETIRED)?.hubs ?? {}).toEqual({});
    expect((await admin.send(new ListMembersCommand({}))).Members?.map((m) => m.AccountId)).not.toContain(RETIRED);
  });

  it('still adds an account outside the organization as Created, to be invited', async () => {
    await securityHub(emu, 'admin').send(
      new CreateMembersCommand({ AccountDetails: [{ AccountId: '123456789012', Email: 'x@example.com' }] }),
    );
    expect(member('123456789012')).toMatchObject({
      status: 'Created',
      viaOrganizations: false,
      email: 'x@example.com',
    });
  });

  it('is refused to an organization account that is not the delegated administrator (LZA’s real answer)', async () => {
    withKeys();
    const error = await failure(() =>
      securityHub(emu, DEV_KEYS()).send(new CreateMembersCommand({ AccountDetails: [{ AccountId: ORG }] })),
    );
    expect(error.name).toBe('AccessDeniedException');
    expect(error.message).toBe("You don't have permissions to access this resource.");
    expect(error.$metadata?.httpStatusCode).toBe(403);
    // Accounts outside the organization it may still invite.
    const outside = await securityHub(emu, DEV_KEYS()).send(
      new CreateMembersCommand({ AccountDetails: [{ AccountId: '123456789012' }] }),
    );
    expect(outside.UnprocessedAccounts).toEqual([]);
  });
});

describe('InviteMembers of an Organizations member', () => {
  it('sends nothing and reports nothing unprocessed; an invitation member that is Enabled is refused', async () => {
    const admin = securityHub(emu, 'admin');
    const out = await admin.send(new InviteMembersCommand({ AccountIds: [ORG] }));
    expect(out.UnprocessedAccounts).toEqual([]);
    expect(member(ORG)).toMatchObject({ status: 'Enabled', invitationId: null });
    expect(side(ORG)?.invitations).toEqual([]);
    const enabled = await admin.send(new InviteMembersCommand({ AccountIds: [ENABLED] }));
    expect(enabled.UnprocessedAccounts?.map((u) => u.AccountId)).toEqual([ENABLED]);
  });
});

describe('Organizations members on the wire', () => {
  it('have no Email; InvitedAt stays (not published either way); the member sees no InvitationId', async () => {
    const { Members } = await securityHub(emu, 'admin').send(new GetMembersCommand({ AccountIds: [ORG, ENABLED] }));
    const org = Members?.find((m) => m.AccountId === ORG);
    expect(org?.Email).toBeUndefined();
    expect(org?.InvitedAt).toBeInstanceOf(Date);
    expect(Members?.find((m) => m.AccountId === ENABLED)?.Email).toBe('workload-enabled@example.com');
    const own = await securityHub(emu, 'org-member').send(new GetAdministratorAccountCommand({}));
    expect(own.Administrator).toMatchObject({ AccountId: ADMIN, MemberStatus: 'Enabled' });
    expect(own.Administrator?.InvitationId).toBeUndefined();
  });
});

describe('member quotas per administrator and region', () => {
  it('1,000 invitation-based members: the next CreateMembers answers LimitExceededException', async () => {
    emu.loadScenario(
      generateScenario({ profiles: 1, accounts: 1, regions: ['us-east-1'], administratorMembers: 1000 }),
    );
    const error = await failure(() =>
      securityHub(emu, {
        accessKeyId: 'AKIALOAD000000000000',
        secretAccessKey: `loadSecretKey/${'0'.repeat(26)}`,
      }).send(new CreateMembersCommand({ AccountDetails: [{ AccountId: '123456789012' }] })),
    );
    expect(error.name).toBe('LimitExceededException');
    expect(error.$metadata?.httpStatusCode).toBe(429);
    expect(error.message).toBe('An administrator account can have at most 1000 invitation-based members per Region.');
  });

  it('10,000 Organizations members: the limit is reached, the next one is refused, invitations still go', async () => {
    const s = generateScenario({ profiles: 1, accounts: 1, regions: ['us-east-1'], administratorMembers: 10_000 });
    expect(s.organization?.delegatedAdministrators).toEqual({ securityhub: generatedAccountId(0) });
    emu.loadScenario(s);
    const keys = { accessKeyId: 'AKIALOAD000000000000', secretAccessKey: `loadSecretKey/${'0'.repeat(26)}` };
    const client = securityHub(emu, keys);
    const config = await client.send(new DescribeOrganizationConfigurationCommand({}));
    expect(config.MemberAccountLimitReached).toBe(true);
    const management = s.organization!.managementAccountId;
    const error = await failure(() =>
      client.send(new CreateMembersCommand({ AccountDetails: [{ AccountId: management }] })),
    );
    expect(error.name).toBe('LimitExceededException');
    expect(error.message).toBe(
      'A delegated administrator account can have at most 10000 organization members per Region.',
    );
    const outside = await client.send(new CreateMembersCommand({ AccountDetails: [{ AccountId: '123456789012' }] }));
    expect(outside.UnprocessedAccounts).toEqual([]);
  });
});

describe('AccountSuspended and the legacy Associated from a scenario', () => {
  it('Associated counts as associated (and the member side has the administrator); AccountSuspended does not', async () => {
    const s = demoScenario();
    s.accounts.push({ id: RETIRED, hubRegions: [], optInRegions: [] });
    s.administrators[0]!.members.push(
      { accountId: '777777777777', status: 'Associated', viaOrganizations: false },
      { accountId: RETIRED, status: 'AccountSuspended', viaOrganizations: true },
    );
    emu.loadScenario(s);
    const admin = securityHub(emu, 'admin');
    expect((await admin.send(new ListMembersCommand({}))).Members?.map((m) => [m.AccountId, m.MemberStatus])).toEqual([
      [ENABLED, 'Enabled'],
      [ORG, 'Enabled'],
      ['777777777777', 'Associated'],
    ]);
    const all = await admin.send(new ListMembersCommand({ OnlyAssociated: false }));
    expect(all.Members?.find((m) => m.AccountId === RETIRED)?.MemberStatus).toBe('AccountSuspended');
    expect(side('777777777777')?.administrator?.accountId).toBe(ADMIN);
    expect(side('777777777777')?.invitations.map((i) => i.memberStatus)).toEqual(['Associated']);
    expect(side(RETIRED)?.administrator ?? null).toBeNull();
  });
});

describe('central configuration', () => {
  function central() {
    const s = demoScenario();
    s.organization!.securityHub = {
      autoEnable: true,
      autoEnableStandards: 'DEFAULT',
      centralConfiguration: { homeRegion: 'us-east-1', linkedRegions: ['eu-west-1'], centrallyManagedAccounts: [ORG] },
    };
    emu.loadScenario(s);
  }

  it('refuses a centrally managed account’s own Security Hub writes in the home and linked Regions', async () => {
    central();
    for (const region of ['us-east-1', 'eu-west-1']) {
      const client = securityHub(emu, 'org-member', region);
      for (const command of [
        new EnableSecurityHubCommand({}),
        new DisableSecurityHubCommand({}),
        new UpdateSecurityHubConfigurationCommand({ ControlFindingGenerator: 'SECURITY_CONTROL' }),
      ]) {
        const error = await failure(() => client.send(command as never));
        expect([error.name, error.message, error.$metadata?.httpStatusCode]).toEqual([
          'AccessDeniedException',
          CENTRAL,
          403,
        ]);
      }
    }
    // Outside them the account configures itself.
    await securityHub(emu, 'org-member', 'ap-southeast-2').send(
      new UpdateSecurityHubConfigurationCommand({ AutoEnableControls: false }),
    );
    await securityHub(emu, 'org-member', 'ap-southeast-2').send(new DisableSecurityHubCommand({}));
    expect(Object.keys(account(ORG)?.hubs ?? {})).not.toContain('ap-southeast-2');
  });

  it('DescribeOrganizationConfiguration says CENTRAL (AutoEnable false) in home and linked Regions, LOCAL elsewhere', async () => {
    central();
    const config = (region: string) =>
      securityHub(emu, 'admin', region).send(new DescribeOrganizationConfigurationCommand({}));
    for (const region of ['us-east-1', 'eu-west-1']) {
      expect(await config(region)).toMatchObject({
        AutoEnable: false,
        AutoEnableStandards: 'NONE',
        MemberAccountLimitReached: false,
        OrganizationConfiguration: { ConfigurationType: 'CENTRAL', Status: 'ENABLED' },
      });
    }
    expect(await config('ap-southeast-2')).toMatchObject({
      AutoEnable: true,
      AutoEnableStandards: 'DEFAULT',
      OrganizationConfiguration: { ConfigurationType: 'LOCAL', Status: 'ENABLED' },
    });
  });
});

describe('the organization reads', () => {
  it('DescribeOrganizationConfiguration answers only the delegated administrator', async () => {
    expect(await securityHub(emu, 'admin').send(new DescribeOrganizationConfigurationCommand({}))).toMatchObject({
      AutoEnable: true,
      AutoEnableStandards: 'DEFAULT',
      OrganizationConfiguration: { ConfigurationType: 'LOCAL' },
    });
    for (const profile of ['member-enabled', 'org-member']) {
      const error = await failure(() =>
        securityHub(emu, profile).send(new DescribeOrganizationConfigurationCommand({})),
      );
      expect(error.name).toBe('InvalidAccessException');
      expect(error.$metadata?.httpStatusCode).toBe(401);
      expect(error.message).toMatch(/^Account \d{12} is not an administrator for this organization$/);
    }
  });

  it('ListOrganizationAdminAccounts answers only the management account', async () => {
    withKeys();
    const mine = await securityHub(emu, MANAGEMENT_KEYS()).send(new ListOrganizationAdminAccountsCommand({}));
    expect(mine.AdminAccounts).toEqual([{ AccountId: ADMIN, Status: 'ENABLED' }]);
    expect(mine.Feature).toBe('SecurityHub');
    const v2 = await securityHub(emu, MANAGEMENT_KEYS()).send(
      new ListOrganizationAdminAccountsCommand({ Feature: 'SecurityHubV2' }),
    );
    expect(v2.AdminAccounts).toEqual([]);
    const error = await failure(() => securityHub(emu, 'admin').send(new ListOrganizationAdminAccountsCommand({})));
    expect(error.name).toBe('InvalidAccessException');
  });
});

describe('an administrator accepting an invitation', () => {
  it('is refused while it has members; a plain account accepts', async () => {
    const s = demoScenario();
    s.administrators.push({
      accountId: PROC,
      region: 'eu-west-1',
      members: [{ accountId: ADMIN, status: 'Invited', viaOrganizations: false }],
    });
    emu.loadScenario(s);
    // 111111111111 administers 222222222222 in eu-west-1 (and is the delegated administrator).
    const client = securityHub(emu, 'admin', 'eu-west-1');
    const invitation = (await client.send(new ListInvitationsCommand({}))).Invitations?.[0];
    expect(invitation?.AccountId).toBe(PROC);
    const error = await failure(() =>
      client.send(
        new AcceptAdministratorInvitationCommand({ AdministratorId: PROC, InvitationId: invitation!.InvitationId! }),
      ),
    );
    expect(error.name).toBe('InvalidInputException');
    expect(error.message).toBe(
      'Account 111111111111 is an administrator account in eu-west-1 (1 member) and cannot accept an invitation to become a member account.',
    );
    expect(side(ADMIN, 'eu-west-1')?.administrator ?? null).toBeNull();
  });
});
