/**
 * The JSON of snapshots.json, row by row. The writer saves every row again at each batch, and a
 * large refresh holds 17,000 rows, the administrators' among them with a thousand members each:
 * checking and serialising them all at every batch would cost more than the batch interval. Rows
 * are never changed once read, so each row object is checked and serialised once and its text
 * kept; a member list shown under several profiles (one account-region read once, see read-row.ts)
 * is one array, checked and serialised once, and its text is shared by those rows' texts.
 */
import type { HubSnapshot, MemberInfo } from '../../domain/types';
import { storedMembersSchema, storedSnapshotSchema } from './settings-schema';

export type EncodedRow = { ok: true; json: string } | { ok: false; issues: { path: PropertyKey[]; message: string }[] };

export interface SnapshotEncoder {
  /** The row as stored (unknown fields stripped), or why it cannot be stored. */
  encode(row: HubSnapshot): EncodedRow;
}

export function createSnapshotEncoder(): SnapshotEncoder {
  const rows = new WeakMap<HubSnapshot, string>();
  const memberLists = new WeakMap<MemberInfo[], string>();

  function membersJson(members: unknown): string {
    if (!Array.isArray(members)) return JSON.stringify(storedMembersSchema.parse(members));
    const known = memberLists.get(members);
    if (known !== undefined) return known;
    const json = JSON.stringify(storedMembersSchema.parse(members));
    memberLists.set(members, json);
    return json;
  }

  return {
    encode(row) {
      const known = rows.get(row);
      if (known !== undefined) return { ok: true, json: known };
      // The members are checked on their own (once per list); the rest of the row here.
      const parsed = storedSnapshotSchema.safeParse({ ...row, members: null });
      if (!parsed.success) return { ok: false, issues: parsed.error.issues };
      const { members: _checkedApart, ...rest } = parsed.data;
      const json = `${JSON.stringify(rest).slice(0, -1)},"members":${membersJson(row.members)}}`;
      rows.set(row, json);
      return { ok: true, json };
    },
  };
}

/** The whole file: the rows' texts joined, without parsing or serialising any of them again. */
export function snapshotsFileJson(savedAt: string, rowsJson: string[]): string {
  return `{"version":1,"savedAt":${JSON.stringify(savedAt)},"rows":[${rowsJson.join(',')}]}`;
}
