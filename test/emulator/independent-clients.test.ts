/**
 * Independent clients against the emulator, unchanged: the AWS CLI v2 (/usr/bin/aws, Debian's
 * awscli 2.9 in CI) and botocore (python3-botocore), with the profiles writeAwsDir writes. The CLI 2.9
 * does not read a profile's endpoint_url (that came with CLI 2.13), so the endpoint is passed as
 * --endpoint-url; botocore gets it as endpoint_url. Each part is skipped, saying why, only when its
 * client is not installed.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { scenarioDetectorId } from './guardduty-state';
import { type AwsDir, type RunningEmulator, startEmulator } from './index';
import { ADMIN, DEMO_SSO_TOKEN, demoScenario, ENABLED, ORG, PENDING, SSO_DEV } from './test-kit';

const run = promisify(execFile);
const AWS_CLI = '/usr/bin/aws';

function hasBotocore(): boolean {
  try {
    execFileSync('python3', ['-c', 'import botocore'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

let emu: RunningEmulator;
let dir: string;
let files: AwsDir;

beforeAll(async () => {
  emu = await startEmulator();
  dir = mkdtempSync(join(tmpdir(), 'emulator-clients-'));
  files = await emu.writeAwsDir(dir);
});
afterAll(async () => {
  await emu.stop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => emu.loadScenario(demoScenario()));

const env = () => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', ...files.env, AWS_PAGER: '' });

/** Runs the AWS CLI; resolves its JSON output, or `{ error }` with what it printed on failure. */
async function aws(profile: string, args: string[]): Promise<Record<string, unknown>> {
  try {
    const { stdout } = await run(
      AWS_CLI,
      [...args, '--profile', profile, '--endpoint-url', emu.url, '--output', 'json', '--no-cli-pager'],
      { env: env(), timeout: 60_000 },
    );
    return stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : {};
  } catch (error) {
    return { error: String((error as { stderr?: string }).stderr ?? error) };
  }
}

/**
 * botocore's own client: `python3 -c` with profile, endpoint, service, operation and JSON parameters;
 * prints the parsed answer, or the error code and message botocore read.
 */
const BOTOCORE = `
import json, sys
import botocore.session
from botocore.exceptions import ClientError
profile, endpoint, service, operation, params, region = sys.argv[1:7]
client = botocore.session.Session(profile=profile).create_client(
    service, endpoint_url=endpoint, region_name=region or None
)
try:
    out = getattr(client, operation)(**json.loads(params))
    out.pop("ResponseMetadata", None)
    print(json.dumps(out, default=str))
except ClientError as e:
    print(json.dumps({"error": e.response["Error"]["Code"], "message": e.response["Error"]["Message"]}))
`;

async function botocore(profile: string, service: string, operation: string, params: object = {}, region = '') {
  const { stdout } = await run(
    'python3',
    ['-c', BOTOCORE, profile, emu.url, service, operation, JSON.stringify(params), region],
    { env: env(), timeout: 60_000 },
  );
  return JSON.parse(stdout) as Record<string, unknown> & { error?: string; message?: string };
}

const cliMissing = !existsSync(AWS_CLI);
const botocoreMissing = !hasBotocore();

