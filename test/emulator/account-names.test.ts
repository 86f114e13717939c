/**
 * The other two sources of account names, through their real SDK clients: IAM's ListAccountAliases
 * (query protocol, XML) and the IAM Identity Center portal's ListAccounts / ListAccountRoles (unsigned,
 * bearer token in a header), with their refusals.
 */
import { IAMClient, ListAccountAliasesCommand, paginateListAccountAliases } from '@aws-sdk/client-iam';
import { ListAccountRolesCommand, ListAccountsCommand, paginateListAccounts } from '@aws-sdk/client-sso';
import { describe, expect, it } from 'vitest';
import {
  ADMIN,
  DEMO_SSO_TOKEN,
  demoEmulatorPerFile,
  demoScenario,
  failure,
  iam,
  ORG,
  SSO_DEV,
  ssoPortal,
} from './test-kit';

const emu = demoEmulatorPerFile();

describe('IAM ListAccountAliases', () => {
  it('answers each account its alias, or an empty list', async () => {
    const aliasOf = async (profile: string) =>
      (await iam(emu, profile).send(new ListAccountAliasesCommand({}))).AccountAliases;
    expect(await aliasOf('admin')).toEqual(['acme-security']);
    expect(await aliasOf('member-pending')).toEqual(['globex-pending']);
    expect(await aliasOf('member-enabled')).toEqual(['globex-prod']);
    expect(await aliasOf('hub-off')).toEqual(['initech-hub-off']);
    expect(await aliasOf('proc-ops')).toEqual(['acme-operations']);
    expect(await aliasOf('org-member')).toEqual([]);
    const out = await iam(emu, 'admin').send(new ListAccountAliasesCommand({ MaxItems: 1 }));
    expect(out.IsTruncated).toBe(false);
    expect(out.Marker).toBeUndefined();
    expect(emu.requestLog().map((e) => [e.service, e.operation, e.status])).toContainEqual([
      'iam',
      'ListAccountAliases',
      200,
    ]);
  });

  it('pages with the SDK paginator (one page) and refuses MaxItems out of range', async () => {
    const pages = [];
    for await (const page of paginateListAccountAliases({ client: iam(emu, 'admin') }, {})) pages.push(page);
    expect(pages.map((p) => p.AccountAliases)).toEqual([['acme-security']]);
    const error = await failure(() => iam(emu, 'admin').send(new ListAccountAliasesCommand({ MaxItems: 1001 })));
    expect(error.name).toBe('ValidationError');
  });

  it('an explicit deny answers AccessDenied 403 naming the action on resource *', async () => {
    const s = demoScenario();
    s.principals.find((p) => p.accountId === ADMIN)!.deniedActions = ['iam:ListAccountAliases'];
    emu.loadScenario(s);
    const error = await failure(() => iam(emu, 'admin').send(new ListAccountAliasesCommand({})));
    expect(error.name).toBe('AccessDenied');
    expect(error.$metadata?.httpStatusCode).toBe(403);
    expect(error.message).toBe(
      'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: iam:ListAccountAliases on resource: * with an explicit deny in an identity-based policy',
    );
    expect(emu.answersByCode('iam')).toEqual({ AccessDenied: 1 });
  });

  it('refuses unknown keys as IAM does (InvalidClientTokenId) and works whatever region the client signs', async () => {
    const stranger = new IAMClient({
      region: 'us-east-1',
      endpoint: emu.url,
      credentials: { accessKeyId: 'AKIAUNKNOWNKEY000001', secretAccessKey: 'x'.repeat(40) },
      maxAttempts: 1,
    });
    expect((await failure(() => stranger.send(new ListAccountAliasesCommand({})))).name).toBe('InvalidClientTokenId');
    const eu = await iam(emu, 'admin', 'eu-west-1').send(new ListAccountAliasesCommand({}));
    expect(eu.AccountAliases).toEqual(['acme-security']);
  });
});

describe('IAM Identity Center portal: ListAccounts and ListAccountRoles', () => {
  it('lists the accounts of the sso-dev session with their Organizations names and e-mails', async () => {
    const { accountList, nextToken } = await ssoPortal(emu).send(
      new ListAccountsCommand({ accessToken: DEMO_SSO_TOKEN }),
    );
    expect(nextToken).toBeUndefined();
    expect(accountList).toEqual([
      { accountId: SSO_DEV, accountName: 'Developers', emailAddress: 'developers@example.com' },
      { accountId: ORG, accountName: 'Org Workload', emailAddress: 'org-workload@example.com' },
    ]);
    const roles = await ssoPortal(emu).send(
      new ListAccountRolesCommand({ accessToken: DEMO_SSO_TOKEN, accountId: SSO_DEV }),
    );
    expect(roles.roleList).toEqual([{ roleName: 'SecurityHubAdmin', accountId: SSO_DEV }]);
    const none = await ssoPortal(emu).send(
      new ListAccountRolesCommand({ accessToken: DEMO_SSO_TOKEN, accountId: '123456789012' }),
    );
    expect(none.roleList).toEqual([]);
    expect(emu.requestLog().map((e) => [e.service, e.operation])).toEqual([
      ['sso', 'ListAccounts'],
      ['sso', 'ListAccountRoles'],
      ['sso', 'ListAccountRoles'],
    ]);
  });

  it('pages with the SDK paginator', async () => {
    const pages: string[][] = [];
    for await (const page of paginateListAccounts(
      { client: ssoPortal(emu), pageSize: 1 },
      { accessToken: DEMO_SSO_TOKEN },
    )) {
      pages.push((page.accountList ?? []).map((a) => a.accountId!));
    }
    expect(pages).toEqual([[SSO_DEV], [ORG]]);
    const error = await failure(() =>
      ssoPortal(emu).send(new ListAccountsCommand({ accessToken: DEMO_SSO_TOKEN, maxResults: 101 })),
    );
    expect(error.name).toBe('InvalidRequestException');
  });

  it('refuses an expired or unknown token with UnauthorizedException 401, as GetRoleCredentials does', async () => {
    for (const accessToken of ['emulator-sso-expired-access-token-00000000002', 'not-a-token-of-this-portal']) {
      const error = await failure(() => ssoPortal(emu).send(new ListAccountsCommand({ accessToken })));
      expect(error.name).toBe('UnauthorizedException');
      expect(error.$metadata?.httpStatusCode).toBe(401);
      const roles = await failure(() =>
        ssoPortal(emu).send(new ListAccountRolesCommand({ accessToken, accountId: SSO_DEV })),
      );
      expect(roles.name).toBe('UnauthorizedException');
    }
  });

  it('gives accounts outside the scenario’s organization without a name', async () => {
    const s = demoScenario();
    delete s.organization;
    emu.loadScenario(s);
    const { accountList } = await ssoPortal(emu).send(new ListAccountsCommand({ accessToken: DEMO_SSO_TOKEN }));
    expect(accountList).toEqual([{ accountId: SSO_DEV }, { accountId: ORG }]);
  });
});
