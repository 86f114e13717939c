/**
 * The handshake across two local profiles, for one service: the administrator's profile adds the
 * member account (the service's CreateMembers, when it is not a member yet) and invites it; the
 * member's profile finds the invitation and accepts it — region by region.
 *
 * Each region's state is read before anything is done, so a step already done is skipped and a
 * second run resumes where the first stopped. The first failure stops the whole run: the steps
 * after it are reported as not run. Every write goes through the ordinary actions (read-only mode,
 * refusals, activity log); the run adds one summary entry. A `handshake-progress` event follows
 * every step.
 */

import { randomUUID } from 'node:crypto';
import { type AppError, AppErrorException, appError, errorOfLogged } from '../../domain/errors';
import type { MemberInfo } from '../../domain/row';
import { hasMemberStatus, holdsMembership, memberOfStatus, statusKind } from '../../domain/statuses';
import {
  type ActivityOutcome,
  type BatchOutcome,
  HANDSHAKE_STEPS,
  type HandshakeResult,
  type HandshakeStep,
  type HandshakeStepName,
} from '../../domain/types';
import type { BulkEnv } from '../actions/bulk';
import { actionRunner, readOnlyError, readRowNow, serviceContextFor, stsRegionFor } from '../actions/frame';
import { acceptInvitation } from '../actions/member';
import { createIdentityResolver, type IdentityResult } from '../aws/identity';
import { memberSideOf } from '../services/row-parts';
import { MEMBER_SIDE, type MemberSide, type SecurityService } from '../services/service';
import { recordActivity } from '../storage/activity';
import { memberBatch } from './members';

export interface HandshakeRequest {
  service: SecurityService;
  administratorProfile: string;
  memberProfile: string;
  regions: string[];
  /** The member account's e-mail address, where the service adds members only with one (GuardDuty). */
  memberEmail?: string | undefined;
}

/** Member statuses that mean "already created by this administrator": no CreateMembers needed. */
const CREATED = ['created', 'invited', 'enabled', 'associated'];
/** CreateMembers' answer for an account that is already a member (wording quoted in aws-samples/aws-secure-environment-accelerator#814). */
const ALREADY_MEMBER = /already a member or associated member/i;

class StepFailure extends Error {
  constructor(
    readonly step: HandshakeStepName,
    readonly error: AppError,
  ) {
    super(error.message);
  }
}

const errorOfStep = (error: unknown) => errorOfLogged(error, 'Handshake step failed');

function refused(message: string, remediation: string | null = null): AppError {
  return appError('refused', message, { remediation });
}

/** The steps reported so far, each also sent as a `handshake-progress` event. */
interface StepLog {
  steps: HandshakeStep[];
  push(step: HandshakeStep): void;
  /** Marks `failedStep` of `region` failed and every step not reached yet (all regions) not run. */
  stopAt(region: string, failedStep: HandshakeStepName, error: AppError): void;
  /** The step a region was at when something unexpected failed. */
  currentStep(region: string): HandshakeStepName;
}

function createStepLog(env: BulkEnv, regions: string[]): StepLog {
  const handshakeId = randomUUID();
  const steps: HandshakeStep[] = [];
  const push = (step: HandshakeStep) => {
    steps.push(step);
    env.emit({ type: 'handshake-progress', handshakeId, step });
  };
  return {
    steps,
    push,
    stopAt(region, failedStep, error) {
      push({ region, step: failedStep, status: 'failed', message: error.message, error });
      for (const r of regions.slice(regions.indexOf(region))) {
        for (const step of HANDSHAKE_STEPS) {
          if (steps.some((s) => s.region === r && s.step === step)) continue;
          push({ region: r, step, status: 'not-run', message: 'Not run: an earlier step failed.' });
        }
      }
    },
    currentStep(region) {
      const doneHere = steps.filter((s) => s.region === region).length;
      return HANDSHAKE_STEPS[Math.min(doneHere, HANDSHAKE_STEPS.length - 1)] as HandshakeStepName;
    },
  };
}

/** Both accounts of one handshake, known once both profiles were read. */
interface Handshake {
  env: BulkEnv;
  service: SecurityService;
  adminProfile: string;
  memberProfile: string;
  admin: string;
  member: string;
  memberEmail: string | null;
  log: StepLog;
}

