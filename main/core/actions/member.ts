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
import { holdsMembership } from '../../domain/statuses';
import type { ActionOutcome } from '../../domain/types';
import type { Called } from '../aws/call';
import type { Identity } from '../aws/identity';
import { carryLearnt } from '../rows/learnt';
import { emptyRow } from '../rows/read-row';
import { errorOfRead, memberSideOf, reread } from '../services/row-parts';
import { MEMBER_SIDE, type MemberSide, type MemberWrite, type SecurityService } from '../services/service';
import { type AcceptRequest, chooseInvitation } from './accept-choice';
import {
  type ActionAbout,
  type ActionEnv,
  type ActionWork,
  performAction,
  refusal,
  type ServiceWriteContext,
} from './frame';
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
    return memberSideOf(await service.member.read(ctx, MEMBER_SIDE));
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
export function memberAction(
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
): Promise<{ work: ActionWork<Sides>; row: ServiceRow }> {
  const { service } = req;
  const about: ActionAbout = { administratorId: req.administratorId };
  const changed = service.member.changes[req.write];
  const readAfter = async (ctx: ServiceWriteContext, before: MemberSide | null) =>
    reread(before ?? memberSideOf(NOTHING_READ), await service.member.read(ctx, changed));
  let sideBefore: MemberSide | null = null;
  return performAction<Sides>(env, {
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
      const after = await readAfter(ctx, sideBefore);
      const done = steps.applied(after, identity);
      return done && { ...done, value: { before: sideBefore, after } };
    },
    async rowAfter(ctx, identity, done) {
      const { before } = done.value;
      const last = await env.rows.lastRow({ service: service.about.id, profile: req.profile, region: req.region });
      if (done.value.after) return rowWithMemberSide(env, last, req, identity, done.value.after, []);
      try {
        return rowWithMemberSide(env, last, req, identity, await readAfter(ctx, before), []);
      } catch (error) {
        // The write went through; the row says which part could not be read again.
        const failed = changed.map((part) => ({ part: ROW_PART[part], error: errorOfRead(error) }));
        return rowWithMemberSide(env, last, req, identity, before ?? memberSideOf(NOTHING_READ), failed);
      }
    },
  });
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

export function outcomeOf(result: { work: ActionWork<unknown>; row: ServiceRow }): ActionOutcome {
  const { work, row } = result;
  return { row, message: work.message, usedDeprecated: work.usedDeprecated, requestId: work.requestId };
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
                `Enable ${short} in ${req.region} first, then try again.`,
                { awsCode: 'InvalidAccessException' },
              ),
            ),
      async send(ctx, side, identity, about) {
        const invitationId = chooseInvitation(req, side, identity.accountId);
        if (side?.off) turnedOn = `Turned ${short} on in ${req.region} (${service.about.operations['turn-on']}). `;
        about.invitationId = invitationId;
        const sent = await service.member.accept(
          ctx,
          side as MemberSide,
          { administratorId: req.administratorId, invitationId },
          { turnOn: req.turnOn === true },
        );
        return written(sent, turnedOn + accepted, service, service.about.operations.accept);
      },
      applied: (after) =>
        after.administrators.some((a) => a.accountId === req.administratorId && holdsMembership(a.memberStatus))
          ? settledWork(turnedOn + accepted)
          : null,
    },
  );
  return outcomeOf(result);
}

export async function declineInvitation(
  env: ActionEnv,
  req: MemberRequest & { administratorId: string },
  handed?: MemberSide,
): Promise<ActionOutcome> {
  const { service } = req;
  const short = service.about.shortName;
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
            `Leave the invitation unanswered (it has no effect while ${short} is off), or enable ${short} in ${req.region}, decline, and disable it again.`,
            { awsCode: 'InvalidAccessException' },
          ),
        ).catch((error: unknown) => {
          // IAM may deny the reads and still allow the decline: try it, with nothing known.
          if (isAppErrorException(error) && error.appError.kind === 'access-denied') return null;
          throw error;
        });
      },
      async send(ctx, side, identity) {
        if (side) {
          const current = side.administrators.find(
            (a) => a.accountId === req.administratorId && holdsMembership(a.memberStatus),
          );
          if (current) {
            throw refusal(
              `${req.administratorId} is the current administrator of ${identity.accountId} in ${req.region}; its invitation was already accepted.`,
              'Disassociate from the administrator instead.',
            );
          }
          if (!side.pending.some((i) => i.accountId === req.administratorId)) {
            throw refusal(
              `There is no pending invitation from ${req.administratorId} in ${req.region}.`,
              'Read the row again to see its current state.',
            );
          }
        }
        const sent = await service.member.decline(ctx, side ?? memberSideOf(NOTHING_READ), req.administratorId);
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
        after.pending.some((i) => i.accountId === req.administratorId) ? null : settledWork(declined),
    },
  );
  return outcomeOf(result);
}
