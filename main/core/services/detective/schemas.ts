/**
 * Detective's answers as the app reads them: loose objects (new AWS fields are ignored), every field
 * optional as the service model (botocore detective/2018-10-26) has it, and the conversions into the
 * row's shapes. Detective has no GetAdministratorAccount: ListInvitations' MemberDetail list is the
 * member's whole view, each entry one behavior graph (an invitation while INVITED, a membership once
 * accepted), keyed by its graph ARN. Timestamps are `Timestamp` shapes: the SDK hands back Dates.
 * Statuses are UPPER_CASE (main/domain/statuses.ts compares them by kind).
 */
import { z } from 'zod';
import type { AdministratorInfo, InvitationInfo, MemberInfo } from '../../../domain/row';
import { statusKind } from '../../../domain/statuses';
import type { UnprocessedAccount } from '../../../domain/types';
import { iso } from '../../aws/call';

const text = z.string().nullish();
const time = z.union([z.date(), z.string()]).nullish();
const metadata = z.object({ $metadata: z.object({ requestId: z.string().optional() }).optional() });

/** The model's MemberDetail, the fields the app reads (volume figures left out). */
const memberDetailSchema = z.object({
  AccountId: text,
  EmailAddress: text,
  GraphArn: text,
  MasterId: text,
  AdministratorId: text,
  Status: text,
  DisabledReason: text,
  InvitedTime: time,
  UpdatedTime: time,
  InvitationType: text,
});
const unprocessedSchema = z.array(z.object({ AccountId: text, Reason: text }));

export const schemas = {
  ListInvitations: metadata.extend({ Invitations: z.array(memberDetailSchema).nullish(), NextToken: text }),
  ListGraphs: metadata.extend({
    GraphList: z.array(z.object({ Arn: text, CreatedTime: time })).nullish(),
    NextToken: text,
  }),
  ListMembers: metadata.extend({ MemberDetails: z.array(memberDetailSchema).nullish(), NextToken: text }),
  GetMembers: metadata.extend({
    MemberDetails: z.array(memberDetailSchema).nullish(),
    UnprocessedAccounts: unprocessedSchema.nullish(),
  }),
  CreateMembers: metadata.extend({
    Members: z.array(memberDetailSchema).nullish(),
    UnprocessedAccounts: unprocessedSchema.nullish(),
  }),
  DeleteMembers: metadata.extend({
    AccountIds: z.array(z.string()).nullish(),
    UnprocessedAccounts: unprocessedSchema.nullish(),
  }),
  CreateGraph: metadata.extend({ GraphArn: text }),
  Empty: metadata,
};

export type MemberDetail = z.output<typeof memberDetailSchema>;

/** The graph's administrator: AdministratorId, or the deprecated MasterId where only it is sent. */
const administratorOf = (d: MemberDetail) => d.AdministratorId ?? d.MasterId ?? null;

/**
 * An entry that is a membership rather than an invitation: accepted (ENABLED, ACCEPTED_BUT_DISABLED),
 * or a status no spelling names (kept as sent, and shown rather than offered for an answer it may not
 * take). INVITED is an invitation; VERIFICATION_* are not sent to the member (MemberDetail docs).
 */
function isMembership(d: MemberDetail): boolean {
  const kind = statusKind(d.Status);
  return kind === 'enabled' || kind === 'accepted-but-disabled' || kind === null;
}

/** A membership of a behavior graph as the row's administrator; null without its administrator or graph. */
export function toAdministrator(d: MemberDetail): AdministratorInfo | null {
  const accountId = administratorOf(d);
  if (!accountId || !d.GraphArn || !isMembership(d)) return null;
  return {
    accountId,
    invitationId: d.GraphArn,
    invitedAt: iso(d.InvitedTime),
    memberStatus: d.Status ?? 'Unknown',
    // "For an organization account in the organization behavior graph, the type is ORGANIZATION"
    // (MemberDetail.InvitationType in the model): the organization's membership, which it cannot leave.
    ...(d.InvitationType === 'ORGANIZATION' ? { viaOrganization: true } : {}),
  };
}

/** A listed graph as an invitation (its reference the graph ARN); null without administrator or graph. */
export function toInvitation(d: MemberDetail): InvitationInfo | null {
  const accountId = administratorOf(d);
  if (!accountId || !d.GraphArn) return null;
  return { accountId, invitationId: d.GraphArn, invitedAt: iso(d.InvitedTime), memberStatus: d.Status ?? 'Unknown' };
}

export function toMember(d: MemberDetail & { AccountId: string }): MemberInfo {
  return {
    accountId: d.AccountId,
    email: d.EmailAddress ?? null,
    administratorId: administratorOf(d),
    masterId: d.MasterId ?? null,
    memberStatus: d.Status ?? 'Unknown',
    invitedAt: iso(d.InvitedTime),
    updatedAt: iso(d.UpdatedTime),
    // InvitationType tells how the account joined (the model): documented evidence, so it is said.
    joinedBy:
      d.InvitationType === 'ORGANIZATION' ? 'organizations' : d.InvitationType === 'INVITATION' ? 'invitation' : null,
  };
}

export function toUnprocessed(list: z.output<typeof unprocessedSchema> | null | undefined): UnprocessedAccount[] {
  return (list ?? []).map((u) => ({ accountId: u.AccountId ?? 'unknown', reason: u.Reason ?? 'Not processed' }));
}
