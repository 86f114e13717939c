/**
 * The JSON of snapshots.json, row by row. The writer saves every row again at each batch, and a
 * large refresh holds 17,000 rows, the administrators' among them with a thousand members each:
 * checking and serialising them all at every batch would cost more than the batch interval. Rows
 * are never changed once read, so each row object is checked and serialised once and its text
 * kept.
 *
 * A member list shown under several profiles (one account-region read once, see read-row.ts) is
 * one array in memory. It is stored once too: the file has `memberLists` (id -> list) and such a
 * row's `members` is `{ "list": id }`; reading the file gives every row naming a list the same
 * array again. (A file without `memberLists`, members written inline, reads as before.)
 */
import type { HubSnapshot, MemberInfo } from '../../domain/types';
import { storedMembersSchema, storedSnapshotSchema } from './settings-schema';

export const SNAPSHOTS_FILE_VERSION = 2;

type Issues = { path: PropertyKey[]; message: string }[];

/** A member list as stored: its id in the file and its text. */
interface StoredList {
  id: string;
  json: string;
}

/** A row as stored: its text, and the member list it names (null: none). */
export type EncodedRow = { ok: true; json: string; list: StoredList | null } | { ok: false; issues: Issues };

export interface SnapshotEncoder {
  /** The row as stored (unknown fields stripped), or why it cannot be stored. */
  encode(row: HubSnapshot): EncodedRow;
}

export function createSnapshotEncoder(): SnapshotEncoder {
  // A malformed row's issues are kept too, so preparing it ahead costs its check once.
  const rows = new WeakMap<HubSnapshot, EncodedRow>();
  const lists = new WeakMap<MemberInfo[], StoredList>();
  let nextListId = 0;

  function listOf(members: MemberInfo[]): StoredList {
    const known = lists.get(members);
    if (known) return known;
    const list = { id: String(nextListId++), json: JSON.stringify(storedMembersSchema.parse(members) ?? []) };
    lists.set(members, list);
    return list;
  }

  return {
    encode(row) {
      const known = rows.get(row);
      if (known) return known;
      // The members are checked on their own (once per list); the rest of the row here.
      const parsed = storedSnapshotSchema.safeParse({ ...row, members: null });
      if (!parsed.success) {
        const failed: EncodedRow = { ok: false, issues: parsed.error.issues };
        rows.set(row, failed);
        return failed;
      }
      const { members: _checkedApart, ...rest } = parsed.data;
      const list = Array.isArray(row.members) ? listOf(row.members) : null;
      const members = list ? `{"list":${JSON.stringify(list.id)}}` : 'null';
      const encoded: EncodedRow = {
        ok: true,
        json: `${JSON.stringify(rest).slice(0, -1)},"members":${members}}`,
        list,
      };
      rows.set(row, encoded);
      return encoded;
    },
  };
}

/** A row's stored text and the member list it names. */
export type StoredRowText = { json: string; list: StoredList | null };

/** The whole file: the rows' texts and the member lists they name, each list once. */
export function snapshotsFileJson(savedAt: string, rows: StoredRowText[]): string {
  const named = new Map<string, string>();
  for (const { list } of rows) if (list) named.set(list.id, list.json);
  const listsText = [...named].map(([id, json]) => `${JSON.stringify(id)}:${json}`).join(',');
  const rowsText = rows.map((r) => r.json).join(',');
  return `{"version":${SNAPSHOTS_FILE_VERSION},"savedAt":${JSON.stringify(savedAt)},"memberLists":{${listsText}},"rows":[${rowsText}]}`;
}

/**
 * The rows of a stored file, each member list parsed once and shared by the rows naming it. A
 * malformed row is left out; a row naming a list the file does not have keeps its other fields
 * and its members are unknown (null), as for any unusable member list.
 */
export function decodeStoredRows(stored: unknown[], memberLists: unknown): HubSnapshot[] {
  const source =
    memberLists !== null && typeof memberLists === 'object' ? (memberLists as Record<string, unknown>) : {};
  const parsedLists = new Map<string, MemberInfo[] | null>();
  const listNamed = (id: string) => {
    if (!parsedLists.has(id)) {
      parsedLists.set(id, Object.hasOwn(source, id) ? storedMembersSchema.parse(source[id]) : null);
    }
    return parsedLists.get(id) ?? null;
  };
  const rows: HubSnapshot[] = [];
  for (const row of stored) {
    const members = (row as { members?: unknown } | null)?.members;
    const ref = members !== null && typeof members === 'object' && !Array.isArray(members) ? members : null;
    if (!ref) {
      const parsed = storedSnapshotSchema.safeParse(row);
      if (parsed.success) rows.push(parsed.data);
      continue;
    }
    const id = (ref as { list?: unknown }).list;
    const list = typeof id === 'string' ? listNamed(id) : null;
    const parsed = storedSnapshotSchema.safeParse({ ...(row as object), members: null });
    if (parsed.success) rows.push({ ...parsed.data, members: list });
  }
  return rows;
}
