/**
 * Every paged read of every registered service, as the hostile stand-in server sees it on the wire,
 * and how the app reaches it: the endless-pagination tests (test/core/services/endless-pagination.test.ts)
 * and the hostile-answer fuzz suite (test/fuzz/hostile-answers.test.ts) drive each from this list.
 *
 * Reads sent in chunks of the accounts asked for (GetMembers) are listed beside them: a hostile
 * answer cannot make them send more than the chunks.
 *
 * A service's paged reads are the operations its folder pages with `readPages` (found in its source,
 * so a new listing that is not here fails the coverage test): a new service is one entry below, a
 * new listing one line in its entry.
 */
import type { HostileRequest } from './hostile-server';

/** The app's door that sends the read: a row read (`status`, a refresh), or a channel of its own. */
export type PagedReadDoor = 'status' | 'members:list' | 'products:list';

export interface PagedRead {
  /** The operation, as the service's `readPages` names it. */
  operation: string;
  /** The request on the wire (restJson: method and path; JSON 1.1: X-Amz-Target's operation). */
  matches(req: HostileRequest): boolean;
  /** A page without its token: the listing's own field, empty (the token field is `tokenField`). */
  page: Record<string, unknown>;
  /** Where the answer carries the next token (NextToken for Security Hub, GuardDuty, Detective). */
  tokenField?: string;
  /** A page's entries, for answers that hold some: what one entry of the listing looks like. */
  entry: Record<string, unknown>;
  /** A string field of `entry` the listing keeps (a megabyte page pads it). */
  bulkyField: string;
  /** The doors that send it (the first is used where one is enough). */
  doors: readonly PagedReadDoor[];
}

/** A read sent in chunks of the accounts asked for (GetMembers): bounded by the request, not by AWS. */
export interface ChunkedRead {
  operation: string;
  matches(req: HostileRequest): boolean;
  /** Accounts per call. */
  perCall: number;
}

export interface ServicePagedReads {
  /**
   * The answer to every other request of the service that the paged reads need first (GuardDuty's
   * detector, a hub that is on), or null for the default: an empty JSON object.
   */
  around(req: HostileRequest): Record<string, unknown> | null;
  reads: readonly PagedRead[];
  /** Reads in chunks of the accounts asked for, through `members:get`. */
  chunked: readonly ChunkedRead[];
}

const get = (path: string) => (req: HostileRequest) => req.method === 'GET' && req.path === path;

/** Keyed by the registry's service id. */
export const PAGED_READS: Record<string, ServicePagedReads> = {
  // Security Hub CSPM, restJson (botocore securityhub/2018-10-26 service-2.json: requestUri of each).
  securityhub: {
    around: () => null,
    reads: [
      {
        operation: 'ListInvitations',
        matches: get('/invitations'),
        page: { Invitations: [] },
        entry: {
          AccountId: '222222222222',
          InvitationId: 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4',
          InvitedAt: '2026-01-02T03:04:05Z',
          MemberStatus: 'Invited',
        },
        bulkyField: 'MemberStatus',
        doors: ['status'],
      },
      {
        operation: 'ListMembers',
        matches: get('/members'),
        page: { Members: [] },
        entry: {
          AccountId: '333333333333',
          Email: 'member@example.com',
          AdministratorId: '111111111111',
          MemberStatus: 'Enabled',
          InvitedAt: '2026-01-02T03:04:05Z',
          UpdatedAt: '2026-01-02T03:04:05Z',
        },
        bulkyField: 'Email',
        doors: ['status', 'members:list'],
      },
      {
        operation: 'DescribeProducts',
        matches: get('/products'),
        page: { Products: [] },
        entry: {
          ProductArn: 'arn:aws:securityhub:us-east-1::product/example/example',
          ProductName: 'Example',
          CompanyName: 'Example Corp',
        },
        bulkyField: 'Description',
        doors: ['products:list'],
      },
    ],
    chunked: [
      {
        operation: 'GetMembers',
        matches: (req) => req.method === 'POST' && req.path === '/members/get',
        perCall: 50,
      },
    ],
  },
};
