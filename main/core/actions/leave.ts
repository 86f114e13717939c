/**
 * Leaving the administrator, for any service, on the member actions' frame (member.ts): one read,
 * one decision, the write sent once. A membership the organization manages (its delegated
 * administrator enrolled the account through AWS Organizations) cannot be left: known from the read
 * or from the last row, it is refused without a call; learnt from AWS's refusal, the row keeps it so
 * the same leave is not sent again.
 */
import { type AppError, AppErrorException, appError, isAppErrorException } from '../../domain/errors';
import type { AdministratorInfo, ServiceRow } from '../../domain/row';
import { statusKind } from '../../domain/statuses';
import type { ActionOutcome } from '../../domain/types';
import type { MemberSide, SecurityService } from '../services/service';
import type { ActionEnv } from './frame';
import { refusal } from './frame';
import { type MemberRequest, memberAction, outcomeOf, readBefore, settledWork, written } from './member';

/** AWS's refusal for an account enrolled through Organizations, in whichever words it arrives. */
function isOrganizationsRefusal(error: AppError): boolean {
  return error.kind === 'organizations-managed' || /organi[sz]ation/i.test(error.message);
}

/**
 * A relationship that has ended (the administrator removed the account, the account resigned, the
 * member was deleted): a service may still name that administrator, but there is nothing to leave.
 */
const ENDED: ReadonlySet<string> = new Set(['removed', 'resigned', 'deleted']);
const stillAdministers = (a: AdministratorInfo) => !ENDED.has(statusKind(a.memberStatus) ?? '');

/**
 * The administrator to leave: the one named (by account, by the relationship's reference — Detective's
 * graph ARN — or both), else the only one (several: the caller must name one, a usage error listing
 * them). None left to leave — a leave repeated — is nothing to do (alreadyDone: exit 0, as a repeated
 * accept).
 */
function administratorToLeave(
  side: MemberSide,
  req: { administratorId: string | null; invitationId?: string | null; region: string; service: SecurityService },
  accountId: string,
) {
  const { administratorId, region } = req;
  const reference = req.invitationId ?? null;
  const administrators = side.administrators.filter(stillAdministers);
  const nothingToDo = (message: string) => refusal(message, null, { alreadyDone: true });
  if (administratorId || reference) {
    const named = administrators.filter(
      (a) => (!administratorId || a.accountId === administratorId) && (!reference || a.invitationId === reference),
    );
    const [one, ...more] = named;
    if (one && more.length === 0) return one;
    if (one) throw severalMemberships(req, accountId, named);
    const other = administrators[0];
    // With room for one administrator, naming another than the one it has is a mistake, not a repeat.
    if (other && administratorId && req.service.member.maxAdministrators === 1) {
      throw refusal(
        `${administratorId} is not the administrator of account ${accountId} in ${region}; ${other.accountId} is.`,
      );
    }
    const what = [administratorId, reference].filter(Boolean).join(' ');
    throw nothingToDo(`Account ${accountId} is not a member of ${what} in ${region}: nothing to leave.`);
  }
  if (administrators.length > 1) throw severalMemberships(req, accountId, administrators);
  const only = administrators[0];
  if (!only) throw nothingToDo(`Account ${accountId} has no administrator in ${region}: nothing to leave.`);
  return only;
}

/** Several memberships match what the request named: it must name one (a usage error, listing them). */
function severalMemberships(
  req: { region: string },
  accountId: string,
  administrators: AdministratorInfo[],
): AppErrorException {
  const listed = administrators
    .map((a) => (a.invitationId ? `${a.accountId} (${a.invitationId})` : a.accountId))
    .join(', ');
  return new AppErrorException(
    appError(
      'invalid-request',
      `Account ${accountId} has ${administrators.length} administrators in ${req.region} (${listed}): name the one to leave.`,
      {
        remediation:
          'Name the administrator, and where one administrator is listed twice, its reference (--graph-arn).',
      },
    ),
  );
}

