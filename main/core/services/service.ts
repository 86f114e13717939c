/**
 * What a security service brings to the app. Each service is one folder, main/core/services/<id>/,
 * exporting one object of this shape, and one line of registry.ts lists it. Everything else — the
 * refresh, the actions and their activity entries, storage, the contract, the command line and the
 * window — works on any service through this interface and knows no service by name.
 *
 * The generic machinery a service builds on lives in main/core/aws/ (call.ts: one call, its error,
 * the deprecated-operation fallback; pagination.ts: every page of a listing; clients.ts: its SDK
 * client per profile × region). Rules shared by every service's reads are in row-parts.ts.
 */
import type { z } from 'zod';
import type { PartitionId } from '../../domain/regions';
import type { AdministratorInfo, InvitationInfo, MemberInfo, ServiceRow } from '../../domain/row';
import type { ServiceInfo } from '../../domain/services';
import type { UnprocessedAccount } from '../../domain/types';
import type { CallContext, Called, CallTarget } from '../aws/call';
import type { SdkClient, ServiceSdk } from '../aws/clients';

/** One profile × region of one service: its reads go through `client`. */
export interface ServiceContext<Client> extends CallContext {
  client: Client;
  /**
   * A row read sends one call first and stops on its row-wide answer (row-parts.ts `probe`): set in
   * an opt-in region and where the account-region has not answered the service yet, so a region an
   * organization's policy blocks costs one AccessDenied, not one per read. Absent: no probe.
   */
  probeFirst?: boolean;
}

/** A context that may write: `writer` never resends a write the SDK cannot prove unapplied. */
export interface WriteContext<Client> extends ServiceContext<Client> {
  writer: Client;
}

/**
 * The account's part of a row, as the service read it (the profile, its account and the time are
 * the refresh's). `principalDependent`: the answer depended on who asked (an IAM denial, a
 * deprecated operation's fallback), so other profiles reaching the same account read for themselves.
 */
export type AccountPart = Pick<
  ServiceRow,
  'state' | 'administrators' | 'pendingInvitations' | 'members' | 'error' | 'partialErrors' | 'notes'
> & { principalDependent: boolean };

/** The two parts of an account's member side, each read by its own call(s). */
export type MemberSidePart = 'administrators' | 'invitations';
export const MEMBER_SIDE: readonly MemberSidePart[] = ['administrators', 'invitations'];

/** A read of the member side; a part not asked for is null. */
export interface MemberSideRead {
  administrators: AdministratorInfo[] | null;
  invitations: InvitationInfo[] | null;
  /**
   * The service is off in the region, its invitations read all the same (GuardDuty without a
   * detector): accepting one turns the service on first, only when the person agreed (`turnOn`).
   * Read with the administrators; false where the service reads nothing while off (Security Hub CSPM
   * answers "not subscribed", a service-off error).
   */
  off: boolean;
  /** How it was read, in sentences (a deprecated operation's fallback). */
  notes: string[];
  /** A deprecated operation answered because IAM denied the new one. */
  usedDeprecated: boolean;
  /** What the service's writes need again from this read (GuardDuty: the detector), opaque to the rest. */
  carry: Readonly<Record<string, string>>;
}

/** The member side, both parts read, with the pending rule applied (row-parts.ts). */
export interface MemberSide extends MemberSideRead {
  administrators: AdministratorInfo[];
  invitations: InvitationInfo[];
  pending: InvitationInfo[];
}

/** The member-side writes, by what they do. */
export type MemberWrite = 'accept' | 'decline' | 'leave';

