/**
 * The administrator/member book of one service that works by account and region (Security Hub,
 * GuardDuty, Macie): each administrator's member list, and each member's side — its administrator
 * and the invitations it received. Detective keys its memberships by behavior graph instead
 * (detective-state.ts).
 */
import { randomHex } from './ids';

export interface MemberRecord {
  accountId: string;
  email: string | null;
  status: string;
  invitedAt: Date | null;
  updatedAt: Date;
  viaOrganizations: boolean;
  invitationId: string | null;
}

export interface InvitationRecord {
  /** The inviting administrator. */
  accountId: string;
  invitationId: string;
  invitedAt: Date;
  /** The status the member side shows (Security Hub's MemberStatus, GuardDuty's and Macie's RelationshipStatus). */
  memberStatus: string;
}

export interface AdministratorLink {
  accountId: string;
  invitationId: string | null;
  invitedAt: Date | null;
  viaOrganizations: boolean;
}

export interface MemberSide {
  administrator: AdministratorLink | null;
  /** By inviting administrator id; insertion order is listing order. */
  invitations: Map<string, InvitationRecord>;
}

export const relationKey = (accountId: string, region: string) => `${accountId}:${region}`;

/** A scenario's administrator entry, whatever the service. */
export interface ScenarioAdministrator {
  accountId: string;
  region: string;
  members: {
    accountId: string;
    email?: string | undefined;
    status: string;
    viaOrganizations: boolean;
    invitedAt?: string | undefined;
    updatedAt?: string | undefined;
  }[];
}

/** Which scenario statuses mean an invitation was sent, and which an active relationship. */
export interface StatusRules {
  /** Statuses with an invitation on the member side (pending or accepted). */
  invited: ReadonlySet<string>;
  /** Statuses of an active relationship: the member side has this administrator. */
  linked: ReadonlySet<string>;
  /** Statuses without an invitation time (never invited). */
  neverInvited: ReadonlySet<string>;
}

const DAY = 86_400_000;

export class Relationships {
  /** `admin:region` -> that administrator's members. */
  readonly adminMembers = new Map<string, Map<string, MemberRecord>>();
  /** `member:region` -> the member's administrator link and received invitations. */
  readonly memberSides = new Map<string, MemberSide>();

  /** The administrator's member list in a region; created on demand when `create` is set. */
  membersOf(adminId: string, region: string, create = false): Map<string, MemberRecord> | undefined {
    const k = relationKey(adminId, region);
    let list = this.adminMembers.get(k);
    if (!list && create) {
      list = new Map();
      this.adminMembers.set(k, list);
    }
    return list;
  }

  memberSide(accountId: string, region: string): MemberSide {
    const k = relationKey(accountId, region);
    let side = this.memberSides.get(k);
    if (!side) {
      side = { administrator: null, invitations: new Map() };
      this.memberSides.set(k, side);
    }
    return side;
  }

  /**
   * Loads a scenario administrator: its member records, and on each member's side the invitation
   * (for invited and linked statuses) and the administrator link (linked statuses). Organizations
   * enrolment sends no invitation: the member only sees its administrator.
   */
  load(admin: ScenarioAdministrator, rules: StatusRules, now: number): void {
    const list = this.membersOf(admin.accountId, admin.region, true)!;
    admin.members.forEach((m, i) => {
      const invitedAt = rules.neverInvited.has(m.status) ? null : new Date(m.invitedAt ?? now - (3 * DAY + i * 60_000));
      const record: MemberRecord = {
        accountId: m.accountId,
        email: m.email ?? null,
        status: m.status,
        invitedAt,
        updatedAt: new Date(m.updatedAt ?? invitedAt?.getTime() ?? now - DAY),
        viaOrganizations: m.viaOrganizations,
        invitationId: null,
      };
      list.set(m.accountId, record);
      const side = this.memberSide(m.accountId, admin.region);
      if (m.viaOrganizations) {
        // Organizations enrolment sends no invitation; a suspended account has no administrator.
        if (rules.linked.has(m.status)) {
          side.administrator = { accountId: admin.accountId, invitationId: null, invitedAt, viaOrganizations: true };
        }
        return;
      }
      if (!rules.invited.has(m.status)) return;
      record.invitationId = randomHex(16);
      side.invitations.set(admin.accountId, {
        accountId: admin.accountId,
        invitationId: record.invitationId,
        invitedAt: invitedAt ?? new Date(now - DAY),
        memberStatus: m.status,
      });
      if (rules.linked.has(m.status)) {
        side.administrator = {
          accountId: admin.accountId,
          invitationId: record.invitationId,
          invitedAt,
          viaOrganizations: false,
        };
      }
    });
  }
}
