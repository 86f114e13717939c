/**
 * A hostile stand-in for an AWS endpoint on 127.0.0.1, for tests of what a broken or malicious
 * answer can do to the app: the real SDK is pointed at it (a profile's endpoint_url, see
 * `writeHostileAwsDir`) and each request is answered by the route the test sets.
 *
 *   const server = await startHostileServer();
 *   server.route((req) => (req.action === 'GetCallerIdentity' ? answers.callerIdentity('111111111111')
 *                                                              : answers.hugeBody({ bytes: 1 << 30 })));
 *
 * Answers: a plain JSON or XML body (with `HOSTILE_TEXT` values in it: controls, bidi overrides,
 * formula cells), the same NextToken forever, a huge body (optionally declared in Content-Length),
 * a slow drip of bytes, and a hang (headers never sent). Every answer honours backpressure and stops
 * writing when the client goes away, so the server itself holds no more than one chunk per response:
 * a test in this process can measure the client's memory.
 *
 * It signs nothing and checks no signature: it is not an emulator of AWS, only of a bad answer.
 */

import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface HostileRequest {
  method: string;
  /** The path without the query. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The operation where the protocol names it: X-Amz-Target's last part, or a query protocol's Action. */
  action: string | null;
}

/** What the server did with one response. */
export interface HostileResponse {
  request: HostileRequest;
  /** Body bytes written to the socket. */
  bytesSent: number;
  /** The client closed the connection before the answer was complete (or the answer never ends). */
  closedByClient: boolean;
  /** Settles when the response is over (sent whole, or the connection closed): read the fields then. */
  closed: Promise<void>;
}

/** Writes one answer. Built by `answers.*`; a test may write its own. */
export type Answer = (res: http.ServerResponse, sent: (bytes: number) => void) => void;

export interface HostileServer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Every request, in order. */
  requests: HostileRequest[];
  /** Every response, in order, with what was sent. */
  responses: HostileResponse[];
  /** How the next requests are answered (default: an empty JSON object). */
  route(answer: (req: HostileRequest) => Answer): void;
  stop(): Promise<void>;
}

/** Values an AWS answer should never be trusted to be free of: each breaks a naive display. */
export const HOSTILE_TEXT = {
  /** U+202E RIGHT-TO-LEFT OVERRIDE: "1111<RLO>2222" is read as "11112222" reversed after the mark. */
  rightToLeftOverride: '\u202e',
  /** U+2066 LEFT-TO-RIGHT ISOLATE … U+2069 POP DIRECTIONAL ISOLATE. */
  isolates: '\u2066\u2067\u2068\u2069',
  /** ESC [ 2 J: clears a terminal screen. */
  clearScreen: '\u001b[2J',
  /** OSC 8 hyperlink: a terminal shows "ok" and links elsewhere. */
  hyperlink: '\u001b]8;;https://evil.example/\u0007ok\u001b]8;;\u0007',
  /** C1 CSI (U+009B): a control sequence on terminals that honour 8-bit controls. */
  c1Csi: '\u009b31m',
  /** A carriage return rewrites the line it is on; a line feed forges a new row. */
  lineBreaks: 'ok\rforged\nrow',
  nul: '\u0000',
  /** A cell a spreadsheet runs. */
  formula: '=HYPERLINK("https://evil.example/","click")',
} as const;

const SAME_TOKEN = 'the-same-next-token';

