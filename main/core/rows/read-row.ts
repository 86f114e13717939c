/**
 * Reads one HubSnapshot row: profile × region, with three calls in one round trip
 * (GetAdministratorAccount, ListInvitations, the first ListMembers page; more pages only for an
 * administrator of more than 50). Security Hub off and a region not enabled are read from their
 * answers, and a single failing read leaves the rest of the row usable (partialErrors).
 *
 * Several profiles can reach the same account: `SharedReads` lets the first one read an
 * account-region and the others show that result, but only when the read did not depend on who
 * asked (no IAM denial, no deprecated fallback); otherwise each profile reads for itself. What is
 * shared is only the account's part of the row (AccountRead): the profile, its ARN, its notes and
 * anything naming it stay with each profile's own row.
 */

import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { type AppError, appError, errorOf, ROW_READ_FAILED } from '../../domain/errors';
import { isEnabled, isInvited } from '../../domain/ids';
import { OPT_IN_REGIONS } from '../../domain/regions';
import type { AdministratorInfo, HubSnapshot, InvitationInfo, MemberInfo } from '../../domain/types';
import type { IdentityResolver } from '../aws/identity';
import {
  type CallRunner,
  getAdministrator,
  type HubContext,
  listInvitations,
  listMembers,
  listMembersPage,
  type MembersPage,
} from '../aws/securityhub';
import type { NotEnabled } from './region-checks';
import { PARTITION_NAMES, partitionOfArn, partitionOfRegion } from './regions';

export interface RowReadOptions {
  profile: string;
  region: string;
  /** Where to ask STS (the profile's own region, so an opt-in region cannot spoil the identity). */
  stsRegion: string;
  identity: IdentityResolver;
  securityHub: (profile: string, region: string) => SecurityHubClient;
  /** A runner bound to this row's priority and cancellation, for the given throttling key. */
  runner: (key: string) => CallRunner;
  clock: () => Date;
  /** Profile-level notes (e.g. regions dropped for another partition). */
  notes?: string[];
  shared?: SharedReads;
  /**
   * The account this profile reached last time (its stored rows), if any: the row's reads start
   * with it before STS answers, and are read again if STS names another account.
   */
  knownAccountId?: string | null;
  /** When this region was last found not enabled for the account, while that answer stands (null: read it). */
  notEnabledSince?: (accountId: string) => NotEnabled | null;
}

/** The part of a row that belongs to the account and region, whichever profile read it. */
export type AccountRead = Pick<
  HubSnapshot,
  | 'hub'
  | 'hubArn'
  | 'subscribedAt'
  | 'administrator'
  | 'pendingInvitations'
  | 'invitationsCount'
  | 'members'
  | 'error'
  | 'partialErrors'
  | 'notes'
  | 'fetchedAt'
>;

/** accountId/region -> the first profile's read, or null when that read may not be shared. */
export type SharedReads = Map<string, Promise<AccountRead | null>>;

export function sharedReadNote(accountId: string, region: string): string {
  return `Account ${accountId} in ${region} was read once and is shown under every profile that reaches it.`;
}

export function emptyRow(profile: string, region: string, clock: () => Date): HubSnapshot {
  return {
    profile,
    region,
    accountId: null,
    arn: null,
    hub: 'error',
    hubArn: null,
    subscribedAt: null,
    administrator: null,
    pendingInvitations: [],
    invitationsCount: null,
    members: null,
    error: null,
    partialErrors: [],
    notes: [],
    fetchedAt: clock().toISOString(),
    stale: false,
  };
}

const errorOfRead = (error: unknown): AppError => errorOf(error, ROW_READ_FAILED);

/**
 * An invitation is pending only while its own status is Invited, and it is not the one behind the
 * current relationship (the same invitation id, or the same administrator while that relationship is
 * active).
 */
