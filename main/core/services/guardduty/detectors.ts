/**
 * The account's GuardDuty detector in a region: "a unique detector is required in each region"
 * (GuardDuty concepts), every member and administrator call but ListInvitations and
 * DeclineInvitations names it, and none is there while GuardDuty is off (ListDetectors answers an
 * empty list).
 *
 * A detector id, once read, is kept for the client it was read with (one profile in one region), so
 * the rows and actions after the first read do not ask ListDetectors again: a detector lives until
 * someone deletes it. "None" is never kept (GuardDuty may be turned on elsewhere at any time). A kept
 * id AWS no longer knows ("…detectorId is not owned by the current account.") is dropped, and a read
 * asks once more; a write is never sent a second time.
 */
import type { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { paginateListDetectors } from '@aws-sdk/client-guardduty';
import { type AppError, AppErrorException, appError, isAppErrorException } from '../../../domain/errors';
import { readPages } from '../../aws/pagination';
import type { ServiceContext } from '../service';
import { schemas } from './schemas';

type Context = ServiceContext<GuardDutyClient>;

interface Entry {
  id: Promise<string | null>;
}

/** Detector ids by client (WeakMap: a client let go takes its entry with it). */
const detectors = new WeakMap<object, Entry>();

function drop(ctx: Context, entry: Entry): void {
  if (detectors.get(ctx.client) === entry) detectors.delete(ctx.client);
}

/** ListDetectors: the account's detector in the region, or null (GuardDuty off). */
async function listDetector(ctx: Context): Promise<string | null> {
  const { pages } = await readPages(
    ctx,
    'ListDetectors',
    schemas.ListDetectors,
    (sendOptions, startingToken) =>
      paginateListDetectors({ client: ctx.client, pageSize: 50, startingToken }, {}, sendOptions),
    (page) => page.NextToken,
  );
  return pages.flatMap((page) => page.DetectorIds ?? [])[0] ?? null;
}

function entryOf(ctx: Context): Entry {
  const known = detectors.get(ctx.client);
  if (known) return known;
  // Callers reading at once (the administrator and the members of one row) share one ListDetectors.
  const entry: Entry = { id: listDetector(ctx) };
  detectors.set(ctx.client, entry);
  entry.id.then(
    (id) => {
      if (id === null) drop(ctx, entry);
    },
    () => drop(ctx, entry),
  );
  return entry;
}

/** Whether a detector id is kept for this client (no ListDetectors is needed to use it). */
export function knowsDetector(ctx: Context): boolean {
  return detectors.has(ctx.client);
}

/** The detector (kept, else read), or null: GuardDuty is off. */
export function detectorOf(ctx: Context): Promise<string | null> {
  return entryOf(ctx).id;
}

/** The detector as AWS has it now (the kept one forgotten first): after a write whose answer was lost. */
export function freshDetector(ctx: Context): Promise<string | null> {
  const known = detectors.get(ctx.client);
  if (known) drop(ctx, known);
  return detectorOf(ctx);
}

/** A detector just created (CreateDetector) is the one the next calls use. */
export function keepDetector(ctx: Context, detectorId: string): void {
  detectors.set(ctx.client, { id: Promise.resolve(detectorId) });
}

/** AWS says the detector named is not this account's in this region (deleted since it was read). */
export function isForeignDetector(error: AppError | unknown): boolean {
  const appErr = isAppErrorException(error) ? error.appError : (error as AppError | null);
  return (
    appErr?.awsCode === 'BadRequestException' &&
    typeof appErr.message === 'string' &&
    /detectorId is not owned by the current account/i.test(appErr.message)
  );
}

/**
 * A read on the detector: null when there is none. A kept detector AWS no longer knows is dropped
 * and the read made once more with the one ListDetectors names now (`read` lets that refusal through).
 */
export async function readOnDetector<T>(
  ctx: Context,
  read: (detectorId: string) => Promise<T>,
): Promise<{ detectorId: string; value: T } | null> {
  for (let attempt = 0; ; attempt++) {
    const entry = entryOf(ctx);
    const detectorId = await entry.id;
    if (detectorId === null) return null;
    try {
      return { detectorId, value: await read(detectorId) };
    } catch (error) {
      if (attempt > 0 || !isForeignDetector(error)) throw error;
      drop(ctx, entry);
    }
  }
}

/**
 * A write on the detector, sent once: a kept detector AWS no longer knows is dropped and the write
 * refused with that reason (nothing was changed: AWS refused it), so the person reads the row again.
 */
export async function writeOnDetector<T>(
  ctx: Context,
  detectorId: string,
  write: (detectorId: string) => Promise<T>,
): Promise<T> {
  try {
    return await write(detectorId);
  } catch (error) {
    if (!isForeignDetector(error)) throw error;
    const kept = detectors.get(ctx.client);
    if (kept) drop(ctx, kept);
    throw new AppErrorException(
      appError(
        'refused',
        `The GuardDuty detector ${detectorId} in ${ctx.region} is no longer this account's (deleted since it was read); nothing was changed.`,
        { remediation: 'Read the row again, then try again.', awsCode: 'BadRequestException' },
      ),
    );
  }
}
