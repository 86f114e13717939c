/**
 * What an accept answers, decided from the member side read once before it: the invitation named (or
 * the administrator's only pending one), refused with the reason where AWS would refuse, and never a
 * turn-on of the service (billed) without the person's yes.
 */
import { AppErrorException, appError } from '../../domain/errors';
import type { AdministratorInfo } from '../../domain/row';
import { holdsMembership, memberOfStatus, membershipLabel, statusKind } from '../../domain/statuses';
import type { MemberSide, SecurityService } from '../services/service';
import { refusal } from './frame';

export interface AcceptRequest {
  service: SecurityService;
  profile: string;
  region: string;
  administratorId: string;
  /** The service's reference to the invitation; null: the administrator's pending one, as read. */
  invitationId: string | null;
  /** The person agreed to turn the service on first where accepting needs it. */
  turnOn?: boolean;
  /** The administrator is outside the trusted list and the person agreed to trust it. */
  trustAdministrator?: boolean | undefined;
}

/**
 * Which invitation to accept: the one named, or the administrator's only pending one; refused when
 * the accept would turn the service on (a service off whose invitations are read) without a yes.
 */
export function chooseInvitation(req: AcceptRequest, side: MemberSide | null, accountId: string): string {
  if (!side) throw refusal(`The invitations of account ${accountId} in ${req.region} could not be read.`);
  // A Paused membership (Macie suspended in the member) still has its administrator.
  const current = side.administrators.filter((a) => holdsMembership(a.memberStatus));
  const short = req.service.about.shortName;
  const fromAdmin = side.pending.filter((i) => i.accountId === req.administratorId);
  const same = current.find((a) => isThisMembership(req, a, fromAdmin.length));
  if (same) {
    throw refusal(
      `Account ${accountId} is already ${memberOfStatus(same.memberStatus)} of ${req.administratorId} in ${req.region}.`,
      null,
      {
        alreadyDone: true,
      },
    );
  }
  refuseSuspended(req, side, accountId);
  const other = current[0];
  if (other && current.length >= req.service.member.maxAdministrators) {
    throw refusal(
      `Account ${accountId} already has an administrator in ${req.region} (${other.accountId}, ${membershipLabel(other.memberStatus)}); an account can have only one.`,
      `Disassociate from ${other.accountId} first, then accept the invitation from ${req.administratorId}.`,
    );
  }
  if (req.invitationId !== null) {
    if (fromAdmin.some((i) => i.invitationId === req.invitationId))
      return mayTurnOn(req, side, accountId, req.invitationId);
    const newer = fromAdmin[0];
    throw newer
      ? refusal(
          `The invitation ${req.invitationId} from ${req.administratorId} is no longer pending in ${req.region}; invitation ${newer.invitationId} is.`,
          'Read the row again and accept the current invitation.',
        )
      : refusal(
          `There is no pending invitation from ${req.administratorId} in ${req.region}: it is no longer pending.`,
          'Read the row again to see the current invitations.',
        );
  }
  const [only, ...more] = fromAdmin;
  if (!only) {
    throw refusal(
      `There is no pending ${short} invitation from ${req.administratorId} in ${req.region}.`,
      'Read the row again to see the current invitations.',
    );
  }
  if (more.length > 0)
    throw severalPending(
      req,
      fromAdmin.map((i) => i.invitationId),
      'accept',
    );
  return mayTurnOn(req, side, accountId, only.invitationId);
}

/**
 * Whether the current membership `a` is the one the accept asks for. With one administrator at most,
 * the administrator says it; where there may be several (Detective: one per behavior graph, and one
 * administrator may invite an account to more than one), the invitation named does, and an accept
 * naming none is already done only when nothing from that administrator is pending.
 */
function isThisMembership(req: AcceptRequest, a: AdministratorInfo, pendingFromAdmin: number): boolean {
  if (a.accountId !== req.administratorId) return false;
  if (req.service.member.maxAdministrators === 1) return true;
  if (req.invitationId !== null) return a.invitationId === null || a.invitationId === req.invitationId;
  return pendingFromAdmin === 0;
}

/**
 * Accepting where the service is off but its invitations are read (GuardDuty without a detector)
 * turns the service on first, which AWS bills: never without the person's yes (`turnOn`).
 */
function mayTurnOn(req: AcceptRequest, side: MemberSide, accountId: string, invitationId: string): string {
  if (!side.off || req.turnOn === true) return invitationId;
  const { service } = req;
  const short = service.about.shortName;
  throw new AppErrorException(
    appError(
      'refused',
      `${short} is off in ${req.region} for account ${accountId}: accepting the invitation from ${req.administratorId} turns it on first (${service.about.operations['turn-on']}). ${service.about.turnOn.billing}`,
      { remediation: `Accept again and agree to turn ${short} on (on the command line: --turn-on).` },
    ),
  );
}

/**
 * An account suspended from AWS is never invited and never joins (the Member type's AccountSuspended,
 * botocore's securityhub model): a relationship or invitation of this administrator in that status is
 * refused with its own kind, before anything is sent.
 */
function refuseSuspended(req: AcceptRequest, side: MemberSide, accountId: string): void {
  const suspended = [...side.administrators, ...side.invitations].some(
    (x) => x.accountId === req.administratorId && statusKind(x.memberStatus) === 'suspended',
  );
  if (!suspended) return;
  throw new AppErrorException(
    appError(
      'account-suspended',
      `The ${req.service.about.shortName} relationship of account ${accountId} with ${req.administratorId} in ${req.region} is AccountSuspended: a suspended account is never invited and cannot join, so nothing was sent.`,
      {
        remediation: `Once the account is active again, ask ${req.administratorId} to invite it again.`,
        retryable: false,
      },
    ),
  );
}

/**
 * Where the service lets no administrator accept an invitation (Security Hub CSPM: "If your account is
 * an administrator account, you can't accept an invitation to become a member account", its user
 * guide), an account the last read found administering members is refused before anything is sent.
 */
export function refuseAdministrator(
  req: AcceptRequest,
  last: { accountId: string | null; members: number } | null,
  accountId: string,
): void {
  if (!req.service.about.administratorCannotAccept || !last || last.accountId !== accountId || last.members === 0) {
    return;
  }
  const members = last.members === 1 ? '1 member' : `${last.members} members`;
  throw refusal(
    `Account ${accountId} administers ${members} in ${req.region}, and a ${req.service.about.name} administrator cannot accept an invitation to become a member; nothing was sent.`,
    'Disassociate and remove its members first, or accept from an account that administers none.',
  );
}

/** The administrator has several pending invitations and the request named none: the caller must. */
export function severalPending(
  req: { service: SecurityService; administratorId: string; region: string },
  references: string[],
  verb: string,
): AppErrorException {
  return new AppErrorException(
    appError(
      'invalid-request',
      `${req.administratorId} has ${references.length} pending ${req.service.about.shortName} invitations in ${req.region} (${references.join(', ')}); say which to ${verb}.`,
      { remediation: 'Name the invitation (on the command line: its reference flag, such as --graph-arn).' },
    ),
  );
}
