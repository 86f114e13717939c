/**
 * Security Hub CSPM's answers as the app reads them: loose objects (new AWS fields are ignored), every
 * field optional as in the service model (botocore securityhub/2018-10-26), and the conversions into
 * the row's shapes (Dates into ISO strings, MasterId only where AdministratorId is missing).
 */
import { z } from 'zod';
import type { AdministratorInfo, InvitationInfo, MemberInfo } from '../../../domain/row';
import type { UnprocessedAccount } from '../../../domain/types';
import { iso } from '../../aws/call';
import { joinedByOf } from './joined-by';

const timestamp = z.union([z.date(), z.string()]).nullish();
const metadata = z.object({ $metadata: z.object({ requestId: z.string().optional() }).optional() });
const invitationSchema = z.object({
  AccountId: z.string().nullish(),
  InvitationId: z.string().nullish(),
  InvitedAt: timestamp,
  MemberStatus: z.string().nullish(),
});
const memberSchema = z.object({
  AccountId: z.string(),
  Email: z.string().nullish(),
  MasterId: z.string().nullish(),
  AdministratorId: z.string().nullish(),
  MemberStatus: z.string().nullish(),
  InvitedAt: timestamp,
  UpdatedAt: timestamp,
});
const unprocessedSchema = z.array(
  z.object({ AccountId: z.string().nullish(), ProcessingResult: z.string().nullish() }),
);
const productSchema = z.object({
  ProductArn: z.string(),
  ProductName: z.string().nullish(),
  CompanyName: z.string().nullish(),
  Description: z.string().nullish(),
  Categories: z.array(z.string()).nullish(),
  IntegrationTypes: z.array(z.string()).nullish(),
  MarketplaceUrl: z.string().nullish(),
  ActivationUrl: z.string().nullish(),
});

export const schemas = {
  DescribeHub: metadata.extend({ HubArn: z.string().nullish(), SubscribedAt: z.string().nullish() }),
  GetAdministratorAccount: metadata.extend({ Administrator: invitationSchema.nullish() }),
  GetMasterAccount: metadata.extend({ Master: invitationSchema.nullish() }),
  ListInvitations: metadata.extend({
    Invitations: z.array(invitationSchema).nullish(),
    NextToken: z.string().nullish(),
  }),
  ListMembers: metadata.extend({ Members: z.array(memberSchema).nullish(), NextToken: z.string().nullish() }),
  GetMembers: metadata.extend({
    Members: z.array(memberSchema).nullish(),
    UnprocessedAccounts: unprocessedSchema.nullish(),
  }),
  DescribeProducts: metadata.extend({ Products: z.array(productSchema).nullish(), NextToken: z.string().nullish() }),
  Empty: metadata,
  Batch: metadata.extend({ UnprocessedAccounts: unprocessedSchema.nullish() }),
};

export type ProductAnswer = z.output<typeof productSchema>;

export function toAdministrator(
  invitation: z.output<typeof invitationSchema> | null | undefined,
): AdministratorInfo | null {
  if (!invitation?.AccountId) return null;
  return {
    accountId: invitation.AccountId,
    invitationId: invitation.InvitationId ?? null,
    invitedAt: iso(invitation.InvitedAt),
    memberStatus: invitation.MemberStatus ?? 'Unknown',
  };
}

/** A listed invitation, or null when it lacks the administrator or its id (nothing could answer it). */
export function toInvitation(inv: z.output<typeof invitationSchema>): InvitationInfo | null {
  if (!inv.AccountId || !inv.InvitationId) return null;
  return {
    accountId: inv.AccountId,
    invitationId: inv.InvitationId,
    invitedAt: iso(inv.InvitedAt),
    memberStatus: inv.MemberStatus ?? 'Unknown',
  };
}

export function toMember(m: z.output<typeof memberSchema>): MemberInfo {
  const email = m.Email ?? null;
  const memberStatus = m.MemberStatus ?? 'Unknown';
  return {
    accountId: m.AccountId,
    email,
    administratorId: m.AdministratorId ?? m.MasterId ?? null,
    masterId: m.MasterId ?? null,
    memberStatus,
    invitedAt: iso(m.InvitedAt),
    updatedAt: iso(m.UpdatedAt),
    joinedBy: joinedByOf({ email, memberStatus }),
  };
}

export function toUnprocessed(list: z.output<typeof unprocessedSchema> | null | undefined): UnprocessedAccount[] {
  return (list ?? []).map((u) => ({
    accountId: u.AccountId ?? 'unknown',
    reason: u.ProcessingResult ?? 'Not processed',
  }));
}