export interface MemberSideOf<Client> {
  /** How many administrators a member may have at once in one region (Detective: one per graph). */
  readonly maxAdministrators: number;
  /** One read of the parts asked for (both: before an action; one: the re-read after a write). */
  read(ctx: ServiceContext<Client>, parts: readonly MemberSidePart[]): Promise<MemberSideRead>;
  /** Which part each write changes: what is read again after it, and what settles a lost answer. */
  readonly changes: Readonly<Record<MemberWrite, readonly MemberSidePart[]>>;
  /**
   * Accepts the invitation. `turnOn`: the person agreed to turn the service on first where that is
   * needed (GuardDuty without a detector: billed); a service that needs it and was not given it
   * refuses.
   */
  accept(
    ctx: WriteContext<Client>,
    side: MemberSide,
    invitation: { administratorId: string; invitationId: string },
    options: { turnOn: boolean },
  ): Promise<Called<null>>;
  /**
   * Declines the administrator's invitation (`invitationId`: the one chosen, where the read found it
   * or the request named it; a service that declines by administrator ignores it); the accounts AWS
   * did not process.
   */
  decline(
    ctx: WriteContext<Client>,
    side: MemberSide,
    administratorId: string,
    invitationId?: string | null,
  ): Promise<Called<UnprocessedAccount[]>>;
  /** Leaves the administrator (its `invitationId`: the relationship's reference, Detective's graph ARN). */
  leave(ctx: WriteContext<Client>, side: MemberSide, administrator: AdministratorInfo): Promise<Called<null>>;
}

/** The administrator's batches on member accounts, by what they do. */
export type MemberBatch =
  | 'create-members'
  | 'invite-members'
  | 'delete-invitations'
  | 'disassociate-members'
  | 'delete-members';

export interface AdministratorSideOf<Client> {
  /** Every member (all pages); `onlyAssociated` false includes invited and created ones. */
  listMembers(ctx: ServiceContext<Client>, onlyAssociated: boolean): Promise<MemberInfo[]>;
  getMembers(
    ctx: ServiceContext<Client>,
    accountIds: string[],
  ): Promise<{ members: MemberInfo[]; unprocessed: UnprocessedAccount[] }>;
  /** One batch over the accounts (as many calls as the service takes per call); a failure stops the rest. */
  batch(
    ctx: WriteContext<Client>,
    batch: MemberBatch,
    accounts: { accountId: string; email?: string }[],
  ): Promise<Called<{ unprocessed: UnprocessedAccount[] }>>;
  /** Turns the service on in the region (billed). */
  turnOn(ctx: WriteContext<Client>, options: { defaultStandards: boolean }): Promise<Called<null>>;
  /** Whether the service is on (the re-read after a turn-on whose answer was lost). */
  isOn(ctx: ServiceContext<Client>): Promise<boolean>;
  /** The sentence after a turn-on: what it costs. */
  turnedOnMessage(region: string, options: { defaultStandards: boolean }): string;
}

export interface SecurityService<Client extends SdkClient = SdkClient> extends CallTarget {
  readonly about: ServiceInfo;
  readonly sdk: ServiceSdk<Client>;
  /** Every region of the partition where the service has an endpoint ("every region" in the settings). */
  regions(partition: PartitionId): readonly string[];
  /**
   * Whether the service's "off" answer stands for a day, like an opt-in region found not enabled
   * (rows/region-checks.ts; "Re-check regions" forgets it). True where asking costs the account
   * something (Macie: "off" is an AccessDenied event in its CloudTrail); false where off is read on
   * every refresh (Security Hub CSPM).
   */
  readonly offStands: boolean;
  /**
   * Every operation its reads send, each with what it reads for (the deprecated names included): with
   * `writeOperations` and `about.operations` the least-privilege policy is made from it
   * (main/core/permissions/). A test checks it against the operations the folder's code sends.
   */
  readonly readOperations: Readonly<Record<string, string>>;
  /**
   * The deprecated operations it falls back to, each with the new name it stands in for (the
   * service model marks them `deprecated`); a policy needs them only where it grants nothing newer.
   */
  readonly deprecatedOperations: Readonly<Record<string, string>>;
  /** Checks the service's opaque invitation reference (InvitationInfo.invitationId). */
  readonly invitationId: z.ZodType<string>;
  /** One read of an account-region: the row's service part (state, administrators, invitations, members). */
  readAccount(ctx: ServiceContext<Client>): Promise<AccountPart>;
  readonly member: MemberSideOf<Client>;
  readonly admin: AdministratorSideOf<Client>;
}
