/** Identifiers the emulator makes up: random hex, access key ids, and stable ids derived from a name. */
import { createHash, randomBytes } from 'node:crypto';

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

export function randomKeyId(prefix: 'AKIA' | 'ASIA'): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes = randomBytes(16);
  let out = prefix;
  for (const b of bytes) out += alphabet[b % 32];
  return out;
}

/** 32 hex digits that are the same in every run for the same parts (detector ids, graph ids). */
export function stableHex32(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);
}