describe.skipIf(cliMissing)(`AWS CLI v2 (${cliMissing ? `skipped: ${AWS_CLI} is not installed` : AWS_CLI})`, () => {
  it('securityhub list-invitations, get-administrator-account, list-members --no-only-associated', async () => {
    const invitations = await aws('member-pending', ['securityhub', 'list-invitations']);
    expect(invitations.Invitations).toMatchObject([{ AccountId: ADMIN, MemberStatus: 'Invited' }]);
    const administrator = await aws('member-enabled', ['securityhub', 'get-administrator-account']);
    expect(administrator.Administrator).toMatchObject({ AccountId: ADMIN, MemberStatus: 'Enabled' });
    const members = await aws('admin', ['securityhub', 'list-members', '--no-only-associated']);
    expect((members.Members as unknown[]).length).toBe(5);
  }, 120_000);

  it('guardduty list-detectors, list-invitations, get-administrator-account, accept-administrator-invitation, list-members', async () => {
    const detectors = await aws('member-pending', ['guardduty', 'list-detectors']);
    const detectorId = scenarioDetectorId(PENDING, 'us-east-1');
    expect(detectors.DetectorIds).toEqual([detectorId]);
    const invitations = (await aws('member-pending', ['guardduty', 'list-invitations'])).Invitations as {
      AccountId: string;
      InvitationId: string;
      RelationshipStatus: string;
    }[];
    expect(invitations.map((i) => [i.AccountId, i.RelationshipStatus])).toEqual([[ADMIN, 'Invited']]);
    const none = await aws('member-pending', ['guardduty', 'get-administrator-account', '--detector-id', detectorId]);
    expect(none).toEqual({});
    const accepted = await aws('member-pending', [
      'guardduty',
      'accept-administrator-invitation',
      '--detector-id',
      detectorId,
      '--administrator-id',
      ADMIN,
      '--invitation-id',
      invitations[0]!.InvitationId,
    ]);
    expect(accepted).toEqual({});
    const administrator = await aws('member-pending', [
      'guardduty',
      'get-administrator-account',
      '--detector-id',
      detectorId,
    ]);
    expect(administrator.Administrator).toMatchObject({ AccountId: ADMIN, RelationshipStatus: 'Enabled' });
    const members = await aws('admin', [
      'guardduty',
      'list-members',
      '--detector-id',
      scenarioDetectorId(ADMIN, 'us-east-1'),
      '--only-associated',
      'false',
    ]);
    const listed = (members.Members as { AccountId: string; RelationshipStatus: string }[]).find(
      (m) => m.AccountId === PENDING,
    );
    expect(listed?.RelationshipStatus).toBe('Enabled');
    const foreign = await aws('member-enabled', [
      'guardduty',
      'get-administrator-account',
      '--detector-id',
      detectorId,
    ]);
    expect(foreign.error).toContain(
      '(BadRequestException) when calling the GetAdministratorAccount operation: The request is rejected because the input detectorId is not owned by the current account.',
    );
  }, 120_000);

  it('macie2 list-invitations, get-administrator-account (and Macie off)', async () => {
    const invitations = await aws('member-pending', ['macie2', 'list-invitations']);
    expect(invitations.invitations).toMatchObject([{ accountId: ADMIN, relationshipStatus: 'Invited' }]);
    const administrator = await aws('member-enabled', ['macie2', 'get-administrator-account']);
    expect(administrator.administrator).toMatchObject({ accountId: ADMIN, relationshipStatus: 'Enabled' });
    const off = await aws('member-pending', ['macie2', 'get-administrator-account', '--region', 'eu-west-1']);
    expect(off.error).toContain(
      '(AccessDeniedException) when calling the GetAdministratorAccount operation: Macie is not enabled.',
    );
  }, 120_000);

  it('macie2 accept-invitation, list-members --only-associated false, create-member, enable-macie', async () => {
    const [invitation] = (await aws('member-pending', ['macie2', 'list-invitations'])).invitations as {
      invitationId: string;
    }[];
    const accepted = await aws('member-pending', [
      'macie2',
      'accept-invitation',
      '--administrator-account-id',
      ADMIN,
      '--invitation-id',
      invitation!.invitationId,
    ]);
    expect(accepted).toEqual({});
    const after = await aws('member-pending', ['macie2', 'get-administrator-account']);
    expect(after.administrator).toMatchObject({ accountId: ADMIN, relationshipStatus: 'Enabled' });
    const members = (await aws('admin', ['macie2', 'list-members', '--only-associated', 'false'])).members as {
      accountId: string;
      relationshipStatus: string;
    }[];
    expect(members.map((m) => m.accountId)).toContain(ORG);
    const created = await aws('admin', [
      'macie2',
      'create-member',
      '--account',
      `accountId=${SSO_DEV},email=developers@example.com`,
    ]);
    expect(created.arn).toMatch(new RegExp(`^arn:aws:macie2:us-east-1:${ADMIN}:member/${SSO_DEV}$`));
    const on = await aws('hub-off', ['macie2', 'enable-macie', '--region', 'eu-west-1']);
    expect(on).toEqual({});
    const session = await aws('hub-off', ['macie2', 'get-macie-session', '--region', 'eu-west-1']);
    expect(session.status).toBe('ENABLED');
  }, 120_000);

  it('organizations list-accounts / describe-organization, iam list-account-aliases, sso list-accounts', async () => {
    const accounts = (await aws('admin', ['organizations', 'list-accounts'])).Accounts as {
      Id: string;
      Name: string;
    }[];
    expect(accounts.map((a) => a.Name)).toEqual([
      'Management',
      'Security Tooling',
      'Org Workload',
      'Developers',
      'Retired Project',
    ]);
    const org = await aws('org-member', ['organizations', 'describe-organization']);
    expect(org.Organization).toMatchObject({ MasterAccountId: '100000000000', FeatureSet: 'ALL' });
    const refused = await aws('org-member', ['organizations', 'list-accounts']);
    expect(refused.error).toContain(
      "(AccessDeniedException) when calling the ListAccounts operation: You don't have permissions to access this resource.",
    );
    const outside = await aws('member-pending', ['organizations', 'describe-organization']);
    expect(outside.error).toContain(
      '(AWSOrganizationsNotInUseException) when calling the DescribeOrganization operation',
    );
    expect(await aws('admin', ['iam', 'list-account-aliases'])).toEqual({ AccountAliases: ['acme-security'] });
    const portal = await aws('admin', ['sso', 'list-accounts', '--access-token', DEMO_SSO_TOKEN]);
    expect(portal.accountList).toEqual([
      { accountId: SSO_DEV, accountName: 'Developers', emailAddress: 'developers@example.com' },
      { accountId: ORG, accountName: 'Org Workload', emailAddress: 'org-workload@example.com' },
    ]);
  }, 120_000);

  it('detective list-invitations, list-graphs, list-members', async () => {
    const invitations = await aws('member-enabled', ['detective', 'list-invitations']);
    expect((invitations.Invitations as { AdministratorId: string; Status: string }[]).map((i) => i.Status)).toEqual([
      'ENABLED',
      'INVITED',
    ]);
    const graphs = (await aws('admin', ['detective', 'list-graphs'])).GraphList as { Arn: string }[];
    expect(graphs).toHaveLength(1);
    const members = await aws('admin', ['detective', 'list-members', '--graph-arn', graphs[0]!.Arn]);
    expect((members.MemberDetails as { AccountId: string }[]).map((m) => m.AccountId)).toContain(ENABLED);
  }, 120_000);

  it('detective accept-invitation and disassociate-membership by graph ARN; the organization’s graph cannot be left', async () => {
    type Listed = { AdministratorId: string; GraphArn: string; Status: string }[];
    const listed = async (profile: string) =>
      (await aws(profile, ['detective', 'list-invitations'])).Invitations as Listed;
    const invited = (await listed('member-enabled')).find((i) => i.Status === 'INVITED');
    expect(invited?.AdministratorId).toBe('666666666666');
    const graphArn = invited?.GraphArn ?? '';
    expect(await aws('member-enabled', ['detective', 'accept-invitation', '--graph-arn', graphArn])).toEqual({});
    expect((await listed('member-enabled')).map((i) => i.Status)).toEqual(['ENABLED', 'ENABLED']);
    expect(await aws('member-enabled', ['detective', 'disassociate-membership', '--graph-arn', graphArn])).toEqual({});
    expect((await listed('member-enabled')).map((i) => i.AdministratorId)).toEqual([ADMIN]);

    const [organization] = await listed('org-member');
    const refused = await aws('org-member', [
      'detective',
      'disassociate-membership',
      '--graph-arn',
      organization?.GraphArn ?? '',
    ]);
    expect(refused.error).toContain('(ConflictException) when calling the DisassociateMembership operation');
  }, 120_000);
});

