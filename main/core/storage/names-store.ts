/**
 * The account names cache, names.json beside snapshots.json: the names each source gave (with the
 * source, who read it and when), when each source last answered or refused, the accounts each
 * organization listing held, the delegated administrators read, and which trusted administrators
 * were seeded. Only a cache of AWS answers, as the snapshots are: a file that cannot be used is set
 * aside (or backed up) and the app starts without it; an entry that does not fit is left out, the
 * others kept. Read through readRegularFileSync (never a FIFO, never past a limit), written by
 * replaceFileSync (temp file + rename, 0600).
 */
import path from 'node:path';
import { z } from 'zod';
import { NAME_SOURCES } from '../../domain/account-names';
import { ACCOUNT_ID_PATTERN, SERVICE_ID_PATTERN } from '../../domain/ids';
import { PROFILE_NAME_MAX } from '../../domain/limits';
import { replaceFileSync } from './atomic-file';
import { checkSettingsDir } from './settings';
import { backUpFile, readJsonObject, setAsideFile } from './stored-file';

export const NAMES_FILE = 'names.json';
/** A large organization's names are a few hundred KB; past this the file is not one the app wrote. */
export const NAMES_MAX_BYTES = 64 * 1024 * 1024;
/** Longer than any name AWS gives (an Organizations name is at most 50, an alias 63). */
export const NAME_MAX = 256;

const accountId = z.string().regex(ACCOUNT_ID_PATTERN);
const time = z.string().min(1).max(64);
const via = z.string().min(1).max(PROFILE_NAME_MAX);

const nameSchema = z.object({ name: z.string().min(1).max(NAME_MAX), source: z.enum(NAME_SOURCES), via, at: time });
const denialSchema = z.object({ code: z.string().min(1).max(200), at: time, via });
const listingSchema = z.object({ lister: accountId, via, at: time, accounts: z.array(accountId).max(100_000) });
const delegatedSchema = z.object({ service: z.string().regex(SERVICE_ID_PATTERN), accountId, via, at: time });

export type StoredName = z.output<typeof nameSchema>;
export type Denial = z.output<typeof denialSchema>;
export type OrganizationListing = z.output<typeof listingSchema>;
export type DelegatedAdministrator = z.output<typeof delegatedSchema>;

export interface NamesState {
  /** Each account's names, one per source. */
  names: Record<string, StoredName[]>;
  /** Source key (`sso:<session>`, `iam:<account>`, `organizations:<account>`, …) → when it last answered. */
  answered: Record<string, string>;
  /** Source key → its last refusal (AccessDenied, or not in an organization): not asked again for a day. */
  denied: Record<string, Denial>;
  /** The last listing of each organization, by the account that listed it. */
  organizations: OrganizationListing[];
  delegated: DelegatedAdministrator[];
  /** `service/account` → when the app added it to the trusted administrators (never added again). */
  seeded: Record<string, string>;
}

export const emptyNames = (): NamesState => ({
  names: {},
  answered: {},
  denied: {},
  organizations: [],
  delegated: [],
  seeded: {},
});

export interface NamesStore {
  readonly path: string;
  /** What was done about a file that could not be used at open, or null. */
  readonly notice: string | null;
  load(): NamesState;
  save(state: NamesState): void;
}

const KEY_MAX = PROFILE_NAME_MAX + 64;

/** The entries of a stored record that fit; the others are left out. */
function keepRecord<T>(value: unknown, key: z.ZodType<string>, schema: z.ZodType<T>): Record<string, T> {
  const out: Record<string, T> = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value)) {
    const parsed = schema.safeParse(v);
    if (key.safeParse(k).success && parsed.success) out[k] = parsed.data;
  }
  return out;
}

function keepList<T>(value: unknown, schema: z.ZodType<T>): T[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const parsed = schema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The stored state, every part checked on its own; what does not fit is left out. */
export function decodeNames(raw: Record<string, unknown>): NamesState {
  const anyKey = z.string().min(1).max(KEY_MAX);
  const names = keepRecord(raw.names, accountId, z.unknown());
  return {
    names: Object.fromEntries(
      Object.entries(names)
        .map(([id, list]) => [id, keepList(list, nameSchema).slice(0, NAME_SOURCES.length)] as const)
        .filter(([, list]) => list.length > 0),
    ),
    answered: keepRecord(raw.answered, anyKey, time),
    denied: keepRecord(raw.denied, anyKey, denialSchema),
    organizations: keepList(raw.organizations, listingSchema),
    delegated: keepList(raw.delegated, delegatedSchema),
    seeded: keepRecord(raw.seeded, anyKey, time),
  };
}

export function openNamesStore(options: { cwd: string; clock?: () => Date }): NamesStore {
  checkSettingsDir(options.cwd);
  const clock = options.clock ?? (() => new Date());
  const filePath = path.join(options.cwd, NAMES_FILE);
  let notice: string | null = null;
  let ignored = false;
  return {
    path: filePath,
    get notice() {
      return notice;
    },
    load() {
      if (ignored) return emptyNames();
      const read = readJsonObject(filePath, NAMES_MAX_BYTES);
      if (read.state === 'missing') return emptyNames();
      if (read.state === 'unreadable') {
        const moved = setAsideFile(filePath, clock());
        if (!moved) ignored = true;
        notice = `The account names cache could not be read (${read.error.message.replace(/\.$/, '')}); names are read again${moved ? `, and it was moved to ${moved}` : ''}.`;
        return emptyNames();
      }
      if (read.state === 'corrupt') {
        const backup = backUpFile(filePath, clock(), 'move');
        notice = `The account names cache ${filePath} could not be used (${read.reason}); names are read again, and the original was saved as ${backup}.`;
        return emptyNames();
      }
      return decodeNames(read.value);
    },
    save(state) {
      if (ignored) return;
      replaceFileSync(filePath, JSON.stringify({ version: 1, ...state }));
    },
  };
}
