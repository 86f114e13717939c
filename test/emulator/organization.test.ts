/**
 * The organization around the services: service control policy denials in every service (STS
 * exempt), the order of the checks, the answers counted by error code, and routing by signing service.
 */
import { ListInvitationsCommand as DtListInvitations, ListGraphsCommand } from '@aws-sdk/client-detective';
import { ListInvitationsCommand as GdListInvitations, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { GetMacieSessionCommand } from '@aws-sdk/client-macie2';
import {
  GetAdministratorAccountCommand,
  SecurityHubClient,
  ListInvitationsCommand as ShListInvitations,
} from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { parseScenario } from './index';
import {
  demoEmulatorPerFile,
  demoKeys,
  demoScenario,
  detective,
  failure,
  guardDuty,
  macie,
  PENDING,
  securityHub,
  sts,
} from './test-kit';

const emu = demoEmulatorPerFile();

const POLICY = 'arn:aws:organizations::111111111111:policy/o-a1b2c3d4e5/service_control_policy/p-regiondeny1';
const BOB = 'arn:aws:iam::222222222222:user/bob';

/** The demo, with a region-deny SCP on member-pending's account (only us-east-1 allowed). */
function withScp(extra: Record<string, unknown> = {}) {
  const s = demoScenario();
  s.scpDenials = [{ accountIds: [PENDING], allowedRegions: ['us-east-1'], ...extra } as never];
  emu.loadScenario(s);
}

describe('service control policies', () => {
  it('deny every service outside the allowed regions with AWS’s SCP wording; STS stays allowed', async () => {
    withScp();
    const region = 'eu-west-1';
    const answers = [
      [
        await failure(() => securityHub(emu, 'member-pending', region).send(new GetAdministratorAccountCommand({}))),
        `User: ${BOB} is not authorized to perform: securityhub:GetAdministratorAccount on resource: arn:aws:securityhub:${region}:${PENDING}:hub/default with an explicit deny in a service control policy`,
      ],
      [
        await failure(() => guardDuty(emu, 'member-pending', region).send(new ListDetectorsCommand({}))),
        `User: ${BOB} is not authorized to perform: guardduty:ListDetectors on resource: arn:aws:guardduty:${region}:${PENDING}:detector/* with an explicit deny in a service control policy`,
      ],
      [
        await failure(() => macie(emu, 'member-pending', region).send(new GetMacieSessionCommand({}))),
        `User: ${BOB} is not authorized to perform: macie2:GetMacieSession on resource: arn:aws:macie2:${region}:${PENDING}:* with an explicit deny in a service control policy`,
      ],
      [
        await failure(() => detective(emu, 'member-pending', region).send(new ListGraphsCommand({}))),
        `User: ${BOB} is not authorized to perform: detective:ListGraphs on resource: * with an explicit deny in a service control policy`,
      ],
    ] as const;
    for (const [error, message] of answers) {
      expect(error.name).toBe('AccessDeniedException');
      expect(error.message).toBe(message);
      expect(error.$metadata?.httpStatusCode).toBe(403);
    }
    // A region-deny SCP exempts STS (the AWS sample's NotAction lists sts:*).
    expect((await sts(emu, 'member-pending', region).send(new GetCallerIdentityCommand({}))).Account).toBe(PENDING);
    // The allowed region answers as before.
    expect((await guardDuty(emu, 'member-pending').send(new GdListInvitations({}))).Invitations).toHaveLength(1);
  });

  it('appends the policy ARN when the rule names it', async () => {
    withScp({ policyArn: POLICY });
    const error = await failure(() =>
      detective(emu, 'member-pending', 'ap-southeast-2').send(new DtListInvitations({})),
    );
    expect(error.message).toBe(
      `User: ${BOB} is not authorized to perform: detective:ListInvitations on resource: * with an explicit deny in a service control policy: ${POLICY}`,
    );
  });

  it('can deny only some services, and listed regions only', async () => {
    withScp({ allowedRegions: undefined, regions: ['ap-southeast-2'], services: ['guardduty'] });
    const denied = await failure(() =>
      guardDuty(emu, 'member-pending', 'ap-southeast-2').send(new ListDetectorsCommand({})),
    );
    expect(denied.message).toContain('with an explicit deny in a service control policy');
    await securityHub(emu, 'member-pending', 'ap-southeast-2').send(new ShListInvitations({}));
    await guardDuty(emu, 'member-pending', 'eu-west-1').send(new ListDetectorsCommand({}));
  });

  it('are checked after the signature and the opt-in region', async () => {
    withScp({ allowedRegions: ['us-east-1'] });
    const optIn = await failure(() =>
      guardDuty(emu, 'member-pending', 'af-south-1').send(new ListDetectorsCommand({})),
    );
    expect(optIn.name).toBe('UnrecognizedClientException');
    const keys = demoKeys('member-pending');
    const badSecret = await failure(() =>
      guardDuty(emu, { ...keys, secretAccessKey: `${keys.secretAccessKey}x` }, 'eu-west-1').send(
        new ListDetectorsCommand({}),
      ),
    );
    expect(badSecret.name).toBe('InvalidSignatureException');
  });

  it('are refused in a scenario without regions or with an unknown account, naming the field', () => {
    const s = demoScenario();
    s.scpDenials = [{ accountIds: ['123123123123'] } as never];
    expect(() => parseScenario(s)).toThrow(/scpDenials\.0\.accountIds\.0: unknown account 123123123123/);
    expect(() => parseScenario(s)).toThrow(/give either regions \(denied\) or allowedRegions/);
  });
});

describe('answers by error code', () => {
  it('counts every answer by code, per service and in all, in process and through the control API', async () => {
    withScp();
    emu.clearLog();
    await failure(() => guardDuty(emu, 'member-pending', 'eu-west-1').send(new ListDetectorsCommand({})));
    await failure(() => macie(emu, 'member-pending', 'eu-west-1').send(new GetMacieSessionCommand({})));
    // Macie off (not an SCP): also an AccessDeniedException, and an AccessDenied event in CloudTrail.
    await failure(() => macie(emu, 'hub-off', 'eu-west-1').send(new GetMacieSessionCommand({})));
    await guardDuty(emu, 'member-pending').send(new ListDetectorsCommand({}));
    await sts(emu, 'member-pending', 'eu-west-1').send(new GetCallerIdentityCommand({}));
    expect(emu.answersByCode()).toEqual({ AccessDeniedException: 3, OK: 2 });
    expect(emu.answersByCode('macie2')).toEqual({ AccessDeniedException: 2 });
    expect(emu.answersByCode('guardduty')).toEqual({ AccessDeniedException: 1, OK: 1 });
    const all = await (await fetch(`${emu.url}/__emulator/answers`)).json();
    expect(all).toEqual({ AccessDeniedException: 3, OK: 2 });
    const one = await (await fetch(`${emu.url}/__emulator/answers?service=sts`)).json();
    expect(one).toEqual({ OK: 1 });
    emu.clearLog();
    expect(emu.answersByCode()).toEqual({});
  });
});

describe('faults in every service', () => {
  const calls = () =>
    [
      ['securityhub', () => securityHub(emu, 'admin').send(new GetAdministratorAccountCommand({}))],
      ['guardduty', () => guardDuty(emu, 'admin').send(new ListDetectorsCommand({}))],
      ['macie2', () => macie(emu, 'admin').send(new GetMacieSessionCommand({}))],
      ['detective', () => detective(emu, 'admin').send(new ListGraphsCommand({}))],
    ] as const;

  it('answer an injected 500 and a forced 429 with each service’s own code', async () => {
    emu.loadScenario(demoScenario());
    emu.setFaults({ errorRate: 1 });
    const internal: Record<string, string> = {};
    for (const [service, call] of calls()) internal[service] = (await failure(call)).name;
    expect(internal).toEqual({
      securityhub: 'InternalException',
      guardduty: 'InternalServerErrorException',
      macie2: 'InternalServerException',
      detective: 'InternalServerException',
    });
    emu.setFaults({ errorRate: 0, throttleRate: 1 });
    const throttled: Record<string, string> = {};
    for (const [service, call] of calls()) {
      const error = await failure(call);
      expect(error.$metadata?.httpStatusCode).toBe(429);
      throttled[service] = error.name;
    }
    expect(throttled).toEqual({
      securityhub: 'TooManyRequestsException',
      guardduty: 'TooManyRequestsException',
      macie2: 'ThrottlingException',
      detective: 'TooManyRequestsException',
    });
    // STS is never throttled by the emulator.
    await sts(emu, 'admin').send(new GetCallerIdentityCommand({}));
  });
});

describe('routing by signing service', () => {
  it('logs each request under its service and operation', async () => {
    emu.loadScenario(demoScenario());
    await securityHub(emu, 'member-pending').send(new ShListInvitations({}));
    await guardDuty(emu, 'member-pending').send(new GdListInvitations({}));
    await detective(emu, 'member-pending').send(new DtListInvitations({}));
    await failure(() => macie(emu, 'member-pending', 'eu-west-1').send(new GetMacieSessionCommand({})));
    expect(emu.requestLog().map((e) => [e.service, e.operation, e.errorCode])).toEqual([
      ['securityhub', 'ListInvitations', null],
      ['guardduty', 'ListInvitations', null],
      ['detective', 'ListInvitations', null],
      ['macie2', 'GetMacieSession', 'AccessDeniedException'],
    ]);
  });

  it('a request signed for another service is refused by the service its path belongs to', async () => {
    emu.loadScenario(demoScenario());
    const client = new SecurityHubClient({
      region: 'us-east-1',
      endpoint: emu.url,
      credentials: demoKeys('admin'),
      maxAttempts: 1,
      signingName: 'ec2',
    } as never);
    const error = await failure(() => client.send(new GetAdministratorAccountCommand({})));
    expect(error.name).toBe('InvalidSignatureException');
    // Signed for GuardDuty, sent to a Security Hub path: GuardDuty has no such operation.
    const crossed = new SecurityHubClient({
      region: 'us-east-1',
      endpoint: emu.url,
      credentials: demoKeys('admin'),
      maxAttempts: 1,
      signingName: 'guardduty',
    } as never);
    const unknown = await failure(() => crossed.send(new GetAdministratorAccountCommand({})));
    expect(unknown.name).toBe('UnknownOperationException');
    expect(emu.requestLog().at(-1)).toMatchObject({ service: 'guardduty', operation: 'Unknown', status: 404 });
  });
});