export const answers = {
  /** A JSON answer (restJson and JSON 1.0/1.1 services read the same). */
  json(body: unknown, options: { status?: number; headers?: Record<string, string> } = {}): Answer {
    return fixed(
      JSON.stringify(body),
      {
        'content-type': 'application/json',
        ...(options.headers ?? {}),
      },
      options.status,
    );
  },
  /** An XML answer (STS and the other query-protocol services). */
  xml(body: string, options: { status?: number } = {}): Answer {
    return fixed(body, { 'content-type': 'text/xml' }, options.status);
  },
  /** STS GetCallerIdentity for `account`, so credential checks pass and the hostile part is reached. */
  callerIdentity(account: string): Answer {
    return answers.xml(
      `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>` +
        `<Arn>arn:aws:iam::${account}:user/hostile</Arn><UserId>AIDAHOSTILE</UserId><Account>${account}</Account>` +
        `</GetCallerIdentityResult><ResponseMetadata><RequestId>hostile</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
    );
  },
  /**
   * A page that always names the same next page: `page` is the body without the token; the token
   * goes in `field` (NextToken for Security Hub, GuardDuty, Macie, Detective's restJson answers).
   */
  endlessToken(page: Record<string, unknown>, options: { field?: string; token?: string } = {}): Answer {
    return answers.json({ ...page, [options.field ?? 'NextToken']: options.token ?? SAME_TOKEN });
  },
  /**
   * A body of `bytes` bytes (default: until the client stops reading, at most 4 GiB): `prefix`, then
   * `filler` repeated. With `declareLength` the size is sent in Content-Length up front; without it
   * the body is chunked, as a stream of unknown length.
   */
  hugeBody(
    options: { bytes?: number; declareLength?: boolean; prefix?: string; filler?: string; chunkBytes?: number } = {},
  ): Answer {
    const total = options.bytes ?? 4 * 1024 ** 3;
    const prefix = Buffer.from(options.prefix ?? '{"Invitations":[');
    const unit = options.filler ?? '{"AccountId":"111111111111","InvitationId":"x","MemberStatus":"Invited"},';
    const chunkBytes = options.chunkBytes ?? 64 * 1024;
    // One chunk, allocated once and written again and again: the server holds no more than this.
    const chunk = Buffer.from(unit.repeat(Math.ceil(chunkBytes / unit.length))).subarray(0, chunkBytes);
    return (res, sent) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        ...(options.declareLength ? { 'content-length': String(total) } : {}),
      });
      let written = 0;
      const write = (bytes: Buffer) => {
        written += bytes.length;
        sent(bytes.length);
        return res.write(bytes);
      };
      const pump = () => {
        while (!res.destroyed && written < total) {
          const left = total - written;
          const part = written === 0 ? prefix.subarray(0, left) : chunk.subarray(0, Math.min(chunk.length, left));
          if (!write(part)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end();
      };
      pump();
    };
  },
  /** `body`, `bytesPerTick` bytes every `tickMs`: each read is short, the whole answer takes forever. */
  slowDrip(body: string, options: { bytesPerTick?: number; tickMs?: number; status?: number } = {}): Answer {
    const bytes = Buffer.from(body);
    const step = options.bytesPerTick ?? 1;
    return (res, sent) => {
      res.writeHead(options.status ?? 200, {
        'content-type': 'application/json',
        'content-length': String(bytes.length),
      });
      let at = 0;
      const timer = setInterval(() => {
        if (res.destroyed) return void clearInterval(timer);
        const part = bytes.subarray(at, at + step);
        at += part.length;
        sent(part.length);
        res.write(part);
        if (at >= bytes.length) {
          clearInterval(timer);
          res.end();
        }
      }, options.tickMs ?? 1000);
      res.once('close', () => clearInterval(timer));
    };
  },
  /** Reads the request and never answers: no status line, no headers. */
  hang(): Answer {
    return () => undefined;
  },
};

function fixed(text: string, headers: Record<string, string>, status = 200): Answer {
  const bytes = Buffer.from(text);
  return (res, sent) => {
    res.writeHead(status, { ...headers, 'content-length': String(bytes.length) });
    sent(bytes.length);
    res.end(bytes);
  };
}

function actionOf(headers: http.IncomingHttpHeaders, body: string): string | null {
  const target = headers['x-amz-target'];
  if (typeof target === 'string') return target.split('.').pop() ?? null;
  if (String(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    return new URLSearchParams(body).get('Action');
  }
  return null;
}

export async function startHostileServer(): Promise<HostileServer> {
  const requests: HostileRequest[] = [];
  const responses: HostileResponse[] = [];
  let route: (req: HostileRequest) => Answer = () => answers.json({});
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = Buffer.concat(parts).toString('utf8');
      const request: HostileRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        action: actionOf(req.headers, body),
      };
      requests.push(request);
      const record = { request, bytesSent: 0, closedByClient: false } as HostileResponse;
      record.closed = new Promise<void>((resolve) =>
        res.once('close', () => {
          record.closedByClient = !res.writableFinished;
          resolve();
        }),
      );
      responses.push(record);
      route(request)(res, (bytes) => {
        record.bytesSent += bytes;
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    responses,
    route(answer) {
      route = answer;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * AWS files in `dir` with one profile, `hostile`, whose every service endpoint is the server (static
 * keys: no credential call reaches it). Returns the environment that points the SDK and the app at them.
 */
export async function writeHostileAwsDir(
  dir: string,
  serverUrl: string,
  options: { profile?: string; region?: string } = {},
): Promise<{ profile: string; env: NodeJS.ProcessEnv }> {
  const profile = options.profile ?? 'hostile';
  const configFile = path.join(dir, 'config');
  const credentialsFile = path.join(dir, 'credentials');
  await fs.writeFile(
    configFile,
    `[profile ${profile}]\nregion = ${options.region ?? 'us-east-1'}\nendpoint_url = ${serverUrl}\n`,
  );
  await fs.writeFile(
    credentialsFile,
    `[${profile}]\naws_access_key_id = AKIAHOSTILE000000000\naws_secret_access_key = hostile-secret-key-for-tests-only-000000\n`,
  );
  return {
    profile,
    env: {
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
      HOME: dir,
      PATH: process.env.PATH,
    },
  };
}
