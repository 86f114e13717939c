/**
 * How much of an answer the app reads: MAX_RESPONSE_BYTES, then the connection is closed and the
 * call fails with an error that names the endpoint and the limit.
 *
 * Why 10 MB: the largest pages the app asks for are far smaller — 50 members or invitations
 * (Security Hub's MaxResults) at a few hundred bytes each, 100 products of DescribeProducts at a
 * few KB each — so a real answer is tens or hundreds of KB. Anything past 10 MB is a broken or
 * hostile endpoint (an endpoint_url, a proxy), and reading on would only grow memory.
 */
import type { Readable } from 'node:stream';
import { pipeline, Transform } from 'node:stream';
import { AppErrorException, appError } from '../../domain/errors';

export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

const LIMIT_TEXT = `${MAX_RESPONSE_BYTES / (1024 * 1024)} MB`;

export function responseTooLarge(endpoint: string): AppErrorException {
  return new AppErrorException(
    appError(
      'network',
      `The answer from ${endpoint} was larger than ${LIMIT_TEXT}, far more than AWS answers; it was not read further.`,
      {
        remediation:
          'Check the endpoint_url settings (AWS_ENDPOINT_URL*, the profile’s endpoint_url or services section) and any proxy between this computer and AWS.',
      },
    ),
  );
}

/** The error for an answer whose Content-Length is already over the limit, or null. */
export function declaredTooLarge(headers: Record<string, string>, endpoint: string): AppErrorException | null {
  const declared = Number(headers['content-length'] ?? Number.NaN);
  return Number.isFinite(declared) && declared > MAX_RESPONSE_BYTES ? responseTooLarge(endpoint) : null;
}

/**
 * Whether the answer's own Content-Length already holds its body within the limit. HTTP/1.1 frames
 * such a body by that length (RFC 9112 §6.3: the body ends after Content-Length bytes; Node's parser
 * reads no further and treats what follows as the next message), so no byte past it reaches the SDK
 * and the answer needs no counting stream — a Transform and a pipeline on every AWS call, a
 * measurable share of a refresh's CPU. A malformed or repeated value ("10, 10") is not trusted.
 */
export function declaredWithinLimit(headers: Record<string, string>): boolean {
  const value = headers['content-length'];
  if (value === undefined || !/^\d{1,10}$/.test(value)) return false;
  return Number(value) <= MAX_RESPONSE_BYTES;
}

/**
 * The body as the SDK will read it, failing once more than MAX_RESPONSE_BYTES have passed. On that
 * failure (or any) the pipeline destroys the source too: its socket is closed, not kept alive with
 * unread bytes on it.
 */
export function capBody(source: Readable, endpoint: string): Readable {
  let seen = 0;
  const capped = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > MAX_RESPONSE_BYTES) done(responseTooLarge(endpoint));
      else done(null, chunk);
    },
  });
  // The error reaches the SDK through `capped`; the callback only keeps it from being unhandled.
  pipeline(source, capped, () => undefined);
  return capped;
}
