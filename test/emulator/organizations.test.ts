/**
 * AWS Organizations through @aws-sdk/client-organizations (JSON 1.1): the demo organization's
 * accounts with names, its delegated administrators, who may read them, and the answers of accounts
 * outside any organization.
 */
import {
  DescribeOrganizationConfigurationCommand as GdDescribeOrganizationConfiguration,
  ListOrganizationAdminAccountsCommand as GdListOrganizationAdminAccounts,
} from '@aws-sdk/client-guardduty';
import {
  DescribeAccountCommand,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListDelegatedAdministratorsCommand,
  paginateListAccounts,
} from '@aws-sdk/client-organizations';
import { describe, expect, it } from 'vitest';
import { scenarioDetectorId } from './guardduty-state';
import {
  ADMIN,
  demoEmulatorPerFile,
  demoScenario,
  failure,
  guardDuty,
  MANAGEMENT,
  ORG,
  organizations,
  PENDING,
  RETIRED,
  SANDBOX,
  SSO_DEV,
} from './test-kit';

const emu = demoEmulatorPerFile();

const ORG_ID = 'o-d3m0emul8r1';
const NO_PERMISSION = "You don't have permissions to access this resource.";

/** The demo with a principal for the management account, which has no profile. */
function withManagementKey() {
  const s = demoScenario();
  s.accounts.push({ id: MANAGEMENT, hubRegions: [], optInRegions: [] });
  s.principals.push({
    accessKeyId: 'AKIAEMULMANAGEMENT01',
    secretAccessKey: 'emulatorManagementSecretKey/000000000001',
    accountId: MANAGEMENT,
    arn: `arn:aws:iam::${MANAGEMENT}:user/org-admin`,
    deniedActions: [],
  });
  emu.loadScenario(s);
  return { accessKeyId: 'AKIAEMULMANAGEMENT01', secretAccessKey: 'emulatorManagementSecretKey/000000000001' };
}

describe('DescribeOrganization', () => {
  it('answers any account of the organization with its id, ARNs and management account', async () => {
    for (const profile of ['admin', 'org-member']) {
      const { Organization } = await organizations(emu, profile).send(new DescribeOrganizationCommand({}));
      expect(Organization).toEqual({
        Id: ORG_ID,
        Arn: `arn:aws:organizations::${MANAGEMENT}:organization/${ORG_ID}`,
        FeatureSet: 'ALL',
        MasterAccountArn: `arn:aws:organizations::${MANAGEMENT}:account/${ORG_ID}/${MANAGEMENT}`,
        MasterAccountId: MANAGEMENT,
        MasterAccountEmail: 'management@example.com',
        AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
      });
    }
  });

  it('refuses an account outside any organization with AWSOrganizationsNotInUseException (HTTP 400)', async () => {
    for (const profile of ['member-pending', 'hub-off', 'proc-ops', 'member-enabled']) {
      const error = await failure(() => organizations(emu, profile).send(new DescribeOrganizationCommand({})));
      expect(error.name).toBe('AWSOrganizationsNotInUseException');
      expect(error.message).toBe('Your account is not a member of an organization.');
      expect(error.$metadata?.httpStatusCode).toBe(400);
    }
    const listed = await failure(() => organizations(emu, 'member-pending').send(new ListAccountsCommand({})));
    expect(listed.name).toBe('AWSOrganizationsNotInUseException');
  });
});

