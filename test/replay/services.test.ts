/**
 * The published GuardDuty, Macie and Detective answers (fixtures/, each with its source) served to
 * the real SDK clients: each deserializes as the fixture says — the members a reader gets, the
 * timestamps' types, and for an error its name, message and status in every framing restJson1
 * allows. The app's own replays of these services come with its GuardDuty, Macie and Detective code.
 */
import * as dt from '@aws-sdk/client-detective';
import * as gd from '@aws-sdk/client-guardduty';
import * as mc from '@aws-sdk/client-macie2';
import { SecurityHubClient, GetAdministratorAccountCommand as ShGetAdministrator } from '@aws-sdk/client-securityhub';
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
  const config = { region: 'us-west-1', endpoint: replay.url, credentials, maxAttempts: 1 };
  return {
    guardDuty: new gd.GuardDutyClient(config),
    macie: new mc.Macie2Client(config),
    detective: new dt.DetectiveClient(config),
    securityHub: new SecurityHubClient(config),
  };
}

type Clients = Awaited<ReturnType<typeof clients>>;

async function failureOf(fn: () => Promise<unknown>) {
  try {
    await fn();
  } catch (error) {
    return error as Error & { $metadata?: { httpStatusCode?: number }; [key: string]: unknown };
  }
  throw new Error('expected the call to fail');
}

const DETECTOR = '12abc34d567e8fa901bc2d34eexample';
const GRAPH = 'arn:aws:detective:us-east-1:111122223333:graph:123412341234';