describe.skipIf(botocoreMissing)(
  `botocore (${botocoreMissing ? 'skipped: python3 cannot import botocore' : 'python3'})`,
  () => {
    it('Security Hub, GuardDuty, Macie and Detective reads parse as botocore reads them', async () => {
      const sh = await botocore('member-pending', 'securityhub', 'list_invitations');
      expect(sh.Invitations).toMatchObject([{ AccountId: ADMIN, MemberStatus: 'Invited' }]);
      const detectors = await botocore('member-pending', 'guardduty', 'list_detectors');
      expect(detectors.DetectorIds).toEqual([scenarioDetectorId(PENDING, 'us-east-1')]);
      const gd = await botocore('member-enabled', 'guardduty', 'get_administrator_account', {
        DetectorId: scenarioDetectorId(ENABLED, 'us-east-1'),
      });
      expect(gd.Administrator).toMatchObject({ AccountId: ADMIN, RelationshipStatus: 'Enabled' });
      const members = await botocore('admin', 'guardduty', 'list_members', {
        DetectorId: scenarioDetectorId(ADMIN, 'us-east-1'),
        OnlyAssociated: 'false',
      });
      expect((members.Members as unknown[]).length).toBe(5);
      const mc = await botocore('member-pending', 'macie2', 'list_invitations');
      expect(mc.invitations).toMatchObject([{ accountId: ADMIN, relationshipStatus: 'Invited' }]);
      const dt = await botocore('member-pending', 'detective', 'list_invitations');
      expect(dt.Invitations).toMatchObject([
        { AdministratorId: ADMIN, Status: 'INVITED', InvitationType: 'INVITATION' },
      ]);
      const graphs = await botocore('admin', 'detective', 'list_graphs');
      expect((graphs.GraphList as unknown[]).length).toBe(1);
    }, 120_000);

    it('reads errors as botocore does: the code from x-amzn-ErrorType, the message from the body', async () => {
      const notOwned = await botocore('member-pending', 'guardduty', 'get_administrator_account', {
        DetectorId: scenarioDetectorId(ADMIN, 'us-east-1'),
      });
      expect(notOwned).toEqual({
        error: 'BadRequestException',
        message: 'The request is rejected because the input detectorId is not owned by the current account.',
      });
      const off = await botocore('hub-off', 'macie2', 'get_macie_session', {}, 'eu-west-1');
      expect(off).toEqual({ error: 'AccessDeniedException', message: 'Macie is not enabled.' });
      const graph = await botocore('member-pending', 'detective', 'accept_invitation', {
        GraphArn: 'arn:aws:detective:us-east-1:666666666666:graph:00000000000000000000000000000000',
      });
      expect(graph.error).toBe('ResourceNotFoundException');
    }, 120_000);

    it('Organizations (JSON 1.1), IAM (query, XML) and the SSO portal parse as botocore reads them', async () => {
      const accounts = await botocore('admin', 'organizations', 'list_accounts', { MaxResults: 2 });
      expect((accounts.Accounts as { Id: string }[]).map((a) => a.Id)).toEqual(['100000000000', ADMIN]);
      expect(typeof accounts.NextToken).toBe('string');
      const admins = await botocore('admin', 'organizations', 'list_delegated_administrators', {
        ServicePrincipal: 'securityhub.amazonaws.com',
      });
      expect((admins.DelegatedAdministrators as { Id: string }[]).map((a) => a.Id)).toEqual([ADMIN]);
      const denied = await botocore('org-member', 'organizations', 'list_accounts');
      expect(denied).toEqual({
        error: 'AccessDeniedException',
        message: "You don't have permissions to access this resource.",
      });
      const aliases = await botocore('member-pending', 'iam', 'list_account_aliases');
      expect(aliases).toMatchObject({ AccountAliases: ['globex-pending'], IsTruncated: false });
      const portal = await botocore('admin', 'sso', 'list_account_roles', {
        accessToken: DEMO_SSO_TOKEN,
        accountId: SSO_DEV,
      });
      expect(portal.roleList).toEqual([{ roleName: 'SecurityHubAdmin', accountId: SSO_DEV }]);
      const expired = await botocore('admin', 'sso', 'list_accounts', { accessToken: 'not-a-token' });
      expect(expired.error).toBe('UnauthorizedException');
    }, 120_000);

    it('accepts a Macie invitation with administratorAccountId and turns Macie on, as botocore sends them', async () => {
      const list = await botocore('member-pending', 'macie2', 'list_invitations');
      const [invitation] = list.invitations as { invitationId: string }[];
      const accepted = await botocore('member-pending', 'macie2', 'accept_invitation', {
        administratorAccountId: ADMIN,
        invitationId: invitation!.invitationId,
      });
      expect(accepted).toEqual({});
      const after = await botocore('member-pending', 'macie2', 'get_administrator_account');
      expect(after.administrator).toMatchObject({ accountId: ADMIN, relationshipStatus: 'Enabled' });
      expect(await botocore('hub-off', 'macie2', 'enable_macie', { status: 'ENABLED' }, 'eu-west-1')).toEqual({});
      const again = await botocore('hub-off', 'macie2', 'enable_macie', { status: 'ENABLED' }, 'eu-west-1');
      expect(again.error).toBe('ConflictException');
    }, 120_000);

    it('accepts a GuardDuty invitation with the administrator name, as botocore sends it', async () => {
      const detectorId = scenarioDetectorId(PENDING, 'us-east-1');
      const list = await botocore('member-pending', 'guardduty', 'list_invitations');
      const [invitation] = list.Invitations as { InvitationId: string }[];
      const accepted = await botocore('member-pending', 'guardduty', 'accept_administrator_invitation', {
        DetectorId: detectorId,
        AdministratorId: ADMIN,
        InvitationId: invitation!.InvitationId,
      });
      expect(accepted).toEqual({});
      const after = await botocore('member-pending', 'guardduty', 'get_administrator_account', {
        DetectorId: detectorId,
      });
      expect(after.Administrator).toMatchObject({ AccountId: ADMIN, RelationshipStatus: 'Enabled' });
    }, 120_000);
  },
);
