/**
 * GuardDuty's world: a detector per account and region (GuardDuty on there; "a unique detector is
 * required in each region", user guide guardduty_concepts) and the administrator/member book.
 */
import { randomHex, stableHex32 } from './ids';
import { Relationships, relationKey } from './relationships';
import type { ParsedScenario } from './scenario-schema';

export interface Detector {
  id: string;
  accountId: string;
  region: string;
  status: 'ENABLED' | 'DISABLED';
  createdAt: Date;
  updatedAt: Date;
}

/**
 * GuardDuty's statuses: Invited, Enabled and Disabled members received an invitation; Enabled and
 * Disabled (GuardDuty suspended in the member, still associated) are associated.
 */
export const GUARDDUTY_RULES = {
  invited: new Set(['Invited', 'Enabled', 'Disabled']),
  linked: new Set(['Enabled', 'Disabled']),
  neverInvited: new Set(['Created', 'EmailVerificationInProgress', 'EmailVerificationFailed']),
};

/** A scenario detector's id: stable per account and region, 32 hex digits like AWS's. */
export const scenarioDetectorId = (accountId: string, region: string) => stableHex32('guardduty', accountId, region);

const DAY = 86_400_000;

export class GuardDutyState {
  readonly book = new Relationships();
  /** `account:region` -> its detector. */
  readonly detectors = new Map<string, Detector>();

  constructor(section: ParsedScenario['guardduty'], now: number) {
    for (const d of section.detectors) {
      for (const region of d.regions) {
        const createdAt = new Date(now - 120 * DAY);
        this.detectors.set(relationKey(d.accountId, region), {
          id: scenarioDetectorId(d.accountId, region),
          accountId: d.accountId,
          region,
          status: d.status,
          createdAt,
          updatedAt: createdAt,
        });
      }
    }
    for (const admin of section.administrators) this.book.load(admin, GUARDDUTY_RULES, now);
  }

  detectorOf(accountId: string, region: string): Detector | undefined {
    return this.detectors.get(relationKey(accountId, region));
  }

  /** CreateDetector: a new random id, as AWS gives a new detector a new id. */
  createDetector(accountId: string, region: string, enable: boolean, now: Date): Detector {
    const detector: Detector = {
      id: randomHex(16),
      accountId,
      region,
      status: enable ? 'ENABLED' : 'DISABLED',
      createdAt: now,
      updatedAt: now,
    };
    this.detectors.set(relationKey(accountId, region), detector);
    return detector;
  }
}
