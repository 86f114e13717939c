/**
 * The scenario's organization, aliases and Security Hub statuses: validation with the bad field's path,
 * the demo's new facts, and the generator's organization (10,000 Organizations members).
 */
import { describe, expect, it } from 'vitest';
import { generatedAccountId, generateScenario } from './generate';
import { parseScenario } from './index';
import { EmulatorState } from './state';
import { ADMIN, demoScenario, MANAGEMENT, ORG, PENDING, RETIRED, SSO_DEV } from './test-kit';

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

describe('the organization section', () => {
  it('refuses bad fields and dangling references, naming their path', () => {
    expect(
      refusal((s) => {
        s.organization!.managementAccountId = '123123123123';
      }),
    ).toContain('organization.managementAccountId: the management account must be one of organization.accounts');
    expect(
      refusal((s) => {
        s.organization!.delegatedAdministrators.guardduty = PENDING;
      }),
    ).toContain(`organization.delegatedAdministrators.guardduty: ${PENDING} is not one of organization.accounts`);
    expect(
      refusal((s) => {
        s.organization!.delegatedAdministrators.macie = MANAGEMENT;
      }),
    ).toContain('the management account cannot be a delegated administrator');
    expect(
      refusal((s) => {
        s.organization!.id = 'o-SHOUTING1234';
      }),
    ).toContain('organization.id: must be "o-" and 10 to 32 lowercase letters or digits');
    expect(
      refusal((s) => {
        s.organization!.accounts[1]!.status = 'CLOSED' as never;
      }),
    ).toContain('organization.accounts.1.status');
    expect(
      refusal((s) => {
        s.organization!.securityHub.centralConfiguration = {
          homeRegion: 'af-south-1',
          linkedRegions: ['us-east-1', 'af-south-1'],
          centrallyManagedAccounts: [PENDING],
        };
      }),
    ).toMatch(
      /homeRegion: an opt-in region cannot be the home Region[\s\S]*linkedRegions\.1: the home Region is not also a linked Region[\s\S]*centrallyManagedAccounts\.0: 222222222222 is not one of organization.accounts/,
    );
    expect(
      refusal((s) => {
        s.organization!.delegatedAdministrators = {};
        s.organization!.securityHub.centralConfiguration = {
          homeRegion: 'us-east-1',
          linkedRegions: [],
          centrallyManagedAccounts: [],
        };
      }),
    ).toContain('central configuration needs a Security Hub delegated administrator');
  });

  it('ties Security Hub Organizations members to the organization and its delegated administrator', () => {
    expect(
      refusal((s) => {
        s.administrators[0]!.members[0]!.viaOrganizations = true;
        s.administrators[0]!.members[0]!.status = 'Enabled';
      }),
    ).toContain(`administrators.0.members.0.accountId: ${PENDING} is not one of organization.accounts`);
    expect(
      refusal((s) => {
        s.organization!.delegatedAdministrators.securityhub = SSO_DEV;
      }),
    ).toContain('administrators.0.members.2.viaOrganizations: only the Security Hub delegated administrator');
    expect(
      refusal((s) => {
        s.administrators[0]!.members[2]!.status = 'Invited';
      }),
    ).toContain('an Organizations member must be Enabled or AccountSuspended');
    expect(
      refusal((s) => {
        s.accounts[0]!.alias = 'Acme--Security';
      }),
    ).toContain('accounts.0.alias: must be an IAM account alias');
  });

  it('the demo: an organization around the administrator, names, aliases, and the sso-dev session’s two accounts', () => {
    const demo = parseScenario(demoScenario());
    const state = new EmulatorState(demo);
    const org = state.organization!;
    expect(org.managementAccountId).toBe(MANAGEMENT);
    expect([...org.accounts.keys()]).toEqual([MANAGEMENT, ADMIN, ORG, SSO_DEV, RETIRED]);
    expect(org.accounts.get(RETIRED)?.status).toBe('SUSPENDED');
    expect(org.delegated.map((d) => [d.service, d.accountId])).toEqual([
      ['securityhub', ADMIN],
      ['guardduty', ADMIN],
      ['macie', ADMIN],
      ['detective', ADMIN],
    ]);
    expect(Object.fromEntries([...state.accounts.values()].map((a) => [a.id, a.alias]))).toEqual({
      '111111111111': 'acme-security',
      '222222222222': 'globex-pending',
      '333333333333': 'globex-prod',
      '444444444444': null,
      '555555555555': 'initech-hub-off',
      '666666666666': 'acme-sandbox',
      '777777777777': null,
      '888888888888': null,
      '999999999999': 'acme-operations',
    });
    const demoSession = demo.ssoSessions.find((x) => x.name === 'demo')!;
    expect(demoSession.grants).toEqual([
      { accountId: SSO_DEV, roleName: 'SecurityHubAdmin' },
      { accountId: ORG, roleName: 'SecurityAudit' },
    ]);
  });
});

describe('generateScenario with an organization', () => {
  it('gives one delegated administrator 10,000 Organizations members in a region', () => {
    const s = generateScenario({ profiles: 2, accounts: 2, regions: 1, administratorMembers: 10_000 });
    const parsed = parseScenario(s);
    expect(parsed.administrators).toHaveLength(1);
    const members = parsed.administrators[0]!.members;
    expect(members).toHaveLength(10_000);
    expect(members.every((m) => m.viaOrganizations && m.status === 'Enabled' && m.email === undefined)).toBe(true);
    expect(parsed.organization?.managementAccountId).toBe(generatedAccountId(10_001));
    expect(parsed.organization?.accounts).toHaveLength(10_002);
    expect(parsed.organization?.delegatedAdministrators).toEqual({ securityhub: generatedAccountId(0) });
    // Up to 1,000 it stays invitation-based unless asked.
    expect(
      generateScenario({ profiles: 1, accounts: 1, regions: 1, administratorMembers: 1000 }).organization,
    ).toBeUndefined();
    const small = generateScenario({
      profiles: 1,
      accounts: 1,
      regions: 1,
      administratorMembers: 8,
      organization: true,
    });
    expect(small.administrators[0]?.members.every((m) => m.viaOrganizations)).toBe(true);
    expect(() =>
      generateScenario({ profiles: 1, accounts: 1, regions: 1, administratorMembers: 2000, services: true }),
    ).toThrow(/Detective/);
  });
});
