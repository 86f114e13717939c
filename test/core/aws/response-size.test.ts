/**
 * An answer far larger than any AWS answer (a hostile or broken endpoint) is cut off at the app's
 * HTTP handler: the real SDK, the app's clients, and a stand-in server on 127.0.0.1 streaming
 * 128 MB. The memory the call takes stays near the cap, the connection is closed early, and the
 * error names the endpoint and the limit.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListInvitationsCommand } from '@aws-sdk/client-securityhub';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AwsClients, createAwsClients } from '../../../main/core/aws/clients';
import { toAppError } from '../../../main/core/aws/errors';
import { MAX_RESPONSE_BYTES } from '../../../main/core/aws/http-handler';
import { securityHub } from '../../../main/core/services/securityhub';
import { answers, type HostileServer, startHostileServer, writeHostileAwsDir } from '../../helpers/hostile-server';

const HUGE = 128 * 1024 * 1024;
const MB = 1024 * 1024;

let server: HostileServer;
let dir: string;
let env: NodeJS.ProcessEnv;
let profile: string;
let clients: AwsClients | null = null;

beforeAll(async () => {
  server = await startHostileServer();
  dir = await mkdtemp(join(tmpdir(), 'shi-huge-'));
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

/** Clients made and used once on a normal answer, so their own memory is not counted below. */
async function warmClients(): Promise<AwsClients> {
  clients = createAwsClients({ env, promptMfa: () => Promise.reject(new Error('no MFA')), maxAttempts: 1 });
  await clients.listProfiles();
  server.route(() => answers.json({ Invitations: [] }));
  await clients.client(securityHub.sdk, profile, 'us-east-1').send(new ListInvitationsCommand({}));
  return clients;
}

function listInvitations(c: AwsClients): Promise<unknown> {
  return c
    .client(securityHub.sdk, profile, 'us-east-1')
    .send(new ListInvitationsCommand({}))
    .then(
      () => 'answered',
      (error: unknown) => error,
    );
}

/** The largest growth of this process's memory (heap and buffers) while `work` runs, sampled every 2 ms. */
async function peakGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  globalThis.gc?.();
  const base = used();
  let peak = base;
  const sampler = setInterval(() => {
    peak = Math.max(peak, used());
  }, 2);
  try {
    const result = await work();
    peak = Math.max(peak, used());
    return { result, growth: peak - base };
  } finally {
    clearInterval(sampler);
  }
}

describe('the response size limit', () => {
  it('is 10 MB, far above any real answer', () => {
    expect(MAX_RESPONSE_BYTES).toBe(10 * MB);
  });

  it('stops a chunked 128 MB answer after the limit: bounded memory, the connection closed, a clear error', async () => {
    const c = await warmClients();
    server.route(() => answers.hugeBody({ bytes: HUGE }));
    const { result: error, growth } = await peakGrowth(() => listInvitations(c));
    const appErr = toAppError(error);
    expect(appErr.message).toBe(
      `The answer from ${server.url}/invitations was larger than 10 MB, far more than AWS answers; it was not read further.`,
    );
    expect(appErr.kind).toBe('network');
    expect(appErr.remediation).toMatch(/endpoint_url|proxy/);
    const sent = server.responses.at(-1)!;
    await sent.closed;
    expect(sent.closedByClient).toBe(true);
    // The socket buffers hold a few MB at most past what was read.
    expect(sent.bytesSent).toBeLessThan(MAX_RESPONSE_BYTES + 8 * MB);
    // The limit's 10 MB collected plus socket reads not yet collected as garbage (about 33 MB here);
    // reading the whole answer, as the SDK does unguarded, took 384 MB.
    expect(growth).toBeLessThan(48 * MB);
    console.log(`huge body: ${(sent.bytesSent / MB).toFixed(1)} MB sent, peak growth ${(growth / MB).toFixed(1)} MB`);
  });

  it('refuses an answer whose Content-Length is over the limit before reading it', async () => {
    const c = await warmClients();
    server.route(() => answers.hugeBody({ bytes: HUGE, declareLength: true }));
    const error = await listInvitations(c);
    expect(toAppError(error).message).toMatch(/larger than 10 MB/);
    const sent = server.responses.at(-1)!;
    await sent.closed;
    expect(sent.closedByClient).toBe(true);
    expect(sent.bytesSent).toBeLessThan(8 * MB);
  });

  it('reads no further than a declared Content-Length within the limit, however much more is sent', async () => {
    const c = await warmClients();
    const declared = '{"Invitations":[]}';
    const more = Buffer.alloc(32 * MB, 'x');
    // Written on the socket itself: the server's own response object would refuse bytes past the length.
    server.route(() => (res, sent) => {
      const head = `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${declared.length}\r\n\r\n`;
      sent(declared.length + more.length);
      res.socket?.write(head + declared);
      res.socket?.end(more);
    });
    const { result, growth } = await peakGrowth(() => listInvitations(c));
    // The declared body is the answer; the bytes after it never reach the SDK.
    expect(result).toBe('answered');
    expect(growth).toBeLessThan(48 * MB);
  });

  it('leaves a normal answer alone', async () => {
    const c = await warmClients();
    server.route(() => answers.json({ Invitations: [{ AccountId: '111111111111', MemberStatus: 'Invited' }] }));
    expect(await listInvitations(c)).toBe('answered');
  });
});
