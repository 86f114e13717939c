/**
 * Every page of a listing, for any service: the SDK's own paginator makes each page's request (the
 * token and the page size where the service wants them), each page is one call through the caller's
 * runner (so the scheduler's priority, backoff, timeout and cancellation apply per page), and each
 * page is checked against a schema. The app drives the paginator one page at a time, starting it at
 * the page's token: a page the scheduler tries again (a throttled answer) is asked for afresh, which
 * a generator that has thrown could not do.
 *
 * A listing ends when AWS gives no next token. It is stopped, with an error, when AWS gives a token it
 * gave before (a hostile or broken endpoint could hand back the same token forever, or two in turn)
 * or when it goes past PAGE_CAP pages: the app reads a bounded amount, whatever the answers say.
 */
import type { z } from 'zod';
import { AppErrorException, appError } from '../../domain/errors';
import { type CallContext, classify, parse, requestIdOf } from './call';

/**
 * The most pages one listing reads: 10,000 members (an Organizations administrator's most, per
 * region) at 50 a page is 200 pages; past a thousand, the endpoint is not behaving like AWS.
 */
export const PAGE_CAP = 1000;

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
  const seen = new Set(options.seen ?? []);
  const read: z.output<S>[] = [];
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
    requestId = requestIdOf(step.value) ?? requestId;
    const next = tokenOf(page);
    if (!next) break;
    if (seen.has(next)) throw new AppErrorException(stoppedListing(operation, read.length, 'repeated'));
    seen.add(next);
    if (read.length >= cap) throw new AppErrorException(stoppedListing(operation, read.length, 'cap'));
    token = next;
  }
  return { pages: read, requestId };
}

function stoppedListing(operation: string, pages: number, why: 'repeated' | 'cap') {
  const reason =
    why === 'repeated'
      ? `AWS gave a page token it had already given (after ${pages} pages)`
      : `it went on past ${pages} pages`;
  return appError('internal', `The app stopped reading ${operation}: ${reason}.`, {
    remediation: 'Try again later; if it stays, the endpoint is not answering as AWS does (check endpoint_url).',
    retryable: true,
  });
}
