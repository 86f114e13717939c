/** Macie's world: the Macie session (on, paused, or none = off) per account and region, and the member book. */
import { Relationships, relationKey } from './relationships';
import type { ParsedScenario } from './scenario-schema';

export interface MacieSession {
  status: 'ENABLED' | 'PAUSED';
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Macie's statuses: Invited, Enabled and Paused members received an invitation; Enabled and Paused
 * ones are current members ("By default, the response includes only current member accounts",
 * ListMembers' onlyAssociated in the macie2 model).
 */
export const MACIE_RULES = {
  invited: new Set(['Invited', 'Enabled', 'Paused']),
  linked: new Set(['Enabled', 'Paused']),
  neverInvited: new Set(['Created', 'EmailVerificationInProgress', 'EmailVerificationFailed']),
};

const DAY = 86_400_000;

export class MacieState {
  readonly book = new Relationships();
  /** `account:region` -> the Macie session; absent = Macie off. */
  readonly sessions = new Map<string, MacieSession>();
  readonly invitationsWhileOff: boolean;

  constructor(section: ParsedScenario['macie'], now: number) {
    this.invitationsWhileOff = section.invitationsWhileOff;
    for (const s of section.sessions) {
      for (const region of s.regions) {
        const createdAt = new Date(now - 60 * DAY);
        this.sessions.set(relationKey(s.accountId, region), { status: s.status, createdAt, updatedAt: createdAt });
      }
    }
    for (const admin of section.administrators) this.book.load(admin, MACIE_RULES, now);
  }

  sessionOf(accountId: string, region: string): MacieSession | undefined {
    return this.sessions.get(relationKey(accountId, region));
  }
}
