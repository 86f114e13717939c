/**
 * The AWS CLI v2's SSO cache, shared with it and with the SDK: one folder, `~/.aws/sso/cache`
 * (whatever AWS_CONFIG_FILE says), holding
 *   - the token of a sign-in: `<sha1 hex of the sso-session name>.json`, or of the start URL for a
 *     legacy profile (botocore SSOTokenLoader._generate_cache_key; the SDK's getSSOTokenFilepath);
 *   - the client registration: `<sha1 hex of a JSON of {tool, startUrl, region, scopes,
 *     session_name}>.json` (botocore BaseSSOTokenFetcher._registration_cache_key: Python's
 *     json.dumps with sort_keys=True, whose default separators are ", " and ": " and which escapes
 *     every character outside space..~ as \uXXXX).
 * Both are written as the AWS CLI writes them (times as YYYY-MM-DDTHH:MM:SSZ), atomically and owner-only.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { replaceFileSync } from '../../storage/atomic-file';
import { readRegularFileSync } from '../../storage/regular-file';

const CACHE_FILE_MAX_BYTES = 1024 * 1024;

/** What a sign-in is for: an sso-session, or (legacy settings) a start URL named in a profile. */
export interface CacheIdentity {
  ssoSession: string | null;
  startUrl: string;
  region: string;
  /** sso_registration_scopes as parsed, or null when the session names none (legacy: always null). */
  scopes: string[] | null;
}

export const cacheDir = (env: NodeJS.ProcessEnv) =>
  path.join(env.HOME || env.USERPROFILE || homedir(), '.aws', 'sso', 'cache');

const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');

export const tokenFileName = (id: Pick<CacheIdentity, 'ssoSession' | 'startUrl'>) =>
  `${sha1(id.ssoSession ?? id.startUrl)}.json`;

export function registrationFileName(id: CacheIdentity): string {
  const args = {
    region: id.region,
    scopes: id.scopes,
    session_name: id.ssoSession,
    startUrl: id.startUrl,
    tool: 'botocore',
  };
  return `${sha1(pythonJson(args))}.json`;
}

/** Python's json.dumps(value, sort_keys=True) for the strings, string lists and nulls of the key. */
export function pythonJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') {
    return JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${pythonJson(k)}: ${pythonJson(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}

/** The AWS CLI's time format in the cache (awscli/customizations/sso/utils.py _serialize_utc_timestamp). */
export const cacheTime = (epochMs: number) => `${new Date(epochMs).toISOString().slice(0, 19)}Z`;

const time = z.string().refine((s) => Number.isFinite(Date.parse(s)), 'not a time');

export const cachedToken = z.looseObject({
  startUrl: z.string(),
  region: z.string(),
  accessToken: z.string().min(1),
  expiresAt: time,
  clientId: z.string().optional(),
  clientSecret: z.string().optional(),
  registrationExpiresAt: time.optional(),
  refreshToken: z.string().optional(),
});
export type CachedToken = z.infer<typeof cachedToken>;

export const cachedRegistration = z.looseObject({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  expiresAt: time,
  scopes: z.array(z.string()).optional(),
  grantTypes: z.array(z.string()).optional(),
});
export type CachedRegistration = z.infer<typeof cachedRegistration>;

/** A cache file's parsed content, or null when it is missing, unreadable or not what the schema says. */
export function readCacheFile<T>(env: NodeJS.ProcessEnv, name: string, schema: z.ZodType<T>): T | null {
  const read = readRegularFileSync(path.join(cacheDir(env), name), CACHE_FILE_MAX_BYTES);
  if (!read.ok) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(read.bytes.toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeCacheFile(env: NodeJS.ProcessEnv, name: string, value: object): void {
  const dir = cacheDir(env);
  // The AWS CLI's JSONFileCache creates the folder owner-only too; one that exists is made so
  // (mkdir's mode does not touch it). A folder someone else owns stays as it is.
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    fs.chmodSync(dir, 0o700);
  } catch {
    // Not ours to change.
  }
  replaceFileSync(path.join(dir, name), JSON.stringify(value), 0o600);
}

export function removeCacheFile(env: NodeJS.ProcessEnv, name: string): boolean {
  const file = path.join(cacheDir(env), name);
  if (!fs.existsSync(file)) return false;
  fs.rmSync(file, { force: true });
  return true;
}
