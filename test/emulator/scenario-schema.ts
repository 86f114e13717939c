/**
 * The scenario file: every account, key, role, SSO session, MFA device, relationship and profile the
 * emulator starts with. Validated with zod; a bad scenario is refused with the path of the bad field.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { accountId, iamAction, isoTime, region } from './scenario-fields';
import { checkOrganization, organizationSection } from './scenario-organization';
import {
  checkServiceSections,
  detectiveSection,
  guardDutySection,
  macieSection,
  scpDenialsSection,
} from './scenario-services';

const roleArn = z.string().regex(/^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]+$/, 'must be an IAM role ARN');
const profileName = z.string().regex(/^[\w.@+-]{1,128}$/, 'must be a profile name without spaces');

/**
 * Security Hub's MemberStatus values (the Member type of the securityhub model), with the legacy
 * `Associated` that "has been replaced with ENABLED" (AWS Support, quoted in
 * hashicorp/terraform-provider-aws#16403) and still appears in the AWS CLI's 2020 examples.
 */
export const MEMBER_STATUSES = [
  'Created',
  'Invited',
  'Enabled',
  'Removed',
  'Resigned',
  'Deleted',
  'AccountSuspended',
  'Associated',
] as const;

/** Security Hub's member quotas per administrator and Region (F8: the user guide's restrictions page). */
export const INVITATION_MEMBER_QUOTA = 1000;
export const ORGANIZATION_MEMBER_QUOTA = 10_000;

const principal = z.strictObject({
  accessKeyId: z.string().regex(/^(AKIA|ASIA)[A-Z0-9]{12,124}$/, 'must be an AKIA/ASIA access key id'),
  secretAccessKey: z.string().min(16).max(128),
  /** Present for temporary credentials written straight into a scenario (e.g. an expired session). */
  sessionToken: z.string().min(16).optional(),
  expiresAt: isoTime.optional(),
  accountId,
  arn: z.string().regex(/^arn:aws:(iam|sts)::\d{12}:\S+$/, 'must be an IAM or STS principal ARN'),
  /** IAM actions this principal's policy denies. */
  deniedActions: z.array(iamAction).default([]),
});

const account = z.strictObject({
  id: accountId,
  /** A label for people reading the scenario; never served (Organizations names live in `organization`). */
  name: z.string().max(100).optional(),
  /**
   * The account's IAM alias (ListAccountAliases). The pattern is the model's accountAliasType:
   * lowercase letters, digits and single hyphens, 3–63 characters.
   */
  alias: z
    .string()
    .regex(/^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$/, 'must be an IAM account alias (lowercase, digits, hyphens)')
    .optional(),
  /** Regions where Security Hub is on. */
  hubRegions: z.array(region).default([]),
  /** Opt-in regions this account has enabled. */
  optInRegions: z.array(region).default([]),
  subscribedAt: isoTime.optional(),
});

const role = z.strictObject({
  arn: roleArn,
  /** Accounts whose principals this role's trust policy allows. */
  trustedAccounts: z.array(accountId).min(1),
  requireMfa: z.boolean().default(false),
  /** The role's MaxSessionDuration: AssumeRole asking for more is refused. */
  maxSessionSeconds: z.number().int().min(3600).max(43_200).default(3600),
  /** The trust policy allows AssumeRoleWithWebIdentity (any well-formed OIDC token). */
  webIdentity: z.boolean().default(false),
  deniedActions: z.array(iamAction).default([]),
});

const mfaDevice = z.strictObject({
  serial: z.string().regex(/^arn:aws:iam::\d{12}:mfa\/[\w+=,.@-]+$/, 'must be an MFA device ARN'),
  /** The one-time codes this device "shows"; each is refused when reused within windowSeconds. */
  codes: z.array(z.string().regex(/^\d{6}$/, 'must be 6 digits')).min(1),
  windowSeconds: z.number().int().min(1).max(86_400).default(600),
});

