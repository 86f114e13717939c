/**
 * AWS values longer than a row keeps (MESSAGE_MAX) are never stored as "none": the part they were in
 * is stored unknown, with a partial error saying why — an administrator, the pending invitations,
 * the member list — whether the row is saved and loaded again or read from an older file.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSnapshots } from '../../../main/core/storage/snapshots';
import { MESSAGE_MAX } from '../../../main/domain/limits';
import { rowSchema, unknownWhereUnkept } from '../../../main/domain/row';
import { isPartUnknown } from '../../../main/domain/row-rules';
import { administrator, invitation, member, serviceRow } from '../../helpers/rows';
import { makeTempDir } from './helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = makeTempDir());
});
afterEach(() => cleanup());

const tooLong = '1'.repeat(MESSAGE_MAX + 1);

describe('a value longer than the row keeps', () => {
  it('an administrator: saved and loaded as unknown, said why, not as no administrator', () => {
    const store = openSnapshots({ cwd: dir });
    store.save([serviceRow('p', 'us-east-1', { administrators: [administrator(tooLong)] })]);
    const [row] = openSnapshots({ cwd: dir }).load();
    expect(row?.administrators).toEqual([]);
    expect(row && isPartUnknown(row, 'administrator')).toBe(true);
    expect(row?.partialErrors[0]?.error.message).toBe(
      'AWS named an administrator with a value the app cannot keep (longer than 10,000 characters, or not text), so the administrator is unknown.',
    );
  });

  it('an over-long optional field (an e-mail) is not read as none: the members are unknown', () => {
    const store = openSnapshots({ cwd: dir });
    const members = [member('222222222222', { email: `${'e'.repeat(MESSAGE_MAX)}@example.com` })];
    store.save([serviceRow('p', 'us-east-1', { members })]);
    const [row] = openSnapshots({ cwd: dir }).load();
    expect(row?.members).toBeNull();
    expect(row?.partialErrors.map((p) => p.part)).toEqual(['members']);
    expect(row?.partialErrors[0]?.error.message).toMatch(/^AWS listed a member .* so the members are unknown\.$/);
  });

  it('a pending invitation: unknown, the other parts and earlier partial errors kept', () => {
    const parsed = rowSchema.parse(
      serviceRow('p', 'us-east-1', {
        administrators: [administrator('111111111111')],
        pendingInvitations: [invitation('333333333333', tooLong)],
        partialErrors: [
          {
            part: 'members',
            error: { kind: 'access-denied', message: 'Denied.', remediation: null, command: null, retryable: false },
          },
        ],
      }),
    );
    expect(parsed.administrators.map((a) => a.accountId)).toEqual(['111111111111']);
    expect(parsed.pendingInvitations).toEqual([]);
    expect(parsed.partialErrors.map((p) => p.part)).toEqual(['members', 'invitations']);
  });

  it('leaves a row that fits as it is (the same object)', () => {
    const row = serviceRow('p', 'us-east-1', { administrators: [administrator('111111111111')], members: [] });
    expect(unknownWhereUnkept(row)).toBe(row);
  });
});