/** The refusal for a membership the organization manages: the account cannot leave it. */
function organizationsManaged(
  short: string,
  accountId: string,
  administratorId: string,
  region: string,
  aws: { awsCode?: string; requestId?: string } = {},
): AppErrorException {
  return new AppErrorException(
    appError(
      'organizations-managed',
      `Account ${accountId} is managed by your organization in ${short} (enrolled through AWS Organizations), so it cannot disassociate itself from ${administratorId} in ${region}.`,
      {
        remediation: `Only the delegated administrator ${administratorId} can remove it: sign in to the Organizations management account or the delegated administrator account ${administratorId} and disassociate the member there.`,
        ...aws,
      },
    ),
  );
}

/**
 * Whether the account's membership of `administratorId` is known to be the organization's: the read
 * says so, or the row last known does (a leave AWS already refused is not sent again).
 */
function knownOrganizationManaged(admin: AdministratorInfo, last: ServiceRow | null, accountId: string): boolean {
  if (admin.viaOrganization) return true;
  if (!last || last.accountId !== accountId) return false;
  return last.administrators.some((a) => sameMembership(a, admin) && a.viaOrganization === true);
}

export async function disassociateFromAdministrator(
  env: ActionEnv,
  req: MemberRequest & { administratorId: string | null; invitationId?: string | null },
): Promise<ActionOutcome> {
  const { service } = req;
  const short = service.about.shortName;
  const key = { service: service.about.id, profile: req.profile, region: req.region };
  if (req.invitationId) service.invitationId.parse(req.invitationId);
  // The membership left, once chosen: the one a lost answer is settled against.
  let left: AdministratorInfo | null = null;
  const result = await memberAction(
    env,
    { ...req, action: 'disassociate', write: 'leave', target: null },
    {
      before: (ctx, identity) =>
        readBefore(ctx, service, () =>
          refusal(
            `${short} is off in ${req.region} for account ${identity.accountId}: there is no administrator to leave.`,
          ),
        ),
      async send(ctx, side, identity, about) {
        const admin = administratorToLeave(side as MemberSide, req, identity.accountId);
        about.administratorId = admin.accountId;
        left = admin;
        const last = await env.rows.lastRow(key);
        if (knownOrganizationManaged(admin, last, identity.accountId)) {
          throw organizationsManaged(short, identity.accountId, admin.accountId, req.region);
        }
        try {
          const sent = await service.member.leave(ctx, side as MemberSide, admin);
          return written(
            sent,
            `Disassociated account ${identity.accountId} from administrator ${admin.accountId} in ${req.region}.`,
            service,
            service.about.operations.leave,
          );
        } catch (error) {
          if (isAppErrorException(error) && isOrganizationsRefusal(error.appError)) {
            // Learnt: the row marks the membership, so the window offers no leave and none is sent again.
            if (last && last.accountId === identity.accountId)
              env.rows.absorbRow(markedOrganization(last, admin), 'action');
            const { awsCode, requestId } = error.appError;
            throw organizationsManaged(short, identity.accountId, admin.accountId, req.region, {
              ...(awsCode ? { awsCode } : {}),
              ...(requestId ? { requestId } : {}),
            });
          }
          throw error;
        }
      },
      applied: (after, identity) =>
        after.administrators.some(
          (a) =>
            stillAdministers(a) &&
            (left
              ? a.accountId === left.accountId && (left.invitationId === null || a.invitationId === left.invitationId)
              : !req.administratorId || a.accountId === req.administratorId),
        )
          ? null
          : settledWork(`Disassociated account ${identity.accountId} from its administrator in ${req.region}.`),
    },
  );
  return outcomeOf(result);
}

/** The row with this administrator marked as the organization's. */
function markedOrganization(row: ServiceRow, admin: AdministratorInfo): ServiceRow {
  return {
    ...row,
    administrators: row.administrators.map((a) => (sameMembership(a, admin) ? { ...a, viaOrganization: true } : a)),
  };
}

/** The same membership: the same administrator and, where both name one, the same reference. */
function sameMembership(a: AdministratorInfo, b: AdministratorInfo): boolean {
  return (
    a.accountId === b.accountId &&
    (a.invitationId === null || b.invitationId === null || a.invitationId === b.invitationId)
  );
}
