/**
 * Faults a run can switch on and change while running: latency, AWS-like throttling (token bucket
 * per account-region), forced 429s, 500s and dropped connections.
 */
import { z } from 'zod';

export interface Faults {
  latencyMs: number;
  latencyJitterMs: number;
  /** Token bucket per account-region: 10 requests/s, burst 30 (Security Hub's documented rate). */
  throttling: boolean;
  /** 0..1: share of requests answered TooManyRequestsException 429 regardless of the bucket. */
  throttleRate: number;
  /** Regions the forced throttleRate applies to; empty: every region. */
  throttleRegions: string[];
  /** 0..1: share answered InternalException 500. */
  errorRate: number;
  /** 0..1: share whose connection is destroyed without an answer. */
  dropRate: number;
  /**
   * Security Hub operations (e.g. 'DeclineInvitations', or '*' for every one) whose reply is lost
   * AFTER the emulator applied them: the connection is destroyed, or a 500 is sent (`loseRepliesAs`);
   * or, with 'drop-unapplied', the connection is destroyed BEFORE anything is applied.
   */
  loseReplies: string[];
  loseRepliesAs: 'drop' | 'internal-error' | 'drop-unapplied';
}

export const NO_FAULTS: Faults = {
  latencyMs: 0,
  latencyJitterMs: 0,
  throttling: false,
  throttleRate: 0,
  throttleRegions: [],
  errorRate: 0,
  dropRate: 0,
  loseReplies: [],
  loseRepliesAs: 'drop',
};

const rate = z.number().min(0).max(1);
export const faultsSchema = z.strictObject({
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  latencyJitterMs: z.number().int().min(0).max(120_000).optional(),
  throttling: z.boolean().optional(),
  throttleRate: rate.optional(),
  throttleRegions: z.array(z.string().min(1).max(64)).max(100).optional(),
  errorRate: rate.optional(),
  dropRate: rate.optional(),
  loseReplies: z.array(z.string().min(1).max(64)).max(100).optional(),
  loseRepliesAs: z.enum(['drop', 'internal-error', 'drop-unapplied']).optional(),
});

export const BUCKET_RATE_PER_S = 10;
export const BUCKET_BURST = 30;

interface Bucket {
  tokens: number;
  at: number;
}

export class FaultInjector {
  private faults: Faults = { ...NO_FAULTS };
  private readonly buckets = new Map<string, Bucket>();

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
  lostReply(operation: string): Faults['loseRepliesAs'] | null {
    const { loseReplies, loseRepliesAs } = this.faults;
    return loseReplies.includes(operation) || loseReplies.includes('*') ? loseRepliesAs : null;
  }

  shouldFail(): boolean {
    return this.faults.errorRate > 0 && this.random() < this.faults.errorRate;
  }

  /** True when this request is throttled: forced rate first, then the account-region bucket. */
  shouldThrottle(accountRegion: string, now = Date.now()): boolean {
    const region = accountRegion.slice(accountRegion.indexOf(':') + 1);
    const forced = this.faults.throttleRegions.length === 0 || this.faults.throttleRegions.includes(region);
    if (forced && this.faults.throttleRate > 0 && this.random() < this.faults.throttleRate) return true;
    if (!this.faults.throttling) return false;
    let b = this.buckets.get(accountRegion);
    if (!b) {
      b = { tokens: BUCKET_BURST, at: now };
      this.buckets.set(accountRegion, b);
    }
    b.tokens = Math.min(BUCKET_BURST, b.tokens + ((now - b.at) / 1000) * BUCKET_RATE_PER_S);
    b.at = now;
    if (b.tokens < 1) return true;
    b.tokens -= 1;
    return false;
  }
}