const ssoSession = z.strictObject({
  name: z.string().regex(/^[\w.-]{1,64}$/),
  startUrl: z.url(),
  region,
  accessToken: z.string().min(16),
  /** An expired session: the cached token is written already expired and the portal refuses it. */
  expired: z.boolean().default(false),
  /** The cached token expires within the SDK's 5-minute refresh window (still valid). */
  nearExpiry: z.boolean().default(false),
  /** The OIDC client registration in the cache has expired: the SDK cannot refresh. */
  registrationExpired: z.boolean().default(false),
  grants: z.array(z.strictObject({ accountId, roleName: z.string().regex(/^[\w+=,.@-]{1,64}$/) })).default([]),
});

const member = z.strictObject({
  accountId,
  email: z.email().optional(),
  status: z.enum(MEMBER_STATUSES),
  /** Enrolled through AWS Organizations: no invitation, no Email on the wire; it cannot disassociate itself. */
  viaOrganizations: z.boolean().default(false),
  invitedAt: isoTime.optional(),
  updatedAt: isoTime.optional(),
});

const administrator = z.strictObject({ accountId, region, members: z.array(member).max(ORGANIZATION_MEMBER_QUOTA) });

const base = { name: profileName, region };
const profile = z.discriminatedUnion('type', [
  z.strictObject({ ...base, type: z.literal('static'), accessKeyId: z.string() }),
  z.strictObject({
    ...base,
    type: z.literal('assume-role'),
    roleArn,
    sourceProfile: profileName,
    mfaSerial: z.string().optional(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('sso'),
    ssoSession: z.string(),
    accountId,
    roleName: z.string(),
  }),
  z.strictObject({ ...base, type: z.literal('credential-process'), accessKeyId: z.string() }),
]);

const scenarioShape = z.strictObject({
  description: z.string().optional(),
  regions: z.array(region).min(1),
  optInRegions: z.array(region).default([]),
  accounts: z.array(account).min(1),
  principals: z.array(principal).default([]),
  roles: z.array(role).default([]),
  mfaDevices: z.array(mfaDevice).default([]),
  ssoSessions: z.array(ssoSession).default([]),
  /** How sign-ins (SSO-OIDC authorizations) are answered; see sso-sign-in.ts. */
  ssoSignIn: z
    .strictObject({
      autoApprove: z.boolean(),
      deviceCodeSeconds: z.number().int().min(1).max(3600),
      intervalSeconds: z.number().int().min(0).max(60),
      accessTokenSeconds: z.number().int().min(1).max(86_400),
    })
    .partial()
    .default({}),
  administrators: z.array(administrator).default([]),
  profiles: z.array(profile).default([]),
  productsPerRegion: z.number().int().min(0).max(2000).default(130),
  /** GuardDuty, Macie and Detective (scenario-services.ts); absent: none of them on anywhere. */
  guardduty: guardDutySection,
  macie: macieSection,
  detective: detectiveSection,
  /** Service control policies of the organization: which accounts, regions and services they deny. */
  scpDenials: scpDenialsSection,
  /** AWS Organizations: accounts with names, delegated administrators, Security Hub's organization configuration. */
  organization: organizationSection,
});

/** Cross-references: every name a field points at must exist. */
export const scenarioSchema = scenarioShape.superRefine((s, ctx) => {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const accounts = new Set(s.accounts.map((a) => a.id));
  const regions = new Set(s.regions);
  const keys = new Set(s.principals.map((p) => p.accessKeyId));
  const profiles = new Set(s.profiles.map((p) => p.name));
  const sessions = new Set(s.ssoSessions.map((x) => x.name));
  s.optInRegions.forEach((r, i) => {
    if (!regions.has(r)) issue(['optInRegions', i], `${r} is not in regions`);
  });
  s.accounts.forEach((a, i) => {
    a.hubRegions.forEach((r, j) => {
      if (!regions.has(r)) issue(['accounts', i, 'hubRegions', j], `${r} is not in regions`);
    });
  });
  s.principals.forEach((p, i) => {
    if (!accounts.has(p.accountId)) issue(['principals', i, 'accountId'], `unknown account ${p.accountId}`);
  });
  s.administrators.forEach((a, i) => {
    if (!accounts.has(a.accountId)) issue(['administrators', i, 'accountId'], `unknown account ${a.accountId}`);
    if (!regions.has(a.region)) issue(['administrators', i, 'region'], `${a.region} is not in regions`);
    a.members.forEach((m, j) => {
      if (!accounts.has(m.accountId)) issue(['administrators', i, 'members', j, 'accountId'], 'unknown account');
      if (m.viaOrganizations && m.status !== 'Enabled' && m.status !== 'AccountSuspended') {
        issue(
          ['administrators', i, 'members', j, 'status'],
          'an Organizations member must be Enabled or AccountSuspended',
        );
      }
    });
    checkSecurityHubMembers(s, a, i, issue);
  });
  checkServiceSections(s, accounts, regions, issue);
  checkOrganization(s, issue);
  s.profiles.forEach((p, i) => {
    if ((p.type === 'static' || p.type === 'credential-process') && !keys.has(p.accessKeyId)) {
      issue(['profiles', i, 'accessKeyId'], 'no principal has this access key id');
    }
    if (p.type === 'assume-role' && !profiles.has(p.sourceProfile)) {
      issue(['profiles', i, 'sourceProfile'], `no profile named ${p.sourceProfile}`);
    }
    if (p.type === 'sso' && !sessions.has(p.ssoSession)) {
      issue(['profiles', i, 'ssoSession'], `no SSO session named ${p.ssoSession}`);
    }
  });
});

/**
 * Security Hub's quotas per administrator and Region — 1,000 invitation-based members, 10,000 through
 * Organizations (docs.amazonaws.cn/en_us/securityhub/latest/userguide/securityhub-account-restrictions-recommendations.html)
 * — and, where the scenario has an organization, that its Organizations members are its accounts and
 * belong to its Security Hub delegated administrator.
 */
function checkSecurityHubMembers(
  s: z.output<typeof scenarioShape>,
  a: z.output<typeof administrator>,
  i: number,
  issue: (path: (string | number)[], message: string) => void,
): void {
  const invited = a.members.filter((m) => !m.viaOrganizations).length;
  if (invited > INVITATION_MEMBER_QUOTA) {
    issue(['administrators', i, 'members'], `at most ${INVITATION_MEMBER_QUOTA} invitation-based members (${invited})`);
  }
  const org = s.organization;
  if (!org) return;
  const inOrg = new Set(org.accounts.map((x) => x.id));
  a.members.forEach((m, j) => {
    if (!m.viaOrganizations) return;
    const path = ['administrators', i, 'members', j];
    if (!inOrg.has(m.accountId)) issue([...path, 'accountId'], `${m.accountId} is not one of organization.accounts`);
    if (org.delegatedAdministrators.securityhub !== a.accountId) {
      issue([...path, 'viaOrganizations'], 'only the Security Hub delegated administrator has Organizations members');
    }
  });
}

export type Scenario = z.input<typeof scenarioSchema>;
export type ParsedScenario = z.output<typeof scenarioSchema>;
export type ScenarioProfile = ParsedScenario['profiles'][number];

export class ScenarioError extends Error {
  override name = 'ScenarioError';
}

/** Validates a scenario object; throws ScenarioError naming every bad field path. */
export function parseScenario(input: unknown, source = 'scenario'): ParsedScenario {
  const result = scenarioSchema.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.slice(0, 20).map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new ScenarioError(`Invalid ${source}:\n${lines.join('\n')}`);
}

export function readScenarioFile(path: string): ParsedScenario {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ScenarioError(`Cannot read scenario ${path}: ${(error as Error).message}`);
  }
  return parseScenario(json, `scenario ${path}`);
}