export function pendingInvitations(
  invitations: InvitationInfo[],
  administrator: AdministratorInfo | null,
): InvitationInfo[] {
  return invitations.filter((inv) => isInvited(inv.memberStatus) && !isCurrent(inv, administrator));
}

function isCurrent(inv: InvitationInfo, administrator: AdministratorInfo | null): boolean {
  if (!administrator) return false;
  if (administrator.invitationId !== null && inv.invitationId === administrator.invitationId) return true;
  return isEnabled(administrator.memberStatus) && inv.accountId === administrator.accountId;
}

export function deprecatedReadNote(operation: string, newOperation: string): string {
  return `IAM denied securityhub:${newOperation}, so this was read with the deprecated ${operation}. Grant securityhub:${newOperation} to stop relying on the old name.`;
}

/** The administrator and invitations of a row, with the pending rule applied. */
export interface MemberSide {
  administrator: AdministratorInfo | null;
  invitations: InvitationInfo[];
  pending: InvitationInfo[];
  usedDeprecated: boolean;
}

/** Reads the member side of a row (also before actions). */
export async function readMemberSide(ctx: HubContext): Promise<MemberSide> {
  const [admin, invitations] = await Promise.all([getAdministrator(ctx), listInvitations(ctx)]);
  return {
    administrator: admin.value,
    invitations: invitations.value,
    pending: pendingInvitations(invitations.value, admin.value),
    usedDeprecated: admin.usedDeprecated,
  };
}

/** True when the read did not depend on which principal asked, so other profiles may show it. */
function shareable(row: HubSnapshot, principalDependent: boolean): boolean {
  if (principalDependent) return false;
  if (row.partialErrors.length > 0) return false;
  if (row.error === null) return true;
  // A command (`aws sso login --profile …`) is always one profile's.
  return row.error.kind === 'region-not-enabled' && !row.error.command;
}

/** The account's part of a row read by one profile (its notes are the read's, none of the profile's). */
function accountRead(row: HubSnapshot): AccountRead {
  return {
    hub: row.hub,
    hubArn: row.hubArn,
    subscribedAt: row.subscribedAt,
    administrator: row.administrator,
    pendingInvitations: row.pendingInvitations,
    invitationsCount: row.invitationsCount,
    members: row.members,
    error: row.error,
    partialErrors: row.partialErrors,
    notes: row.notes,
    fetchedAt: row.fetchedAt,
  };
}

export async function readHubSnapshot(options: RowReadOptions): Promise<HubSnapshot> {
  const { profile, region, clock } = options;
  const row = emptyRow(profile, region, clock);
  row.notes.push(...(options.notes ?? []));

  const asked = options.identity.resolve(profile, options.stsRegion, options.runner(`sts:${profile}`));
  // A read of the account-region in this refresh (shared) comes first; else a standing answer.
  const standing = (accountId: string) =>
    options.shared?.has(`${accountId}/${region}`) ? null : (options.notEnabledSince?.(accountId) ?? null);
  // Head start: the account of the profile's last row is most likely still its account, so its
  // reads start now, beside the STS call, and count only once STS confirms it.
  const guess = options.knownAccountId ?? null;
  const early =
    guess && !standing(guess)
      ? readAccount(
          options,
          guess,
          asked.then(
            (w) => w.ok && w.identity.accountId === guess,
            () => false,
          ),
        )
      : null;
  const who = await asked;
  if (!who.ok) {
    row.error = who.error;
    row.fetchedAt = clock().toISOString();
    return row;
  }
  row.accountId = who.identity.accountId;
  row.arn = who.identity.arn;

  const identityPartition = partitionOfArn(who.identity.arn);
  const regionPartition = partitionOfRegion(region);
  if (identityPartition && identityPartition !== regionPartition) {
    row.error = appError(
      'config',
      `${region} belongs to ${PARTITION_NAMES[regionPartition]}, but this profile's account is in ${PARTITION_NAMES[identityPartition]}.`,
      { remediation: 'Remove this region from the profile’s regions (profileRegions in the settings).' },
    );
    return row;
  }

  const since = standing(who.identity.accountId);
  if (since) return notEnabledRow(row, who.identity.accountId, since);

  // A wrong guess (another account now behind the profile) is read again with the right one.
  const read =
    early && guess === who.identity.accountId
      ? await early
      : await readAccount(options, who.identity.accountId, Promise.resolve(true));
  // This profile's own row (profile, account, ARN, notes) with the account's part of the read.
  // A shared read is a private copy nobody modifies (rows are never changed once read), so the
  // rows showing it share its lists instead of copying a thousand members each.
  return {
    ...row,
    ...read.part,
    notes: [...row.notes, ...read.part.notes, ...(read.shared ? [sharedReadNote(who.identity.accountId, region)] : [])],
  };
}