export async function runHandshake(env: BulkEnv, req: HandshakeRequest): Promise<HandshakeResult> {
  const regions = [...new Set(req.regions)];
  const { administratorProfile: adminProfile, memberProfile } = req;
  const log = createStepLog(env, regions);
  const service = req.service;
  const logSummary = (outcome: ActivityOutcome, detail: string, accountId: string | null) =>
    recordActivity(env.activity, {
      service: service.about.id,
      profile: adminProfile,
      accountId,
      region: regions.join(','),
      action: 'handshake',
      target: memberProfile,
      outcome,
      detail,
      requestId: null,
    });

  if (env.settings().readOnly) {
    const error = readOnlyError();
    await logSummary('refused', error.appError.message, null);
    throw error;
  }
  if (adminProfile === memberProfile) {
    throw new AppErrorException(refused('The administrator and the member must be two different profiles.'));
  }

  const firstRegion = regions[0] as string;
  const [adminId, memberId] = await identitiesOf(env, [adminProfile, memberProfile] as const, firstRegion);
  if (!adminId.ok || !memberId.ok) {
    const error = !adminId.ok ? adminId.error : (memberId as { ok: false; error: AppError }).error;
    const which = !adminId.ok ? adminProfile : memberProfile;
    log.stopAt(firstRegion, 'create', { ...error, message: `Profile ${which}: ${error.message}` });
    await logSummary('failed', `Profile ${which}: ${error.message}`, adminId.ok ? adminId.identity.accountId : null);
    return {
      service: service.about.id,
      administratorAccountId: adminId.ok ? adminId.identity.accountId : null,
      memberAccountId: memberId.ok ? memberId.identity.accountId : null,
      steps: log.steps,
    };
  }
  const hs: Handshake = {
    env,
    service,
    adminProfile,
    memberProfile,
    admin: adminId.identity.accountId,
    member: memberId.identity.accountId,
    memberEmail: req.memberEmail ?? null,
    log,
  };
  if (hs.admin === hs.member) {
    throw new AppErrorException(
      refused(
        `Profiles ${adminProfile} and ${memberProfile} are the same account (${hs.admin}): it cannot be its own member.`,
      ),
    );
  }

  for (const region of regions) {
    try {
      await handshakeRegion(hs, region);
    } catch (error) {
      const failure =
        error instanceof StepFailure ? error : new StepFailure(log.currentStep(region), errorOfStep(error));
      log.stopAt(region, failure.step, failure.error);
      break;
    }
  }

  const failed = log.steps.find((s) => s.status === 'failed');
  const doneCount = log.steps.filter((s) => s.status === 'done').length;
  const detail = failed
    ? `Stopped in ${failed.region} at ${failed.step}: ${failed.message}`
    : `${hs.member} is an Enabled member of ${hs.admin} in ${regions.join(', ')} (${doneCount} steps done, the rest already so).`;
  // Every step already so: nothing was done, as the command reports it.
  const outcome: ActivityOutcome = failed
    ? failed.error?.kind === 'refused'
      ? 'refused'
      : 'failed'
    : doneCount === 0
      ? 'already-done'
      : 'succeeded';
  await logSummary(outcome, detail, hs.admin);
  return { service: service.about.id, administratorAccountId: hs.admin, memberAccountId: hs.member, steps: log.steps };
}

/** Who each profile is: one STS call per profile, in parallel. */
async function identitiesOf(
  env: BulkEnv,
  profiles: readonly [string, string],
  region: string,
): Promise<[IdentityResult, IdentityResult]> {
  const resolver = createIdentityResolver((p, r) => env.clients.sts(p, r), env.identities);
  const who = async (profile: string) =>
    resolver.resolve(profile, await stsRegionFor(env, profile, region), actionRunner(env, `sts:${profile}`));
  return Promise.all([who(profiles[0]), who(profiles[1])]);
}

