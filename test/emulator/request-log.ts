/**
 * Every request the emulator answered (or dropped), for assertions. Capped so long runs stay bounded
 * (default 100,000 entries; the benchmark's large run raises it with the CLI's --log-cap).
 */

export interface RequestLogEntry {
  time: string;
  service: 'securityhub' | 'sts' | 'sso' | 'sso-oidc' | 'sso-authorize';
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

export class RequestLog {
  private entries: RequestLogEntry[] = [];

  constructor(private readonly cap = DEFAULT_LOG_CAP) {}

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    // Trim in chunks so a full log does not cost a copy per request.
    if (this.entries.length > this.cap + this.cap / 10) this.entries = this.entries.slice(-this.cap);
  }

  list(): RequestLogEntry[] {
    return this.entries.slice(-this.cap);
  }

  clear(): void {
    this.entries = [];
  }
}
