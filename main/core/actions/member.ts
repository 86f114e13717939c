/**
 * Member-side actions of any service: accept an invitation, decline one (leaving the administrator
 * is leave.ts, on the same frame).
 *
 * One read, one decision per action: the member side is read once (or handed over by a bulk answer
 * that has just read it), what AWS would refuse is refused with the reason, the write is sent once,
 * and the only other read is of the part the write changes (an accept's or a leave's administrator,
 * a decline's invitations) — which also settles a write whose answer was lost. The row after the
 * action is the account's last known row with its member side as read now; what a member-side write
 * cannot change (the account's own members) is not read again.
 */
import { AppErrorException, appError, isAppErrorException } from '../../domain/errors';
import type { ServiceRow } from '../../domain/row';
import { administeredMembers } from '../../domain/row-rules';
import { holdsMembership } from '../../domain/statuses';
import type { ActionOutcome } from '../../domain/types';
import type { Called } from '../aws/call';
import type { Identity } from '../aws/identity';
import { carryLearnt } from '../rows/learnt';
import { emptyRow } from '../rows/read-row';
import { errorOfRead, memberSideOf, reread } from '../services/row-parts';
import { MEMBER_SIDE, type MemberSide, type MemberWrite, type SecurityService } from '../services/service';
import { type AcceptRequest, chooseInvitation, refuseAdministrator, severalPending } from './accept-choice';
import {
  type ActionAbout,
  type ActionEnv,
  type ActionWork,
  performAction,
  refusal,
  type ServiceWriteContext,
} from './frame';
import { DEFAULT_PACE, NOT_SHOWN_YET, readUntilShown } from './settling';
import { acceptTrust, requireTrust } from './trust-check';

export type { AcceptRequest } from './accept-choice';

/** The sides before and after the write; `after` once it has been read (a lost answer settled). */
interface Sides {
  /** Null when IAM denied the read (a decline may still be allowed). */
  before: MemberSide | null;
  after: MemberSide | null;
}

/** What a write's step reports (the frame's ActionWork without its value). */
type Done = Omit<ActionWork<unknown>, 'value'>;

export interface MemberRequest {
  service: SecurityService;
  profile: string;
  region: string;
}

/** Which row part each member-side part is, for a re-read that failed. */
const ROW_PART = { administrators: 'administrator', invitations: 'invitations' } as const;

function deprecatedNote(iamPrefix: string, oldOperation: string, newOperation: string): string {
  return ` IAM denied ${iamPrefix}:${newOperation}, so the deprecated ${oldOperation} was used; grant ${iamPrefix}:${newOperation} to stop relying on the old name.`;
}

/** The member side read once before the write; the service off is a refusal saying what AWS would answer. */
export async function readBefore(
  ctx: ServiceWriteContext,
  service: SecurityService,
  offRefusal: () => AppErrorException,
): Promise<MemberSide> {
  try {
    return memberSideOf(await service.member.read(ctx, MEMBER_SIDE), service.member.maxAdministrators);
  } catch (error) {
    if (isAppErrorException(error) && error.appError.kind === 'service-off') throw offRefusal();
    throw error;
  }
}

/**
 * A member-side action: `before` reads (or is handed) the member side, `send` refuses what AWS would
 * refuse and writes once, `applied` tells from the re-read part whether a write whose answer was
 * lost went through.
 */
export async function memberAction(
  env: ActionEnv,
  req: MemberRequest & {
    action: 'accept' | 'decline' | 'disassociate';
    write: MemberWrite;
    target: string | null;
    administratorId: string | null;
  },
  steps: {
    /** Refuses before any AWS call (an administrator outside the trusted list). */
    precheck?(): Promise<void>;
    before(ctx: ServiceWriteContext, identity: Identity): Promise<MemberSide | null>;
    /** `about` is what the activity entry names: `send` fills in what it decides (the invitation, the administrator). */
    send(ctx: ServiceWriteContext, side: MemberSide | null, identity: Identity, about: ActionAbout): Promise<Done>;
    applied(after: MemberSide, identity: Identity): Done | null;
  },
): Promise<{ work: ActionWork<Sides> & { settling?: boolean }; row: ServiceRow }> {
  const { service } = req;
  const about: ActionAbout = { administratorId: req.administratorId };
  const changed = service.member.changes[req.write];
  const max = service.member.maxAdministrators;
  const readAfter = async (ctx: ServiceWriteContext, before: MemberSide | null) =>
    reread(before ?? memberSideOf(NOTHING_READ), await service.member.read(ctx, changed), max);
  let sideBefore: MemberSide | null = null;
  const pace = env.settlePace ?? DEFAULT_PACE;
  const result = await performAction<Sides>(env, {
    target: { action: req.action, service, profile: req.profile, region: req.region, target: req.target },
    ...(steps.precheck ? { precheck: steps.precheck } : {}),
    about: () => about,
    async work(ctx, identity) {
      const before = await steps.before(ctx, identity);
      sideBefore = before;
      const done = await steps.send(ctx, before, identity, about);
      return { ...done, value: { before, after: null } };
    },
    async settle(ctx, identity) {
      // A lost answer: read until the change shows or the bound passes, as after any write.
      const { value: after } = await readUntilShown(
        () => readAfter(ctx, sideBefore),
        (side) => steps.applied(side, identity) !== null,
        pace,
      );
      const done = steps.applied(after, identity);
      return done && { ...done, value: { before: sideBefore, after } };
    },
    async rowAfter(ctx, identity, done) {
      const { before } = done.value;
      const last = await env.rows.lastRow({ service: service.about.id, profile: req.profile, region: req.region });
      if (done.value.after) return rowWithMemberSide(env, last, req, identity, done.value.after, []);
      try {
        // AWS took the write; its reads may show it only later (settling.ts). Never sent again.
        const read = await readUntilShown(
          () => readAfter(ctx, before),
          (side) => steps.applied(side, identity) !== null,
          pace,
        );
        const row = rowWithMemberSide(env, last, req, identity, read.value, []);
        return read.shown ? row : { ...row, settling: true };
      } catch (error) {
        // The write went through; the row says which part could not be read again.
        const failed = changed.map((part) => ({ part: ROW_PART[part], error: errorOfRead(error) }));
        return rowWithMemberSide(env, last, req, identity, before ?? memberSideOf(NOTHING_READ), failed);
      }
    },
  });
  // The row says so (a joined identical action gets the same row): the answer says it too.
  if (!result.row.settling) return result;
  return { ...result, work: { ...result.work, message: `${result.work.message} ${NOT_SHOWN_YET}`, settling: true } };
}

