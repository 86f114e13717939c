/**
 * SigV4 verification by re-signing: the request is rebuilt from exactly the headers the client says
 * it signed and signed again with the SDK's own signer (@smithy/signature-v4 + node's SHA-256); the
 * two signatures must match. Nothing of the HMAC chain is written here.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Query } from './http-util';

export interface ParsedAuthorization {
  accessKeyId: string;
  scopeDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTH_RE =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_.-]+),\s*Signature=([0-9a-f]{64})$/;

/** Reads the Authorization header; null when absent or not SigV4. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | null {
  if (!header) return null;
  const m = AUTH_RE.exec(header.trim());
  if (!m) return null;
  return {
    accessKeyId: m[1]!,
    scopeDate: m[2]!,
    region: m[3]!,
    service: m[4]!,
    signedHeaders: m[5]!.split(';'),
    signature: m[6]!,
  };
}

/** x-amz-date (20261125T101500Z) as a Date, or null when malformed. */
export function parseAmzDate(value: string | undefined): Date | null {
  const m = value ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value) : null;
  if (!m) return null;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

export interface SignedRequest {
  method: string;
  path: string;
  query: Query;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type VerifyResult = 'ok' | 'mismatch' | 'skewed' | 'bad-date';

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const MAX_SKEW_MS = 15 * 60 * 1000;

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/**
 * Recomputes the signature with the caller's secret (and the session token the request carries, when
 * it signed one) and compares it with the one in the Authorization header.
 */
export async function verifySignature(
  request: SignedRequest,
  auth: ParsedAuthorization,
  secretAccessKey: string,
  now = Date.now(),
): Promise<VerifyResult> {
  const amzDate = headerValue(request.headers, 'x-amz-date');
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate || amzDate!.slice(0, 8) !== auth.scopeDate) return 'bad-date';
  if (Math.abs(now - signingDate.getTime()) > MAX_SKEW_MS) return 'skewed';

  const signed = new Set(auth.signedHeaders);
  if (!signed.has('host')) return 'mismatch';
  const headers: Record<string, string> = {};
  for (const name of signed) {
    if (name === 'x-amz-date' || name === 'x-amz-security-token') continue; // the signer re-adds them
    const v = headerValue(request.headers, name);
    if (v === undefined) return 'mismatch';
    headers[name] = v;
  }
  // A client that signs x-amz-content-sha256 vouches for the body with it: hold it to that.
  const declared = headers['x-amz-content-sha256'];
  if (declared !== undefined && declared !== 'UNSIGNED-PAYLOAD') {
    const actual = request.body.length ? createHash('sha256').update(request.body).digest('hex') : EMPTY_SHA256;
    if (declared !== actual) return 'mismatch';
  }
  const sessionToken = signed.has('x-amz-security-token')
    ? headerValue(request.headers, 'x-amz-security-token')
    : undefined;

  const signer = new SignatureV4({
    service: auth.service,
    region: auth.region,
    sha256: Sha256,
    applyChecksum: false,
    credentials: { accessKeyId: auth.accessKeyId, secretAccessKey, sessionToken },
  });
  const toSign = new HttpRequest({
    method: request.method,
    protocol: 'http:',
    hostname: 'emulator',
    path: request.path,
    query: request.query,
    headers,
    body: request.body.length ? request.body : undefined,
  });
  const result = await signer.sign(toSign, {
    signingDate,
    signingRegion: auth.region,
    signingService: auth.service,
    signableHeaders: signed,
  });
  const expected = /Signature=([0-9a-f]{64})/.exec(String(result.headers.authorization))?.[1];
  if (!expected) return 'mismatch';
  return timingSafeEqual(Buffer.from(expected), Buffer.from(auth.signature)) ? 'ok' : 'mismatch';
}
