/**
 * The organization of a scenario (`organization`): its accounts with names and e-mails, the delegated
 * administrator of each security service, and Security Hub CSPM's organization configuration. Read by
 * the Organizations API (organizations-*.ts), by Security Hub (Organizations members, central
 * configuration) and by the SSO portal's account list.
 */
import { createHash } from 'node:crypto';
import {
  DELEGATED_SERVICES,
  type DelegatedService,
  type OrganizationSection,
  SERVICE_PRINCIPALS,
} from './scenario-organization';

const DAY = 86_400_000;

export interface OrganizationAccount {
  id: string;
  name: string;
  email: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';
  joinedMethod: 'INVITED' | 'CREATED';
  joinedAt: Date;
}

export interface DelegatedAdministrator {
  accountId: string;
  service: DelegatedService;
  servicePrincipal: string;
  enabledAt: Date;
}

export type SecurityHubOrgConfig = OrganizationSection['securityHub'];

/** An id derived from the management account when the scenario gives none: "o-" + 10 lowercase hex. */
const derivedId = (managementAccountId: string) =>
  `o-${createHash('sha256').update(managementAccountId).digest('hex').slice(0, 10)}`;

export class OrganizationState {
  readonly id: string;
  readonly managementAccountId: string;
  /** In scenario order, which is ListAccounts' order. */
  readonly accounts = new Map<string, OrganizationAccount>();
  readonly delegated: DelegatedAdministrator[] = [];
  readonly securityHub: SecurityHubOrgConfig;
  private readonly centrallyManaged: Set<string>;
  private readonly centralRegions: Set<string>;

  constructor(section: OrganizationSection, now: number) {
    this.id = section.id ?? derivedId(section.managementAccountId);
    this.managementAccountId = section.managementAccountId;
    section.accounts.forEach((a, i) => {
      this.accounts.set(a.id, {
        id: a.id,
        name: a.name,
        email: a.email,
        status: a.status,
        joinedMethod: a.joinedMethod,
        joinedAt: new Date(a.joinedAt ?? now - (400 - i) * DAY),
      });
    });
    for (const service of DELEGATED_SERVICES) {
      const accountId = section.delegatedAdministrators[service];
      if (!accountId) continue;
      this.delegated.push({
        accountId,
        service,
        servicePrincipal: SERVICE_PRINCIPALS[service],
        enabledAt: new Date(now - 200 * DAY),
      });
    }
    this.securityHub = section.securityHub;
    const central = section.securityHub.centralConfiguration;
    this.centrallyManaged = new Set(central?.centrallyManagedAccounts ?? []);
    this.centralRegions = new Set(central ? [central.homeRegion, ...central.linkedRegions] : []);
  }

  has(accountId: string): boolean {
    return this.accounts.has(accountId);
  }

  accountArn(accountId: string): string {
    return `arn:aws:organizations::${this.managementAccountId}:account/${this.id}/${accountId}`;
  }

  get arn(): string {
    return `arn:aws:organizations::${this.managementAccountId}:organization/${this.id}`;
  }

  delegatedAdministratorOf(service: DelegatedService): string | null {
    return this.delegated.find((d) => d.service === service)?.accountId ?? null;
  }

  /** A delegated administrator of any service: Organizations lets it read the accounts (ListAccounts' doc). */
  isDelegatedAdministrator(accountId: string): boolean {
    return this.delegated.some((d) => d.accountId === accountId);
  }

  /** Central configuration applies in the home Region and the linked Regions. */
  usesCentralConfiguration(region: string): boolean {
    return this.centralRegions.has(region);
  }

  isCentrallyManaged(accountId: string, region: string): boolean {
    return this.centrallyManaged.has(accountId) && this.centralRegions.has(region);
  }
}