const NOTHING_READ = {
  administrators: null,
  invitations: null,
  off: false,
  notes: [],
  usedDeprecated: false,
  carry: {},
};

/**
 * The row after a member-side action: the account's member side as just read, and the rest (its
 * members as an administrator, with their read's error) from the row last known for the key.
 */
function rowWithMemberSide(
  env: ActionEnv,
  last: ServiceRow | null,
  req: MemberRequest,
  identity: Identity,
  side: MemberSide,
  failed: ServiceRow['partialErrors'],
): ServiceRow {
  const same = last !== null && last.accountId === identity.accountId;
  const row: ServiceRow = {
    ...emptyRow(req.service.about.id, req.profile, req.region, env.clock),
    accountId: identity.accountId,
    arn: identity.arn,
    // A service off whose invitations are read (GuardDuty without a detector) stays off after a decline.
    state: side.off ? 'off' : 'on',
    administrators: side.administrators,
    pendingInvitations: side.pending,
    members: same ? last.members : null,
    partialErrors: [...failed, ...(same ? last.partialErrors.filter((p) => p.part === 'members') : [])],
    notes: side.notes,
  };
  return carryLearnt(row, last, env.clock());
}

/** The work of a write whose lost answer the re-read state settled as done (no request id came back). */
export function settledWork(message: string): Done {
  return { usedDeprecated: false, requestId: null, message };
}

export function outcomeOf(result: {
  work: ActionWork<unknown> & { settling?: boolean };
  row: ServiceRow;
}): ActionOutcome {
  const { work, row } = result;
  return {
    row,
    message: work.message,
    usedDeprecated: work.usedDeprecated,
    requestId: work.requestId,
    ...(work.settling ? { settling: true } : {}),
  };
}

export function written(
  result: Called<unknown>,
  message: string,
  service: SecurityService,
  newOperation: string,
): Done {
  return {
    usedDeprecated: result.usedDeprecated,
    requestId: result.requestId,
    message: message + (result.usedDeprecated ? deprecatedNote(service.iamPrefix, result.operation, newOperation) : ''),
  };
}

/** `handed`: the member side a bulk answer has just read (no second read). */
export async function acceptInvitation(
  env: ActionEnv,
  req: AcceptRequest,
  handed?: MemberSide,
): Promise<ActionOutcome> {
  const { service } = req;
  const short = service.about.shortName;
  if (req.invitationId !== null) service.invitationId.parse(req.invitationId);
  const accepted = `Accepted the invitation from ${req.administratorId} in ${req.region}.`;
  // Set once the write starts on a service that is off: its message says the service was turned on.
  let turnedOn = '';
  // The invitation the send chose: the one a lost answer is settled against.
  let chosen: string | null = null;
  const result = await memberAction(
    env,
    { ...req, action: 'accept', write: 'accept', target: req.administratorId },
    {
      precheck: () => requireTrust(env, acceptTrust(req)),
      before: (ctx, identity) =>
        handed
          ? Promise.resolve(handed)
          : readBefore(ctx, service, () =>
              // The AWS code stays on the refusal so the window can offer to turn the service on.
              refusal(
                `${short} is off in ${req.region} for account ${identity.accountId}, and AWS refuses to accept an invitation there.`,
                // AWS's name: turning on a billed service must not be read as the new AWS Security Hub.
                `Enable ${service.about.name} in ${req.region} first, then try again.`,
                { awsCode: 'InvalidAccessException' },
              ),
            ),
      async send(ctx, side, identity, about) {
        // The account's members as last read (the accept's own read is of the member side only).
        const last = await env.rows.lastRow({ service: service.about.id, profile: req.profile, region: req.region });
        refuseAdministrator(
          req,
          last && { accountId: last.accountId, members: administeredMembers(last) },
          identity.accountId,
        );
        const invitationId = chooseInvitation(req, side, identity.accountId);
        if (side?.off) turnedOn = `Turned ${short} on in ${req.region} (${service.about.operations['turn-on']}). `;
        about.invitationId = invitationId;
        chosen = invitationId;
        const sent = await service.member.accept(
          ctx,
          side as MemberSide,
          { administratorId: req.administratorId, invitationId },
          { turnOn: req.turnOn === true },
        );
        return written(sent, turnedOn + accepted, service, service.about.operations.accept);
      },
      applied: (after) =>
        after.administrators.some(
          (a) =>
            a.accountId === req.administratorId &&
            holdsMembership(a.memberStatus) &&
            // Where one administrator may stand behind several invitations, the one accepted.
            (service.member.maxAdministrators === 1 || chosen === null || a.invitationId === chosen),
        )
          ? settledWork(turnedOn + accepted)
          : null,
    },
  );
  return outcomeOf(result);
}

