/**
 * Macie's answers as the app reads them: loose objects (new AWS fields are ignored), every field
 * optional as the service model (botocore macie2/2020-01-01) has it, and the conversions into the
 * row's shapes. Macie's member names are lowerCamel in its model, so the SDK hands them back so too;
 * its timestamps are `timestampIso8601` shapes (a Date in the JS SDK). `relationshipStatus` is the
 * model's PascalCase enum (main/domain/statuses.ts compares it by kind, Paused included).
 */
import { z } from 'zod';
import type { AdministratorInfo, InvitationInfo, MemberInfo } from '../../../domain/row';
import type { UnprocessedAccount } from '../../../domain/types';
import { iso } from '../../aws/call';

const text = z.string().nullish();
const when = z.union([z.date(), z.string()]).nullish();
const metadata = z.object({ $metadata: z.object({ requestId: z.string().optional() }).optional() });
/** The model's Invitation: what GetAdministratorAccount (`administrator`) and ListInvitations answer. */
const invitationSchema = z.object({
  accountId: text,
  invitationId: text,
  invitedAt: when,
  relationshipStatus: text,
});
const memberSchema = z.object({
  accountId: z.string(),
  administratorAccountId: text,
  masterAccountId: text,
  email: text,
  invitedAt: when,
  relationshipStatus: text,
  updatedAt: when,
});
const unprocessedSchema = z.array(z.object({ accountId: text, errorCode: text, errorMessage: text }));

export const schemas = {
  GetMacieSession: metadata.extend({ status: text, createdAt: when, updatedAt: when }),
  GetAdministratorAccount: metadata.extend({ administrator: invitationSchema.nullish() }),
  GetMasterAccount: metadata.extend({ master: invitationSchema.nullish() }),
  ListInvitations: metadata.extend({ invitations: z.array(invitationSchema).nullish(), nextToken: text }),
  ListMembers: metadata.extend({ members: z.array(memberSchema).nullish(), nextToken: text }),
  GetMember: metadata.extend(memberSchema.shape),
  CreateMember: metadata.extend({ arn: text }),
  Empty: metadata,
  Batch: metadata.extend({ unprocessedAccounts: unprocessedSchema.nullish() }),
};

type Invitation = z.output<typeof invitationSchema>;

const isoOf = (value: Date | string | null | undefined) =>
  value instanceof Date ? iso(value) : (iso(value) ?? value ?? null);

/**
 * The administrator, or null. "If the accounts are associated by an Amazon Macie membership
 * invitation, this object also provides details about the invitation" (the model): an Enabled
 * administrator with no invitation behind it was set by AWS Organizations, which the member cannot
 * leave ("do not have sufficient permissions to disassociate themselves", gruntwork-io/cloud-nuke#323).
 */
export function toAdministrator(relationship: Invitation | null | undefined): AdministratorInfo | null {
  if (!relationship?.accountId) return null;
  const invitationId = relationship.invitationId ?? null;
  return {
    accountId: relationship.accountId,
    invitationId,
    invitedAt: isoOf(relationship.invitedAt),
    memberStatus: relationship.relationshipStatus ?? 'Unknown',
    ...(invitationId === null ? { viaOrganization: true } : {}),
  };
}

/** A listed invitation, or null when it lacks the administrator or its id (nothing could answer it). */
export function toInvitation(inv: Invitation): InvitationInfo | null {
  if (!inv.accountId || !inv.invitationId) return null;
  return {
    accountId: inv.accountId,
    invitationId: inv.invitationId,
    invitedAt: isoOf(inv.invitedAt),
    memberStatus: inv.relationshipStatus ?? 'Unknown',
  };
}

/**
 * A member. How it joined, from the model only: `email` "is null if the account is associated with
 * the administrator account through Organizations"; `invitedAt` "is null if a Macie membership
 * invitation hasn't been sent to the account".
 */
export function toMember(m: z.output<typeof memberSchema>): MemberInfo {
  const invitedAt = isoOf(m.invitedAt);
  return {
    accountId: m.accountId,
    email: m.email ?? null,
    administratorId: m.administratorAccountId ?? m.masterAccountId ?? null,
    masterId: m.masterAccountId ?? null,
    memberStatus: m.relationshipStatus ?? 'Unknown',
    invitedAt,
    updatedAt: isoOf(m.updatedAt),
    joinedBy: !m.email ? 'organizations' : invitedAt ? 'invitation' : null,
  };
}

export function toUnprocessed(list: z.output<typeof unprocessedSchema> | null | undefined): UnprocessedAccount[] {
  return (list ?? []).map((u) => ({
    accountId: u.accountId ?? 'unknown',
    reason: u.errorMessage ?? u.errorCode ?? 'Not processed',
  }));
}
