/**
 * What an activity entry may hold: what a caller hands to the log, and one line of activity.jsonl
 * as read back (lines written before entries named their service, their administrator, their counts
 * or the new outcomes included).
 *
 * Every field is stored whole: the log is what an auditor reads, and a cut account list or AWS
 * message is a lost fact. Screens shorten what they show; the file and its exports never do.
 */
import { z } from 'zod';
import { FIRST_SERVICE, SERVICE_ID_PATTERN } from '../../domain/ids';
import { ACTION_NAMES, ACTIVITY_OUTCOMES, type ActivityEntry } from '../../domain/types';

const count = z.number().int().min(0);
const countsSchema = z.strictObject({ done: count, skipped: count, refused: count, failed: count });

/** What a caller hands to ActivityLog.append. */
export const activityInputSchema = z.object({
  /**
   * The entry's id, when the caller chose it: a write recorded as pending before it was sent is
   * settled by a second line with the same id (the log reads them as one entry).
   */
  id: z.string().min(1).max(100).optional(),
  /** The service acted on; null for what belongs to none (a sign-in). */
  service: z.string().regex(SERVICE_ID_PATTERN).nullable(),
  profile: z.string().min(1),
  accountId: z.string().nullable(),
  region: z.string().min(1),
  action: z.enum(ACTION_NAMES),
  target: z.string().nullable(),
  outcome: z.enum(ACTIVITY_OUTCOMES),
  detail: z.string(),
  requestId: z.string().nullable(),
  administratorId: z.string().nullable().optional(),
  invitationId: z.string().nullable().optional(),
  counts: countsSchema.nullable().optional(),
});

export type ActivityInput = z.input<typeof activityInputSchema>;

/** Entries written before they named their service were Security Hub's, or a sign-in's. */
function fromEarlierVersions(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || 'service' in value) return value;
  const action = (value as { action?: unknown }).action;
  const noService = action === 'sso-sign-in' || action === 'sso-sign-out';
  return { ...value, service: noService ? null : FIRST_SERVICE };
}

/** One line of activity.jsonl. */
export const activityEntrySchema = z.preprocess(
  fromEarlierVersions,
  activityInputSchema.omit({ id: true }).extend({
    id: z.string().min(1).max(100),
    time: z.string().min(1).max(64),
    source: z.enum(['app', 'cli']),
    sentAt: z.string().max(64).nullable().optional(),
    pid: z.number().int().nullable().optional(),
  }),
) satisfies z.ZodType<ActivityEntry>;
