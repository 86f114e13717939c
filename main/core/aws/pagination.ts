/**
 * Every page of a listing, for any service: the SDK's own paginator makes each page's request (the
 * token and the page size where the service wants them), each page is one call through the caller's
 * runner (so the scheduler's priority, backoff, timeout and cancellation apply per page), and each
 * page is checked against a schema. The app drives the paginator one page at a time, starting it at
 * the page's token: a page the scheduler tries again (a throttled answer) is asked for afresh, which
 * a generator that has thrown could not do.
 *
 * A listing ends when AWS gives no next token. It is stopped, with an error the row shows, when AWS
 * gives a token it gave before (a hostile or broken endpoint could hand back the same token forever,
 * or two in turn; botocore refuses the first case too: "The same next token was received twice"),
 * when it goes past PAGE_CAP pages (a new token every page, forever), or when its pages add up to
 * more than LISTING_BUDGET (each answer is under 10 MB, response-cap.ts, but a thousand of them are
 * not): the app reads a bounded number of requests and keeps a bounded amount, whatever the answers say.
 */
import type { z } from 'zod';
import { AppErrorException, appError } from '../../domain/errors';
import { type CallContext, classify, parse, requestIdOf } from './call';

/**
 * The most pages one listing reads. The longest real listings are an Organizations administrator's
 * members, 10,000 per region: 200 pages at Security Hub CSPM's and GuardDuty's 50 a page, 400 at
 * Macie's 25. A thousand leaves that a margin of 2.5 times; past it, the endpoint is not behaving
 * like AWS.
 */
export const PAGE_CAP = 1000;

/**
 * The most a listing keeps, counted as the characters of its pages' values: 10,000 members at a few
 * hundred characters each are about 3 million, a region's product catalogue under a million. Past
 * 32 million, the pages are not AWS's (a thousand answers of nearly 10 MB each would otherwise all
 * be kept).
 */
export const LISTING_BUDGET = 32 * 1024 * 1024;

/** The options the SDK paginator passes to each `send`: the abort signal of the page being read. */
export interface PageSendOptions {
  abortSignal?: AbortSignal;
}

export interface PagesRead<P> {
  pages: P[];
  /** The request id of the last page read. */
  requestId: string | null;
}

export interface ReadPagesOptions {
  /** Tokens already used (a first page read on its own): a page naming one of them again stops the listing. */
  seen?: readonly string[];
  pageCap?: number;
  /** The listing's budget (LISTING_BUDGET unless given), in `weightOf` units. */
  budget?: number;
  /** An error that means "nothing here" (the listing is then what was read so far). */
  meansNothing?: (error: unknown) => boolean;
}

/**
 * Reads every page. `open` starts the SDK's paginator at a token (`paginateListX({ client, pageSize,
 * startingToken }, input, sendOptions)`), `sendOptions` carrying the page's own abort signal; the
 * first page starts at `firstToken` (undefined: the listing's start).
 */
export async function readPages<S extends z.ZodType>(
  ctx: CallContext,
  operation: string,
  schema: S,
  open: (sendOptions: PageSendOptions, startingToken: string | undefined) => AsyncGenerator<unknown>,
  tokenOf: (page: z.output<S>) => string | null | undefined,
  options: ReadPagesOptions & { firstToken?: string } = {},
): Promise<PagesRead<z.output<S>>> {
  const cap = options.pageCap ?? PAGE_CAP;
  const budget = options.budget ?? LISTING_BUDGET;
  const seen = new Set(options.seen ?? []);
  const read: z.output<S>[] = [];
  let kept = 0;
  // Pages read before this call (a first page read on its own), for the count the row shows.
  const before = options.seen?.length ?? 0;
  let previous: string | null = options.firstToken ?? null;
  let requestId: string | null = null;
  let token = options.firstToken;
  for (;;) {
    let step: IteratorResult<unknown>;
    try {
      const at = token;
      step = await ctx.run(operation, async (abortSignal) => {
        const pages = open({ abortSignal }, at);
        try {
          return await pages.next();
        } finally {
          await pages.return(undefined);
        }
      });
    } catch (error) {
      if (options.meansNothing?.(error)) {
        requestId = requestIdOf(error) ?? requestId;
        break;
      }
      throw new AppErrorException(classify(error, ctx, operation));
    }
    if (step.done) break;
    const page = parse(schema, operation, step.value);
    read.push(page);
    kept += weightOf(page);
    requestId = requestIdOf(step.value) ?? requestId;
    const next = tokenOf(page);
    if (!next) break;
    const stop = next === previous ? 'same' : seen.has(next) ? 'repeated' : before + read.length >= cap ? 'cap' : null;
    if (stop) throw new AppErrorException(stoppedListing(operation, before + read.length, stop, budget));
    if (kept > budget) throw new AppErrorException(stoppedListing(operation, before + read.length, 'budget', budget));
    seen.add(next);
    previous = next;
    token = next;
  }
  return { pages: read, requestId };
}

type StopReason = 'same' | 'repeated' | 'cap' | 'budget';

/** Why a listing was stopped, in the row's words. */
function reasonOf(why: StopReason, pages: number, budget: number): string {
  switch (why) {
    case 'same':
      return `AWS kept answering with the same page token (as botocore refuses: 'The same next token was received twice')`;
    case 'repeated':
      return 'AWS answered with a page token it had given before, so the listing would go round forever';
    case 'cap':
      return `AWS kept giving a new page token, ${pages} pages in, more than any AWS listing holds`;
    case 'budget':
      return `its pages added up to more than ${sizeText(budget)}, more than any AWS listing holds`;
  }
}

function sizeText(budget: number): string {
  const mb = budget / (1024 * 1024);
  return mb >= 1 ? `${Math.round(mb)} MB` : `${budget} characters`;
}

function stoppedListing(operation: string, pages: number, why: StopReason, budget: number) {
  return appError(
    'internal',
    `The app stopped reading ${operation} after ${pages} page${pages === 1 ? '' : 's'}: ${reasonOf(why, pages, budget)}. What was read is not shown, as it is not the whole list.`,
    {
      remediation: 'Try again later; if it stays, the endpoint is not answering as AWS does (check endpoint_url).',
      retryable: true,
    },
  );
}

/**
 * How much a parsed page holds: the characters of its strings and keys, and a little for every
 * other value. A walk over the page (each answer is under 10 MB), without serialising it again.
 */
export function weightOf(value: unknown): number {
  let weight = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') weight += item.length;
    else if (Array.isArray(item)) {
      weight += 8;
      for (const element of item) stack.push(element);
    } else if (item !== null && typeof item === 'object') {
      weight += 8;
      for (const [key, element] of Object.entries(item)) {
        weight += key.length;
        stack.push(element);
      }
    } else weight += 8;
  }
  return weight;
}
