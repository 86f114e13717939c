/** Detective through the real @aws-sdk/client-detective against the emulator and the demo scenario. */
import {
  AcceptInvitationCommand,
  CreateGraphCommand,
  CreateMembersCommand,
  DeleteMembersCommand,
  type DetectiveClient,
  DisassociateMembershipCommand,
  GetMembersCommand,
  ListGraphsCommand,
  ListInvitationsCommand,
  ListMembersCommand,
  paginateListMembers,
  RejectInvitationCommand,
  ValidationException,
} from '@aws-sdk/client-detective';
import { describe, expect, it } from 'vitest';
import { GRAPH_ARN, graphArn } from './detective-state';
import { generatedAccessKeyId, generateScenario } from './generate';
import { stableHex32 } from './ids';
import {
  ADMIN,
  demoEmulatorPerFile,
  demoScenario,
  detective,
  ENABLED,
  failure,
  HUB_OFF,
  ORG,
  PENDING,
  PROC,
  SANDBOX,
} from './test-kit';

const emu = demoEmulatorPerFile();

const ADMIN_GRAPH = graphArn('us-east-1', ADMIN, stableHex32('detective', ADMIN, 'us-east-1'));
const SANDBOX_GRAPH = graphArn('us-east-1', SANDBOX, stableHex32('detective', SANDBOX, 'us-east-1'));

const invitations = async (client: DetectiveClient) =>
  (await client.send(new ListInvitationsCommand({}))).Invitations ?? [];

/** The sandbox account's keys: its profile assumes a role, so the test signs as that account directly. */
function sandboxKeys() {
  const s = demoScenario();
  s.principals.push({
    accessKeyId: 'AKIAEMULSANDBOX00066',
    secretAccessKey: 'emulatorSandboxSecretKey/000000000000000066',
    accountId: SANDBOX,
    arn: `arn:aws:iam::${SANDBOX}:user/sandbox`,
    deniedActions: [],
  });
  emu.loadScenario(s);
  return { accessKeyId: 'AKIAEMULSANDBOX00066', secretAccessKey: 'emulatorSandboxSecretKey/000000000000000066' };
}

describe('Detective: the member side, by graph ARN', () => {
  it('lists an open invitation with its graph, administrator, UPPER_CASE status and type', async () => {
    const list = await invitations(detective(emu, 'member-pending'));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      AccountId: PENDING,
      AdministratorId: ADMIN,
      MasterId: ADMIN,
      GraphArn: ADMIN_GRAPH,
      Status: 'INVITED',
      InvitationType: 'INVITATION',
    });
    expect(list[0]!.GraphArn).toMatch(GRAPH_ARN);
    expect(list[0]!.InvitedTime).toBeInstanceOf(Date);
  });

  it('an account in two graphs of two administrators sees both (one accepted, one open)', async () => {
    const list = await invitations(detective(emu, 'member-enabled'));
    expect(list.map((i) => [i.AdministratorId, i.GraphArn, i.Status])).toEqual([
      [ADMIN, ADMIN_GRAPH, 'ENABLED'],
      [SANDBOX, SANDBOX_GRAPH, 'INVITED'],
    ]);
  });

  it('an organization account is listed as ORGANIZATION and can neither reject nor leave', async () => {
    const client = detective(emu, 'org-member');
    const list = await invitations(client);
    expect(list.map((i) => [i.InvitationType, i.Status])).toEqual([['ORGANIZATION', 'ENABLED']]);
    expect(list[0]!.InvitedTime).toBeUndefined();
    for (const command of [
      new DisassociateMembershipCommand({ GraphArn: ADMIN_GRAPH }),
      new RejectInvitationCommand({ GraphArn: ADMIN_GRAPH }),
    ]) {
      const error = await failure(() => client.send(command as never));
      expect(error.name).toBe('ConflictException');
      expect(error.$metadata?.httpStatusCode).toBe(409);
    }
  });

  it('an account still being verified has no invitation to see', async () => {
    expect(await invitations(detective(emu, 'proc-ops'))).toEqual([]);
  });

  it('accepts (INVITED → ENABLED), refuses a second accept, then leaves the graph', async () => {
    const client = detective(emu, 'member-pending');
    await client.send(new AcceptInvitationCommand({ GraphArn: ADMIN_GRAPH }));
    expect((await invitations(client))[0]?.Status).toBe('ENABLED');
    const again = await failure(() => client.send(new AcceptInvitationCommand({ GraphArn: ADMIN_GRAPH })));
    expect(again.name).toBe('ConflictException');
    const admin = detective(emu, 'admin');
    const seen = await admin.send(new GetMembersCommand({ GraphArn: ADMIN_GRAPH, AccountIds: [PENDING] }));
    expect(seen.MemberDetails?.[0]?.Status).toBe('ENABLED');
    await client.send(new DisassociateMembershipCommand({ GraphArn: ADMIN_GRAPH }));
    expect(await invitations(client)).toEqual([]);
    const after = await admin.send(new ListMembersCommand({ GraphArn: ADMIN_GRAPH }));
    expect(after.MemberDetails?.map((m) => m.AccountId)).not.toContain(PENDING);
  });

  it('rejects an invitation: it leaves the member’s list and the graph', async () => {
    const client = detective(emu, 'member-pending', 'eu-west-1');
    const [invitation] = await invitations(client);
    await client.send(new RejectInvitationCommand({ GraphArn: invitation!.GraphArn }));
    expect(await invitations(client)).toEqual([]);
  });

  it('refuses a malformed graph ARN (ValidationException, INVALID_GRAPH_ARN) and a graph it is not in', async () => {
    const client = detective(emu, 'member-pending');
    const malformed = await failure(() =>
      client.send(new AcceptInvitationCommand({ GraphArn: 'arn:aws:detective:nope' })),
    );
    expect(malformed).toBeInstanceOf(ValidationException);
    expect((malformed as ValidationException).ErrorCode).toBe('INVALID_GRAPH_ARN');
    const notMine = await failure(() => client.send(new AcceptInvitationCommand({ GraphArn: SANDBOX_GRAPH })));
    expect(notMine.name).toBe('ResourceNotFoundException');
  });
});

