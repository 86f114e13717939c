/**
 * Serves published AWS answers (fixtures.ts) to the real SDK on 127.0.0.1. Security Hub operations
 * are recognised by the method and path the SDK's own service schema gives them, STS actions by
 * their Action parameter. A request nothing was planned for is answered 501 and recorded, so a test
 * sees it instead of a hang.
 *
 * Errors are rendered in one of the framings the restJson1 protocol lets a service use
 * (https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html, "Operation error serialization"):
 * the X-Amzn-ErrorType header (with a ':'-suffix clients must ignore), a `code` member, or a
 * `__type` member carrying a shape id. The sources quote code and message, not the framing, so the
 * app must read all three.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as securityHubModel from '@aws-sdk/client-securityhub';
import type { Fixture } from './fixtures';

export type Framing = 'header' | 'code-member' | 'type-member';
export const FRAMINGS: Framing[] = ['header', 'code-member', 'type-member'];

export interface Reply {
  fixture: Fixture;
  framing?: Framing;
  /** Text substitutions applied to the body, each one named by the test that makes it. */
  replace?: [from: string, to: string][];
}

/** Operation (`securityhub:ListInvitations`, `sts:GetCallerIdentity`, or `securityhub:*`) -> replies in turn (the last repeats). */
export type Plan = Record<string, Reply | Reply[]>;

/** The answers AWS gives once a write has been served: `{ 'securityhub:AcceptAdministratorInvitation': {...} }`. */
export type AfterWrite = Record<string, Plan>;

export interface ReplayedRequest {
  operation: string;
  method: string;
  path: string;
  body: string;
  status: number;
}

export interface Replay {
  url: string;
  requests: ReplayedRequest[];
  operations(prefix?: string): string[];
  stop(): Promise<void>;
}

/** "GET /administrator" -> "GetAdministratorAccount", from the schemas @aws-sdk/client-securityhub exports. */
function securityHubRoutes(): Map<string, string> {
  const routes = new Map<string, string>();
  for (const [key, value] of Object.entries(securityHubModel)) {
    if (!key.endsWith('$') || !Array.isArray(value) || value[0] !== 9) continue;
    const http = (value[3] as { http?: [string, string, number] } | undefined)?.http;
    if (http) routes.set(`${http[0]} ${http[1]}`, value[2] as string);
  }
  return routes;
}

const ROUTES = securityHubRoutes();

function operationOf(method: string, url: URL, body: string): string {
  if (method === 'POST' && url.pathname === '/') {
    const action = new URLSearchParams(body).get('Action');
    return `sts:${action ?? 'unknown'}`;
  }
  return `securityhub:${ROUTES.get(`${method} ${url.pathname}`) ?? `unknown ${method} ${url.pathname}`}`;
}

function applyReplacements(text: string, replace: Reply['replace']): string {
  let out = text;
  for (const [from, to] of replace ?? []) {
    if (!out.includes(from)) throw new Error(`replay: "${from}" does not occur in the fixture's body`);
    out = out.split(from).join(to);
  }
  return out;
}

function errorReply(fixture: Fixture & { error: { code: string; message: string } }, framing: Framing) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const { code, message } = fixture.error;
  if (framing === 'header') {
    headers['x-amzn-errortype'] = `${code}:http://internal.amazon.com/coral/com.amazonaws.securityhub/`;
    return { headers, body: JSON.stringify({ message }) };
  }
  if (framing === 'code-member') return { headers, body: JSON.stringify({ Code: code, Message: message }) };
  return { headers, body: JSON.stringify({ __type: `com.amazonaws.securityhub#${code}`, message }) };
}

function render(reply: Reply): { status: number; headers: Record<string, string>; body: string } {
  const { fixture } = reply;
  if ('error' in fixture) {
    const { headers, body } = errorReply(fixture, reply.framing ?? 'header');
    return { status: fixture.status, headers, body: applyReplacements(body, reply.replace) };
  }
  const text = typeof fixture.body === 'string' ? fixture.body : JSON.stringify(fixture.body);
  const headers = { 'content-type': 'application/json', ...fixture.headers };
  return { status: fixture.status, headers, body: applyReplacements(text, reply.replace) };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startReplay(initial: Plan, afterWrite: AfterWrite = {}): Promise<Replay> {
  const requests: ReplayedRequest[] = [];
  const served = new Map<string, number>();
  let plan = initial;
  const next = (operation: string): Reply | null => {
    const planned = plan[operation] ?? (operation.startsWith('securityhub:') ? plan['securityhub:*'] : undefined);
    if (!planned) return null;
    const list = Array.isArray(planned) ? planned : [planned];
    const count = served.get(operation) ?? 0;
    served.set(operation, count + 1);
    return list[Math.min(count, list.length - 1)] ?? null;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const operation = operationOf(req.method ?? 'GET', url, body);
    const reply = next(operation);
    if (reply && reply.fixture.operation !== operation && !reply.fixture.operation.endsWith(':*')) {
      throw new Error(`${reply.fixture.name} answers ${reply.fixture.operation}, not ${operation}`);
    }
    const out = reply
      ? render(reply)
      : { status: 501, headers: { 'content-type': 'text/plain' }, body: `replay: nothing planned for ${operation}` };
    requests.push({ operation, method: req.method ?? '', path: url.pathname, body, status: out.status });
    const changed = afterWrite[operation];
    if (changed && out.status < 300) {
      // The state after the write: later reads get these answers, counted afresh.
      plan = { ...plan, ...changed };
      for (const key of Object.keys(changed)) served.delete(key);
    }
    res.writeHead(out.status, { ...out.headers, 'x-amzn-requestid': `replay-${requests.length}` });
    res.end(out.body);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`replay: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    operations: (prefix = '') => requests.map((r) => r.operation).filter((op) => op.startsWith(prefix)),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
