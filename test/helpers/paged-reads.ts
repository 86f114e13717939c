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
  /** Where the answer carries the next token, as the wire spells it (NextToken unless given; GuardDuty's is nextToken). */
  tokenField?: string;
  /**
   * A page's entries, for answers that hold some: what one entry of the listing looks like (an
   * object, or a bare string where the listing is of ids, as GuardDuty's ListDetectors).
   */
  entry: Record<string, unknown> | string;
  /** A string field of an object `entry` the listing keeps (a megabyte page pads it). */
  bulkyField?: string;
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
/** A restJson request whose path has a detector id (any: a hostile ListDetectors names its own). */
const onDetector = (method: string, rest: string) => (req: HostileRequest) =>
  req.method === method && new RegExp(`^/detector/[^/]+${rest}$`).test(req.path);

/** An entry of `read` whose bulky part is `text` (the entry itself where the listing is of strings). */
export function bulkyEntry(read: PagedRead, text: string): unknown {
  if (typeof read.entry === 'string') return text;
  if (!read.bulkyField) throw new Error(`${read.operation}: an entry that is an object needs its bulkyField`);
  return { ...read.entry, [read.bulkyField]: text };
}

const post = (path: string) => (req: HostileRequest) => req.method === 'POST' && req.path === path;
/** The behavior graph Detective's `around` names: the AWS CLI's list-graphs example (awscli/examples/detective/list-graphs.rst). */
const DETECTIVE_GRAPH = 'arn:aws:detective:us-east-1:111122223333:graph:123412341234';