describe('ListAccounts and DescribeAccount', () => {
  it('give the delegated administrator every account with name, e-mail, status and join time', async () => {
    const { Accounts, NextToken } = await organizations(emu, 'admin').send(new ListAccountsCommand({}));
    expect(NextToken).toBeUndefined();
    expect(Accounts?.map((a) => [a.Id, a.Name, a.Email, a.Status, a.State])).toEqual([
      [MANAGEMENT, 'Management', 'management@example.com', 'ACTIVE', 'ACTIVE'],
      [ADMIN, 'Security Tooling', 'security-tooling@example.com', 'ACTIVE', 'ACTIVE'],
      [ORG, 'Org Workload', 'org-workload@example.com', 'ACTIVE', 'ACTIVE'],
      [SSO_DEV, 'Developers', 'developers@example.com', 'ACTIVE', 'ACTIVE'],
      [RETIRED, 'Retired Project', 'retired-project@example.com', 'SUSPENDED', 'SUSPENDED'],
    ]);
    const admin = Accounts?.[1];
    expect(admin?.Arn).toBe(`arn:aws:organizations::${MANAGEMENT}:account/${ORG_ID}/${ADMIN}`);
    expect(admin?.JoinedMethod).toBe('CREATED');
    // Epoch seconds on the wire; the SDK hands back a Date.
    expect(admin?.JoinedTimestamp).toEqual(new Date('2024-01-16T09:00:00Z'));
    const one = await organizations(emu, 'admin').send(new DescribeAccountCommand({ AccountId: RETIRED }));
    expect(one.Account).toMatchObject({ Id: RETIRED, Name: 'Retired Project', JoinedMethod: 'INVITED' });
  });

  it('page by MaxResults (at most 20) with the SDK paginator, and refuse a foreign token', async () => {
    const client = organizations(emu, 'admin');
    const pages: string[][] = [];
    for await (const page of paginateListAccounts({ client, pageSize: 4 }, {})) {
      pages.push((page.Accounts ?? []).map((a) => a.Id!));
    }
    expect(pages.map((p) => p.length)).toEqual([4, 1]);
    expect(emu.requestLog().filter((e) => e.operation === 'ListAccounts' && e.nextPage)).toHaveLength(1);
    const tooMany = await failure(() => client.send(new ListAccountsCommand({ MaxResults: 21 })));
    expect(tooMany.name).toBe('InvalidInputException');
    expect((tooMany as unknown as { Reason?: string }).Reason).toBe('MAX_VALUE_EXCEEDED');
    const bad = await failure(() => client.send(new ListAccountsCommand({ NextToken: 'made-up' })));
    expect((bad as unknown as { Reason?: string }).Reason).toBe('INVALID_NEXT_TOKEN');
  });

  it('are refused to a member that is not a delegated administrator, in AWS’s words', async () => {
    for (const profile of ['org-member']) {
      const error = await failure(() => organizations(emu, profile).send(new ListAccountsCommand({})));
      expect(error.name).toBe('AccessDeniedException');
      expect(error.message).toBe(NO_PERMISSION);
      expect(error.message).not.toMatch(/is not authorized to perform/);
      const one = await failure(() =>
        organizations(emu, profile).send(new DescribeAccountCommand({ AccountId: ADMIN })),
      );
      expect(one.name).toBe('AccessDeniedException');
    }
    expect(emu.answersByCode('organizations')).toEqual({ AccessDeniedException: 2 });
  });

  it('answer the management account; an account outside the organization is AccountNotFoundException', async () => {
    const keys = withManagementKey();
    const client = organizations(emu, keys);
    expect((await client.send(new ListAccountsCommand({}))).Accounts).toHaveLength(5);
    const missing = await failure(() => client.send(new DescribeAccountCommand({ AccountId: PENDING })));
    expect(missing.name).toBe('AccountNotFoundException');
    expect(missing.message).toBe("You specified an account that doesn't exist.");
  });

  it('an explicit IAM deny of organizations:ListAccounts gets the same sentence', async () => {
    const s = demoScenario();
    s.principals.find((p) => p.accountId === ADMIN)!.deniedActions = ['organizations:ListAccounts'];
    emu.loadScenario(s);
    const error = await failure(() => organizations(emu, 'admin').send(new ListAccountsCommand({})));
    expect([error.name, error.message]).toEqual(['AccessDeniedException', NO_PERMISSION]);
    expect((await organizations(emu, 'admin').send(new DescribeOrganizationCommand({}))).Organization?.Id).toBe(ORG_ID);
  });

  it('accept a client signed for another region (the SDK signs an explicit endpoint with its own region)', async () => {
    const { Accounts } = await organizations(emu, 'admin', 'eu-west-1').send(new ListAccountsCommand({}));
    expect(Accounts).toHaveLength(5);
    expect(emu.requestLog().at(-1)).toMatchObject({ service: 'organizations', region: 'eu-west-1', status: 200 });
  });
});

