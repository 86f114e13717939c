/**
 * The summary strip's grouping: pending invitations by inviting administrator across services, each
 * counted per service, with the accounts and regions invited and the rows one bulk accept answers.
 * The services are any ids (the window knows them only from `app:info`).
 */
import { describe, expect, it } from 'vitest';
import type { ServiceInfo } from '../../../contract/api';
import {
  groupDetails,
  invitationsByAdministrator,
  inviteesText,
  listText,
  offerText,
} from '../../../renderer/src/data/inbox';
import { invitation, serviceRow } from '../../helpers/rows';
import { DEMO_SERVICE } from '../support/demo-data';

const info = (id: string, name: string): ServiceInfo => ({ ...DEMO_SERVICE, id, name, shortName: name });
const SERVICES = [info('securityhub', 'Security Hub CSPM'), info('guardduty', 'GuardDuty'), info('macie', 'Macie')];
const ORDER = SERVICES.map((s) => s.id);

const pending = (service: string, profile: string, region: string, accountId: string | null, ...admins: string[]) =>
  serviceRow(profile, region, {
    service,
    accountId,
    pendingInvitations: admins.map((a, i) => invitation(a, `${service}-${a}-${i}`)),
  });

describe('pending invitations by administrator, across services', () => {
  it('groups one account invited to several services in one region', () => {
    const rows = [
      pending('guardduty', 'member', 'us-east-1', '222222222222', '111111111111'),
      pending('securityhub', 'member', 'us-east-1', '222222222222', '111111111111'),
      serviceRow('admin', 'us-east-1', { accountId: '111111111111' }),
    ];
    const [group, ...rest] = invitationsByAdministrator(rows, ORDER);
    expect(rest).toEqual([]);
    expect(group?.administratorId).toBe('111111111111');
    // In the registry's order, whatever the rows' order.
    expect(group?.perService).toEqual([
      { service: 'securityhub', invitations: 1 },
      { service: 'guardduty', invitations: 1 },
    ]);
    expect(group?.invitations).toBe(2);
    expect(group?.rows.map((r) => r.service)).toEqual(['securityhub', 'guardduty']);
    if (!group) return;
    expect(inviteesText(group)).toBeNull();
    expect(offerText(group, SERVICES)).toBe('to Security Hub CSPM and GuardDuty in us-east-1');
  });

  it('counts accounts, regions and each service’s invitations when there are several', () => {
    const rows = [
      pending('securityhub', 'a', 'us-east-1', '222222222222', '111111111111'),
      pending('securityhub', 'a', 'eu-west-1', '222222222222', '111111111111'),
      pending('securityhub', 'b', 'us-east-1', '333333333333', '111111111111'),
      pending('guardduty', 'b', 'us-east-1', '333333333333', '111111111111'),
      pending('macie', 'c', 'eu-west-1', '444444444444', '111111111111', '999999999999'),
    ];
    const groups = invitationsByAdministrator(rows, ORDER);
    expect(groups.map((g) => g.administratorId)).toEqual(['111111111111', '999999999999']);
    const [first, second] = groups;
    if (!first || !second) throw new Error('two groups expected');
    expect(first.perService).toEqual([
      { service: 'securityhub', invitations: 3 },
      { service: 'guardduty', invitations: 1 },
      { service: 'macie', invitations: 1 },
    ]);
    expect(inviteesText(first)).toBe('3 accounts');
    expect(offerText(first, SERVICES)).toBe('to Security Hub CSPM (3), GuardDuty (1) and Macie (1) in 2 regions');
    expect(first.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(first.rows).toHaveLength(5);
    // The second administrator's invitation shares a row; only that row is its to answer.
    expect(second.rows.map((r) => [r.service, r.profile])).toEqual([['macie', 'c']]);
    expect(offerText(second, SERVICES)).toBe('to Macie in eu-west-1');
    expect(groupDetails(first, SERVICES)).toBe(
      '5 pending invitations (Security Hub CSPM: 3, GuardDuty: 1, Macie: 1); regions eu-west-1, us-east-1; accounts 222222222222, 333333333333, 444444444444',
    );
  });

  it('answers an account reached by several profiles once, through its freshest row', () => {
    const stale = { ...pending('guardduty', 'old', 'us-east-1', '222222222222', '111111111111'), stale: true };
    const fresh = pending('guardduty', 'new', 'us-east-1', '222222222222', '111111111111');
    const [group] = invitationsByAdministrator([stale, fresh], ORDER);
    expect(group?.invitations).toBe(1);
    expect(group?.rows.map((r) => r.profile)).toEqual(['new']);
    expect(group?.invitees).toEqual([{ accountId: '222222222222', profile: 'new' }]);
  });

  it('counts each invitation of one administrator in one row (several behavior graphs), and names an unknown service by its id', () => {
    const row = serviceRow('p', 'us-east-1', {
      service: 'graphs',
      accountId: '222222222222',
      pendingInvitations: [invitation('111111111111', 'arn:graph-1'), invitation('111111111111', 'arn:graph-2')],
    });
    const [group] = invitationsByAdministrator([row], ORDER);
    expect(group?.perService).toEqual([{ service: 'graphs', invitations: 2 }]);
    expect(group?.rows).toHaveLength(1);
    if (group) expect(offerText(group, SERVICES)).toBe('to graphs (2) in us-east-1');
  });

  it('keeps a profile that could not say its account as its own invitee, and has nothing for rows without invitations', () => {
    const [group] = invitationsByAdministrator(
      [pending('securityhub', 'lost', 'us-east-1', null, '111111111111')],
      ORDER,
    );
    expect(group?.invitees).toEqual([{ accountId: null, profile: 'lost' }]);
    expect(invitationsByAdministrator([serviceRow('x', 'us-east-1')], ORDER)).toEqual([]);
  });

  it('joins lists in words', () => {
    expect(listText([])).toBe('');
    expect(listText(['A'])).toBe('A');
    expect(listText(['A', 'B'])).toBe('A and B');
    expect(listText(['A', 'B', 'C'])).toBe('A, B and C');
  });
});
