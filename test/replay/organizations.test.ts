/**
 * The published answers about organizations and account names (fixtures/, each with its source)
 * served to the real SDK clients: Organizations (JSON 1.1), IAM's ListAccountAliases (query, XML),
 * the SSO portal's lists, and Security Hub CSPM's organization answers — what each deserializes to,
 * and for an error its name, message and status in every framing its protocol allows.
 */
import * as iam from '@aws-sdk/client-iam';
import * as org from '@aws-sdk/client-organizations';
import * as sh from '@aws-sdk/client-securityhub';
import * as sso from '@aws-sdk/client-sso';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from './fixtures';
import { FRAMINGS, type Plan, type Replay, startReplay } from './server';

let replay: Replay | undefined;
afterEach(async () => {
  await replay?.stop();
  replay = undefined;
});

const credentials = {
  accessKeyId: 'AKIAI44QH8DHBEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

async function clients(plan: Plan) {
  replay = await startReplay(plan);
  const config = { region: 'us-east-1', endpoint: replay.url, credentials, maxAttempts: 1 };
  return {
    organizations: new org.OrganizationsClient(config),
    iam: new iam.IAMClient(config),
    sso: new sso.SSOClient({ region: 'us-east-1', endpoint: replay.url, maxAttempts: 1 }),
    securityHub: new sh.SecurityHubClient(config),
  };
}

async function failureOf(fn: () => Promise<unknown>) {
  try {
    await fn();
  } catch (error) {
    return error as Error & { $metadata?: { httpStatusCode?: number }; [key: string]: unknown };
  }
  throw new Error('expected the call to fail');
}

describe('Organizations answers, as the AWS CLI examples publish them', () => {
  it('ListAccounts: names, e-mails, Status and State, epoch-second join times as Dates', async () => {
    const c = await clients({
      'organizations:ListAccounts': { fixture: fixture('organizations-list-accounts.aws-cli') },
    });
    const { Accounts, NextToken } = await c.organizations.send(new org.ListAccountsCommand({}));
    expect(NextToken).toBeUndefined();
    expect(Accounts?.map((a) => [a.Id, a.Name, a.Email, a.Status, a.State])).toEqual([
      ['111111111111', 'Master Account', 'bill@example.com', 'ACTIVE', 'ACTIVE'],
      ['222222222222', 'Production Account', 'alice@example.com', 'ACTIVE', 'ACTIVE'],
      ['333333333333', 'Development Account', 'juan@example.com', 'ACTIVE', 'ACTIVE'],
      ['444444444444', 'Test Account', 'anika@example.com', 'ACTIVE', 'ACTIVE'],
    ]);
    expect(Accounts?.[0]?.JoinedTimestamp).toEqual(new Date(1481830215450));
    // The request is JSON 1.1: POST / with the target header, recognised by it.
    expect(replay!.requests[0]).toMatchObject({ method: 'POST', path: '/', operation: 'organizations:ListAccounts' });
  });

  it('DescribeOrganization and DescribeAccount (whose example misspells JoinedTimestamp)', async () => {
    const c = await clients({
      'organizations:DescribeOrganization': { fixture: fixture('organizations-describe-organization.aws-cli') },
      'organizations:DescribeAccount': { fixture: fixture('organizations-describe-account.aws-cli') },
    });
    const { Organization } = await c.organizations.send(new org.DescribeOrganizationCommand({}));
    expect(Organization).toMatchObject({ Id: 'o-exampleorgid', MasterAccountId: '111111111111', FeatureSet: 'ALL' });
    const { Account } = await c.organizations.send(new org.DescribeAccountCommand({ AccountId: '555555555555' }));
    expect(Account).toMatchObject({ Id: '555555555555', Name: 'Beta account', Status: 'ACTIVE' });
    expect(Account?.JoinedTimestamp).toBeUndefined();
  });

  it('the refusals read as the SDK names them, in every framing', async () => {
    for (const framing of FRAMINGS) {
      const c = await clients({
        'organizations:ListAccounts': {
          fixture: fixture('organizations-list-accounts.access-denied.key-rotation-10'),
          framing,
        },
        'organizations:ListDelegatedAdministrators': {
          fixture: fixture('organizations-list-delegated-administrators.access-denied.prowler-2133'),
          framing,
        },
        'organizations:DescribeOrganization': {
          fixture: fixture('organizations-not-in-use.secure-baseline-70'),
          framing,
        },
      });
      const denied = await failureOf(() => c.organizations.send(new org.ListAccountsCommand({})));
      expect([denied.name, denied.message, denied.$metadata?.httpStatusCode]).toEqual([
        'AccessDeniedException',
        "You don't have permissions to access this resource.",
        400,
      ]);
      expect(denied).toBeInstanceOf(org.AccessDeniedException);
      const admins = await failureOf(() => c.organizations.send(new org.ListDelegatedAdministratorsCommand({})));
      expect(admins.name).toBe('AccessDeniedException');
      const outside = await failureOf(() => c.organizations.send(new org.DescribeOrganizationCommand({})));
      expect(outside).toBeInstanceOf(org.AWSOrganizationsNotInUseException);
      expect(outside.message).toBe('Your account is not a member of an organization.');
      await replay!.stop();
      replay = undefined;
    }
  });
});

describe('IAM ListAccountAliases', () => {
  it('the AWS CLI example’s alias, over XML', async () => {
    const c = await clients({ 'iam:ListAccountAliases': { fixture: fixture('iam-list-account-aliases.aws-cli') } });
    const out = await c.iam.send(new iam.ListAccountAliasesCommand({}));
    expect(out.AccountAliases).toEqual(['mycompany']);
    expect(out.IsTruncated).toBe(false);
    expect(replay!.operations()).toEqual(['iam:ListAccountAliases']);
  });

  it('a real AccessDenied: code AccessDenied (not …Exception), 403, the IAM sentence', async () => {
    const c = await clients({ 'iam:ListAccountAliases': { fixture: fixture('iam-access-denied.moj-1676') } });
    const error = await failureOf(() => c.iam.send(new iam.ListAccountAliasesCommand({})));
    expect([error.name, error.$metadata?.httpStatusCode]).toEqual(['AccessDenied', 403]);
    expect(error.message).toBe(
      'User: arn:aws:iam::946070829339:user/member-ci is not authorized to perform: iam:ListAccountAliases on resource: *',
    );
  });
});

describe('the SSO portal’s lists', () => {
  it('ListAccounts and ListAccountRoles as the API reference’s Response Syntax gives them', async () => {
    const c = await clients({
      'sso:ListAccounts': { fixture: fixture('sso-list-accounts.api-reference') },
      'sso:ListAccountRoles': { fixture: fixture('sso-list-account-roles.api-reference') },
    });
    const accounts = await c.sso.send(new sso.ListAccountsCommand({ accessToken: 'token' }));
    expect(accounts.accountList).toEqual([
      { accountId: '111122223333', accountName: 'Production', emailAddress: 'production@example.com' },
    ]);
    const roles = await c.sso.send(
      new sso.ListAccountRolesCommand({ accessToken: 'token', accountId: '111122223333' }),
    );
    expect(roles.roleList).toEqual([{ roleName: 'ReadOnly', accountId: '111122223333' }]);
    expect(replay!.requests.map((r) => [r.operation, r.method, r.path])).toEqual([
      ['sso:ListAccounts', 'GET', '/assignment/accounts'],
      ['sso:ListAccountRoles', 'GET', '/assignment/roles'],
    ]);
  });
});

describe('Security Hub CSPM’s organization answers', () => {
  it('DescribeOrganizationConfiguration and ListOrganizationAdminAccounts as the AWS CLI examples print them', async () => {
    const c = await clients({
      'securityhub:DescribeOrganizationConfiguration': {
        fixture: fixture('describe-organization-configuration.aws-cli'),
      },
      'securityhub:ListOrganizationAdminAccounts': { fixture: fixture('list-organization-admin-accounts.aws-cli') },
    });
    const config = await c.securityHub.send(new sh.DescribeOrganizationConfigurationCommand({}));
    expect(config).toMatchObject({
      AutoEnable: false,
      MemberAccountLimitReached: false,
      AutoEnableStandards: 'NONE',
      OrganizationConfiguration: { ConfigurationType: 'LOCAL', Status: 'ENABLED' },
    });
    const admins = await c.securityHub.send(new sh.ListOrganizationAdminAccountsCommand({}));
    expect(admins.AdminAccounts).toEqual([{ AccountId: '777788889999', Status: 'ENABLED' }]);
  });

  it('the refusals: central configuration, a non-delegated administrator, a member disabling, in every framing', async () => {
    for (const framing of FRAMINGS) {
      const c = await clients({
        'securityhub:UpdateSecurityHubConfiguration': {
          fixture: fixture('update-security-hub-configuration.central-configuration.tf-39687'),
          framing,
        },
        'securityhub:CreateMembers': { fixture: fixture('create-members.not-delegated-admin.lza-673'), framing },
        'securityhub:UpdateOrganizationConfiguration': {
          fixture: fixture('update-organization-configuration.not-administrator.terraform-30285'),
          framing,
        },
        'securityhub:DisableSecurityHub': { fixture: fixture('disable-security-hub.member.superwerker'), framing },
      });
      const central = await failureOf(() =>
        c.securityHub.send(new sh.UpdateSecurityHubConfigurationCommand({ AutoEnableControls: true })),
      );
      expect([central.name, central.$metadata?.httpStatusCode]).toEqual(['AccessDeniedException', 403]);
      expect(central.message).toBe(
        'This account is currently associated with a central configuration policy, so only the administrator can access this operation.',
      );
      const create = await failureOf(() =>
        c.securityHub.send(new sh.CreateMembersCommand({ AccountDetails: [{ AccountId: '123456789012' }] })),
      );
      expect([create.name, create.message]).toEqual([
        'AccessDeniedException',
        "You don't have permissions to access this resource.",
      ]);
      expect(create.message).not.toMatch(/is not authorized to perform/);
      const notAdmin = await failureOf(() =>
        c.securityHub.send(new sh.UpdateOrganizationConfigurationCommand({ AutoEnable: true })),
      );
      expect([notAdmin.name, notAdmin.$metadata?.httpStatusCode]).toEqual(['InvalidAccessException', 401]);
      const disable = await failureOf(() => c.securityHub.send(new sh.DisableSecurityHubCommand({})));
      expect([disable.name, disable.message]).toEqual([
        'InvalidInputException',
        'Member account cannot disable Security Hub',
      ]);
      await replay!.stop();
      replay = undefined;
    }
  });
});