describe('ListDelegatedAdministrators', () => {
  it('lists 111111111111 once, and per service principal', async () => {
    const client = organizations(emu, 'admin');
    const all = await client.send(new ListDelegatedAdministratorsCommand({}));
    expect(all.DelegatedAdministrators?.map((d) => [d.Id, d.Name, d.Status])).toEqual([
      [ADMIN, 'Security Tooling', 'ACTIVE'],
    ]);
    expect(all.DelegatedAdministrators?.[0]?.DelegationEnabledDate).toBeInstanceOf(Date);
    for (const principal of [
      'securityhub.amazonaws.com',
      'guardduty.amazonaws.com',
      'macie.amazonaws.com',
      'detective.amazonaws.com',
    ]) {
      const one = await client.send(new ListDelegatedAdministratorsCommand({ ServicePrincipal: principal }));
      expect(one.DelegatedAdministrators?.map((d) => d.Id)).toEqual([ADMIN]);
    }
    const none = await client.send(
      new ListDelegatedAdministratorsCommand({ ServicePrincipal: 'config.amazonaws.com' }),
    );
    expect(none.DelegatedAdministrators).toEqual([]);
    const bad = await failure(() =>
      client.send(new ListDelegatedAdministratorsCommand({ ServicePrincipal: 'macie2' })),
    );
    expect(bad.name).toBe('InvalidInputException');
    expect((bad as unknown as { Reason?: string }).Reason).toBe('UNRECOGNIZED_SERVICE_PRINCIPAL');
  });

  it('lists each service’s own administrator when they differ, and refuses other members', async () => {
    const s = demoScenario();
    s.organization!.delegatedAdministrators = { securityhub: ADMIN, guardduty: SSO_DEV };
    emu.loadScenario(s);
    const client = organizations(emu, 'admin');
    const all = await client.send(new ListDelegatedAdministratorsCommand({}));
    expect(all.DelegatedAdministrators?.map((d) => d.Id)).toEqual([ADMIN, SSO_DEV]);
    const gd = await client.send(
      new ListDelegatedAdministratorsCommand({ ServicePrincipal: 'guardduty.amazonaws.com' }),
    );
    expect(gd.DelegatedAdministrators?.map((d) => d.Id)).toEqual([SSO_DEV]);
    const refused = await failure(() =>
      organizations(emu, 'org-member').send(new ListDelegatedAdministratorsCommand({})),
    );
    expect([refused.name, refused.message]).toEqual(['AccessDeniedException', NO_PERMISSION]);
    const outside = await failure(() => organizations(emu, SANDBOX_KEYS()).send(new ListAccountsCommand({})));
    expect(outside.name).toBe('UnrecognizedClientException');
  });
});

describe('GuardDuty’s organization reads', () => {
  it('ListOrganizationAdminAccounts answers the management account; DescribeOrganizationConfiguration the administrator', async () => {
    const keys = withManagementKey();
    const admins = await guardDuty(emu, keys).send(new GdListOrganizationAdminAccounts({}));
    expect(admins.AdminAccounts).toEqual([{ AdminAccountId: ADMIN, AdminStatus: 'ENABLED' }]);
    const refused = await failure(() => guardDuty(emu, 'admin').send(new GdListOrganizationAdminAccounts({})));
    expect([refused.name, refused.message]).toEqual([
      'BadRequestException',
      'The request failed because you do not have required AWS Organization master permission.',
    ]);
    const config = await guardDuty(emu, 'admin').send(
      new GdDescribeOrganizationConfiguration({ DetectorId: scenarioDetectorId(ADMIN, 'us-east-1') }),
    );
    expect(config).toMatchObject({ AutoEnableOrganizationMembers: 'NEW', MemberAccountLimitReached: false });
    const member = await failure(() =>
      guardDuty(emu, 'org-member').send(
        new GdDescribeOrganizationConfiguration({ DetectorId: scenarioDetectorId(ORG, 'us-east-1') }),
      ),
    );
    expect(member.name).toBe('BadRequestException');
  });
});

/** Keys no principal has: the signature check answers before Organizations does. */
const SANDBOX_KEYS = () => ({ accessKeyId: 'AKIAUNKNOWN000000066', secretAccessKey: `unknown/${SANDBOX}` });
