/**
 * The hostile stand-in does what its answers promise, seen through the real SDK and the app's
 * clients: the same NextToken every time, values with controls and bidi marks delivered intact, a
 * slow drip that takes its time, and a hang the app's request timeout ends.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListInvitationsCommand } from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AwsClients, createAwsClients } from '../../main/core/aws/clients';
import { toAppError } from '../../main/core/aws/errors';
import { securityHub } from '../../main/core/services/securityhub';
import { answers, HOSTILE_TEXT, type HostileServer, startHostileServer, writeHostileAwsDir } from './hostile-server';

let server: HostileServer;
let dir: string;
let env: NodeJS.ProcessEnv;
let profile: string;
let clients: AwsClients | null = null;

beforeAll(async () => {
  server = await startHostileServer();
  dir = await mkdtemp(join(tmpdir(), 'shi-hostile-'));
  ({ env, profile } = await writeHostileAwsDir(dir, server.url));
});
afterAll(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  clients?.dispose();
  clients = null;
});

async function make(requestTimeoutMs?: number): Promise<AwsClients> {
  clients = createAwsClients({
    env,
    promptMfa: () => Promise.reject(new Error('no MFA')),
    maxAttempts: 1,
    ...(requestTimeoutMs ? { requestTimeoutMs } : {}),
  });
  await clients.listProfiles();
  return clients;
}

describe('the hostile stand-in server', () => {
  it('names the same next page forever', async () => {
    const c = await make();
    server.route(() => answers.endlessToken({ Invitations: [] }));
    const hub = c.client(securityHub.sdk, profile, 'us-east-1');
    const first = await hub.send(new ListInvitationsCommand({}));
    const second = await hub.send(new ListInvitationsCommand({ NextToken: first.NextToken }));
    expect(first.NextToken).toBe('the-same-next-token');
    expect(second.NextToken).toBe(first.NextToken);
    expect(server.requests.at(-1)?.query.get('NextToken')).toBe('the-same-next-token');
  });

  it('delivers control characters and bidi overrides intact, and tells the operation of a query call', async () => {
    const c = await make();
    const id = `1111${HOSTILE_TEXT.rightToLeftOverride}2222`;
    server.route((req) =>
      req.action === 'GetCallerIdentity'
        ? answers.callerIdentity('111111111111')
        : answers.json({ Invitations: [{ AccountId: id, MemberStatus: HOSTILE_TEXT.lineBreaks }] }),
    );
    const who = await c.sts(profile, 'us-east-1').send(new GetCallerIdentityCommand({}));
    expect(who.Account).toBe('111111111111');
    const answer = await c.client(securityHub.sdk, profile, 'us-east-1').send(new ListInvitationsCommand({}));
    expect(answer.Invitations?.[0]).toMatchObject({ AccountId: id, MemberStatus: 'ok\rforged\nrow' });
  });

  it('drips a body slowly', async () => {
    server.route(() => answers.slowDrip('{"Invitations":[]}', { bytesPerTick: 6, tickMs: 40 }));
    const started = Date.now();
    const text = await fetch(`${server.url}/invitations`).then((r) => r.text());
    expect(text).toBe('{"Invitations":[]}');
    // Three writes of 6 bytes, one every 40 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(server.responses.at(-1)?.bytesSent).toBe(18);
  });

  it('hangs until the app’s request timeout gives up', async () => {
    const c = await make(300);
    server.route(() => answers.hang());
    const error = await c
      .client(securityHub.sdk, profile, 'us-east-1')
      .send(new ListInvitationsCommand({}))
      .catch((e: unknown) => e);
    expect(toAppError(error).kind).toBe('timeout');
    const response = server.responses.at(-1)!;
    await response.closed;
    expect(response).toMatchObject({ bytesSent: 0, closedByClient: true });
  });
});