/** The row of a region found not enabled less than a day ago: the same answer, without a call. */
function notEnabledRow(row: HubSnapshot, accountId: string, since: NotEnabled): HubSnapshot {
  return {
    ...row,
    hub: 'region-not-enabled',
    fetchedAt: since.at,
    error:
      since.error ??
      appError('region-not-enabled', `Account ${accountId} has not enabled region ${row.region}.`, {
        remediation:
          'Enable the region in the AWS console (Account → AWS Regions) or remove it from this profile’s regions.',
      }),
    notes: [...row.notes, notAskedAgainNote(since.at)],
  };
}

export function notAskedAgainNote(at: string): string {
  return `Not asked again since ${at}, when the region was not enabled: the app asks once a day, or at once with “Re-check regions” (command line: status --recheck-regions).`;
}

/**
 * The account's part of the row: shown from another profile's read of the same account-region when
 * that one may be shared, else read here. `confirmed` says (once STS answers) whether `accountId`
 * is really the profile's account; only a confirmed read is offered to the other profiles.
 */
async function readAccount(
  options: RowReadOptions,
  accountId: string,
  confirmed: Promise<boolean>,
): Promise<{ part: AccountRead; shared: boolean }> {
  const { profile, region, clock } = options;
  const key = `${accountId}/${region}`;
  const shared = options.shared;
  const earlier = shared?.get(key);
  if (earlier) {
    const other = await earlier;
    if (other) return { part: other, shared: true };
  }
  let publish: ((read: AccountRead | null) => void) | null = null;
  if (shared && !earlier) {
    shared.set(
      key,
      new Promise((resolve) => {
        publish = resolve;
      }),
    );
  }

  const row = emptyRow(profile, region, clock);
  let principalDependent = false;
  try {
    const ctx: HubContext = {
      client: options.securityHub(profile, region),
      profile,
      region,
      identityOk: true,
      accountId,
      run: options.runner(key),
    };
    await readRow(ctx, row, (dependent) => {
      principalDependent ||= dependent;
    });
  } catch (error) {
    row.hub = 'error';
    row.error = errorOfRead(error);
  }
  row.fetchedAt = clock().toISOString();
  const part = accountRead(row);
  const ok = await confirmed;
  (publish as ((read: AccountRead | null) => void) | null)?.(
    ok && shareable(row, principalDependent) ? structuredClone(part) : null,
  );
  return { part, shared: false };
}

type Part<T> = { ok: true; value: T } | { ok: false; error: AppError };

const settled = <T>(read: Promise<T>): Promise<Part<T>> =>
  read.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error: errorOfRead(error) }),
  );

/**
 * The answer every part of a row shares, when one part gives it: Security Hub off ("not
 * subscribed", which every operation but EnableSecurityHub answers), or a region the account has
 * not enabled. Null when the parts answered for themselves.
 */
function rowWideAnswer(parts: Part<unknown>[]): { hub: 'off' | 'region-not-enabled'; error: AppError | null } | null {
  for (const p of parts) {
    if (!p.ok && p.error.kind === 'hub-off') return { hub: 'off', error: null };
  }
  for (const p of parts) {
    if (!p.ok && p.error.kind === 'region-not-enabled') return { hub: 'region-not-enabled', error: p.error };
  }
  return null;
}