/** The detector `around` names: the AWS CLI's list-detectors example (awscli/examples/guardduty/list-detectors.rst). */
const GUARDDUTY_DETECTOR = '12abc34d567e8fa901bc2d34eexample';

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
  // GuardDuty, restJson with lowerCamel JSON names (botocore guardduty/2017-11-28 service-2.json:
  // each operation's http method and requestUri, each member's locationName; paginators-1.json pages
  // all three on NextToken, `nextToken` on the wire).
  guardduty: {
    // Every read but ListInvitations needs the account's detector first: ListDetectors names one
    // (when ListDetectors is not itself the read under test). GetAdministratorAccount's answer is the
    // default empty object: "it will return success (HTTP 200) but no content" for an administrator
    // or a standalone account (the GetAdministratorAccount API reference, main/core/services/guardduty/schemas.ts).
    around: (req) => (get('/detector')(req) ? { detectorIds: [GUARDDUTY_DETECTOR] } : null),
    reads: [
      {
        // GET /detector; DetectorIds (`detectorIds`) is a list of strings, at most 50.
        operation: 'ListDetectors',
        matches: get('/detector'),
        page: { detectorIds: [] },
        tokenField: 'nextToken',
        entry: GUARDDUTY_DETECTOR,
        // A row read asks for the detector on a new client; the backend keeps a detector it has read
        // for its client (detectors.ts), so a channel would not ask again.
        doors: ['status'],
      },
      {
        // GET /invitation; Invitation: accountId, invitationId, relationshipStatus, invitedAt.
        operation: 'ListInvitations',
        matches: get('/invitation'),
        page: { invitations: [] },
        tokenField: 'nextToken',
        entry: {
          accountId: '222222222222',
          invitationId: 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4',
          relationshipStatus: 'Invited',
          invitedAt: '2026-01-02T03:04:05.000Z',
        },
        bulkyField: 'relationshipStatus',
        doors: ['status'],
      },
      {
        // GET /detector/{DetectorId}/member; Member: accountId, detectorId, masterId, administratorId,
        // email, relationshipStatus, invitedAt, updatedAt.
        operation: 'ListMembers',
        matches: onDetector('GET', '/member'),
        page: { members: [] },
        tokenField: 'nextToken',
        entry: {
          accountId: '333333333333',
          detectorId: GUARDDUTY_DETECTOR,
          masterId: '111111111111',
          administratorId: '111111111111',
          email: 'member@example.com',
          relationshipStatus: 'Enabled',
          invitedAt: '2026-01-02T03:04:05.000Z',
          updatedAt: '2026-01-02T03:04:05.000Z',
        },
        bulkyField: 'email',
        doors: ['status', 'members:list'],
      },
    ],
    chunked: [
      {
        // POST /detector/{DetectorId}/member/get; AccountIds (`accountIds`) holds 1 to 50.
        operation: 'GetMembers',
        matches: onDetector('POST', '/member/get'),
        perCall: 50,
      },
    ],
  },
  // Macie, restJson with lowerCamel JSON names (botocore macie2/2020-01-01 service-2.json: GET
  // /invitations and GET /members, maxResults 1–25; paginators-1.json pages both on nextToken).
  macie: {
    // GetMacieSession's default empty answer is Macie on (no "Macie is not enabled." refusal).
    around: () => null,
    reads: [
      {
        // Invitation: accountId, invitationId, invitedAt, relationshipStatus.
        operation: 'ListInvitations',
        matches: get('/invitations'),
        page: { invitations: [] },
        tokenField: 'nextToken',
        entry: {
          accountId: '222222222222',
          invitationId: 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4',
          invitedAt: '2026-01-02T03:04:05.000Z',
          relationshipStatus: 'Invited',
        },
        bulkyField: 'relationshipStatus',
        doors: ['status'],
      },
      {
        // Member: accountId, administratorAccountId, arn, email, invitedAt, masterAccountId,
        // relationshipStatus, tags, updatedAt.
        operation: 'ListMembers',
        matches: get('/members'),
        page: { members: [] },
        tokenField: 'nextToken',
        entry: {
          accountId: '333333333333',
          administratorAccountId: '111111111111',
          arn: 'arn:aws:macie2:us-east-1:111111111111:member/333333333333',
          email: 'member@example.com',
          relationshipStatus: 'Enabled',
          invitedAt: '2026-01-02T03:04:05.000Z',
          updatedAt: '2026-01-02T03:04:05.000Z',
        },
        bulkyField: 'email',
        // members:get of more than 25 accounts reads the whole listing too (GetMember takes one account).
        doors: ['status', 'members:list'],
      },
    ],
    // GetMember takes one account a call and is sent only for a few; more are read from ListMembers.
    chunked: [],
  },
  // Detective, restJson with PascalCase JSON names, every listing a POST with NextToken and
  // MaxResults in the body (botocore detective/2018-10-26 service-2.json: requestUri of each; its
  // paginators-1.json is empty, the JS SDK pages them all the same).
  detective: {
    // ListMembers needs the account's behavior graph first: ListGraphs names one (when ListGraphs is
    // not itself the read under test); the AWS CLI's list-graphs example's ARN.
    around: (req) => (post('/graphs/list')(req) ? { GraphList: [{ Arn: DETECTIVE_GRAPH }] } : null),
    reads: [
      {
        // GraphList: Graph { Arn, CreatedTime }.
        operation: 'ListGraphs',
        matches: post('/graphs/list'),
        page: { GraphList: [] },
        entry: { Arn: DETECTIVE_GRAPH, CreatedTime: '2026-01-02T03:04:05Z' },
        bulkyField: 'Arn',
        doors: ['status', 'members:list'],
      },
      {
        // Invitations: MemberDetail, as ListMembers.
        operation: 'ListInvitations',
        matches: post('/invitations/list'),
        page: { Invitations: [] },
        entry: {
          AccountId: '222222222222',
          AdministratorId: '111111111111',
          GraphArn: DETECTIVE_GRAPH,
          Status: 'INVITED',
          InvitedTime: '2026-01-02T03:04:05Z',
          InvitationType: 'INVITATION',
        },
        bulkyField: 'Status',
        doors: ['status'],
      },
      {
        operation: 'ListMembers',
        matches: post('/graph/members/list'),
        page: { MemberDetails: [] },
        entry: {
          AccountId: '333333333333',
          EmailAddress: 'member@example.com',
          AdministratorId: '111111111111',
          GraphArn: DETECTIVE_GRAPH,
          Status: 'ENABLED',
          InvitedTime: '2026-01-02T03:04:05Z',
          UpdatedTime: '2026-01-02T03:04:05Z',
          InvitationType: 'INVITATION',
        },
        bulkyField: 'EmailAddress',
        doors: ['status', 'members:list'],
      },
    ],
    // GetMembers: GraphArn and AccountIds (1 to 50).
    chunked: [{ operation: 'GetMembers', matches: post('/graph/members/get'), perCall: 50 }],
  },
};
