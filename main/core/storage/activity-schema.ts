/**
 * What an activity entry may hold: what a caller hands to the log, and one line of activity.jsonl
 * as read back (lines written before entries named their service included).
 */
import { z } from 'zod';
import { FIRST_SERVICE, SERVICE_ID_PATTERN } from '../../domain/ids';
import { ACTIVITY_TEXT_MAX, PROFILE_NAME_MAX, REGION_MAX, SHORT_TEXT_MAX, truncateVisibly } from '../../domain/limits';
import { ACTION_NAMES, type ActivityEntry } from '../../domain/types';

/**
 * An activity entry is never dropped for its length: the action it records has already happened.
 * A field longer than its limit is cut and ends in TRUNCATED_SUFFIX, so the cut is visible.
 */
const fitted = (max: number) => z.string().transform((text) => truncateVisibly(text, max));
const nullableText = fitted(SHORT_TEXT_MAX).nullable();

/** What a caller hands to ActivityLog.append. */
export const activityInputSchema = z.object({
  /** The service acted on; null for what belongs to none (a sign-in). */
  service: z.string().regex(SERVICE_ID_PATTERN).nullable(),
  profile: z.string().min(1).pipe(fitted(PROFILE_NAME_MAX)),
  accountId: nullableText,
  region: z.string().min(1).pipe(fitted(REGION_MAX)),
  action: z.enum(ACTION_NAMES),
  target: fitted(ACTIVITY_TEXT_MAX).nullable(),
  outcome: z.enum(['succeeded', 'failed', 'refused']),
  detail: fitted(ACTIVITY_TEXT_MAX),
  requestId: nullableText,
});

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
  activityInputSchema.extend({
    id: z.string().min(1).max(100),
    time: z.string().min(1).max(64),
    source: z.enum(['app', 'cli']),
  }),
) satisfies z.ZodType<ActivityEntry>;
