/**
 * Serves published AWS answers (fixtures.ts) to the real SDK on 127.0.0.1. Security Hub, GuardDuty,
 * Macie and Detective operations are recognised by the signing service of the request and the method
 * and path the SDK's own service schema gives them; the unsigned SSO portal (ListAccounts,
 * ListAccountRoles, GetRoleCredentials) by its path in the SSO client's schema; STS and IAM actions by
 * their Action parameter (query protocol); Organizations operations by their X-Amz-Target (JSON 1.1).
 * A request nothing was planned for is answered 501 and recorded, so a test sees it instead of a hang.
 *
 * Errors are rendered in one of the framings the restJson1 protocol lets a service use
 * (https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html, "Operation error serialization"):
 * the X-Amzn-ErrorType header (with a ':'-suffix clients must ignore), a `code` member, or a
 * `__type` member carrying a shape id. awsJson1_1 (Organizations) reads the same three places. The
 * sources quote code and message, not the framing, so the app must read all three. STS and IAM errors
 * are the query protocol's one XML form (`<ErrorResponse><Error><Code>…`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as detectiveModel from '@aws-sdk/client-detective';
import * as guardDutyModel from '@aws-sdk/client-guardduty';
import * as macieModel from '@aws-sdk/client-macie2';
import * as securityHubModel from '@aws-sdk/client-securityhub';
import * as ssoModel from '@aws-sdk/client-sso';
import { RouteTable } from '../emulator/route-table';
import { parseAuthorization } from '../emulator/sigv4';
import type { Fixture } from './fixtures';

export type Framing = 'header' | 'code-member' | 'type-member';
export const FRAMINGS: Framing[] = ['header', 'code-member', 'type-member'];

export interface Reply {
  fixture: Fixture;
  framing?: Framing;
  /** Text substitutions applied to the body, each one named by the test that makes it. */
  replace?: [from: string, to: string][];
}

/**
 * Operation (`securityhub:ListInvitations`, `guardduty:ListDetectors`, `sts:GetCallerIdentity`, or
 * `<service>:*` for every operation of a service) -> replies in turn (the last repeats).
 */
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

/** The services served, by signing name, and the models their operations' routes come from. */
const MODELS = {
  securityhub: securityHubModel,
  guardduty: guardDutyModel,
  macie2: macieModel,
  detective: detectiveModel,
} as const;
export type ReplayService = keyof typeof MODELS;
const SERVICES = Object.keys(MODELS) as ReplayService[];

/** "GET /detector/{DetectorId}/administrator" -> "GetAdministratorAccount", from the schemas the SDK client exports. */
function routesOf(model: Record<string, unknown>): RouteTable<string> {
  const entries: [string, string][] = [];
  for (const [key, value] of Object.entries(model)) {
    if (!key.endsWith('$') || !Array.isArray(value) || value[0] !== 9) continue;
    const http = (value[3] as { http?: [string, string, number] } | undefined)?.http;
    if (http) entries.push([`${http[0]} ${http[1].split('?')[0]}`, value[2] as string]);
  }
  return new RouteTable(entries);
}

const ROUTES = Object.fromEntries(SERVICES.map((s) => [s, routesOf(MODELS[s])])) as Record<
  ReplayService,
  RouteTable<string>
>;
/** The SSO portal's operations are unsigned: they are recognised by path alone. */
const SSO_ROUTES = routesOf(ssoModel);

const ORGANIZATIONS_TARGET = 'AWSOrganizationsV20161128.';

/** The query protocol's services (Action in the form body) by signing name. */
const QUERY_SERVICES = new Set(['sts', 'iam']);

