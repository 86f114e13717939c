/**
 * What an accept answers, decided from the member side read once before it: the invitation named (or
 * the administrator's only pending one), refused with the reason where AWS would refuse, and never a
 * turn-on of the service (billed) without the person's yes.
 */
import { AppErrorException, appError } from '../../domain/errors';
import { holdsMembership, memberOfStatus, membershipLabel } from '../../domain/statuses';
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
  const same = current.find((a) => a.accountId === req.administratorId);
  if (same) {
    throw refusal(
      `Account ${accountId} is already ${memberOfStatus(same.memberStatus)} of ${req.administratorId} in ${req.region}.`,
      null,
      {
        alreadyDone: true,
      },
    );
  }
  const other = current[0];
  if (other && current.length >= req.service.member.maxAdministrators) {
    throw refusal(
      `Account ${accountId} already has an administrator in ${req.region} (${other.accountId}, ${membershipLabel(other.memberStatus)}); an account can have only one.`,
      `Disassociate from ${other.accountId} first, then accept the invitation from ${req.administratorId}.`,
    );
  }
  const fromAdmin = side.pending.filter((i) => i.accountId === req.administratorId);
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
  if (more.length > 0) {
    throw refusal(
      `${req.administratorId} has ${fromAdmin.length} pending ${short} invitations in ${req.region} (${fromAdmin.map((i) => i.invitationId).join(', ')}); say which to accept.`,
    );
  }
  return mayTurnOn(req, side, accountId, only.invitationId);
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
