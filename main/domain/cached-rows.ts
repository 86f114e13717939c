/**
 * The last session's rows as `snapshots:cached` answers them. An administrator's member list is
 * shown under every profile that reaches its account-region: one array in main, a thousand members
 * and more. Sent row by row it would cross IPC once per row (68 times in the large run, 17 of its
 * 20 MB), so the answer carries each list once and a row names it by its index.
 */
import type { MemberInfo, ServiceRow } from './row';

/** A row as the answer carries it: `members` is the index of its list in `memberLists`, or null. */
export type CachedRow = Omit<ServiceRow, 'members'> & { members: { list: number } | null };

export interface CachedRows {
  memberLists: MemberInfo[][];
  rows: CachedRow[];
}

/** The answer for `rows`: each member list (by identity) once, in the order rows first name it. */
export function packCachedRows(rows: readonly ServiceRow[]): CachedRows {
  const memberLists: MemberInfo[][] = [];
  const index = new Map<MemberInfo[], number>();
  const packed = rows.map((row): CachedRow => {
    if (!row.members) return { ...row, members: null };
    let list = index.get(row.members);
    if (list === undefined) {
      list = memberLists.push(row.members) - 1;
      index.set(row.members, list);
    }
    return { ...row, members: { list } };
  });
  return { memberLists, rows: packed };
}

/** The rows again, every row naming a list sharing the one array (unknown, null, if the list is missing). */
export function unpackCachedRows({ memberLists, rows }: CachedRows): ServiceRow[] {
  return rows.map((row) => ({ ...row, members: row.members ? (memberLists[row.members.list] ?? null) : null }));
}
