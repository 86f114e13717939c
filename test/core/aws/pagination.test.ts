/**
 * Every page of a listing, through the SDK's own paginator against answers we serve (the AWS CLI's
 * list-invitations example, its NextToken changed page by page): the listing ends when AWS gives no
 * token, and stops — with an error, having asked for no more pages — when an endpoint hands back a
 * token it gave before (the same one forever, or two in turn) or goes past the page cap.
 */
import { paginateListInvitations, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallContext } from '../../../main/core/aws/call';
import { LISTING_BUDGET, PAGE_CAP, readPages, weightOf } from '../../../main/core/aws/pagination';
import { securityHub } from '../../../main/core/services/securityhub';
import { schemas } from '../../../main/core/services/securityhub/schemas';
import { AppErrorException } from '../../../main/domain/errors';
import { fixture } from '../../replay/fixtures';
import { type Replay, type Reply, startReplay } from '../../replay/server';

let replay: Replay | undefined;
afterEach(async () => {
  await replay?.stop();
  replay = undefined;
});

/** The example's one invitation, on a page that names `token` as the next (none: the last page). */
const page = (token: string | null): Reply => ({
  fixture: fixture('list-invitations.aws-cli'),
  ...(token ? { replace: [['{"Invitations":', `{"NextToken":"${token}","Invitations":`]] } : {}),
});

/** The NextToken each request carried, as the SDK built it. */
let tokensSent: (string | undefined)[] = [];

async function listAll(replies: Reply[], pageCap?: number, budget?: number) {
  tokensSent = [];
  replay = await startReplay({ 'securityhub:ListInvitations': replies });
  const client = new SecurityHubClient({
    endpoint: replay.url,
    region: 'us-west-1',
    credentials: { accessKeyId: 'AKIAI44QH8DHBEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    maxAttempts: 1,
  });
  client.middlewareStack.add(
    (next) => async (args) => {
      tokensSent.push((args.input as { NextToken?: string }).NextToken);
      return next(args);
    },
    { step: 'initialize', name: 'recordNextToken' },
  );
  const ctx: CallContext = {
    target: securityHub,
    profile: 'replay',
    region: 'us-west-1',
    identityOk: true,
    run: (_operation, call) => call(undefined),
  };
  return readPages(
    ctx,
    'ListInvitations',
    schemas.ListInvitations,
    (sendOptions, startingToken) => paginateListInvitations({ client, pageSize: 50, startingToken }, {}, sendOptions),
    (p) => p.NextToken,
    { ...(pageCap ? { pageCap } : {}), ...(budget ? { budget } : {}) },
  );
}

const askedFor = () => (replay as Replay).requests.filter((r) => r.operation === 'securityhub:ListInvitations');

async function stopped(read: Promise<unknown>): Promise<string> {
  const error = await read.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppErrorException))
    throw new Error(`expected the listing to be stopped, got ${String(error)}`);
  return error.appError.message;
}

describe('readPages', () => {
  it('reads page after page until AWS gives no token, each page asked for with the one before’s token', async () => {
    const read = await listAll([page('t1'), page('t2'), page(null)]);
    expect(read.pages).toHaveLength(3);
    expect(read.pages.flatMap((p) => p.Invitations ?? [])).toHaveLength(3);
    expect(askedFor()).toHaveLength(3);
    expect(tokensSent).toEqual([undefined, 't1', 't2']);
  });

  it('stops at a token AWS gave before, the same one forever', async () => {
    const message = await stopped(listAll([page('same')]));
    expect(message).toBe(
      "The app stopped reading ListInvitations after 2 pages: AWS kept answering with the same page token (as botocore refuses: 'The same next token was received twice'). What was read is not shown, as it is not the whole list.",
    );
    expect(askedFor()).toHaveLength(2);
  });

  it('stops at a token AWS gave before, two in turn', async () => {
    const message = await stopped(listAll([page('a'), page('b'), page('a')]));
    expect(message).toMatch(/after 3 pages: AWS answered with a page token it had given before/);
    expect(askedFor()).toHaveLength(3);
  });

  it('stops past the page cap, however new each token is', async () => {
    const message = await stopped(listAll([page('t1'), page('t2'), page('t3'), page('t4'), page(null)], 3));
    expect(message).toMatch(/after 3 pages: AWS kept giving a new page token, 3 pages in/);
    expect(askedFor()).toHaveLength(3);
  });

  it('stops once the pages add up to more than the listing’s budget', async () => {
    const one = weightOf((await listAll([page('t1')].concat(page(null)))).pages[0]);
    await replay?.stop();
    const message = await stopped(
      listAll([page('t1'), page('t2'), page('t3'), page('t4'), page(null)], undefined, one * 2),
    );
    expect(message).toMatch(/after 3 pages: its pages added up to more than \d+ characters/);
    expect(askedFor()).toHaveLength(3);
  });

  it('lets the longest real listing through: 10,000 members at 50 a page, and at Macie’s 25', () => {
    expect(PAGE_CAP).toBeGreaterThanOrEqual(2 * (10_000 / 25));
    expect(LISTING_BUDGET).toBeGreaterThan(10 * 10_000 * 300);
  });
});
