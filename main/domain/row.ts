/**
 * The row, declared once: one service read for one profile in one region. The schema below is the
 * row's TypeScript type (ServiceRow), the check every stored row passes before it is written, and
 * the reader of snapshots.json — rows written by earlier versions included (`fromEarlierVersions`).
 *
 * Loading is lenient, because the file is a cache of AWS answers, not user input: the identity
 * fields (service, profile, region, state, fetchedAt) must be right or the row is left out; a
 * detail that does not fit falls back to "unknown". Unknown fields are stripped, so nothing but row
 * fields is ever written.
 *
 * A row lists its administrators: Security Hub CSPM, GuardDuty and Macie allow a member account one
 * administrator per region, so their rows list at most one; Detective lets an account contribute to
 * several behavior graphs at once, one administrator each. One list serves both: every reader (the
 * watch, the window, the command line) walks the same field whatever the service.
 *
 * Imported for its types by the window (`import type`): the window bundles no zod.
 */
import { z } from 'zod';
import { APP_ERROR_KINDS } from './errors';
import { FIRST_SERVICE, SERVICE_ID_PATTERN } from './ids';
import { MESSAGE_MAX, PROFILE_NAME_MAX, REGION_MAX } from './limits';

/**
 * What a row says of its service in its region: on, off, a region the account has not enabled, the
 * service blocked there by an organization's policy (a service control policy denies it), or unread.
 */
export const ROW_STATES = ['on', 'off', 'region-not-enabled', 'blocked', 'error'] as const;
export type RowState = (typeof ROW_STATES)[number];

const text = z.string().max(MESSAGE_MAX);
const optionalText = text.nullable().catch(null);

/** The kind "Security Hub is off" had before every service could be off. */
const renamedKinds: Record<string, string> = { 'hub-off': 'service-off' };

export const storedAppErrorSchema = z.object({
  kind: z
    .preprocess((kind) => (typeof kind === 'string' ? (renamedKinds[kind] ?? kind) : kind), z.enum(APP_ERROR_KINDS))
    .catch('unknown'),
  message: text.catch('Unreadable stored error.'),
  remediation: optionalText,
  command: optionalText,
  retryable: z.boolean().catch(false),
  awsCode: text.optional().catch(undefined),
  requestId: text.optional().catch(undefined),
  action: text.optional().catch(undefined),
});

/**
 * An administrator of the row's account. `invitationId` is the service's own reference to the
 * invitation behind the relationship (Detective: the behavior graph's ARN), opaque to every layer but
 * the service's folder.
 */
export const administratorSchema = z.object({
  accountId: text,
  invitationId: optionalText,
  invitedAt: optionalText,
  /** As AWS sent it (main/domain/statuses.ts compares it). */
  memberStatus: text,
  /**
   * The organization manages this membership: its delegated administrator enrolled the account
   * through AWS Organizations (no invitation behind it), so the account cannot leave — only the
   * delegated administrator can remove it. Told by the service's reads, or learnt from AWS refusing
   * a leave; absent: not known to be.
   */
  viaOrganization: z.boolean().optional().catch(undefined),
});

/** An invitation the account received; `accountId` is the inviting administrator's. */
export const invitationSchema = z.object({
  accountId: text,
  invitationId: text,
  invitedAt: optionalText,
  memberStatus: text,
});

/** How a member account joined: an invitation it accepted, or its organization (AWS Organizations). */
export const JOINED_BY = ['invitation', 'organizations'] as const;
export type JoinedBy = (typeof JOINED_BY)[number];

export const memberSchema = z.object({
  accountId: text,
  email: optionalText,
  /** AdministratorId, or MasterId when only the deprecated field is present. */
  administratorId: optionalText,
  masterId: optionalText,
  memberStatus: text,
  invitedAt: optionalText,
  updatedAt: optionalText,
  /**
   * How the account became a member, where the service's answer shows it (each service decides from
   * what its sources document); absent or null: the answer does not say.
   */
  joinedBy: z.enum(JOINED_BY).nullish().catch(null),
});

/** A row's member list; an unusable one becomes null (unknown), the row stays. */
export const membersSchema = z.array(memberSchema).nullable().catch(null);

export const ROW_PARTS = ['administrator', 'invitations', 'members'] as const;

/**
 * Rows written before the app read more than Security Hub CSPM: no `service` (they are Security
 * Hub's), the state under `hub`, one `administrator` instead of the list, and three fields no longer
 * read (`hubArn`, `subscribedAt`, `invitationsCount`), which the schema strips.
 */
function fromEarlierVersions(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const row = value as Record<string, unknown>;
  if ('service' in row && 'state' in row && 'administrators' in row) return row;
  const upgraded: Record<string, unknown> = { ...row };
  if (!('service' in row)) upgraded.service = FIRST_SERVICE;
  if (!('state' in row) && 'hub' in row) upgraded.state = row.hub;
  if (!('administrators' in row)) {
    const one = row.administrator;
    upgraded.administrators = one === null || one === undefined ? [] : [one];
  }
  return upgraded;
}

