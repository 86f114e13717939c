/**
 * The one factory of rows for tests: a row of the shape the app keeps (main/domain/row.ts), with
 * neutral defaults — Security Hub CSPM, the service on, nothing known of the account, nothing
 * pending — and whatever the test says of it. Rows read from the emulator come from the app itself;
 * this is for rows a test makes up.
 */
import type { AdministratorInfo, InvitationInfo, MemberInfo, ServiceRow } from '../../main/domain/row';

export const TEST_FETCHED_AT = '2026-11-25T10:00:00.000Z';

export function serviceRow(profile: string, region: string, extra: Partial<ServiceRow> = {}): ServiceRow {
  return {
    service: 'securityhub',
    profile,
    region,
    accountId: null,
    arn: null,
    state: 'on',
    administrators: [],
    pendingInvitations: [],
    members: null,
    error: null,
    partialErrors: [],
    notes: [],
    fetchedAt: TEST_FETCHED_AT,
    stale: false,
    ...extra,
  };
}

/** An administrator of the row's account (Enabled unless said). */
export function administrator(
  accountId: string,
  memberStatus = 'Enabled',
  extra: Partial<AdministratorInfo> = {},
): AdministratorInfo {
  return { accountId, invitationId: null, invitedAt: null, memberStatus, ...extra };
}

/** An invitation from `accountId` (pending unless said). */
export function invitation(accountId: string, invitationId: string, memberStatus = 'Invited'): InvitationInfo {
  return { accountId, invitationId, invitedAt: null, memberStatus };
}

/** A member account of the row's account (Enabled under 111111111111 unless said). */
export function member(accountId: string, extra: Partial<MemberInfo> = {}): MemberInfo {
  return {
    accountId,
    email: null,
    administratorId: '111111111111',
    masterId: null,
    memberStatus: 'Enabled',
    invitedAt: null,
    updatedAt: null,
    ...extra,
  };
}