function operationOf(req: IncomingMessage, url: URL, body: string): string {
  const method = req.method ?? 'GET';
  const signing = parseAuthorization(req.headers.authorization)?.service;
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string' && target.startsWith(ORGANIZATIONS_TARGET)) {
    return `organizations:${target.slice(ORGANIZATIONS_TARGET.length)}`;
  }
  if ((signing && QUERY_SERVICES.has(signing)) || (method === 'POST' && url.pathname === '/' && !signing)) {
    const action = new URLSearchParams(body).get('Action');
    return `${signing === 'iam' ? 'iam' : 'sts'}:${action ?? 'unknown'}`;
  }
  const portal = signing ? null : SSO_ROUTES.match(method, url.pathname)?.route;
  if (portal) return `sso:${portal}`;
  const service = SERVICES.find((s) => s === signing) ?? 'securityhub';
  const operation = ROUTES[service].match(method, url.pathname)?.route;
  return `${service}:${operation ?? `unknown ${method} ${url.pathname}`}`;
}

const serviceOf = (operation: string) => operation.slice(0, operation.indexOf(':'));

function applyReplacements(text: string, replace: Reply['replace']): string {
  let out = text;
  for (const [from, to] of replace ?? []) {
    if (!out.includes(from)) throw new Error(`replay: "${from}" does not occur in the fixture's body`);
    out = out.split(from).join(to);
  }
  return out;
}

function errorReply(
  fixture: Fixture & { error: { code: string; message: string } },
  framing: Framing,
  service: string,
) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const { code, message } = fixture.error;
  if (framing === 'header') {
    headers['x-amzn-errortype'] = `${code}:http://internal.amazon.com/coral/com.amazonaws.${service}/`;
    return { headers, body: JSON.stringify({ message }) };
  }
  if (framing === 'code-member') return { headers, body: JSON.stringify({ Code: code, Message: message }) };
  return { headers, body: JSON.stringify({ __type: `com.amazonaws.${service}#${code}`, message }) };
}

const xmlEscape = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The query protocol's error document (STS's and IAM's, each in its own namespace). */
function queryErrorReply(fixture: Fixture & { error: { code: string; message: string } }, service: string) {
  const namespace =
    service === 'iam' ? 'https://iam.amazonaws.com/doc/2010-05-08/' : 'https://sts.amazonaws.com/doc/2011-06-15/';
  const type = fixture.status >= 500 ? 'Receiver' : 'Sender';
  const { code, message } = fixture.error;
  return {
    headers: { 'content-type': 'text/xml' },
    body: `<ErrorResponse xmlns="${namespace}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>replay</RequestId></ErrorResponse>`,
  };
}

/** Each protocol's success content type: JSON 1.1 for Organizations, XML for the query protocol. */
const CONTENT_TYPES: Record<string, string> = {
  organizations: 'application/x-amz-json-1.1',
  iam: 'text/xml',
  sts: 'text/xml',
};

function render(reply: Reply, service: string): { status: number; headers: Record<string, string>; body: string } {
  const { fixture } = reply;
  if ('error' in fixture) {
    const { headers, body } = QUERY_SERVICES.has(service)
      ? queryErrorReply(fixture, service)
      : errorReply(fixture, reply.framing ?? 'header', service);
    if (service === 'organizations') headers['content-type'] = CONTENT_TYPES.organizations!;
    return { status: fixture.status, headers, body: applyReplacements(body, reply.replace) };
  }
  const text = typeof fixture.body === 'string' ? fixture.body : JSON.stringify(fixture.body);
  const headers = { 'content-type': CONTENT_TYPES[service] ?? 'application/json', ...fixture.headers };
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
    const planned =
      plan[operation] ?? (QUERY_SERVICES.has(serviceOf(operation)) ? undefined : plan[`${serviceOf(operation)}:*`]);
    if (!planned) return null;
    const list = Array.isArray(planned) ? planned : [planned];
    const count = served.get(operation) ?? 0;
    served.set(operation, count + 1);
    return list[Math.min(count, list.length - 1)] ?? null;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const operation = operationOf(req, url, body);
    const reply = next(operation);
    if (reply && reply.fixture.operation !== operation && !reply.fixture.operation.endsWith(':*')) {
      throw new Error(`${reply.fixture.name} answers ${reply.fixture.operation}, not ${operation}`);
    }
    const out = reply
      ? render(reply, serviceOf(operation))
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