describe('GuardDuty answers, as the AWS CLI examples and the API reference publish them', () => {
  it('lists detectors, invitations (string timestamps) and members from lowerCamel JSON', async () => {
    const c = await clients({
      'guardduty:ListDetectors': { fixture: fixture('guardduty-list-detectors.aws-cli') },
      'guardduty:ListInvitations': { fixture: fixture('guardduty-list-invitations.aws-cli') },
      'guardduty:ListMembers': { fixture: fixture('guardduty-list-members.aws-cli') },
      'guardduty:GetDetector': { fixture: fixture('guardduty-get-detector.aws-cli') },
    });
    expect((await c.guardDuty.send(new gd.ListDetectorsCommand({}))).DetectorIds).toEqual([DETECTOR]);
    const { Invitations } = await c.guardDuty.send(new gd.ListInvitationsCommand({}));
    expect(Invitations).toEqual([
      {
        InvitationId: 'd6b94fb03a66ff665f7db8764example',
        InvitedAt: '2020-06-10T17:56:38.221Z',
        RelationshipStatus: 'Invited',
        AccountId: '123456789111',
      },
    ]);
    const { Members } = await c.guardDuty.send(
      new gd.ListMembersCommand({ DetectorId: DETECTOR, OnlyAssociated: 'false' }),
    );
    expect(Members?.[0]).toMatchObject({
      AccountId: '555555555555',
      MasterId: '111122223333',
      RelationshipStatus: 'Enabled',
      UpdatedAt: '2020-06-09T23:08:22.512Z',
    });
    // The example has no AdministratorId: a reader must fall back to MasterId.
    expect(Members?.[0]?.AdministratorId).toBeUndefined();
    const detector = await c.guardDuty.send(new gd.GetDetectorCommand({ DetectorId: DETECTOR }));
    expect(detector).toMatchObject({ Status: 'ENABLED', CreatedAt: '2017-12-22T22:51:31.940Z' });
    expect(replay!.operations('guardduty:')).toEqual([
      'guardduty:ListDetectors',
      'guardduty:ListInvitations',
      'guardduty:ListMembers',
      'guardduty:GetDetector',
    ]);
  });

  it('GetMasterAccount answers Master; GetAdministratorAccount with no content answers no administrator', async () => {
    const c = await clients({
      'guardduty:GetMasterAccount': { fixture: fixture('guardduty-get-master-account.aws-cli') },
      'guardduty:GetAdministratorAccount': { fixture: fixture('guardduty-get-administrator-account.none') },
    });
    const master = await c.guardDuty.send(new gd.GetMasterAccountCommand({ DetectorId: DETECTOR }));
    expect(master.Master).toMatchObject({ AccountId: '111122223333', RelationshipStatus: 'Enabled' });
    const none = await c.guardDuty.send(new gd.GetAdministratorAccountCommand({ DetectorId: DETECTOR }));
    expect(none.$metadata.httpStatusCode).toBe(200);
    expect(none.Administrator).toBeUndefined();
  });

  it('the writes answer as published: empty results, and the detector id of a new detector', async () => {
    const c = await clients({
      'guardduty:CreateDetector': { fixture: fixture('guardduty-create-detector.aws-cli') },
      'guardduty:CreateMembers': { fixture: fixture('guardduty-create-members.aws-cli') },
      'guardduty:DeclineInvitations': { fixture: fixture('guardduty-decline-invitations.aws-cli') },
      'guardduty:AcceptInvitation': { fixture: fixture('guardduty-accept-invitation.aws-cli') },
      'guardduty:DisassociateFromMasterAccount': {
        fixture: fixture('guardduty-disassociate-from-master-account.aws-cli'),
      },
    });
    expect((await c.guardDuty.send(new gd.CreateDetectorCommand({ Enable: true }))).DetectorId).toBe(
      'b6b992d6d2f48e64bc59180bfexample',
    );
    const created = await c.guardDuty.send(
      new gd.CreateMembersCommand({
        DetectorId: DETECTOR,
        AccountDetails: [{ AccountId: '111122223333', Email: 'a@example.com' }],
      }),
    );
    expect(created.UnprocessedAccounts).toEqual([]);
    expect(
      (await c.guardDuty.send(new gd.DeclineInvitationsCommand({ AccountIds: ['111122223333'] }))).UnprocessedAccounts,
    ).toEqual([]);
    await c.guardDuty.send(
      new gd.AcceptInvitationCommand({
        DetectorId: DETECTOR,
        MasterId: '123456789111',
        InvitationId: 'd6b94fb03a66ff665f7db8764example',
      }),
    );
    await c.guardDuty.send(new gd.DisassociateFromMasterAccountCommand({ DetectorId: DETECTOR }));
    expect(replay!.requests.every((r) => r.status === 200)).toBe(true);
  });

  const GUARDDUTY_ERRORS: [string, (c: Clients) => Promise<unknown>][] = [
    [
      'guardduty-detector-not-owned.steampipe-1105',
      (c) => c.guardDuty.send(new gd.GetMembersCommand({ DetectorId: DETECTOR, AccountIds: ['111122223333'] })),
    ],
    [
      'guardduty-invalid-detector-id.boto3-3890',
      (c) => c.guardDuty.send(new gd.GetDetectorCommand({ DetectorId: DETECTOR })),
    ],
    [
      'guardduty-create-members-over-50.sra-139',
      (c) => c.guardDuty.send(new gd.CreateMembersCommand({ DetectorId: DETECTOR, AccountDetails: [] })),
    ],
    [
      'guardduty-delete-detector-with-members.gd-scripts-3',
      (c) => c.guardDuty.send(new gd.DeleteDetectorCommand({ DetectorId: DETECTOR })),
    ],
    [
      'guardduty-create-detector-exists.secure-baseline-35',
      (c) => c.guardDuty.send(new gd.CreateDetectorCommand({ Enable: true })),
    ],
    [
      'guardduty-accept-no-invitation.org-formation-542',
      (c) =>
        c.guardDuty.send(
          new gd.AcceptInvitationCommand({ DetectorId: DETECTOR, MasterId: '111122223333', InvitationId: 'x' }),
        ),
    ],
    ['guardduty-access-denied.pacu-74', (c) => c.guardDuty.send(new gd.ListDetectorsCommand({}))],
    ['guardduty-unrecognized-client.boto3-2065', (c) => c.guardDuty.send(new gd.ListInvitationsCommand({}))],
  ];
  it.each(FRAMINGS)(
    'each quoted GuardDuty error reaches the SDK with its name, message and status (%s)',
    async (framing) => {
      for (const [name, send] of GUARDDUTY_ERRORS) await expectError(name, framing, send);
    },
  );
});

