import { describe, expect, it } from 'vitest';
import type { AccountNames } from '../../../../main/domain/account-names';
import { matchesText, toItems } from '../../../../renderer/src/pages/overview/items';
import { administrator, invitation, serviceRow } from '../../../helpers/rows';

const NAMES: AccountNames = {
  accounts: {
    '222222222222': [
      { name: 'Production Payments', source: 'organizations', via: 'admin', at: '2026-12-01T00:00:00Z' },
    ],
    '111111111111': [{ name: 'Security Tooling', source: 'sso-portal', via: 'corp', at: '2026-12-01T00:00:00Z' }],
    // A name from AWS is searched as drawn: its control characters escaped.
    '333333333333': [{ name: 'Lab\u202Ebad', source: 'iam-alias', via: 'lab', at: '2026-12-01T00:00:00Z' }],
  },
  own: ['111111111111', '222222222222', '333333333333'],
};

const rows = () => [
  serviceRow('payments', 'us-east-1', { accountId: '222222222222' }),
  serviceRow('member', 'eu-west-1', {
    accountId: '444444444444',
    pendingInvitations: [invitation('111111111111', 'inv-1')],
  }),
  serviceRow('joined', 'us-east-1', { accountId: '555555555555', administrators: [administrator('111111111111')] }),
  serviceRow('lab', 'us-east-1', { accountId: '333333333333' }),
];

const found = (text: string, names?: AccountNames) =>
  toItems(rows(), [], false, [], names)
    .filter((i) => matchesText(i, text))
    .map((i) => i.profile);

describe('the Overview search and account names', () => {
  it("finds a row by its account's name, in any case", () => {
    expect(found('prod', NAMES)).toEqual(['payments']);
    expect(found('PRODUCTION PAY', NAMES)).toEqual(['payments']);
  });

  it("finds rows by an administrator's or an inviting account's name", () => {
    expect(found('security tooling', NAMES).sort()).toEqual(['joined', 'member']);
  });

  it('matches a name as drawn, never across a name and another field, and nothing before names are known', () => {
    expect(found('lab\\u202ebad', NAMES)).toEqual(['lab']);
    expect(found('lab\u202Ebad', NAMES)).toEqual([]);
    expect(found('paymentsproduction', NAMES)).toEqual([]);
    expect(found('prod')).toEqual([]);
  });
});
