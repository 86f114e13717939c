/**
 * The emulator's world, built from a scenario: accounts and their hubs, credentials, roles, MFA
 * devices, SSO sessions, the Security Hub relationships, GuardDuty, Macie and Detective
 * (guardduty-state.ts, macie-state.ts, detective-state.ts) and the organization's service control
 * policies. Everything a request needs is one Map lookup away (keys by access key id, by
 * account:region), so large member lists stay cheap.
 */
import { randomBytes } from 'node:crypto';
import { type AwsService, type ScpRule, scpDenial, scpRules } from './access';
import { DetectiveState } from './detective-state';
import { GuardDutyState } from './guardduty-state';
import { randomKeyId } from './ids';
import { MacieState } from './macie-state';
import { OrganizationState } from './organization-state';
import { buildProducts, type Product } from './products';
import { AWS_OPT_IN_REGIONS } from './regions';
import { type MemberRecord, type MemberSide, Relationships, relationKey } from './relationships';
import type { ParsedScenario } from './scenario-schema';
import { SignInState } from './sso-sign-in';

export { randomHex, randomKeyId } from './ids';
export type { AdministratorLink, InvitationRecord, MemberRecord, MemberSide } from './relationships';

/**
 * Security Hub's statuses: an invitation for Invited and Enabled members (and the legacy Associated),
 * the relationship for Enabled and Associated. AccountSuspended is an organization account that was
 * suspended when the administrator tried to enable it (the Member type's docs): never invited.
 */
const SECURITY_HUB_RULES = {
  invited: new Set(['Invited', 'Enabled', 'Associated']),
  linked: new Set(['Enabled', 'Associated']),
  neverInvited: new Set(['Created', 'AccountSuspended']),
};

export interface Credential {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string | null;
  accountId: string;
  arn: string;
  userId: string;
  /** Epoch ms; null for long-term keys. */
  expiresAt: number | null;
  /** Obtained with an MFA code (GetSessionToken / AssumeRole with TokenCode). */
  mfaAuthenticated: boolean;
  deniedActions: Set<string>;
}

export interface AccountState {
  id: string;
  optInRegions: Set<string>;
  /** region -> subscribedAt */
  hubs: Map<string, Date>;
  /**
   * Regions where the emulator turned Security Hub CSPM's default standards on: EnableSecurityHub
   * without EnableDefaultStandards=false, or a delegated administrator's CreateMembers enabling an
   * organization account (billed in that account). Scenario hubs are not recorded.
   */
  defaultStandards: Set<string>;
  /** The IAM account alias (ListAccountAliases), or null. */
  alias: string | null;
}

export interface RoleState {
  arn: string;
  accountId: string;
  name: string;
  trustedAccounts: Set<string>;
  requireMfa: boolean;
  maxSessionSeconds: number;
  webIdentity: boolean;
  deniedActions: Set<string>;
}

export interface MfaDeviceState {
  serial: string;
  codes: Set<string>;
  windowMs: number;
  /** code -> last use, epoch ms */
  used: Map<string, number>;
}

export interface SsoTokenState {
  session: string;
  expiresAt: number;
  /** `${accountId}/${roleName}` */
  grants: Set<string>;
}

/** An SSO-OIDC client registration and the refresh token the cache holds for one session. */
export interface SsoRefreshState {
  session: string;
  clientId: string;
  clientSecret: string;
  registrationExpiresAt: number;
  grants: Set<string>;
}

/** The refresh token, client id and secret the cache file of a session holds (derived from its name). */
export const ssoClientOf = (session: string) => ({
  clientId: `emulator-client-${session}`,
  clientSecret: `emulator-secret-${session}`,
  refreshToken: `emulator-refresh-${session}-0`,
});

export const key = relationKey;

const DAY = 86_400_000;

export class EmulatorState {
  readonly regions: Set<string>;
  readonly optInRegions: Set<string>;
  readonly accounts = new Map<string, AccountState>();
  readonly credentials = new Map<string, Credential>();
  readonly roles = new Map<string, RoleState>();
  readonly mfaDevices = new Map<string, MfaDeviceState>();
  readonly ssoTokens = new Map<string, SsoTokenState>();
  /** Refresh token → its registration (SSO-OIDC CreateToken with grant refresh_token). */
  readonly ssoRefreshTokens = new Map<string, SsoRefreshState>();
  /** Registrations and pending authorizations of SSO-OIDC sign-ins (sso-sign-in.ts). */
  readonly signIn: SignInState;
  /** Security Hub's administrators and members. */
  readonly securityHub = new Relationships();
  readonly guardduty: GuardDutyState;
  readonly macie: MacieState;
  readonly detective: DetectiveState;
  /** The organization's service control policies (scenario `scpDenials`). */
  readonly scp: ScpRule[];
  /** AWS Organizations (scenario `organization`), or null for accounts outside any organization. */
  readonly organization: OrganizationState | null;
  private readonly products = new Map<string, Product[]>();

