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
import { type MemberInfo, membersSchema, rowSchema, type ServiceRow, unknownWhereUnkept } from '../../domain/row';

/** 3: rows name their service (main/domain/row.ts reads versions 1 and 2 as Security Hub CSPM's rows). */
export const SNAPSHOTS_FILE_VERSION = 3;

type Issues = { path: PropertyKey[]; message: string }[];

/** A member list as stored: its id in the file and its UTF-8 text (`"<id>":[…]`). */
interface StoredList {
  id: string;
  bytes: Buffer;
}

/**
 * A row as stored: its UTF-8 text, and the member list it names (null: none). Bytes rather than
 * strings: a save then copies them into the file's buffer instead of joining and re-encoding
 * megabytes of text, and they live outside the JavaScript heap the garbage collector walks.
 */
export type EncodedRow = { ok: true; bytes: Buffer; list: StoredList | null } | { ok: false; issues: Issues };

export interface SnapshotEncoder {
  /** The row as stored (unknown fields stripped), or why it cannot be stored. */
  encode(row: ServiceRow): EncodedRow;
}

export function createSnapshotEncoder(): SnapshotEncoder {
  // A malformed row's issues are kept too, so preparing it ahead costs its check once.
  const rows = new WeakMap<ServiceRow, EncodedRow>();
  // null: a list the row cannot keep (a value too long), stored as unknown members.
  const lists = new WeakMap<MemberInfo[], StoredList | null>();
  let nextListId = 0;

  function listOf(members: MemberInfo[]): StoredList | null {
    const known = lists.get(members);
    if (known !== undefined) return known;
    const kept = unknownWhereUnkept({ members }).members;
    const list = kept
      ? (() => {
          const id = String(nextListId++);
          const json = JSON.stringify(membersSchema.parse(kept) ?? []);
          return { id, bytes: Buffer.from(`${JSON.stringify(id)}:${json}`) };
        })()
      : null;
    lists.set(members, list);
    return list;
  }

  return {
    encode(row) {
      const known = rows.get(row);
      if (known) return known;
      // The members are checked on their own (once per list); the rest of the row here. A list
      // that cannot be kept is stored as unknown, with the row's word for why.
      const list = Array.isArray(row.members) ? listOf(row.members) : null;
      const source = Array.isArray(row.members) && !list ? unknownWhereUnkept(row) : row;
      const parsed = rowSchema.safeParse({ ...source, members: null });
      if (!parsed.success) {
        const failed: EncodedRow = { ok: false, issues: parsed.error.issues };
        rows.set(row, failed);
        return failed;
      }
      const { members: _checkedApart, ...rest } = parsed.data;
      const members = list ? `{"list":${JSON.stringify(list.id)}}` : 'null';
      const encoded: EncodedRow = {
        ok: true,
        bytes: Buffer.from(`${JSON.stringify(rest).slice(0, -1)},"members":${members}}`),
        list,
      };
      rows.set(row, encoded);
      return encoded;
    },
  };
}

/** A row's stored text and the member list it names. */
export type StoredRowText = { bytes: Buffer; list: StoredList | null };

const COMMA = Buffer.from(',');

/** The whole file: the rows' texts and the member lists they name, each list once. */
export function snapshotsFileBytes(savedAt: string, rows: StoredRowText[]): Buffer {
  return Buffer.concat([...snapshotsFileParts(savedAt, rows)]);
}

/**
 * The file's text as the parts it is made of, in order, made as they are taken: an asynchronous save
 * writes them a group at a time (atomic-file.ts), so 68,000 rows never mean one long stretch of work.
 */
export function* snapshotsFileParts(savedAt: string, rows: StoredRowText[]): Generator<Buffer> {
  yield Buffer.from(`{"version":${SNAPSHOTS_FILE_VERSION},"savedAt":${JSON.stringify(savedAt)},"memberLists":{`);
  const named = new Set<string>();
  for (const { list } of rows) {
    if (!list || named.has(list.id)) continue;
    if (named.size > 0) yield COMMA;
    named.add(list.id);
    yield list.bytes;
  }
  yield Buffer.from('},"rows":[');
  for (let i = 0; i < rows.length; i++) {
    if (i > 0) yield COMMA;
    yield (rows[i] as StoredRowText).bytes;
  }
  yield Buffer.from(']}');
}

/** The row a stored text holds again (the last known row of its key), or null if it does not read. */
export function decodeStoredRow(text: StoredRowText): ServiceRow | null {
  let row: unknown;
  let lists: unknown = {};
  try {
    row = JSON.parse(text.bytes.toString('utf8'));
    if (text.list) lists = JSON.parse(`{${text.list.bytes.toString('utf8')}}`);
  } catch {
    return null;
  }
  return decodeStoredRows([row], lists)[0] ?? null;
}

/**
 * The rows of a stored file, each member list parsed once and shared by the rows naming it. A
 * malformed row is left out; a row naming a list the file does not have keeps its other fields
 * and its members are unknown (null), as for any unusable member list.
 */
export function decodeStoredRows(stored: unknown[], memberLists: unknown): ServiceRow[] {
  const source =
    memberLists !== null && typeof memberLists === 'object' ? (memberLists as Record<string, unknown>) : {};
  const parsedLists = new Map<string, MemberInfo[] | null>();
  const listNamed = (id: string) => {
    if (!parsedLists.has(id)) {
      parsedLists.set(id, Object.hasOwn(source, id) ? membersSchema.parse(source[id]) : null);
    }
    return parsedLists.get(id) ?? null;
  };
  const rows: ServiceRow[] = [];
  for (const row of stored) {
    const members = (row as { members?: unknown } | null)?.members;
    const ref = members !== null && typeof members === 'object' && !Array.isArray(members) ? members : null;
    if (!ref) {
      const parsed = rowSchema.safeParse(row);
      if (parsed.success) rows.push(parsed.data);
      continue;
    }
    const id = (ref as { list?: unknown }).list;
    const list = typeof id === 'string' ? listNamed(id) : null;
    const parsed = rowSchema.safeParse({ ...(row as object), members: null });
    if (parsed.success) rows.push({ ...parsed.data, members: list });
  }
  return rows;
}
