/**
 * Load scenarios: N static-key profiles over M accounts × R regions (profiles beyond M reuse
 * accounts, so several profiles reach one account), optionally one administrator (the first account)
 * with K members in every region — a mix of Enabled and Invited, with the invitations on the
 * member side. With `organization` (implied when K is above the 1,000 invitation-based members
 * Security Hub allows), every account is in an organization whose Security Hub delegated
 * administrator is the first account, and its K members are Organizations members (Enabled, no
 * invitation, no e-mail): up to 10,000 per region. With `services`, GuardDuty (a detector), Macie (a
 * session) and Detective are on for every account in every region and the administrator has the same
 * members in each of them; without these options the scenario is exactly the Security Hub-only one.
 */

import { STANDARD_REGIONS } from './regions';
import type { Scenario } from './scenario-schema';

export { STANDARD_REGIONS } from './regions';

import { INVITATION_MEMBER_QUOTA, ORGANIZATION_MEMBER_QUOTA } from './scenario-schema';

/** Detective's 1,200 members per behavior graph bound K when the other services mirror the members. */
const DETECTIVE_MEMBER_QUOTA = 1200;

export interface GenerateOptions {
  profiles: number;
  accounts: number;
  regions: number | string[];
  /** One administrator account with K members in every region. */
  administratorMembers?: number;
  /** GuardDuty, Macie and Detective too (off: Security Hub only, the scenario unchanged). */
  services?: boolean;
  /**
   * An organization around the accounts, the first one its delegated administrator, the members
   * enrolled through Organizations. Default: only when administratorMembers is above 1,000.
   */
  organization?: boolean;
}

export const generatedAccountId = (i: number) => String(100_000_000_000 + i);
export const generatedAccessKeyId = (i: number) => `AKIALOAD${String(i).padStart(12, '0')}`;
export const generatedProfileName = (i: number) => `load-${String(i).padStart(4, '0')}`;

/** A scenario whose lists are all present, so callers can read them without checks. */
export type GeneratedScenario = Scenario &
  Required<Pick<Scenario, 'accounts' | 'principals' | 'profiles' | 'administrators'>>;

export function generateScenario(o: GenerateOptions): GeneratedScenario {
  const regions = typeof o.regions === 'number' ? STANDARD_REGIONS.slice(0, o.regions) : [...o.regions];
  const k = o.administratorMembers ?? 0;
  if (!Number.isInteger(o.profiles) || o.profiles < 1) throw new Error('profiles must be a positive integer');
  if (!Number.isInteger(o.accounts) || o.accounts < 1) throw new Error('accounts must be a positive integer');
  if (regions.length < 1 || (typeof o.regions === 'number' && o.regions > STANDARD_REGIONS.length)) {
    throw new Error(`regions must be between 1 and ${STANDARD_REGIONS.length} (or a list of regions)`);
  }
  const organization = o.organization ?? k > INVITATION_MEMBER_QUOTA;
  const cap = organization ? ORGANIZATION_MEMBER_QUOTA : INVITATION_MEMBER_QUOTA;
  if (!Number.isInteger(k) || k < 0 || k > cap) {
    throw new Error(
      `administratorMembers must be 0..${cap}${organization ? '' : ' (more need organization: true, up to 10,000)'}`,
    );
  }
  if (o.services && k > DETECTIVE_MEMBER_QUOTA) {
    throw new Error(
      `with services, administratorMembers must be at most ${DETECTIVE_MEMBER_QUOTA} (Detective's graph quota)`,
    );
  }

  const accountCount = Math.max(o.accounts, k > 0 ? k + 1 : 0);
  const accounts = Array.from({ length: accountCount }, (_, i) => ({
    id: generatedAccountId(i),
    name: `load-account-${i}`,
    hubRegions: regions,
  }));
  const principals = Array.from({ length: o.profiles }, (_, i) => {
    const accountId = generatedAccountId(i % o.accounts);
    return {
      accessKeyId: generatedAccessKeyId(i),
      secretAccessKey: `loadSecretKey/${String(i).padStart(26, '0')}`,
      accountId,
      arn: `arn:aws:iam::${accountId}:user/load-${i}`,
    };
  });
  const profiles = principals.map((p, i) => ({
    name: generatedProfileName(i),
    type: 'static' as const,
    region: regions[i % regions.length]!,
    accessKeyId: p.accessKeyId,
  }));
  const administrators =
    k === 0
      ? []
      : regions.map((region) => ({
          accountId: generatedAccountId(0),
          region,
          members: Array.from({ length: k }, (_, j) =>
            organization
              ? { accountId: generatedAccountId(j + 1), status: 'Enabled' as const, viaOrganizations: true }
              : {
                  accountId: generatedAccountId(j + 1),
                  email: `member-${j + 1}@example.com`,
                  // One in four still has the invitation pending.
                  status: j % 4 === 3 ? ('Invited' as const) : ('Enabled' as const),
                },
          ),
        }));
  const scenario: GeneratedScenario = {
    description: `Generated: ${o.profiles} profiles, ${o.accounts} accounts, ${regions.length} regions, ${k} members`,
    regions,
    accounts,
    principals,
    profiles,
    administrators,
  };
  const withOrganization = organization
    ? { ...scenario, organization: organizationOf(accounts, o.services) }
    : scenario;
  return o.services ? { ...withOrganization, ...otherServices(accounts, administrators) } : withOrganization;
}

/**
 * Every generated account in one organization, with a management account of its own (the next id,
 * no profile), the first account the delegated administrator of Security Hub (and of the other
 * services with `services`).
 */
function organizationOf(accounts: GeneratedScenario['accounts'], services: boolean | undefined) {
  const management = generatedAccountId(accounts.length);
  const admin = generatedAccountId(0);
  return {
    managementAccountId: management,
    delegatedAdministrators: services
      ? { securityhub: admin, guardduty: admin, macie: admin, detective: admin }
      : { securityhub: admin },
    accounts: [
      { id: management, name: 'load-management', email: 'load-management@example.com' },
      ...accounts.map((a) => ({ id: a.id, name: a.name ?? a.id, email: `${a.name ?? a.id}@example.com` })),
    ],
  };
}

/** GuardDuty, Macie and Detective on everywhere, with the Security Hub administrator's members mirrored. */
function otherServices(
  accounts: GeneratedScenario['accounts'],
  administrators: GeneratedScenario['administrators'],
): Pick<Scenario, 'guardduty' | 'macie' | 'detective'> {
  const everywhere = accounts.map((a) => ({ accountId: a.id, regions: a.hubRegions ?? [] }));
  // The generated members are Invited or Enabled, statuses every one of these services spells alike.
  const mirrored = administrators.map((a) => ({
    ...a,
    members: a.members.map((m) => ({
      ...m,
      status: m.status === 'Invited' ? ('Invited' as const) : ('Enabled' as const),
    })),
  }));
  return {
    guardduty: { detectors: everywhere, administrators: mirrored },
    macie: { sessions: everywhere, administrators: mirrored },
    detective: {
      graphs: administrators.map((a) => ({
        administratorId: a.accountId,
        region: a.region,
        members: a.members.map((m) => ({
          accountId: m.accountId,
          email: m.email,
          status: m.status === 'Invited' ? ('INVITED' as const) : ('ENABLED' as const),
          ...(m.viaOrganizations ? { viaOrganizations: true } : {}),
        })),
      })),
    },
  };
}
