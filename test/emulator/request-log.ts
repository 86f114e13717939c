/**
 * Every request the emulator answered (or dropped), for assertions. Capped so long runs stay bounded
 * (default 100,000 entries; the benchmark's large run raises it with the CLI's --log-cap). Beside it,
 * running counts of the answers by service and error code, which the cap does not trim: a benchmark
 * reads how many answers were AccessDeniedException (each one an event in the account's CloudTrail).
 */

export type LoggedService =
  | 'securityhub'
  | 'guardduty'
  | 'macie2'
  | 'detective'
  | 'sts'
  | 'organizations'
  | 'iam'
  | 'sso'
  | 'sso-oidc'
  | 'sso-authorize';

export interface RequestLogEntry {
  /** When the answer went out (the log is in this order). */
  time: string;
  /** When the request arrived, before any latency a fault adds: which calls were in flight together. */
  receivedAt: string;
  /** The signing name for AWS services (securityhub, guardduty, macie2, detective, sts, organizations, iam). */
  service: LoggedService;
  operation: string;
  accountId: string | null;
  region: string | null;
  /** 0 when the connection was dropped on purpose. */
  status: number;
  errorCode: string | null;
  /** The request carried a NextToken: a further page of a listing, not a new read. */
  nextPage: boolean;
}

export const DEFAULT_LOG_CAP = 100_000;

/** The key successful answers are counted under in answersByCode. */
export const OK = 'OK';

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  /** service -> error code (or OK) -> answers. */
  private readonly counts = new Map<string, Map<string, number>>();

  constructor(private readonly cap = DEFAULT_LOG_CAP) {}

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    // Trim in chunks so a full log does not cost a copy per request.
    if (this.entries.length > this.cap + this.cap / 10) this.entries = this.entries.slice(-this.cap);
    let byCode = this.counts.get(entry.service);
    if (!byCode) {
      byCode = new Map();
      this.counts.set(entry.service, byCode);
    }
    const code = entry.errorCode ?? OK;
    byCode.set(code, (byCode.get(code) ?? 0) + 1);
  }

  list(): RequestLogEntry[] {
    return this.entries.slice(-this.cap);
  }

  /** Answers by error code (successes under "OK") since the last clear, for one service or all. */
  answersByCode(service?: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, byCode] of this.counts) {
      if (service !== undefined && name !== service) continue;
      for (const [code, n] of byCode) out[code] = (out[code] ?? 0) + n;
    }
    return out;
  }

  clear(): void {
    this.entries = [];
    this.counts.clear();
  }
}
