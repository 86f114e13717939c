/**
 * The scenario sections of GuardDuty, Macie, Detective and the SCPs: their validation, the generator's
 * `services` option, and the demo's facts per profile.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generatedAccountId, generateScenario } from './generate';
import { scenarioDetectorId } from './guardduty-state';
import { parseScenario } from './index';
import { EmulatorState } from './state';
import { stateView } from './state-view';
import { ADMIN, demoScenario, ENABLED, HUB_OFF, ORG, PENDING, PROC, SANDBOX } from './test-kit';

const refusal = (change: (s: ReturnType<typeof demoScenario>) => void) => {
  const s = demoScenario();
  change(s);
  try {
    parseScenario(s);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the scenario was accepted');
};

describe('scenario sections of the other services', () => {
  it('refuse bad fields, naming their path', () => {
    expect(
      refusal((s) => {
        s.guardduty.administrators[0]!.members[0]!.status = 'Happy' as never;
      }),
    ).toContain('guardduty.administrators.0.members.0.status');
    expect(
      refusal((s) => {
        s.macie.administrators[0]!.members[1]!.viaOrganizations = true;
        s.macie.administrators[0]!.members[1]!.status = 'Invited';
      }),
    ).toContain('macie.administrators.0.members.1.status: an Organizations member must be Enabled or Paused');
    expect(
      refusal((s) => {
        s.guardduty.detectors.push({ accountId: '123412341234', regions: ['us-west-2'], status: 'ENABLED' });
      }),
    ).toMatch(/guardduty\.detectors\.\d+\.accountId: unknown account 123412341234[\s\S]*us-west-2 is not in regions/);
    expect(
      refusal((s) => {
        s.detective.graphs.push({ ...s.detective.graphs[0]!, members: [] });
      }),
    ).toContain('111111111111 already has a behavior graph in us-east-1');
    expect(
      refusal((s) => {
        s.guardduty.administrators.push({
          accountId: SANDBOX,
          region: 'us-east-1',
          members: [{ accountId: ENABLED, status: 'Enabled', viaOrganizations: false }],
        });
      }),
    ).toContain(`${ENABLED} already has administrator ${ADMIN} in us-east-1`);
    expect(
      refusal((s) => {
        s.principals[0]!.deniedActions = ['ec2:RunInstances'];
      }),
    ).toContain(
      'principals.0.deniedActions.0: must look like securityhub:GetMasterAccount (or guardduty:, macie2:, detective:, organizations:, iam:)',
    );
  });

  it('are optional: a scenario without them has every other service off', () => {
    const s = parseScenario({ regions: ['us-east-1'], accounts: [{ id: ADMIN }] });
    expect(s.guardduty).toEqual({ detectors: [], administrators: [] });
    expect(s.macie).toEqual({ sessions: [], administrators: [], invitationsWhileOff: false });
    expect(s.detective).toEqual({ graphs: [] });
    expect(s.scpDenials).toEqual([]);
  });
});

describe('generateScenario', () => {
  const digest = (o: Parameters<typeof generateScenario>[0]) =>
    createHash('sha256')
      .update(JSON.stringify(generateScenario(o)))
      .digest('hex');

  it('without `services`, makes exactly the Security Hub-only scenario it made before the option existed', () => {
    // Digests of the output of the generator as it was before GuardDuty, Macie and Detective.
    expect(digest({ profiles: 7, accounts: 3, regions: 2 })).toBe(
      'cfecfaf39381c2e79a43a7171657fc557903e04fc8880fc4c6f049588212f000',
    );
    expect(digest({ profiles: 1000, accounts: 250, regions: 17, administratorMembers: 1000 })).toBe(
      '58e0f818e7f3de84c8b54ad5ae4c285b4cb7a963195d82b085adde6e80f98f5a',
    );
    expect(digest({ profiles: 1000, accounts: 250, regions: 17, administratorMembers: 1000, services: false })).toBe(
      '58e0f818e7f3de84c8b54ad5ae4c285b4cb7a963195d82b085adde6e80f98f5a',
    );
  });

  it('with `services`, turns every service on everywhere and mirrors the administrator in each', () => {
    const s = parseScenario(
      generateScenario({ profiles: 10, accounts: 5, regions: 2, administratorMembers: 8, services: true }),
    );
    expect(s.guardduty.detectors).toHaveLength(9);
    expect(s.macie.sessions.map((x) => x.regions)).toEqual(s.accounts.map(() => ['us-east-1', 'us-east-2']));
    expect(s.guardduty.administrators).toEqual(s.administrators);
    expect(s.macie.administrators).toEqual(s.administrators);
    expect(s.detective.graphs.map((g) => [g.administratorId, g.region, g.members.length])).toEqual([
      [generatedAccountId(0), 'us-east-1', 8],
      [generatedAccountId(0), 'us-east-2', 8],
    ]);
    expect(s.detective.graphs[0]!.members.map((m) => m.status).filter((x) => x === 'INVITED')).toHaveLength(2);
  });
});

describe('the demo scenario in the other services', () => {
  const view = stateView(new EmulatorState(parseScenario(demoScenario())));
  const side = (service: 'guardduty' | 'macie', accountId: string, region: string) =>
    view[service].memberSides.find((x) => x.accountId === accountId && x.region === region);
  const members = (service: 'guardduty' | 'macie', region: string) =>
    view[service].administrators
      .find((a) => a.accountId === ADMIN && a.region === region)
      ?.members.map((m) => [m.accountId, m.status, m.viaOrganizations]);
  const securityHubMembers = (region: string) =>
    view.administrators
      .find((a) => a.accountId === ADMIN && a.region === region)
      ?.members.map((m) => [m.accountId, m.status, m.viaOrganizations]);
  const detectors = new Set(view.guardduty.detectors.map((d) => `${d.accountId}:${d.region}`));
  const macieOn = new Set(view.macie.sessions.map((d) => `${d.accountId}:${d.region}`));

  it('admin administers the same members in GuardDuty and Macie as in Security Hub', () => {
    expect(members('guardduty', 'us-east-1')).toEqual(securityHubMembers('us-east-1'));
    expect(members('guardduty', 'eu-west-1')).toEqual(securityHubMembers('eu-west-1'));
    expect(members('macie', 'us-east-1')).toEqual(securityHubMembers('us-east-1'));
    const graph = view.detective.graphs.find((g) => g.administratorId === ADMIN && g.region === 'us-east-1');
    expect(graph?.members.map((m) => [m.accountId, m.status, m.invitationType])).toEqual([
      [PENDING, 'INVITED', 'INVITATION'],
      [ENABLED, 'ENABLED', 'INVITATION'],
      [ORG, 'ENABLED', 'ORGANIZATION'],
      [HUB_OFF, 'INVITED', 'INVITATION'],
      [PROC, 'VERIFICATION_IN_PROGRESS', 'INVITATION'],
    ]);
  });

  it('member-pending: GuardDuty invitations in us-east-1 (detector) and eu-west-1 (none); Macie and Detective in us-east-1', () => {
    for (const region of ['us-east-1', 'eu-west-1']) {
      expect(side('guardduty', PENDING, region)?.invitations.map((i) => [i.accountId, i.memberStatus])).toEqual([
        [ADMIN, 'Invited'],
      ]);
    }
    expect(detectors.has(`${PENDING}:us-east-1`)).toBe(true);
    expect(detectors.has(`${PENDING}:eu-west-1`)).toBe(false);
    expect(side('macie', PENDING, 'us-east-1')?.invitations.map((i) => i.accountId)).toEqual([ADMIN]);
    expect(macieOn.has(`${PENDING}:us-east-1`)).toBe(true);
    const graphs = view.detective.graphs.filter(
      (g) => g.region === 'us-east-1' && g.members.some((m) => m.accountId === PENDING),
    );
    expect(graphs.map((g) => g.administratorId)).toEqual([ADMIN]);
  });

  it('Macie is off for member-pending outside us-east-1 and for hub-off outside us-east-1', () => {
    for (const region of ['eu-west-1', 'ap-southeast-2']) {
      expect(macieOn.has(`${PENDING}:${region}`)).toBe(false);
      expect(macieOn.has(`${HUB_OFF}:${region}`)).toBe(false);
      expect(macieOn.has(`${ADMIN}:${region}`)).toBe(true);
    }
  });

  it('member-enabled belongs to two behavior graphs of two administrators', () => {
    const graphs = view.detective.graphs.filter((g) => g.members.some((m) => m.accountId === ENABLED));
    expect(graphs.map((g) => [g.administratorId, g.region])).toEqual([
      [ADMIN, 'us-east-1'],
      [SANDBOX, 'us-east-1'],
    ]);
  });

  it('the org member and the hub-off account mirror their Security Hub situation in GuardDuty', () => {
    expect(side('guardduty', ORG, 'us-east-1')?.administrator).toMatchObject({
      accountId: ADMIN,
      viaOrganizations: true,
    });
    expect(side('guardduty', ORG, 'us-east-1')?.invitations).toEqual([]);
    expect([...detectors].filter((d) => d.startsWith(HUB_OFF))).toEqual([`${HUB_OFF}:us-east-1`]);
    expect(view.guardduty.detectors.find((d) => d.accountId === ADMIN && d.region === 'us-east-1')?.id).toBe(
      scenarioDetectorId(ADMIN, 'us-east-1'),
    );
  });
});
