/** Small helpers shared by the protocol handlers: the error type, body reading, query parsing, replies. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error a handler throws; each protocol formats it its own way (JSON header+body, or STS XML). */
export class AwsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type Query = Record<string, string | string[]>;

/** What a handler reports for the request log. */
export interface Outcome {
  operation: string;
  accountId: string | null;
  region: string | null;
  status: number;
  errorCode: string | null;
  /** The request asked for a further page of a listing (it carried a NextToken). */
  nextPage?: boolean;
}

/** The request as the handlers see it: the raw pieces plus the parsed query and body bytes. */
export interface EmulatorRequest {
  req: IncomingMessage;
  method: string;
  /** Decoded path without the query string. */
  path: string;
  query: Query;
  body: Buffer;
  requestId: string;
  /** ISO time the request's body was read (the request log keeps it). */
  receivedAt: string;
}

const MAX_BODY = 5 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new AwsError(413, 'RequestEntityTooLarge', 'Request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Splits a query string the way SigV4 sees it: `+` is a literal plus, not a space. */
export function parseQuery(search: string): Query {
  const out: Query = {};
  if (!search) return out;
  for (const part of search.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : safeDecode(part.slice(eq + 1));
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[key] = [existing, value];
  }
  return out;
}

export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function firstValue(q: Query, key: string): string | undefined {
  const v = q[key];
  return Array.isArray(v) ? v[0] : v;
}

export function newRequestId(): string {
  return randomUUID();
}

export function sendJson(res: ServerResponse, status: number, body: unknown, requestId: string): void {
  const text = JSON.stringify(body ?? {});
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
  });
  res.end(text);
}

/** Security Hub (and the SSO portal) error: code in X-Amzn-ErrorType, `{Code, Message}` in the body. */
export function sendJsonError(res: ServerResponse, error: AwsError, requestId: string): void {
  sendErrorBody(res, error, { Code: error.code, Message: error.message, message: error.message }, requestId);
}

/** An error answer with `body` as its JSON and the code in X-Amzn-ErrorType (each service frames its body). */
export function sendErrorBody(res: ServerResponse, error: AwsError, body: unknown, requestId: string): void {
  const text = JSON.stringify(body);
  res.writeHead(error.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
    'x-amzn-errortype': error.code,
  });
  res.end(text);
}

export function sendXml(res: ServerResponse, status: number, xml: string, requestId: string): void {
  res.writeHead(status, {
    'content-type': 'text/xml',
    'content-length': Buffer.byteLength(xml),
    'x-amzn-requestid': requestId,
  });
  res.end(xml);
}

export function xmlEscape(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Loopback check for the control API. */
export function isLoopback(req: IncomingMessage): boolean {
  const a = req.socket.remoteAddress ?? '';
  return a === '127.0.0.1' || a === '::1' || a === '::ffff:127.0.0.1';
}
