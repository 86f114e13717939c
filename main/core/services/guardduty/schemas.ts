/**
 * GuardDuty's answers as the app reads them: loose objects (new AWS fields are ignored), every field
 * optional where the service model (botocore guardduty/2017-11-28) allows, and the conversions into
 * the row's shapes. GuardDuty's timestamps are `String` shapes in its model, so the SDK hands back
 * text, not a Date; `RelationshipStatus` is free text (main/domain/statuses.ts compares it by kind).
 */
import { z } from 'zod';
import type { AdministratorInfo, InvitationInfo, MemberInfo } from '../../../domain/row';
import type { UnprocessedAccount } from '../../../domain/types';
import { iso } from '../../aws/call';

const text = z.string().nullish();
const metadata = z.object({ $metadata: z.object({ requestId: z.string().optional() }).optional() });
/** Administrator, Master and Invitation share these four members. */
const relationshipSchema = z.object({
  AccountId: text,
  InvitationId: text,
  RelationshipStatus: text,
  InvitedAt: text,
});
const memberSchema = z.object({
  AccountId: z.string(),
  Email: text,
  MasterId: text,
  AdministratorId: text,
  RelationshipStatus: text,
  InvitedAt: text,
  UpdatedAt: text,
});
const unprocessedSchema = z.array(z.object({ AccountId: text, Result: text }));

export const schemas = {
  ListDetectors: metadata.extend({ DetectorIds: z.array(z.string()).nullish(), NextToken: text }),
  CreateDetector: metadata.extend({ DetectorId: text }),
  // "When the GuardDuty administrator account runs this API, it will return success (HTTP 200) but no
  // content" (the API reference): the member is absent then.
  GetAdministratorAccount: metadata.extend({ Administrator: relationshipSchema.nullish() }),
  GetMasterAccount: metadata.extend({ Master: relationshipSchema.nullish() }),
  ListInvitations: metadata.extend({ Invitations: z.array(relationshipSchema).nullish(), NextToken: text }),
  ListMembers: metadata.extend({ Members: z.array(memberSchema).nullish(), NextToken: text }),
  GetMembers: metadata.extend({
    Members: z.array(memberSchema).nullish(),
    UnprocessedAccounts: unprocessedSchema.nullish(),
  }),
  Empty: metadata,
  Batch: metadata.extend({ UnprocessedAccounts: unprocessedSchema.nullish() }),
};

type Relationship = z.output<typeof relationshipSchema>;

/** A timestamp as the row keeps it (ISO text); text that is no date is kept as sent rather than lost. */
const when = (value: string | null | undefined) => iso(value) ?? value ?? null;

export function toAdministrator(relationship: Relationship | null | undefined): AdministratorInfo | null {
  if (!relationship?.AccountId) return null;
  return {
    accountId: relationship.AccountId,
    invitationId: relationship.InvitationId ?? null,
    invitedAt: when(relationship.InvitedAt),
    memberStatus: relationship.RelationshipStatus ?? 'Unknown',
  };
}

/** A listed invitation, or null when it lacks the administrator or its id (nothing could answer it). */
export function toInvitation(inv: Relationship): InvitationInfo | null {
  if (!inv.AccountId || !inv.InvitationId) return null;
  return {
    accountId: inv.AccountId,
    invitationId: inv.InvitationId,
    invitedAt: when(inv.InvitedAt),
    memberStatus: inv.RelationshipStatus ?? 'Unknown',
  };
}

export function toMember(m: z.output<typeof memberSchema>): MemberInfo {
  return {
    accountId: m.AccountId,
    email: m.Email ?? null,
    // The published ListMembers example has MasterId but no AdministratorId (test/replay/README.md).
    administratorId: m.AdministratorId ?? m.MasterId ?? null,
    masterId: m.MasterId ?? null,
    memberStatus: m.RelationshipStatus ?? 'Unknown',
    invitedAt: when(m.InvitedAt),
    updatedAt: when(m.UpdatedAt),
  };
}

export function toUnprocessed(list: z.output<typeof unprocessedSchema> | null | undefined): UnprocessedAccount[] {
  return (list ?? []).map((u) => ({ accountId: u.AccountId ?? 'unknown', reason: u.Result ?? 'Not processed' }));
}