  constructor(
    readonly scenario: ParsedScenario,
    now = Date.now(),
  ) {
    this.regions = new Set(scenario.regions);
    this.signIn = new SignInState(scenario.ssoSignIn);
    this.optInRegions = new Set(scenario.optInRegions);
    for (const a of scenario.accounts) {
      const subscribedAt = new Date(a.subscribedAt ?? now - 90 * DAY);
      this.accounts.set(a.id, {
        id: a.id,
        optInRegions: new Set(a.optInRegions),
        hubs: new Map(a.hubRegions.map((r) => [r, subscribedAt])),
        defaultStandards: new Set(),
        alias: a.alias ?? null,
      });
    }
    for (const p of scenario.principals) {
      this.credentials.set(p.accessKeyId, {
        accessKeyId: p.accessKeyId,
        secretAccessKey: p.secretAccessKey,
        sessionToken: p.sessionToken ?? null,
        accountId: p.accountId,
        arn: p.arn,
        userId: p.sessionToken ? `AROA${p.accessKeyId.slice(4, 20)}:session` : `AIDA${p.accessKeyId.slice(4, 20)}`,
        expiresAt: p.expiresAt ? Date.parse(p.expiresAt) : null,
        mfaAuthenticated: false,
        deniedActions: new Set(p.deniedActions),
      });
    }
    for (const r of scenario.roles) {
      const [, , , , accountId = '', resource = ''] = r.arn.split(':');
      this.roles.set(r.arn, {
        arn: r.arn,
        accountId,
        name: resource.split('/').pop() ?? resource,
        trustedAccounts: new Set(r.trustedAccounts),
        requireMfa: r.requireMfa,
        maxSessionSeconds: r.maxSessionSeconds,
        webIdentity: r.webIdentity,
        deniedActions: new Set(r.deniedActions),
      });
    }
    for (const d of scenario.mfaDevices) {
      this.mfaDevices.set(d.serial, {
        serial: d.serial,
        codes: new Set(d.codes),
        windowMs: d.windowSeconds * 1000,
        used: new Map(),
      });
    }
    for (const s of scenario.ssoSessions) {
      this.ssoTokens.set(s.accessToken, {
        session: s.name,
        expiresAt: s.expired ? now - DAY : now + 365 * DAY,
        grants: new Set(s.grants.map((g) => `${g.accountId}/${g.roleName}`)),
      });
      const client = ssoClientOf(s.name);
      this.ssoRefreshTokens.set(client.refreshToken, {
        session: s.name,
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        registrationExpiresAt: s.registrationExpired ? now - DAY : now + 90 * DAY,
        grants: new Set(s.grants.map((g) => `${g.accountId}/${g.roleName}`)),
      });
      this.signIn.seed({
        session: s.name,
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        expiresAt: s.registrationExpired ? now - DAY : now + 90 * DAY,
      });
    }
    for (const admin of scenario.administrators) this.securityHub.load(admin, SECURITY_HUB_RULES, now);
    this.guardduty = new GuardDutyState(scenario.guardduty, now);
    this.macie = new MacieState(scenario.macie, now);
    this.detective = new DetectiveState(scenario.detective, now);
    this.scp = scpRules(scenario);
    this.organization = scenario.organization ? new OrganizationState(scenario.organization, now) : null;
  }

  /** `admin:region` -> Security Hub members (kept under this name for the state view and its readers). */
  get adminMembers(): Map<string, Map<string, MemberRecord>> {
    return this.securityHub.adminMembers;
  }

  get memberSides(): Map<string, MemberSide> {
    return this.securityHub.memberSides;
  }

  /** The service control policy that denies this service here, or null. STS is never denied. */
  scpDenial(accountId: string, region: string, service: AwsService): ScpRule | null {
    return scpDenial(this.scp, accountId, region, service);
  }

  /**
   * The roles a sign-in to this start URL grants: those of every scenario session on that portal
   * (a token belongs to the portal's user, not to one sso-session name).
   */
  grantsOfStartUrl(startUrl: string): { session: string; grants: Set<string> } | null {
    const sessions = this.scenario.ssoSessions.filter((s) => s.startUrl === startUrl);
    if (sessions.length === 0) return null;
    const grants = new Set(sessions.flatMap((s) => s.grants.map((g) => `${g.accountId}/${g.roleName}`)));
    return { session: sessions[0]!.name, grants };
  }

  /** Security Hub: the administrator's member list in a region; created on demand when `create` is set. */
  membersOf(adminId: string, region: string, create = false): Map<string, MemberRecord> | undefined {
    return this.securityHub.membersOf(adminId, region, create);
  }

  memberSide(accountId: string, region: string): MemberSide {
    return this.securityHub.memberSide(accountId, region);
  }

  hubOn(accountId: string, region: string): boolean {
    return this.accounts.get(accountId)?.hubs.has(region) ?? false;
  }

  /**
   * False for an opt-in region the account has not enabled. Regions the scenario does not list are
   * ordinary (enabled, hub off) unless AWS makes them opt-in.
   */
  regionEnabled(accountId: string, region: string): boolean {
    if (!this.optInRegions.has(region) && !AWS_OPT_IN_REGIONS.has(region)) return true;
    return this.accounts.get(accountId)?.optInRegions.has(region) ?? false;
  }

  account(accountId: string): AccountState {
    let a = this.accounts.get(accountId);
    if (!a) {
      a = { id: accountId, optInRegions: new Set(), hubs: new Map(), defaultStandards: new Set(), alias: null };
      this.accounts.set(accountId, a);
    }
    return a;
  }

  productsIn(region: string): Product[] {
    let list = this.products.get(region);
    if (!list) {
      list = buildProducts(region, this.scenario.productsPerRegion);
      this.products.set(region, list);
    }
    return list;
  }

  /** Issues temporary credentials (ASIA key + session token) valid for `seconds`. */
  issueTemporary(
    base: Omit<Credential, 'accessKeyId' | 'secretAccessKey' | 'sessionToken' | 'expiresAt'>,
    seconds: number,
  ) {
    const cred: Credential = {
      ...base,
      accessKeyId: randomKeyId('ASIA'),
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `IQoJb3JpZ2luX2VtdWxhdG9y${randomBytes(48).toString('base64')}`,
      expiresAt: Date.now() + seconds * 1000,
    };
    this.credentials.set(cred.accessKeyId, cred);
    return cred;
  }
}