describe('Macie answers', () => {
  it('an empty invitation list and no administrator deserialize to empty results', async () => {
    const c = await clients({
      'macie2:ListInvitations': { fixture: fixture('macie-list-invitations.empty') },
      'macie2:GetAdministratorAccount': { fixture: fixture('macie-get-administrator-account.none') },
    });
    expect((await c.macie.send(new mc.ListInvitationsCommand({}))).invitations).toEqual([]);
    expect((await c.macie.send(new mc.GetAdministratorAccountCommand({}))).administrator).toBeUndefined();
  });

  const MACIE_ERRORS: [string, (c: Clients) => Promise<unknown>][] = [
    ['macie-not-enabled.mql-5988', (c) => c.macie.send(new mc.GetMacieSessionCommand({}))],
    [
      'macie-accept-no-pending.tf-40587',
      (c) => c.macie.send(new mc.AcceptInvitationCommand({ invitationId: '', administratorAccountId: '011122233344' })),
    ],
    ['macie-access-denied.moj-12672', (c) => c.macie.send(new mc.EnableMacieCommand({}))],
  ];
  it.each(FRAMINGS)(
    'each quoted Macie error reaches the SDK with its name, message and status (%s)',
    async (framing) => {
      for (const [name, send] of MACIE_ERRORS) await expectError(name, framing, send);
    },
  );
});

describe('Detective answers', () => {
  it('member details, graphs and member lists deserialize with Date timestamps', async () => {
    const c = await clients({
      'detective:ListInvitations': { fixture: fixture('detective-list-invitations.aws-cli') },
      'detective:ListGraphs': { fixture: fixture('detective-list-graphs.aws-cli') },
      'detective:ListMembers': { fixture: fixture('detective-list-members.aws-cli') },
      'detective:GetMembers': { fixture: fixture('detective-get-members.aws-cli') },
    });
    const { Invitations } = await c.detective.send(new dt.ListInvitationsCommand({}));
    expect(Invitations?.[0]).toMatchObject({ AdministratorId: '111122223333', GraphArn: GRAPH, Status: 'INVITED' });
    expect(Invitations?.[0]?.InvitedTime).toEqual(new Date(1579826107000));
    // The example predates InvitationType: a reader must not require it.
    expect(Invitations?.[0]?.InvitationType).toBeUndefined();
    const { GraphList } = await c.detective.send(new dt.ListGraphsCommand({}));
    expect(GraphList).toEqual([{ Arn: GRAPH, CreatedTime: new Date(1579736111000) }]);
    const { MemberDetails } = await c.detective.send(new dt.ListMembersCommand({ GraphArn: GRAPH }));
    expect(MemberDetails?.map((m) => [m.AccountId, m.Status])).toEqual([
      ['444455556666', 'INVITED'],
      ['123456789012', 'ENABLED'],
    ]);
    expect(MemberDetails?.[1]?.VolumeUsageUpdatedTime).toEqual(new Date(1586287843000));
    const got = await c.detective.send(new dt.GetMembersCommand({ GraphArn: GRAPH, AccountIds: ['444455556666'] }));
    expect(got.MemberDetails).toHaveLength(2);
  });

  it('the AWS CLI example’s epoch-millisecond timestamps fail the JS SDK’s deserialization', async () => {
    const c = await clients({
      'detective:ListInvitations': { fixture: fixture('detective-list-invitations.aws-cli-epoch') },
    });
    const error = await failureOf(() => c.detective.send(new dt.ListInvitationsCommand({})));
    expect(error.message).toContain('RFC-3339 date-times must be expressed as strings');
  });

  it('the writes answer as published', async () => {
    const c = await clients({
      'detective:CreateGraph': { fixture: fixture('detective-create-graph.aws-cli') },
      'detective:CreateMembers': { fixture: fixture('detective-create-members.aws-cli') },
      'detective:DeleteMembers': { fixture: fixture('detective-delete-members.aws-cli') },
      'detective:AcceptInvitation': { fixture: fixture('detective-accept-invitation.aws-cli') },
      'detective:RejectInvitation': { fixture: fixture('detective-reject-invitation.aws-cli') },
      'detective:DisassociateMembership': { fixture: fixture('detective-disassociate-membership.aws-cli') },
    });
    expect((await c.detective.send(new dt.CreateGraphCommand({}))).GraphArn).toMatch(
      /^arn:aws:detective:us-east-1:111122223333:graph:/,
    );
    const created = await c.detective.send(
      new dt.CreateMembersCommand({
        GraphArn: GRAPH,
        Accounts: [{ AccountId: '444455556666', EmailAddress: 'mmajor@example.com' }],
      }),
    );
    expect(created.Members?.map((m) => m.Status)).toEqual(['INVITED', 'VERIFICATION_IN_PROGRESS']);
    const deleted = await c.detective.send(
      new dt.DeleteMembersCommand({ GraphArn: GRAPH, AccountIds: ['444455556666'] }),
    );
    expect(deleted.AccountIds).toEqual(['444455556666', '123456789012']);
    await c.detective.send(new dt.AcceptInvitationCommand({ GraphArn: GRAPH }));
    await c.detective.send(new dt.RejectInvitationCommand({ GraphArn: GRAPH }));
    await c.detective.send(new dt.DisassociateMembershipCommand({ GraphArn: GRAPH }));
    expect(replay!.operations('detective:')).toHaveLength(6);
  });

  it.each(FRAMINGS)('the quoted Detective denial reaches the SDK as AccessDeniedException (%s)', async (framing) => {
    await expectError('detective-access-denied.detective-scripts-1', framing, (c) =>
      c.detective.send(new dt.ListGraphsCommand({})),
    );
  });
});