/** One region: read both sides, then create, invite and accept what is not done yet. */
async function handshakeRegion(hs: Handshake, region: string): Promise<void> {
  const side = await readMemberSideFor(hs, region);
  // A Paused membership (Macie suspended in the member) still has its administrator.
  const heldAdmins = side.administrators.filter((a) => holdsMembership(a.memberStatus));
  const same = heldAdmins.find((a) => a.accountId === hs.admin);
  if (same) {
    for (const step of HANDSHAKE_STEPS) {
      hs.log.push({
        region,
        step,
        status: 'skipped',
        message: `${hs.member} is already ${memberOfStatus(same.memberStatus)} of ${hs.admin}.`,
      });
    }
    return;
  }
  const current = heldAdmins[0];
  if (current && heldAdmins.length >= hs.service.member.maxAdministrators) {
    throw new StepFailure(
      'create',
      refused(
        `${hs.member} already has an administrator in ${region} (${current.accountId}); an account can have only one.`,
        `Disassociate ${hs.member} from ${current.accountId} first.`,
      ),
    );
  }
  const record = await readMemberRecord(hs, region);
  if (hasMemberStatus(record?.memberStatus, 'suspended')) {
    // AWS never invites a suspended account (research F10): said, not sent.
    throw new StepFailure(
      'create',
      refused(`${hs.member} is AccountSuspended for ${hs.admin} in ${region}: account suspended, not invited.`),
    );
  }
  const created = await createStep(hs, region, record);
  if (created === 'suspended') {
    throw new StepFailure(
      'invite',
      refused(`${hs.member} came back AccountSuspended from ${hs.admin} in ${region}: account suspended, not invited.`),
    );
  }
  if (created === 'enabled') {
    // The delegated administrator's CreateMembers made the organization account a member at once
    // (the CreateMembers documentation, research F6): there is no invitation to send or accept.
    for (const step of ['invite', 'accept'] as const) {
      hs.log.push({
        region,
        step,
        status: 'skipped',
        message: `${hs.member} was enabled at once through AWS Organizations: no invitation.`,
      });
    }
    return;
  }
  await inviteStep(hs, region, record, side);
  await acceptStep(hs, region);
}

function readMemberSide(hs: Handshake, region: string): Promise<MemberSide> {
  const ctx = serviceContextFor(hs.env, hs.service, hs.memberProfile, region, hs.member);
  return hs.service.member.read(ctx, MEMBER_SIDE).then(memberSideOf);
}

/** Read first: what is already done is skipped, what AWS would refuse is not tried. */
async function readMemberSideFor(hs: Handshake, region: string): Promise<MemberSide> {
  const short = hs.service.about.shortName;
  const off = (e: AppError): AppError => ({
    ...e,
    message: `${short} is off in ${region} for the member account ${hs.member}: it could not accept, so nothing was started there.`,
    // AWS's name: an instruction to turn on a billed service must not be read as the new AWS Security Hub.
    remediation: `Enable ${hs.service.about.name} in ${region} with profile ${hs.memberProfile}, then run the handshake again.`,
  });
  const side = await readMemberSide(hs, region).catch((error: unknown) => {
    const e = errorOfStep(error);
    throw new StepFailure(
      'create',
      e.kind === 'service-off'
        ? off(e)
        : { ...e, message: `Reading the member side (${hs.memberProfile}) failed: ${e.message}` },
    );
  });
  // Off with its invitations readable (GuardDuty without a detector): accepting would turn it on, billed.
  if (side.off) throw new StepFailure('create', off(appError('service-off', '')));
  return side;
}

/** The administrator's record of the member, or null when it is not a member. */
async function readMemberRecord(hs: Handshake, region: string): Promise<MemberInfo | null> {
  const ctx = serviceContextFor(hs.env, hs.service, hs.adminProfile, region, hs.admin);
  try {
    return (await hs.service.admin.getMembers(ctx, [hs.member])).members.find((m) => m.accountId === hs.member) ?? null;
  } catch (error) {
    const e = errorOfStep(error);
    throw new StepFailure('create', {
      ...e,
      message: `Reading the administrator side (${hs.adminProfile}) failed: ${e.message}`,
    });
  }
}

/**
 * Adds the member when it is not one yet. Returns the status CreateMembers left where that settles
 * the region: Enabled at once (an organization account of the delegated administrator) or
 * AccountSuspended; null where an invitation comes next.
 */