const partialErrorSchema = z.object({ part: z.enum(ROW_PARTS), error: storedAppErrorSchema });

/** The parts a row keeps as lists, with the sentence a part says when a value of it cannot be kept. */
const KEPT_PARTS = [
  {
    field: 'administrators',
    part: 'administrator',
    schema: z.array(administratorSchema),
    says: 'AWS named an administrator',
    empty: [],
  },
  {
    field: 'pendingInvitations',
    part: 'invitations',
    schema: z.array(invitationSchema),
    says: 'AWS listed an invitation',
    empty: [],
  },
  { field: 'members', part: 'members', schema: z.array(memberSchema), says: 'AWS listed a member', empty: null },
] as const;

/**
 * A part whose values the row cannot keep (a value longer than MESSAGE_MAX, or of the wrong type)
 * is not stored as empty — "no administrator", "no invitations", "no members" would be false — but
 * as unknown: the part is emptied (members: null) and a partial error says why. Applied to every
 * row read (main/core/rows/read-row.ts) and to every stored row as it is read, so the row the
 * window shows, the one stored and the one loaded say the same.
 */
export function unknownWhereUnkept<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const row = value as Record<string, unknown>;
  const unkept = KEPT_PARTS.filter(
    ({ field, schema }) =>
      row[field] !== undefined &&
      row[field] !== null &&
      !(schema.safeParse(row[field]).success && textFits(row[field])),
  );
  if (unkept.length === 0) return value;
  const earlier = Array.isArray(row.partialErrors)
    ? row.partialErrors.filter((p) => partialErrorSchema.safeParse(p).success)
    : [];
  const kept: Record<string, unknown> = { ...row };
  for (const { field, empty } of unkept) kept[field] = empty;
  kept.partialErrors = [
    ...earlier.filter((p) => !unkept.some((u) => u.part === (p as { part: string }).part)),
    ...unkept.map(({ part, says }) => ({
      part,
      error: {
        kind: 'internal',
        message: `${says} with a value the app cannot keep (longer than ${MESSAGE_MAX.toLocaleString('en-US')} characters, or not text), so the ${part === 'administrator' ? 'administrator is' : `${part} are`} unknown.`,
        remediation:
          'Check the account in the AWS console; if the value is really there, the endpoint is not answering as AWS does.',
        command: null,
        retryable: false,
      },
    })),
  ];
  return kept as T;
}

/**
 * Every text in a part within MESSAGE_MAX: the schemas read an over-long optional field (an e-mail,
 * an invitation id) as null, which would say "none" of a value that was there.
 */
function textFits(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') {
      if (item.length > MESSAGE_MAX) return false;
    } else if (item !== null && typeof item === 'object') stack.push(...Object.values(item));
  }
  return true;
}

export const rowSchema = z.preprocess(
  (value) => unknownWhereUnkept(fromEarlierVersions(value)),
  z.object({
    service: z.string().regex(SERVICE_ID_PATTERN),
    profile: z.string().min(1).max(PROFILE_NAME_MAX),
    region: z.string().min(1).max(REGION_MAX),
    accountId: optionalText,
    arn: optionalText,
    state: z.enum(ROW_STATES),
    /** Security Hub CSPM, GuardDuty, Macie: at most one. Detective: one per behavior graph. */
    administrators: z.array(administratorSchema).catch([]),
    /** Invitations still waiting for an answer (main/domain/statuses.ts: Invited). */
    pendingInvitations: z.array(invitationSchema).catch([]),
    /** Member accounts when this account administers the region (all statuses); null when unknown. */
    members: membersSchema,
    /** The row-level failure (credentials, region, the service's state). */
    error: storedAppErrorSchema.nullable().catch(null),
    /** Failures of single reads that left the rest of the row usable (e.g. members denied). */
    partialErrors: z.array(partialErrorSchema).catch([]),
    /** Plain sentences about how the row was read, e.g. a deprecated operation's fallback. */
    notes: z.array(text).catch([]),
    /**
     * When AWS refused to turn the service on (or off) because a central configuration policy of the
     * organization governs the account here: only the delegated administrator changes it, so nothing
     * offers to. Learnt from that refusal and kept for a day; absent: not known to be.
     */
    centrallyManagedSince: z.string().max(64).optional().catch(undefined),
    /**
     * AWS took a write here (accept, decline, leave) whose change its reads had not shown yet when the
     * app stopped reading again (main/core/actions/settling.ts): the window says "Settling…" until the
     * next read of the row. Absent: nothing is waiting.
     */
    settling: z.boolean().optional().catch(undefined),
    fetchedAt: z.string().min(1).max(64),
    /** Loaded from the last session and not refreshed yet. */
    stale: z.boolean().catch(true),
  }),
);

export type ServiceRow = z.output<typeof rowSchema>;
export type AdministratorInfo = z.output<typeof administratorSchema>;
export type InvitationInfo = z.output<typeof invitationSchema>;
export type MemberInfo = z.output<typeof memberSchema>;
export type RowPart = (typeof ROW_PARTS)[number];