export interface DeclineRequest extends MemberRequest {
  administratorId: string;
  /** The service's reference to the invitation; absent: the administrator's only pending one. */
  invitationId?: string | null;
}

/**
 * The invitation to decline, from the side read before: the one named, else the administrator's only
 * pending one; refused where AWS would refuse (already accepted, none pending), and a request naming
 * no invitation where the administrator has several pending (one per behavior graph) is the
 * caller's to complete.
 */
function invitationToDecline(req: DeclineRequest, side: MemberSide, accountId: string): string | null {
  const named = req.invitationId ?? null;
  const fromAdmin = side.pending.filter(
    (i) => i.accountId === req.administratorId && (named === null || i.invitationId === named),
  );
  const [only, ...more] = fromAdmin;
  if (!only) {
    const current = side.administrators.some(
      (a) =>
        a.accountId === req.administratorId &&
        holdsMembership(a.memberStatus) &&
        (named === null || a.invitationId === null || a.invitationId === named),
    );
    if (current) {
      throw refusal(
        `${req.administratorId} is the current administrator of ${accountId} in ${req.region}; its invitation was already accepted.`,
        'Disassociate from the administrator instead.',
      );
    }
    throw refusal(
      `There is no pending invitation from ${req.administratorId} in ${req.region}${named ? ` (${named})` : ''}.`,
      'Read the row again to see its current state.',
    );
  }
  if (more.length > 0)
    throw severalPending(
      req,
      fromAdmin.map((i) => i.invitationId),
      'decline',
    );
  return named ?? only.invitationId;
}

export async function declineInvitation(
  env: ActionEnv,
  req: DeclineRequest,
  handed?: MemberSide,
): Promise<ActionOutcome> {
  const { service } = req;
  const short = service.about.shortName;
  if (req.invitationId) service.invitationId.parse(req.invitationId);
  // The invitation declined, once known (named, or the administrator's only pending one).
  let chosen: string | null = req.invitationId ?? null;
  const declined = `Declined the invitation from ${req.administratorId} in ${req.region}.`;
  const result = await memberAction(
    env,
    { ...req, action: 'decline', write: 'decline', target: req.administratorId },
    {
      async before(ctx, identity) {
        if (handed) return handed;
        return readBefore(ctx, service, () =>
          // The user guide: declining needs the service on in that region, so say so before trying.
          refusal(
            `${short} is off in ${req.region} for account ${identity.accountId}, and AWS takes a decline only where it is on.`,
            `Leave the invitation unanswered (it has no effect while ${short} is off), or enable ${service.about.name} in ${req.region}, decline, and disable it again.`,
            { awsCode: 'InvalidAccessException' },
          ),
        ).catch((error: unknown) => {
          // IAM may deny the reads and still allow the decline: try it, with nothing known.
          if (isAppErrorException(error) && error.appError.kind === 'access-denied') return null;
          throw error;
        });
      },
      async send(ctx, side, identity, about) {
        chosen = side ? invitationToDecline(req, side, identity.accountId) : (req.invitationId ?? null);
        about.invitationId = chosen;
        const sent = await service.member.decline(ctx, side ?? memberSideOf(NOTHING_READ), req.administratorId, chosen);
        if (sent.value.length > 0) {
          const reason = sent.value.map((u) => `${u.accountId}: ${u.reason}`).join('; ');
          throw new AppErrorException(
            appError('conflict', `AWS did not decline the invitation from ${req.administratorId}: ${reason}.`, {
              ...(sent.requestId ? { requestId: sent.requestId } : {}),
            }),
          );
        }
        return written(sent, declined, service, service.about.operations.decline);
      },
      applied: (after) =>
        after.pending.some((i) => i.accountId === req.administratorId && (chosen === null || i.invitationId === chosen))
          ? null
          : settledWork(declined),
    },
  );
  return outcomeOf(result);
}
