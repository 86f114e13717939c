/**
 * The AWS CLI's cache of assumed-role credentials, shared with it: `~/.aws/cli/cache/<key>.json`
 * (awscli/customizations/assumerole.py gives botocore's assume-role provider a JSONFileCache there).
 * A role's credentials are kept until they are near their end, so an MFA code is asked once per role
 * session — by the app, the command line or the AWS CLI, whichever comes first — and not at every
 * command.
 *
 * - The file name is botocore's (AssumeRoleCredentialFetcher._create_cache_key): the SHA-1 hex of
 *   Python's json.dumps(sort_keys=True) of the AssumeRole arguments the profile configures — RoleArn,
 *   RoleSessionName (only when role_session_name is set: a generated one is left out), ExternalId,
 *   SerialNumber (mfa_serial), DurationSeconds (duration_seconds as an int; left out when not one).
 *   The key does not name the source credentials: two profiles naming the same role and settings
 *   share an entry, in the AWS CLI as here.
 * - The content is what botocore stores: AssumeRole's answer, `{ Credentials: { AccessKeyId,
 *   SecretAccessKey, SessionToken, Expiration, AccountId }, AssumedRoleUser: { AssumedRoleId, Arn } }`,
 *   Expiration as JSONFileCache writes a datetime ("2026-01-01T12:00:00UTC").
 * - An entry is used while more than 15 minutes remain (botocore's CachedCredentialFetcher window).
 * - Read with the regular-file reader (no FIFO, 64 KB at most) and checked with zod: a file that is
 *   missing, malformed or expired is ignored (then replaced by the next AssumeRole).
 * - Written whole (temp file + rename), owner-only (0600), in an owner-only folder (0700), as
 *   botocore's own JSONFileCache now writes it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { AssumedRoleUser, Credentials } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { z } from 'zod';
import { replaceFileSync } from '../storage/atomic-file';
import { readRegularFileSync } from '../storage/regular-file';
import type { IniSection } from './profiles';
import { pythonJson } from './sso-sign-in/cache';

const CACHE_FILE_MAX_BYTES = 64 * 1024;
/** botocore's CachedCredentialFetcher.DEFAULT_EXPIRY_WINDOW_SECONDS. */
export const ROLE_CACHE_WINDOW_MS = 15 * 60_000;

export const roleCacheDir = (env: NodeJS.ProcessEnv) =>
  path.join(env.HOME || env.USERPROFILE || homedir(), '.aws', 'cli', 'cache');

/** Python's int() of a string, for the plain decimal forms it accepts ("3600", " +3_600 "); else null. */
function pythonInt(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[+-]?\d+(_\d+)*$/.test(trimmed)) return null;
  const value = Number(trimmed.replaceAll('_', ''));
  return Number.isSafeInteger(value) ? value : null;
}

/** botocore's cache key for a role profile's AssumeRole (the file name without ".json"). */
export function roleCacheKey(values: IniSection): string | null {
  if (values.role_arn === undefined) return null;
  const args: Record<string, string | number> = { RoleArn: values.role_arn };
  // An empty role_session_name makes botocore generate one, which it leaves out of the key.
  if (values.role_session_name) args.RoleSessionName = values.role_session_name;
  if (values.external_id !== undefined) args.ExternalId = values.external_id;
  if (values.mfa_serial !== undefined) args.SerialNumber = values.mfa_serial;
  const duration = values.duration_seconds === undefined ? null : pythonInt(values.duration_seconds);
  if (duration !== null) args.DurationSeconds = duration;
  // The hex digest has no ':' or '/', which botocore's _make_file_safe would replace.
  return createHash('sha1').update(pythonJson(args), 'utf8').digest('hex');
}

const cachedRole = z.looseObject({
  Credentials: z.looseObject({
    AccessKeyId: z.string().min(1),
    SecretAccessKey: z.string().min(1),
    SessionToken: z.string().min(1),
    Expiration: z.string().min(1),
    AccountId: z.string().optional(),
  }),
});

/**
 * A time as botocore writes or reads it: ISO 8601 with "Z", an offset, or JSONFileCache's "UTC"
 * suffix (strftime %Z of a UTC datetime).
 */
function parseExpiration(text: string): number {
  return Date.parse(text.trim().replace(/\s*(UTC|GMT)$/, 'Z'));
}

/** The cached credentials of a role, when the file is there, readable and fresh enough; else null. */
export function readCachedRole(env: NodeJS.ProcessEnv, key: string, now = Date.now()): AwsCredentialIdentity | null {
  const read = readRegularFileSync(path.join(roleCacheDir(env), `${key}.json`), CACHE_FILE_MAX_BYTES);
  if (!read.ok) return null;
  let parsed: z.infer<typeof cachedRole>;
  try {
    const result = cachedRole.safeParse(JSON.parse(read.bytes.toString('utf8')));
    if (!result.success) return null;
    parsed = result.data;
  } catch {
    return null;
  }
  const c = parsed.Credentials;
  const expiration = parseExpiration(c.Expiration);
  if (!Number.isFinite(expiration) || expiration - now <= ROLE_CACHE_WINDOW_MS) return null;
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    expiration: new Date(expiration),
    ...(c.AccountId ? { accountId: c.AccountId } : {}),
  };
}

/** JSONFileCache's datetime: "%Y-%m-%dT%H:%M:%S%Z" of a UTC time. */
const botocoreTime = (date: Date) => `${date.toISOString().slice(0, 19)}UTC`;

/** Stores AssumeRole's answer under the role's key; a failure to write only costs a later AssumeRole. */
export function writeCachedRole(
  env: NodeJS.ProcessEnv,
  key: string,
  answer: { Credentials?: Credentials; AssumedRoleUser?: AssumedRoleUser },
): void {
  const c = answer.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) return;
  // botocore adds the account of the role's ARN (arn:aws:sts::<account>:assumed-role/…).
  const account = answer.AssumedRoleUser?.Arn?.split(':')[4];
  const entry = {
    Credentials: {
      AccessKeyId: c.AccessKeyId,
      SecretAccessKey: c.SecretAccessKey,
      SessionToken: c.SessionToken,
      Expiration: botocoreTime(c.Expiration),
      ...(account && /^\d{12}$/.test(account) ? { AccountId: account } : {}),
    },
    ...(answer.AssumedRoleUser ? { AssumedRoleUser: answer.AssumedRoleUser } : {}),
  };
  const dir = roleCacheDir(env);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // The AWS CLI before botocore's owner-only folders left it 0755; mkdir's mode does not touch it.
    fs.chmodSync(dir, 0o700);
    replaceFileSync(path.join(dir, `${key}.json`), JSON.stringify(entry), 0o600);
  } catch {
    // Not cached: the credentials still serve this process.
  }
}