/**
 * Three calls in one round trip: the administrator, the invitations and the first page of members.
 * Whether Security Hub is on comes from their answers (DescribeHub's ARN and subscription time are
 * shown nowhere, so a refresh does not read them); the invitation count decides nothing the
 * invitations themselves do not, and ListMembers answers the same Member fields as GetMembers.
 */
async function readRow(ctx: HubContext, row: HubSnapshot, markDependent: (dependent: boolean) => void): Promise<void> {
  // An opt-in region may not be enabled for the account: one call finds out before two more fail.
  const probe = OPT_IN_REGIONS.has(ctx.region) ? await settled(getAdministrator(ctx)) : null;
  const probed = probe ? rowWideAnswer([probe]) : null;
  if (probed) {
    row.hub = probed.hub;
    row.error = probed.error;
    return;
  }
  const [admin, invitations, firstMembers] = await Promise.all([
    probe ?? settled(getAdministrator(ctx)),
    settled(listInvitations(ctx)),
    settled(listMembersPage(ctx, { onlyAssociated: false, maxResults: 50 })),
  ]);
  const parts = [admin, invitations, firstMembers];
  const wide = rowWideAnswer(parts);
  if (wide) {
    row.hub = wide.hub;
    row.error = wide.error;
    return;
  }
  for (const p of parts) if (!p.ok && p.error.kind === 'access-denied') markDependent(true);
  if (parts.every((p) => !p.ok)) {
    // Nothing answered: one reason for the whole row (the administrator's, which names its action).
    row.hub = 'error';
    row.error = (admin as { ok: false; error: AppError }).error;
    return;
  }
  row.hub = 'on';
  const members = firstMembers.ok ? await settled(restOfMembers(ctx, firstMembers.value.value)) : firstMembers;

  if (admin.ok) {
    row.administrator = admin.value.value;
    if (admin.value.usedDeprecated) {
      markDependent(true);
      row.notes.push(deprecatedReadNote(admin.value.operation, 'GetAdministratorAccount'));
    }
  } else row.partialErrors.push({ part: 'administrator', error: admin.error });
  if (invitations.ok) {
    // Each invitation's own status tells whether it is pending, so an unreadable administrator only
    // costs the check against the current relationship's invitation id (which is never Invited).
    row.pendingInvitations = pendingInvitations(invitations.value.value, admin.ok ? row.administrator : null);
    if (admin.ok && !row.administrator) row.notes.push(...unnamedAdministratorNotes(invitations.value.value));
  } else row.partialErrors.push({ part: 'invitations', error: invitations.error });
  if (members.ok) row.members = members.value;
  else {
    if (members.error.kind === 'access-denied') markDependent(true);
    row.partialErrors.push({ part: 'members', error: members.error });
  }
}

/** The members after the first page (an administrator of more than 50): ListMembers pages on. */
async function restOfMembers(ctx: HubContext, first: MembersPage): Promise<MemberInfo[]> {
  if (!first.nextToken) return first.members;
  return (await listMembers(ctx, false, first)).value;
}

/**
 * GetAdministratorAccount named nobody, yet an invitation is listed as accepted: the two answers
 * disagree (an answer under another key than Administrator, as the AWS CLI's own example shows it,
 * or a change still spreading). The row says so rather than silently showing no administrator.
 */
function unnamedAdministratorNotes(invitations: InvitationInfo[]): string[] {
  return invitations
    .filter((i) => isEnabled(i.memberStatus))
    .map(
      (i) =>
        `GetAdministratorAccount names no administrator, but ListInvitations lists the invitation from ${i.accountId} as accepted (${i.memberStatus}). Refresh later; if it stays, check this account in the Security Hub console.`,
    );
}