describe('Detective: the administrator side', () => {
  it('ListGraphs: the administrator’s one graph, [] for an account without one; CreateGraph returns the same ARN', async () => {
    const admin = detective(emu, 'admin');
    const graphs = await admin.send(new ListGraphsCommand({}));
    expect(graphs.GraphList?.map((g) => g.Arn)).toEqual([ADMIN_GRAPH]);
    expect(graphs.GraphList?.[0]?.CreatedTime).toBeInstanceOf(Date);
    expect((await admin.send(new CreateGraphCommand({}))).GraphArn).toBe(ADMIN_GRAPH);
    const member = detective(emu, 'member-pending');
    expect((await member.send(new ListGraphsCommand({}))).GraphList).toEqual([]);
    const created = await member.send(new CreateGraphCommand({}));
    expect(created.GraphArn).toMatch(GRAPH_ARN);
    expect((await member.send(new ListGraphsCommand({}))).GraphList?.map((g) => g.Arn)).toEqual([created.GraphArn]);
  });

  it('lists the graph’s members with their statuses; another account’s graph is not found', async () => {
    const { MemberDetails } = await detective(emu, 'admin').send(new ListMembersCommand({ GraphArn: ADMIN_GRAPH }));
    expect(MemberDetails?.map((m) => [m.AccountId, m.Status, m.InvitationType])).toEqual([
      [PENDING, 'INVITED', 'INVITATION'],
      [ENABLED, 'ENABLED', 'INVITATION'],
      [ORG, 'ENABLED', 'ORGANIZATION'],
      [HUB_OFF, 'INVITED', 'INVITATION'],
      [PROC, 'VERIFICATION_IN_PROGRESS', 'INVITATION'],
    ]);
    const foreign = await failure(() =>
      detective(emu, 'member-pending').send(new ListMembersCommand({ GraphArn: ADMIN_GRAPH })),
    );
    expect(foreign.name).toBe('ResourceNotFoundException');
  });

  it('CreateMembers invites; the member sees the invitation; DeleteMembers removes, never the administrator', async () => {
    const keys = sandboxKeys();
    const admin = detective(emu, keys);
    const created = await admin.send(
      new CreateMembersCommand({
        GraphArn: SANDBOX_GRAPH,
        Accounts: [
          { AccountId: PENDING, EmailAddress: 'workload-pending@example.com' },
          { AccountId: ENABLED, EmailAddress: 'workload-enabled@example.com' },
        ],
        Message: 'Join my graph',
      }),
    );
    expect(created.Members?.map((m) => [m.AccountId, m.Status])).toEqual([[PENDING, 'INVITED']]);
    expect(created.UnprocessedAccounts?.map((u) => u.AccountId)).toEqual([ENABLED]);
    const theirs = await invitations(detective(emu, 'member-pending'));
    expect(theirs.map((i) => i.AdministratorId)).toEqual([ADMIN, SANDBOX]);
    const deleted = await admin.send(
      new DeleteMembersCommand({ GraphArn: SANDBOX_GRAPH, AccountIds: [PENDING, SANDBOX, '123456789012'] }),
    );
    expect(deleted.AccountIds).toEqual([PENDING]);
    expect(deleted.UnprocessedAccounts?.map((u) => u.AccountId)).toEqual([SANDBOX, '123456789012']);
  });

  it('pages ListMembers (NextToken in the body) through the SDK paginator; a token of another listing is refused', async () => {
    const s = generateScenario({
      profiles: 1,
      accounts: 1,
      regions: ['us-east-1'],
      administratorMembers: 120,
      services: true,
    });
    emu.loadScenario(s);
    const client = detective(emu, {
      accessKeyId: generatedAccessKeyId(0),
      secretAccessKey: s.principals[0]!.secretAccessKey,
    });
    const [graph] = (await client.send(new ListGraphsCommand({}))).GraphList ?? [];
    const sizes: number[] = [];
    for await (const page of paginateListMembers({ client }, { GraphArn: graph!.Arn!, MaxResults: 50 })) {
      sizes.push(page.MemberDetails!.length);
    }
    expect(sizes).toEqual([50, 50, 20]);
    const first = await client.send(new ListMembersCommand({ GraphArn: graph!.Arn!, MaxResults: 50 }));
    const reused = await failure(() => client.send(new ListInvitationsCommand({ NextToken: first.NextToken })));
    expect(reused.name).toBe('ValidationException');
    expect(emu.requestLog().filter((e) => e.service === 'detective' && e.nextPage)).toHaveLength(3);
  });
});