describe('a service control policy denial', () => {
  it.each(FRAMINGS)('reaches each service’s SDK as AccessDeniedException naming the SCP (%s)', async (framing) => {
    const denied = fixture('access-denied-scp.lbc-2322');
    const cases: [string, string, (c: Clients) => Promise<unknown>][] = [
      ['securityhub', 'securityhub:GetAdministratorAccount', (c) => c.securityHub.send(new ShGetAdministrator({}))],
      ['guardduty', 'guardduty:ListDetectors', (c) => c.guardDuty.send(new gd.ListDetectorsCommand({}))],
      ['macie2', 'macie2:GetMacieSession', (c) => c.macie.send(new mc.GetMacieSessionCommand({}))],
      ['detective', 'detective:ListInvitations', (c) => c.detective.send(new dt.ListInvitationsCommand({}))],
    ];
    for (const [service, action, send] of cases) {
      const c = await clients({
        [`${service}:*`]: { fixture: denied, framing, replace: [['waf-regional:GetWebACLForResource', action]] },
      });
      const error = await failureOf(() => send(c));
      expect(error.name).toBe('AccessDeniedException');
      expect(error.message).toContain(`is not authorized to perform: ${action} on resource:`);
      expect(error.message).toMatch(/with an explicit deny in a service control policy$/);
      expect(error.$metadata?.httpStatusCode).toBe(403);
      await replay!.stop();
      replay = undefined;
    }
  });
});

async function expectError(name: string, framing: (typeof FRAMINGS)[number], send: (c: Clients) => Promise<unknown>) {
  const f = fixture(name);
  if (!('error' in f)) throw new Error(`${name} is not an error fixture`);
  const c = await clients({ [f.operation]: { fixture: f, framing } });
  const error = await failureOf(() => send(c));
  expect(error.name, name).toBe(f.error.code);
  expect(error.message, name).toBe(f.error.message);
  expect(error.$metadata?.httpStatusCode, name).toBe(f.status);
  await replay!.stop();
  replay = undefined;
}