async function createStep(
  hs: Handshake,
  region: string,
  record: MemberInfo | null,
): Promise<'enabled' | 'suspended' | null> {
  if (record && CREATED.some((status) => hasMemberStatus(record.memberStatus, status))) {
    hs.log.push({
      region,
      step: 'create',
      status: 'skipped',
      message: `${hs.member} is already a member of ${hs.admin} (${record.memberStatus}).`,
    });
    return null;
  }
  if (hs.service.about.membersNeedEmail && !hs.memberEmail) {
    throw new StepFailure(
      'create',
      refused(
        `${hs.service.about.shortName} adds ${hs.member} as a member only with its e-mail address (the address of its root user), and none was given.`,
        'Give the member account’s e-mail address (command line: --email), then run the handshake again.',
      ),
    );
  }
  // What CreateMembers did, from the row it re-read: Enabled means enrolled through Organizations.
  const after = (outcome: BatchOutcome) =>
    statusKind(outcome.row?.members?.find((m) => m.accountId === hs.member)?.memberStatus);
  const outcome = await batchStep(hs, region, 'create', 'create-members', (done) =>
    after(done) === 'enabled'
      ? `Added ${hs.member} as a member of ${hs.admin}: enabled at once through AWS Organizations (${hs.service.about.shortName} turned on there where it was off).`
      : `Added ${hs.member} as a member of ${hs.admin}.`,
  );
  const kind = outcome && after(outcome);
  return kind === 'enabled' || kind === 'suspended' ? kind : null;
}

async function inviteStep(hs: Handshake, region: string, record: MemberInfo | null, side: MemberSide): Promise<void> {
  const pending = side.pending.find((i) => i.accountId === hs.admin);
  if (hasMemberStatus(record?.memberStatus, 'invited') && pending) {
    hs.log.push({
      region,
      step: 'invite',
      status: 'skipped',
      message: `${hs.admin} already invited ${hs.member} (invitation ${pending.invitationId}).`,
    });
    return;
  }
  await batchStep(hs, region, 'invite', 'invite-members', () => `Invited ${hs.member}.`);
}

/** Finds the invitation as the member sees it now, and accepts it. */
async function acceptStep(hs: Handshake, region: string): Promise<void> {
  const now = await readMemberSide(hs, region).catch((error: unknown) => {
    throw new StepFailure('accept', errorOfStep(error));
  });
  const invitation = now.pending.find((i) => i.accountId === hs.admin);
  if (!invitation) {
    throw new StepFailure(
      'accept',
      appError('not-found', `No invitation from ${hs.admin} reached ${hs.member} in ${region}.`, { retryable: true }),
    );
  }
  try {
    // The side just read is handed over: the accept reads nothing more before its write.
    const outcome = await acceptInvitation(
      hs.env,
      {
        service: hs.service,
        profile: hs.memberProfile,
        region,
        administratorId: hs.admin,
        invitationId: invitation.invitationId,
        // The person chose this administrator's own profile for the handshake: it is trusted (and said so).
        trustAdministrator: true,
      },
      now,
    );
    hs.log.push({ region, step: 'accept', status: 'done', message: outcome.message });
  } catch (error) {
    throw new StepFailure('accept', errorOfStep(error));
  }
  // The accept re-read the member's row; the administrator's row still lists the member as Invited.
  // Re-read it too, so the stored rows match and the next refresh does not report the user's own
  // handshake as news. A failed re-read leaves that to the next refresh; the handshake itself is done.
  await readRowNow(hs.env, hs.service, hs.adminProfile, region).catch(() => undefined);
}

async function batchStep(
  hs: Handshake,
  region: string,
  step: HandshakeStepName,
  batch: 'create-members' | 'invite-members',
  message: (outcome: BatchOutcome) => string,
): Promise<BatchOutcome | null> {
  const operation = hs.service.about.operations[batch];
  let outcome: BatchOutcome;
  try {
    outcome = await memberBatch(hs.env, batch, {
      service: hs.service,
      profile: hs.adminProfile,
      region,
      accounts: [{ accountId: hs.member, ...(hs.memberEmail ? { email: hs.memberEmail } : {}) }],
    });
  } catch (error) {
    throw new StepFailure(step, errorOfStep(error));
  }
  const left = outcome.unprocessed.find((u) => u.accountId === hs.member);
  if (left && batch === 'create-members' && ALREADY_MEMBER.test(left.reason)) {
    // Created since it was read (or by another tool): go on and invite, as AWS allows.
    hs.log.push({ region, step, status: 'skipped', message: `${hs.member} is already a member of ${hs.admin}.` });
    return null;
  }
  if (left) {
    throw new StepFailure(
      step,
      appError('conflict', `AWS did not process ${hs.member} (${operation}): ${left.reason}`),
    );
  }
  hs.log.push({ region, step, status: 'done', message: message(outcome) });
  return outcome;
}
