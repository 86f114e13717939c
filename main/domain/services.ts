/**
 * What every layer may know of a security service without its code: its id, its names and the AWS
 * operations behind each of its writes (the command line's plans and the window name them). The
 * registry (main/core/services/registry.ts) holds the services; the window and the command line get
 * this description from the backend (`app:info`, main/core/backend.ts).
 */

/** The writes every service offers, by what they do (each service names its own operation). */
export const SERVICE_WRITES = [
  'accept',
  'decline',
  'leave',
  'create-members',
  'invite-members',
  'delete-invitations',
  'disassociate-members',
  'delete-members',
  'turn-on',
] as const;
export type ServiceWrite = (typeof SERVICE_WRITES)[number];

export interface ServiceInfo {
  /** The registry's key, e.g. `securityhub`. */
  id: string;
  /** AWS's current name, for labels, columns and selectors, e.g. "Security Hub CSPM". */
  name: string;
  /** The name in a sentence, e.g. "Security Hub" ("Security Hub is off in eu-west-1"). */
  shortName: string;
  /** The AWS operation each write sends (the first one, where a write takes several). */
  operations: Record<ServiceWrite, string>;
  /**
   * The service principal AWS Organizations knows the service by (`securityhub.amazonaws.com`): its
   * delegated administrator is read with it and trusted (main/domain/trust.ts). Absent: none is read.
   */
  organizationsPrincipal?: string;
  /** How many administrators a member account can have at once in one region (Detective: several graphs). */
  maxAdministrators: number;
  /**
   * What the service calls its invitation reference (InvitationInfo.invitationId) and the command
   * line's flag for it (Detective: the behavior graph ARN, `--graph-arn`); absent: an invitation id,
   * `--invitation-id`.
   */
  invitationReference?: { flag: string; name: string };
  /**
   * Whether adding a member (CreateMembers) takes it only with its e-mail address (GuardDuty: required
   * in its model, the root user's address, which the invitation is verified against), so the window
   * and the command line ask for it.
   */
  membersNeedEmail: boolean;
  /**
   * An account that administers members cannot accept an invitation to become a member (Security
   * Hub CSPM: "If your account is an administrator account, you can't accept an invitation to become
   * a member account", the user guide): the window offers no Accept there.
   */
  administratorCannotAccept?: boolean;
  /**
   * What "add members" does to accounts of the caller's organization when the caller is the
   * service's delegated administrator (they become members at once, the service turned on in them),
   * said before the write; absent where it is no different from an invitation.
   */
  organizationEnrolment?: string;
  /** What the window's turn-on question says: what it costs, and the one choice the service offers, if any. */
  turnOn: {
    /** What the service is, for a person deciding whether to turn it on (told before the billing). */
    what?: string;
    billing: string;
    /** Security Hub CSPM: the default security standards (the request's `enableDefaultStandards`). */
    option: { label: string; description: string } | null;
  };
}
