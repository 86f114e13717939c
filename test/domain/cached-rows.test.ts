import { describe, expect, it } from 'vitest';
import { packCachedRows, unpackCachedRows } from '../../main/domain/cached-rows';
import type { MemberInfo, ServiceRow } from '../../main/domain/types';
import { memberInfo, snapshotRow } from '../core/storage/helpers';

const member = memberInfo;

function row(profile: string, region: string, members: MemberInfo[] | null): ServiceRow {
  return snapshotRow(profile, region, { administrators: [], members, stale: true });
}

describe('the cached rows answer', () => {
  it('carries a list shared by several rows once, and gives it back as one array', () => {
    const shared = [member('222222222222'), member('333333333333')];
    const own: MemberInfo[] = [];
    const rows = [row('a', 'us-east-1', shared), row('b', 'us-east-1', shared), row('c', 'eu-west-1', own)];
    rows.push(row('d', 'eu-west-1', null));

    const answer = packCachedRows(rows);
    expect(answer.memberLists).toEqual([shared, own]);
    expect(answer.rows.map((r) => r.members)).toEqual([{ list: 0 }, { list: 0 }, { list: 1 }, null]);

    const back = unpackCachedRows(structuredClone(answer));
    expect(back).toEqual(rows);
    expect(back[0]?.members).toBe(back[1]?.members);
  });

  it('reads a row naming a list the answer lacks as members unknown', () => {
    const answer = packCachedRows([row('a', 'us-east-1', [member('222222222222')])]);
    expect(unpackCachedRows({ ...answer, memberLists: [] })[0]?.members).toBeNull();
  });
});
