/**
 * Faults a run can switch on and change while running: latency, AWS-like throttling (token bucket
 * per service, account and region), forced 429s, 500s and dropped connections. Every emulated AWS
 * service (Security Hub, GuardDuty, Macie, Detective) is subject to them; STS and the SSO portal get
 * the latency, drops and 500s only.
 */
import { z } from 'zod';

export interface Faults {
  latencyMs: number;
  latencyJitterMs: number;
  /** Token bucket per service, account and region: 10 requests/s, burst 30 (Security Hub's documented rate). */
  throttling: boolean;
  /** 0..1: share of requests answered with the service's 429 regardless of the bucket. */
  throttleRate: number;
  /** Regions the forced throttleRate applies to; empty: every region. */
  throttleRegions: string[];
  /** Services (signing names: securityhub, guardduty, macie2, detective) the forced throttleRate applies to; empty: all. */
  throttleServices: string[];
  /** 0..1: share answered InternalException 500. */
  errorRate: number;
  /** 0..1: share whose connection is destroyed without an answer. */
  dropRate: number;
  /**
   * Operations (e.g. 'DeclineInvitations' in every service, 'guardduty:DeclineInvitations' in one, or
   * '*' for every one) whose reply is lost
   * AFTER the emulator applied them: the connection is destroyed, or a 500 is sent (`loseRepliesAs`);
   * or, with 'drop-unapplied', the connection is destroyed BEFORE anything is applied.
   */
  loseReplies: string[];
  loseRepliesAs: 'drop' | 'internal-error' | 'drop-unapplied';
  /**
   * Operations (named as in `loseReplies`) whose reply is held `holdReplyMs` AFTER the emulator
   * applied them: a slow answer to a write AWS has already made, the window in which a client killed
   * mid-write leaves a change it never heard of.
   */
  holdReplies: string[];
  holdReplyMs: number;
  /**
   * After a member-side write (accept, decline, leave) of a service, account and region, its next
   * this many member-side reads (GetAdministratorAccount, GetMasterAccount, ListInvitations) answer
   * what they answered before the write: the change is applied but not shown yet. AWS documents no
   * delay for these reads; chosen because GuardDuty and Detective verify a membership for a while
   * (Detective's VERIFICATION_IN_PROGRESS status, botocore's detective model, MemberDetail.Status),
   * and a client must settle such a write by reading again, never by sending it again.
   */
  staleReadsAfterWrite: number;
}

export const NO_FAULTS: Faults = {
  latencyMs: 0,
  latencyJitterMs: 0,
  throttling: false,
  throttleRate: 0,
  throttleRegions: [],
  throttleServices: [],
  errorRate: 0,
  dropRate: 0,
  loseReplies: [],
  loseRepliesAs: 'drop',
  holdReplies: [],
  holdReplyMs: 0,
  staleReadsAfterWrite: 0,
};

const rate = z.number().min(0).max(1);
export const faultsSchema = z.strictObject({
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  latencyJitterMs: z.number().int().min(0).max(120_000).optional(),
  throttling: z.boolean().optional(),
  throttleRate: rate.optional(),
  throttleRegions: z.array(z.string().min(1).max(64)).max(100).optional(),
  throttleServices: z
    .array(z.enum(['securityhub', 'guardduty', 'macie2', 'detective']))
    .max(4)
    .optional(),
  errorRate: rate.optional(),
  dropRate: rate.optional(),
  loseReplies: z.array(z.string().min(1).max(64)).max(100).optional(),
  loseRepliesAs: z.enum(['drop', 'internal-error', 'drop-unapplied']).optional(),
  holdReplies: z.array(z.string().min(1).max(64)).max(100).optional(),
  holdReplyMs: z.number().int().min(0).max(120_000).optional(),
  staleReadsAfterWrite: z.number().int().min(0).max(100).optional(),
});

/** The member-side writes whose change `staleReadsAfterWrite` keeps out of sight, in every service. */
const MEMBER_WRITES: ReadonlySet<string> = new Set([
  'AcceptAdministratorInvitation',
  'AcceptInvitation',
  'DeclineInvitations',
  'RejectInvitation',
  'DisassociateFromAdministratorAccount',
  'DisassociateFromMasterAccount',
  'DisassociateMembership',
]);
/** The member-side reads that answer from before such a write. */
const MEMBER_READS: ReadonlySet<string> = new Set(['GetAdministratorAccount', 'GetMasterAccount', 'ListInvitations']);

