/**
 * The scenario's AWS Organizations section: the organization, its accounts (names, e-mails, states),
 * the delegated administrator of each security service, and how Security Hub CSPM is configured
 * for it (auto-enable, central configuration). With its cross-reference checks.
 *
 * Shapes follow the organizations/2016-11-28 model (Account: Id, Name, Email, Status ACTIVE |
 * SUSPENDED | PENDING_CLOSURE, JoinedMethod INVITED | CREATED; an organization id is "o-" and 10 to
 * 32 lowercase letters or digits) and securityhub/2018-10-26 (DescribeOrganizationConfiguration).
 */
import { z } from 'zod';
import { accountId, email, type Issue, isoTime, region } from './scenario-fields';

export const ORGANIZATION_ACCOUNT_STATUSES = ['ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE'] as const;

/** The four services' delegated administrators, by the scenario's short name. */
export const DELEGATED_SERVICES = ['securityhub', 'guardduty', 'macie', 'detective'] as const;
export type DelegatedService = (typeof DELEGATED_SERVICES)[number];

/**
 * Each service's principal in Organizations (the service principals of the Organizations user guide's
 * "AWS services that you can use with AWS Organizations": securityhub.amazonaws.com,
 * guardduty.amazonaws.com, macie.amazonaws.com — not macie2 — and detective.amazonaws.com).
 */
export const SERVICE_PRINCIPALS: Record<DelegatedService, string> = {
  securityhub: 'securityhub.amazonaws.com',
  guardduty: 'guardduty.amazonaws.com',
  macie: 'macie.amazonaws.com',
  detective: 'detective.amazonaws.com',
};

const organizationAccount = z.strictObject({
  id: accountId,
  /** The account's name in Organizations (AccountName: 1–128 characters). */
  name: z.string().min(1).max(128),
  email,
  status: z.enum(ORGANIZATION_ACCOUNT_STATUSES).default('ACTIVE'),
  joinedMethod: z.enum(['INVITED', 'CREATED']).default('CREATED'),
  joinedAt: isoTime.optional(),
});

const centralConfiguration = z.strictObject({
  /** The home Region (the former aggregation Region); an opt-in Region cannot be one. */
  homeRegion: region,
  linkedRegions: z.array(region).default([]),
  /** Accounts a configuration policy governs: only the delegated administrator may change their Security Hub CSPM. */
  centrallyManagedAccounts: z.array(accountId).default([]),
});

const securityHubOrganization = z
  .strictObject({
    /** DescribeOrganizationConfiguration's AutoEnable under local configuration (the model's default: false). */
    autoEnable: z.boolean().default(false),
    autoEnableStandards: z.enum(['DEFAULT', 'NONE']).default('NONE'),
    centralConfiguration: centralConfiguration.optional(),
  })
  .default({ autoEnable: false, autoEnableStandards: 'NONE' });

const delegatedAdministrators = z
  .strictObject({
    securityhub: accountId.optional(),
    guardduty: accountId.optional(),
    macie: accountId.optional(),
    detective: accountId.optional(),
  })
  .default({});

export const organizationSection = z
  .strictObject({
    id: z
      .string()
      .regex(/^o-[a-z0-9]{10,32}$/, 'must be "o-" and 10 to 32 lowercase letters or digits')
      .optional(),
    managementAccountId: accountId,
    delegatedAdministrators,
    accounts: z.array(organizationAccount).min(1),
    securityHub: securityHubOrganization,
  })
  .optional();

export type OrganizationSection = NonNullable<z.output<typeof organizationSection>>;

interface WithOrganization {
  organization?: OrganizationSection | undefined;
  regions: string[];
  optInRegions: string[];
}

/** Cross-references inside the section: every id it names is one of its accounts, regions are the scenario's. */
export function checkOrganization(s: WithOrganization, issue: Issue): void {
  const org = s.organization;
  if (!org) return;
  const ids = new Set<string>();
  org.accounts.forEach((a, i) => {
    if (ids.has(a.id)) issue(['organization', 'accounts', i, 'id'], `${a.id} is listed twice`);
    ids.add(a.id);
  });
  if (!ids.has(org.managementAccountId)) {
    issue(['organization', 'managementAccountId'], 'the management account must be one of organization.accounts');
  }
  for (const service of DELEGATED_SERVICES) {
    const id = org.delegatedAdministrators[service];
    if (id === undefined) continue;
    const path = ['organization', 'delegatedAdministrators', service];
    if (!ids.has(id)) issue(path, `${id} is not one of organization.accounts`);
    // "You cannot register master account/yourself as delegated administrator" (moto's wording of
    // RegisterDelegatedAdministrator's ConstraintViolationException; the model: the management account
    // designates a member account).
    if (id === org.managementAccountId) issue(path, 'the management account cannot be a delegated administrator');
  }
  const central = org.securityHub.centralConfiguration;
  if (!central) return;
  const base = ['organization', 'securityHub', 'centralConfiguration'];
  if (!org.delegatedAdministrators.securityhub) {
    issue(base, 'central configuration needs a Security Hub delegated administrator');
  }
  const regions = new Set(s.regions);
  if (!regions.has(central.homeRegion)) issue([...base, 'homeRegion'], `${central.homeRegion} is not in regions`);
  // "You can't use an AWS Region that is disabled by default as your home Region"
  // (docs.aws.amazon.com/securityhub/latest/userguide/finding-aggregation-enable.html).
  if (s.optInRegions.includes(central.homeRegion)) {
    issue([...base, 'homeRegion'], 'an opt-in region cannot be the home Region');
  }
  central.linkedRegions.forEach((r, i) => {
    if (!regions.has(r)) issue([...base, 'linkedRegions', i], `${r} is not in regions`);
    if (r === central.homeRegion) issue([...base, 'linkedRegions', i], 'the home Region is not also a linked Region');
  });
  central.centrallyManagedAccounts.forEach((id, i) => {
    if (!ids.has(id)) issue([...base, 'centrallyManagedAccounts', i], `${id} is not one of organization.accounts`);
  });
}
