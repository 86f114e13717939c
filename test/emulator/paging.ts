/**
 * Opaque NextTokens for every listing: base64url of `{offset, operation, per-process tag}`. A token
 * is bound to the operation (and, where the listing depends on it, its filter) that issued it; a
 * made-up token, another operation's, or one from an earlier emulator process is refused by the
 * service in its own words.
 */
import { randomBytes } from 'node:crypto';

/** One tag per emulator process: tokens from another run (or made up) are refused. */
const TAG = randomBytes(6).toString('hex');

export function encodeToken(offset: number, operation: string): string {
  return Buffer.from(JSON.stringify({ o: offset, p: operation, t: TAG })).toString('base64url');
}

/** The offset a token stands for, or null when it is not one of this process's tokens for `operation`. */
export function decodeToken(token: string, operation: string): number | null {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      o?: unknown;
      p?: unknown;
      t?: unknown;
    };
    if (parsed.t === TAG && parsed.p === operation && Number.isInteger(parsed.o) && (parsed.o as number) >= 0) {
      return parsed.o as number;
    }
  } catch {
    // not a token of ours
  }
  return null;
}

/** One page of `items` from `offset`; the next token only when more remain. */
export function slicePage<T>(items: T[], offset: number, size: number, operation: string) {
  const slice = items.slice(offset, offset + size);
  const next = offset + size < items.length ? encodeToken(offset + size, operation) : undefined;
  return { items: slice, nextToken: next };
}