export const BUCKET_RATE_PER_S = 10;
export const BUCKET_BURST = 30;

interface Bucket {
  tokens: number;
  at: number;
}

export class FaultInjector {
  private faults: Faults = { ...NO_FAULTS };
  private readonly buckets = new Map<string, Bucket>();
  /** The last answer of each member-side read, by service, account, region and operation. */
  private readonly lastReads = new Map<string, unknown>();
  /** Member-side reads still to answer from before the last write, by service, account and region. */
  private readonly staleLeft = new Map<string, number>();

  constructor(
    initial: Partial<Faults> = {},
    private readonly random: () => number = Math.random,
  ) {
    this.set(initial);
  }

  /** Merges a partial update after validating it; throws a zod error naming the bad field. */
  set(update: Partial<Faults>): Faults {
    const parsed = faultsSchema.parse(update);
    const clean = Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined));
    this.faults = { ...this.faults, ...clean };
    if (!this.faults.throttling) this.buckets.clear();
    // Off again: reads answer the present state at once.
    if (this.faults.staleReadsAfterWrite === 0) {
      this.staleLeft.clear();
      this.lastReads.clear();
    }
    return this.get();
  }

  get(): Faults {
    return { ...this.faults };
  }

  /** Milliseconds to wait before answering. */
  delayMs(): number {
    const { latencyMs, latencyJitterMs } = this.faults;
    if (!latencyMs && !latencyJitterMs) return 0;
    return latencyMs + Math.floor(this.random() * (latencyJitterMs + 1));
  }

  shouldDrop(): boolean {
    return this.faults.dropRate > 0 && this.random() < this.faults.dropRate;
  }

  /** How the reply of this applied operation is lost, or null when it is sent. */
  lostReply(service: string, operation: string): Faults['loseRepliesAs'] | null {
    const { loseReplies, loseRepliesAs } = this.faults;
    const lost =
      loseReplies.includes('*') || loseReplies.includes(operation) || loseReplies.includes(`${service}:${operation}`);
    return lost ? loseRepliesAs : null;
  }

  /** How long the reply of this applied operation is held before it is sent (0: not held). */
  heldReplyMs(service: string, operation: string): number {
    const { holdReplies, holdReplyMs } = this.faults;
    const held =
      holdReplies.includes('*') || holdReplies.includes(operation) || holdReplies.includes(`${service}:${operation}`);
    return held ? holdReplyMs : 0;
  }

  /**
   * The answer to send for a request `staleReadsAfterWrite` may concern: a member-side read while
   * reads are left to answer from before a write gets the answer from then; otherwise `answer` (kept
   * as the last answer of a read; a write starts the count).
   */
  settledAnswer(service: string, operation: string, accountId: string, region: string, answer: unknown): unknown {
    const where = `${service} ${accountId}:${region}`;
    if (MEMBER_WRITES.has(operation)) {
      if (this.faults.staleReadsAfterWrite > 0) this.staleLeft.set(where, this.faults.staleReadsAfterWrite);
      return answer;
    }
    if (!MEMBER_READS.has(operation)) return answer;
    const key = `${where} ${operation}`;
    const left = this.staleLeft.get(where) ?? 0;
    if (left > 0 && this.lastReads.has(key)) {
      this.staleLeft.set(where, left - 1);
      return this.lastReads.get(key);
    }
    this.lastReads.set(key, structuredClone(answer));
    return answer;
  }

  shouldFail(): boolean {
    return this.faults.errorRate > 0 && this.random() < this.faults.errorRate;
  }

  /** True when this request is throttled: forced rate first, then the service's account-region bucket. */
  shouldThrottle(service: string, accountId: string, region: string, now = Date.now()): boolean {
    const { throttleRegions, throttleServices, throttleRate } = this.faults;
    const forced =
      (throttleRegions.length === 0 || throttleRegions.includes(region)) &&
      (throttleServices.length === 0 || throttleServices.includes(service));
    if (forced && throttleRate > 0 && this.random() < throttleRate) return true;
    if (!this.faults.throttling) return false;
    const key = `${service} ${accountId}:${region}`;
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: BUCKET_BURST, at: now };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(BUCKET_BURST, b.tokens + ((now - b.at) / 1000) * BUCKET_RATE_PER_S);
    b.at = now;
    if (b.tokens < 1) return true;
    b.tokens -= 1;
    return false;
  }
}
